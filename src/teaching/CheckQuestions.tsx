/**
 * Multiple-choice check questions. The student picks an option and presses
 * "Check answer"; the feedback on that option shows until the pick changes.
 * Grading only on the button keeps arrow keys, which move through a radio
 * group and select as they go, from announcing a verdict for every option.
 */
import { useId, useState } from 'react';
import type { CheckQuestion } from './types';

function QuestionCard({ question, number }: { question: CheckQuestion; number: number }) {
  const name = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const option = question.options.find((candidate) => candidate.id === checked);
  let feedbackClass = 'feedback';
  if (option) {
    feedbackClass = option.correct ? 'feedback correct' : 'feedback incorrect';
  }

  return (
    <li className="question-card">
      <fieldset>
        <legend>
          {number}. {question.question}
        </legend>
        {question.options.map((candidate) => (
          <label key={candidate.id} className="choice">
            <input
              type="radio"
              name={name}
              value={candidate.id}
              checked={picked === candidate.id}
              onChange={() => {
                setPicked(candidate.id);
                setChecked(null);
              }}
            />
            {candidate.label}
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={() => setChecked(picked)} disabled={picked === null}>
        Check answer
      </button>
      <p aria-live="polite" className={feedbackClass}>
        {option && (
          <>
            <strong>{option.correct ? 'Correct.' : 'Not quite.'}</strong> {option.feedback}
          </>
        )}
      </p>
    </li>
  );
}

export function CheckQuestions({ questions }: { questions: readonly CheckQuestion[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="check-questions">
      <h2 id={headingId}>Check your understanding</h2>
      <ol>
        {questions.map((question, index) => (
          <QuestionCard key={question.id} question={question} number={index + 1} />
        ))}
      </ol>
    </section>
  );
}
