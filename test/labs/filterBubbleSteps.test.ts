import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import { platformPipeline } from '../../src/engine/scenarios/filterBubble';
import { buildSteps, chaneyOutcome, CHECK_QUESTIONS, STEP_WORLD, tailMean } from '../../src/labs/filterBubble/teaching';
import type { TwinRow } from '../../src/engine/experiments/seeds';
import type { EngineLogger } from '../../src/worker/engineApi';
import { createFilterBubbleApi } from '../../src/worker/filterBubbleApi';

const silent: EngineLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function row(tick: number, a: Partial<TwinRow['a']>, b: Partial<TwinRow['b']>): TwinRow {
  const base = { tick, homogenisation: 0, trueUtility: 0, utilityRatio: 0, intraListDiversity: 0, userTopicEntropy: 0, popularityBias: 0, creatorGini: 0, coverage: 0, interestShift: 0, meanWatch: 0, clickRate: 0, impressions: 0 };
  const left = { ...base, ...a };
  const right = { ...base, ...b };
  return { tick, a: left, b: right, difference: { ...base, homogenisation: right.homogenisation - left.homogenisation } };
}

describe('filter-bubble steps', () => {
  it('tailMean averages the last ten ticks', () => {
    const rows = Array.from({ length: 12 }, (_, index) => row(index + 1, { utilityRatio: index }, { utilityRatio: 1 }));

    const mean = tailMean(rows, (r, twin) => r[twin].utilityRatio);

    expect(mean.a).toBeCloseTo(6.5, 12);
    expect(mean.b).toBe(1);
  });

  it('chaney outcome follows the numbers', () => {
    const lorenz = { a: { x: new Float64Array(0), y: new Float64Array(0) }, b: { x: new Float64Array(0), y: new Float64Array(0) } };

    expect(chaneyOutcome({ rows: [row(1, { homogenisation: 0.3, utilityRatio: 0.7 }, { homogenisation: 0.1, utilityRatio: 1 })], lorenz }).supported).toBe('alike-less-utility');
    expect(chaneyOutcome({ rows: [row(1, { homogenisation: 0.3, utilityRatio: 1.1 }, { homogenisation: 0.1, utilityRatio: 1 })], lorenz }).supported).toBe('alike-more-utility');
    expect(chaneyOutcome({ rows: [row(1, { homogenisation: 0.1 }, { homogenisation: 0.3 })], lorenz }).supported).toBe('not-alike');
  });

  it('every check question has one correct option', () => {
    for (const question of CHECK_QUESTIONS) {
      expect(question.options.filter((option) => option.correct), question.id).toHaveLength(1);
    }
    const positions = CHECK_QUESTIONS.map((question) => question.options.findIndex((option) => option.correct));
    expect(new Set(positions).size).toBeGreaterThan(2);
  });

  it('no drift keeps interest shift 0', async () => {
    const api = createFilterBubbleApi({ candidates: NODE_BACKENDS, log: silent });

    const experiment = await api.experiment({ world: { ...STEP_WORLD, users: 40, items: 150, driftRate: 0 }, a: platformPipeline, b: { ...platformPipeline, epsilon: 0.5 } }, 3, 3, 1);

    expect(experiment.rows.map((r) => r.a.interestShift)).toEqual([0, 0, 0]);
    expect(experiment.rows.map((r) => r.b.interestShift)).toEqual([0, 0, 0]);
  });

  it('runs every step to an offered option', async () => {
    const api = createFilterBubbleApi({ candidates: NODE_BACKENDS, log: silent });
    const steps = buildSteps((config, seed, ticks, onProgress) => api.experiment(config, seed, ticks, 1, onProgress));

    for (const step of steps) {
      const outcome = await step.run(() => undefined);

      expect(step.options.map((option) => option.id), step.id).toContain(outcome.supported);
      expect(outcome.findings.join(' '), step.id).toMatch(/tick 40/);
    }
  }, 180_000);
});
