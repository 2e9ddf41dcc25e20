import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import type { BubbleMetrics } from '../../src/engine/experiments/bubbleMetrics';
import type { TwinRow } from '../../src/engine/experiments/seeds';
import { platformPipeline } from '../../src/engine/scenarios/filterBubble';
import { buildSteps, chaneyOutcome, remedyOutcome, STEP_SEEDS, STEP_TICKS, STEP_WORLD, tailMean, WORLD_CAVEAT, type SeedExperiment } from '../../src/labs/filterBubble/steps';
import { CHECK_QUESTIONS } from '../../src/labs/filterBubble/teaching';
import type { EngineLogger } from '../../src/worker/engineApi';
import { createFilterBubbleApi } from '../../src/worker/filterBubbleApi';

const silent: EngineLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const BASE: BubbleMetrics = { tick: 0, homogenisation: 0, trueUtility: 0, utilityRatio: 0, intraListDiversity: 0, userTopicEntropy: 0, popularityBias: 0, creatorGini: 0, coverage: 0, interestShift: 0, meanWatch: 0, clickRate: 0, impressions: 0 };

function row(tick: number, a: Partial<BubbleMetrics>, b: Partial<BubbleMetrics>): TwinRow {
  const left = { ...BASE, ...a, tick };
  const right = { ...BASE, ...b, tick };
  const difference = { ...BASE, tick };
  for (const key of Object.keys(BASE) as (keyof BubbleMetrics)[]) {
    difference[key] = key === 'tick' ? tick : right[key] - left[key];
  }
  return { tick, a: left, b: right, difference };
}

const EMPTY_LORENZ = { a: { x: new Float64Array(0), y: new Float64Array(0) }, b: { x: new Float64Array(0), y: new Float64Array(0) } };

/** One-row runs, one per seed, with the given metrics of A and B on each seed. */
function runs(a: Partial<BubbleMetrics>[], b: Partial<BubbleMetrics>[]): SeedExperiment[] {
  return a.map((metrics, index) => ({ seed: 11 + index, experiment: { rows: [row(STEP_TICKS, metrics, b[index])], lorenz: EMPTY_LORENZ } }));
}

/** Five seeds whose A value is `a` and whose B value is `a` plus each of `differences`. */
function pairs(metric: keyof BubbleMetrics, a: number, differences: number[], fixed: Partial<BubbleMetrics> = {}): [Partial<BubbleMetrics>[], Partial<BubbleMetrics>[]] {
  return [differences.map(() => ({ ...fixed, [metric]: a })), differences.map((difference) => ({ ...fixed, [metric]: a + difference }))];
}

