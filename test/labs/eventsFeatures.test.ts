import { describe, expect, it } from 'vitest';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { describeAgreement, describeChange, judgeFreshness } from '../../src/labs/eventsFeatures/freshnessExperiment';
import { percent } from '../../src/labs/eventsFeatures/format';
import { checkSetting } from '../../src/labs/eventsFeatures/SettingsForm';
import { EVENTS_FEATURES_DEFAULTS, EVENTS_FEATURES_FIELDS, eventsFeaturesSchema, simulationParams } from '../../src/labs/eventsFeatures/settings';
import type { EventsFeaturesController } from '../../src/labs/eventsFeatures/labController';
import { buildSteps, CHECK_QUESTIONS, OBJECTIVES } from '../../src/labs/eventsFeatures/teaching';
import { readQuery } from '../../src/state/urlFields';
import type { FreshnessComparison, FreshnessRun } from '../../src/worker/eventsFeaturesApi';

function run(featureRefresh: number, meanClickRate: number, meanTrueUtility: number): FreshnessRun {
  return { featureRefresh, rows: [], meanClickRate, meanTrueUtility };
}

function comparison(...runs: FreshnessRun[]): FreshnessComparison {
  return { runs, cancelled: false, retrainEvery: 10 };
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
    expect(question.options.length).toBeGreaterThanOrEqual(3);
    expect(question.options.length).toBeLessThanOrEqual(4);
    expect(question.options.filter((option) => option.correct)).toHaveLength(1);
    for (const option of question.options) {
      expect(option.feedback.length).toBeGreaterThan(20);
    }
  });

  it('rarely makes the correct option the longest', () => {
    const longestIsCorrect = CHECK_QUESTIONS.filter((question) => {
      const longest = Math.max(...question.options.map((option) => option.label.length));
      return question.options.find((option) => option.correct)?.label.length === longest;
    });

    expect(longestIsCorrect.map((question) => question.id).length).toBeLessThanOrEqual(2);
  });

  it('names no undefined N in the skew feedback', () => {
    const skew = CHECK_QUESTIONS.find((question) => question.id === 'skew');

    expect(skew?.options.map((option) => option.feedback).join(' ')).not.toMatch(/\bN\b/);
  });
});

describe('Lab 2 setting checks', () => {
  it('accepts a user of the world', () => {
    expect(checkSetting('user', '299', 300)).toEqual({ value: 299 });
  });

  it('rejects a user outside the world with its range', () => {
    expect(checkSetting('user', '300', 300)).toEqual({ error: '300 is not a user of this world of 300 users; choose 0 to 299' });
    expect(checkSetting('user', '-1', 300)).toEqual({ error: '-1 is not a whole number between 0 and 299' });
  });

  it('checks other fields against the URL table only', () => {
    expect(checkSetting('users', '0', 300)).toEqual({ error: '0 is not a whole number between 20 and 2000' });
    expect(checkSetting('users', '1500', 300)).toEqual({ value: 1500 });
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

describe('describeChange', () => {
  it.each([
    [0.2294, 0.2162, 'fell 5.8% relative with stale features, i.e. from 22.94% to 21.62%'],
    [0.2, 0.21, 'rose 5.0% relative with stale features, i.e. from 20.00% to 21.00%'],
    [0.2, 0.2, 'did not change with stale features (20.00%)'],
    [0, 0.1, 'went from 0.00% to 10.00%'],
  ])('describes %s to %s', (fresh, stale, expected) => {
    expect(describeChange(fresh, stale, (value) => percent(value, 2))).toBe(expected);
  });
});

describe('describeAgreement', () => {
  it.each([
    [run(1, 0.25, 0.4), run(20, 0.2, 0.35), 'Both fell'],
    [run(1, 0.25, 0.4), run(20, 0.2, 0.42), 'the click rate fell but true utility did not'],
    [run(1, 0.25, 0.4), run(20, 0.26, 0.35), 'the click rate did not fall but true utility did'],
    [run(1, 0.25, 0.4), run(20, 0.26, 0.42), 'Neither fell'],
  ])('names the directions', (fresh, stale, expected) => {
    expect(describeAgreement(judgeFreshness(comparison(fresh, stale)))).toContain(expected);
  });
});
