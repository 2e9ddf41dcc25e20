import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { createRetrievalApi } from '../../src/worker/retrievalApi';
import { CHECK_QUESTIONS, buildSteps, describeHyper } from '../../src/labs/retrieval/teaching';
import { RETRIEVAL_DEFAULTS } from '../../src/labs/retrieval/settings';
import type { RetrievalClient } from '../../src/labs/retrieval/useRetrievalWorker';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The sandbox's default model settings, as the page passes them to the steps. */
const DEFAULT_HYPER = {
  dim: RETRIEVAL_DEFAULTS.dim,
  epochs: RETRIEVAL_DEFAULTS.epochs,
  learningRate: RETRIEVAL_DEFAULTS.lr,
  l2: RETRIEVAL_DEFAULTS.l2,
  negatives: RETRIEVAL_DEFAULTS.negatives,
};

/** A smaller world than the page's default (1,000 users, 10,000 items), so three seeds train in seconds. */
const WORLD = { users: 300, items: 2_000, topics: 12, creators: 50, watches: 40 };

async function stepsOnWorld(seed: number, hyper = DEFAULT_HYPER) {
  const api = createRetrievalApi({ candidates: ['wasm', 'cpu'], log: silent });
  await api.generate({ seed, ...WORLD });
  const client = { api } as unknown as RetrievalClient;
  return buildSteps(() => client, () => hyper, () => undefined);
}

describe('retrieval steps', () => {
  it.each([1, 2, 7])('ratings-or-watches step favours BPR at default settings, seed %i', async (seed) => {
    const steps = await stepsOnWorld(seed);
    const step = steps.find((candidate) => candidate.id === 'explicit-implicit');
    if (step === undefined) {
      throw new Error('step explicit-implicit is missing');
    }

    const outcome = await step.run(() => undefined);

    expect(outcome.supported).toBe('bpr');
    expect(outcome.findings[0]).toContain(describeHyper(DEFAULT_HYPER));
  });

  it.each([1, 7])('dimension step favours the larger dimension at default settings, seed %i', async (seed) => {
    const steps = await stepsOnWorld(seed);
    const step = steps.find((candidate) => candidate.id === 'dimension');
    if (step === undefined) {
      throw new Error('step dimension is missing');
    }

    const outcome = await step.run(() => undefined);

    expect(outcome.supported).toBe('large');
    expect(outcome.findings[2]).toContain(`Dimension ${DEFAULT_HYPER.dim}:`);
  });

  it('names the visible settings in the questions', async () => {
    const steps = await stepsOnWorld(1, { ...DEFAULT_HYPER, dim: 24, epochs: 3 });

    expect(steps[0].question).toContain('with 24');
    expect(steps[0].question).toContain('3 epochs');
    expect(steps[1].question).toContain(describeHyper({ ...DEFAULT_HYPER, dim: 24, epochs: 3 }));
  });
});

describe('retrieval check questions', () => {
  it('correct answer is not always first', () => {
    const firstCorrect = CHECK_QUESTIONS.filter((question) => question.options[0].correct).length;

    expect(firstCorrect).toBeLessThanOrEqual(2);
  });

  it('each question has one correct option', () => {
    for (const question of CHECK_QUESTIONS) {
      expect(question.options.filter((option) => option.correct), question.id).toHaveLength(1);
    }
  });

  it('feedback mentions no command line', () => {
    for (const question of CHECK_QUESTIONS) {
      for (const option of question.options) {
        expect(option.feedback, `${question.id}/${option.id}`).not.toMatch(/\bCLI\b/);
      }
    }
  });
});
