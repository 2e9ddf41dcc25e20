import { describe, expect, it } from 'vitest';
import { CHECK_QUESTIONS as CREATORS } from '../../src/labs/creators/teaching';
import { CHECK_QUESTIONS as EVENTS_FEATURES } from '../../src/labs/eventsFeatures/teaching';
import { CHECK_QUESTIONS as FEED_MACHINE } from '../../src/labs/feedMachine/checkQuestions';
import { CHECK_QUESTIONS as FILTER_BUBBLE } from '../../src/labs/filterBubble/teaching';
import { CHECK_QUESTIONS as RANKING } from '../../src/labs/ranking/checkQuestions';
import { CHECK_QUESTIONS as RETRIEVAL } from '../../src/labs/retrieval/teaching';
import type { CheckQuestion } from '../../src/teaching/types';

/** Minimum feedback length, in characters, to state why an option is right or wrong. */
const MIN_FEEDBACK = 20;

const LABS: [string, readonly CheckQuestion[]][] = [
  ['Lab 1', FEED_MACHINE],
  ['Lab 2', EVENTS_FEATURES],
  ['Lab 3', RETRIEVAL],
  ['Lab 4', RANKING],
  ['Lab 8', FILTER_BUBBLE],
  ['Lab 9', CREATORS],
];

/** True when the correct option's label is longer than every other label. */
function correctIsLongest(question: CheckQuestion): boolean {
  const correct = question.options.find((option) => option.correct);
  if (correct === undefined) {
    return false;
  }
  return question.options.every((option) => option === correct || option.label.length < correct.label.length);
}

describe.each(LABS)('%s check questions', (_lab, questions) => {
  it('have 3 or 4 options each', () => {
    for (const question of questions) {
      expect(question.options.length, question.id).toBeGreaterThanOrEqual(3);
      expect(question.options.length, question.id).toBeLessThanOrEqual(4);
    }
  });

  it('have exactly one correct option', () => {
    for (const question of questions) {
      expect(question.options.filter((option) => option.correct), question.id).toHaveLength(1);
    }
  });

  it('give feedback on every option', () => {
    for (const question of questions) {
      for (const option of question.options) {
        expect(option.feedback.length, `${question.id}/${option.id}`).toBeGreaterThanOrEqual(MIN_FEEDBACK);
        expect(option.feedback, `${question.id}/${option.id}`).not.toMatch(/^(Right|No|Yes)[:.]/);
      }
    }
  });

  it('rarely make the correct label longest', () => {
    const longest = questions.filter(correctIsLongest).map((question) => question.id);

    expect(longest.length, `correct label is the longest in: ${longest.join(', ')}`).toBeLessThanOrEqual(Math.ceil(questions.length / 3));
  });

  it('vary the correct position', () => {
    const positions = new Set(questions.map((question) => question.options.findIndex((option) => option.correct)));

    expect(positions.size).toBeGreaterThan(1);
  });
});
