import { describe, expect, it } from 'vitest';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { describeLoss, judgeFreshness } from '../../src/labs/eventsFeatures/freshnessExperiment';
import { EVENTS_FEATURES_DEFAULTS, EVENTS_FEATURES_FIELDS, eventsFeaturesSchema, simulationParams } from '../../src/labs/eventsFeatures/settings';
import type { EventsFeaturesController } from '../../src/labs/eventsFeatures/labController';
import { buildSteps, CHECK_QUESTIONS, OBJECTIVES } from '../../src/labs/eventsFeatures/teaching';
import { readQuery } from '../../src/state/urlFields';
import type { FreshnessComparison, FreshnessRun } from '../../src/worker/eventsFeaturesApi';

function run(featureRefresh: number, meanClickRate: number, meanTrueUtility: number): FreshnessRun {
  return { featureRefresh, rows: [], meanClickRate, meanTrueUtility };
}

function comparison(...runs: FreshnessRun[]): FreshnessComparison {
  return { runs, cancelled: false };
}

describe('judgeFreshness', () => {
  it.each([
    ['both', run(1, 0.25, 0.4), run(20, 0.2, 0.35)],
    ['click', run(1, 0.25, 0.4), run(20, 0.2, 0.41)],
    ['click', run(1, 0.25, 0.4), run(20, 0.2, 0.395)],
    ['none', run(1, 0.25, 0.4), run(20, 0.249, 0.3)],
    ['none', run(1, 0.25, 0.4), run(20, 0.3, 0.4)],
  ])('supports %s', (expected, fresh, stale) => {
    expect(judgeFreshness(comparison(fresh, stale)).supported).toBe(expected);
  });

  it('computes relative losses', () => {
    const verdict = judgeFreshness(comparison(run(1, 0.25, 0.4), run(20, 0.2, 0.3)));
    expect(verdict.clickLoss).toBeCloseTo(0.2, 12);
    expect(verdict.utilityLoss).toBeCloseTo(0.25, 12);
  });

  it('rejects a comparison with one run', () => {
    expect(() => judgeFreshness(comparison(run(1, 0.25, 0.4)))).toThrow('needs two finished runs');
  });
});

describe('Lab 2 settings', () => {
  it('has valid defaults', () => {
    expect(eventsFeaturesSchema.parse(EVENTS_FEATURES_DEFAULTS)).toEqual(EVENTS_FEATURES_DEFAULTS);
  });

  it('builds valid simulation parameters', () => {
    const params = parseFeedMachineParams(simulationParams(EVENTS_FEATURES_DEFAULTS));
    expect(params).toMatchObject({ seed: 7, users: 300, items: 1500, topics: 8, creators: 75 });
  });

  it('reports a bad URL value and keeps the default', () => {
    const reading = readQuery(EVENTS_FEATURES_FIELDS, new URLSearchParams('featureRefresh=0&mode=guided&user=4'), EVENTS_FEATURES_DEFAULTS);
    expect(reading.values.featureRefresh).toBe(1);
    expect(reading.values.user).toBe(4);
    expect(reading.messages).toEqual(['featureRefresh=0 is not a whole number between 1 and 200; using 1']);
  });
});

describe('Lab 2 teaching material', () => {
  it('has 3 to 4 objectives and 4 to 6 questions', () => {
    expect(OBJECTIVES.length).toBeGreaterThanOrEqual(3);
    expect(OBJECTIVES.length).toBeLessThanOrEqual(4);
    expect(CHECK_QUESTIONS.length).toBeGreaterThanOrEqual(4);
    expect(CHECK_QUESTIONS.length).toBeLessThanOrEqual(6);
  });

  it.each(CHECK_QUESTIONS.map((question) => [question.id, question] as const))('question %s has one correct option and feedback on each', (_id, question) => {
    expect(question.options.filter((option) => option.correct)).toHaveLength(1);
    for (const option of question.options) {
      expect(option.feedback.length).toBeGreaterThan(20);
    }
  });
});

describe('Lab 2 steps', () => {
  it('builds three steps with distinct options', () => {
    const steps = buildSteps({ controller: {} as EventsFeaturesController, staleRefresh: 20, compareTicks: 40, onComparison: () => undefined });

    expect(steps.map((step) => step.id)).toEqual(['stale-features', 'binge', 'trending']);
    for (const step of steps) {
      expect(new Set(step.options.map((option) => option.id)).size).toBe(step.options.length);
    }
    expect(steps[0].question).toContain('every 20 ticks against every tick, over 40 ticks');
  });
});

describe('describeLoss', () => {
  it.each([
    [0.102, '10.2% lower with stale features'],
    [-0.059, '5.9% higher with stale features'],
    [Number.NaN, 'change unknown'],
  ])('describes %s', (loss, expected) => {
    expect(describeLoss(loss)).toBe(expected);
  });
});