describe('filter-bubble steps', () => {
  it('tailMean averages the last ten ticks', () => {
    const rows = Array.from({ length: 12 }, (_, index) => row(index + 1, { utilityRatio: index }, { utilityRatio: 1 }));

    const mean = tailMean(rows, (r, twin) => r[twin].utilityRatio);

    expect(mean.a).toBeCloseTo(6.5, 12);
    expect(mean.b).toBe(1);
  });

  it('chaney outcome needs an interval below 0', () => {
    const clear = runs(
      [0.4, 0.42, 0.38, 0.41, 0.39].map((homogenisation) => ({ homogenisation, trueUtility: 0.3, utilityRatio: 0.7 })),
      [0.2, 0.21, 0.19, 0.2, 0.2].map((homogenisation, index) => ({ homogenisation, trueUtility: 0.5 + 0.01 * index, utilityRatio: 1 })),
    );
    const noisy = runs(
      [0.3, 0.2, 0.35, 0.25, 0.3].map((homogenisation) => ({ homogenisation, utilityRatio: 0.7 })),
      [0.2, 0.3, 0.25, 0.3, 0.28].map((homogenisation) => ({ homogenisation, utilityRatio: 1 })),
    );

    expect(chaneyOutcome(clear).supported).toBe('alike-lower');
    expect(chaneyOutcome(noisy).supported).toBe('not-more-alike');
    expect(chaneyOutcome(noisy).findings.join(' ')).toContain('the interval includes 0, so there is no clear difference');
  });

  it('chaney outcome reads raw utility', () => {
    const outcome = (differences: number[]) =>
      chaneyOutcome(
        runs(
          differences.map(() => ({ homogenisation: 0.4, trueUtility: 0.5, utilityRatio: 0.6 })),
          differences.map((difference) => ({ homogenisation: 0.2, trueUtility: 0.5 + difference, utilityRatio: 1 })),
        ),
      );

    expect(outcome([0.1, 0.12, 0.09, 0.11, 0.1]).supported).toBe('alike-lower');
    expect(outcome([-0.05, 0.04, -0.02, 0.03, 0.01]).supported).toBe('alike-no-clear');
    expect(outcome([-0.1, -0.12, -0.09, -0.11, -0.1]).supported).toBe('alike-higher');
    const findings = outcome([0.1, 0.12, 0.09, 0.11, 0.1]).findings;
    expect(findings.join(' ')).toMatch(/True utility per impression, paired difference B − A: \+0\.104, 95% interval \[\+0\.\d{3}, \+0\.\d{3}\]/);
    expect(findings.join(' ')).toMatch(/95% interval \[0\.\d{3}, 0\.\d{3}\]\. The ideal twin’s is 1 by definition\./);
    expect(findings.at(-1)).toBe(WORLD_CAVEAT);
  });

  it('marks a borderline interval', () => {
    // Differences whose interval is about [−0.125, −0.003]: its upper end is within a tenth of the half width of 0.
    const [a, b] = pairs('homogenisation', 0.4, [-0.1, -0.012, -0.12, -0.015, -0.072]);
    const findings = remedyOutcome(runs(a, b), 'homogenisation', { a: 'ε = 0', b: 'ε = 0.1' }).findings;

    expect(findings[1]).toContain('the interval excludes 0 and lies below it, so ε = 0.1 lowers it. This is borderline');
  });

  it('remedy outcome follows both intervals', () => {
    const outcome = (differences: number[], utilityDifferences: number[]) => {
      const [a, b] = pairs('homogenisation', 0.4, differences);
      return remedyOutcome(
        runs(
          a.map((metrics) => ({ ...metrics, trueUtility: 0.5 })),
          b.map((metrics, index) => ({ ...metrics, trueUtility: 0.5 + utilityDifferences[index] })),
        ),
        'homogenisation',
        { a: 'ε = 0', b: 'ε = 0.1' },
      ).supported;
    };
    const clearlyLower = [-0.05, -0.06, -0.04, -0.05, -0.05];
    const mixed = [-0.05, 0.04, -0.02, 0.03, 0.01];

    expect(outcome(clearlyLower, [-0.03, -0.02, -0.03, -0.04, -0.03])).toBe('lower-costs');
    expect(outcome(clearlyLower, mixed)).toBe('lower-no-clear-cost');
    expect(outcome(clearlyLower, [0.03, 0.02, 0.03, 0.04, 0.03])).toBe('lower-gains');
    expect(outcome(mixed, mixed)).toBe('no-clear');
    expect(outcome([0.05, 0.06, 0.04, 0.05, 0.05], mixed)).toBe('higher');
  });

  it('findings keep numbers apart', () => {
    const [a, b] = pairs('creatorGini', 0.5, [-0.05, -0.1, -0.06, -0.04, -0.12], { utilityRatio: 0.6 });
    const findings = remedyOutcome(runs(a, b), 'creatorGini', { a: 'no cap', b: 'cap 30' }, ['coverage']).findings;

    for (const finding of findings) {
      expect(finding, finding).not.toMatch(/\d\s+[−+]?\d/);
      expect(finding, finding).not.toMatch(/\s{2}|\s[,.;:]/);
      expect(finding, finding).not.toContain('-');
      expect(finding, finding).toMatch(/\.$/);
    }
    expect(findings[1]).toMatch(/^Exposure Gini over creators, paired difference B − A: −0\.074, 95% interval \[−0\.\d{3}, −0\.\d{3}\]; the interval excludes 0 and lies below it, so cap 30 lowers it\.$/);
  });

  it('each step states its world and seeds', () => {
    const steps = buildSteps(() => Promise.reject(new Error('not run')));

    for (const step of steps) {
      const setup = step.setup ?? '';
      expect(setup, step.id).toContain(`seeds ${STEP_SEEDS[0]} to ${STEP_SEEDS.at(-1)}`);
      expect(setup, step.id).toContain(`${STEP_WORLD.users} users, ${STEP_WORLD.items} items, ${STEP_WORLD.creators} creators and ${STEP_WORLD.topics} topics, ${STEP_TICKS} ticks`);
      expect(setup, step.id).toContain('The page’s default world is larger (300 users');
      expect(step.options.some((option) => option.label.includes('interval includes 0') || option.label.startsWith('Not clearly')), step.id).toBe(true);
    }
    expect(steps[2].setup).toContain('The cap is the preset’s 30');
    expect(steps[2].setup).toContain('a creator gets about 12 impressions per tick on average here (0.4 × 90 × 10 / 30)');
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
    const seen: number[] = [];
    const steps = buildSteps((config, seed, ticks, onProgress) => {
      seen.push(seed);
      return api.experiment(config, seed, ticks, 1, onProgress);
    });

    for (const step of steps) {
      const outcome = await step.run(() => undefined);

      expect(step.options.map((option) => option.id), step.id).toContain(outcome.supported);
      expect(outcome.findings.join(' '), step.id).toMatch(new RegExp(`at tick ${STEP_TICKS}, mean over the ${STEP_SEEDS.length} seeds ${STEP_SEEDS[0]} to ${STEP_SEEDS.at(-1)}`));
      expect(outcome.findings.join(' '), step.id).toMatch(/95% interval \[/);
    }
    expect(seen).toEqual([...STEP_SEEDS, ...STEP_SEEDS, ...STEP_SEEDS]);
  }, 600_000);
});
