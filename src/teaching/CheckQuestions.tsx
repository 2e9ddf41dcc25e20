/** Multiple-choice check questions with immediate feedback on the option picked. */
import { useId, useState } from 'react';
import type { CheckQuestion } from './types';

function QuestionCard({ question, number }: { question: CheckQuestion; number: number }) {
  const name = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const option = question.options.find((candidate) => candidate.id === picked);
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
            <input type="radio" name={name} value={candidate.id} checked={picked === candidate.id} onChange={() => setPicked(candidate.id)} />
            {candidate.label}
          </label>
        ))}
      </fieldset>
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
