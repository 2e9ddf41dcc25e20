import { describe, expect, it } from 'vitest';
import { BUBBLE_METRIC_DOC, BUBBLE_METRIC_NAMES } from '../../src/engine/experiments/bubbleMetrics';
import { compareLorenz, lorenzGini } from '../../src/engine/experiments/lorenzComparison';
import { pairedEffect } from '../../src/engine/experiments/pairedEffect';
import { gini, lorenzCurve } from '../../src/engine/metrics/inequality';
import { clipInterval, compareWithZero, differenceRange, meanInterval } from '../../src/engine/stats/interval';

describe('interval clipping', () => {
  it('clips a 2-seed share interval to [0, 1]', () => {
    const raw = meanInterval([0.02, 0.1]);
    const clipped = clipInterval(raw, BUBBLE_METRIC_DOC.coverage.range);

    expect(raw.low).toBeLessThan(0);
    expect(clipped.low).toBe(0);
    expect(clipped.high).toBeCloseTo(raw.high, 12);
    expect(clipped.mean).toBe(raw.mean);
    expect(clipped.n).toBe(2);
  });

  it('clips differences to ± the range width', () => {
    const raw = meanInterval([0.9, -0.5]);
    const clipped = clipInterval(raw, differenceRange([0, 1]));

    expect(differenceRange([0, 1])).toEqual([-1, 1]);
    expect(clipped.low).toBe(-1);
    expect(clipped.high).toBe(1);
  });

  it('leaves unbounded metrics and NaN alone', () => {
    const raw = meanInterval([-3, 5]);

    expect(clipInterval(raw, BUBBLE_METRIC_DOC.utilityRatio.range)).toEqual(raw);
    expect(Number.isNaN(clipInterval(meanInterval([]), [0, 1]).low)).toBe(true);
  });

  it('gives every metric a range', () => {
    for (const metric of BUBBLE_METRIC_NAMES) {
      const [min, max] = BUBBLE_METRIC_DOC[metric].range;
      expect(min, metric).toBeLessThan(max);
      expect(BUBBLE_METRIC_DOC[metric].symbols.length, metric).toBeGreaterThan(20);
    }
    expect(BUBBLE_METRIC_DOC.creatorGini.range).toEqual([0, 1]);
    expect(BUBBLE_METRIC_DOC.userTopicEntropy.range).toEqual([0, Infinity]);
  });
});

describe('comparison with zero', () => {
  it('names a side only when the interval excludes 0', () => {
    expect(compareWithZero(meanInterval([-0.3, -0.2, -0.25]))).toBe('below');
    expect(compareWithZero(meanInterval([0.3, 0.2, 0.25]))).toBe('above');
    expect(compareWithZero(meanInterval([-0.3, 0.2, 0.05]))).toBe('includes');
  });

  it('gives no side for one seed', () => {
    expect(compareWithZero(meanInterval([-0.3]))).toBe('includes');
  });

  it('pairs differences with a clipped interval', () => {
    const effect = pairedEffect([-0.9, -0.1], [-1, 1]);

    expect(effect.perSeed).toEqual([-0.9, -0.1]);
    expect(effect.interval.low).toBe(-1);
    expect(effect.direction).toBe('includes');
  });
});

describe('Lorenz comparison', () => {
  it('matches the Gini of the values', () => {
    const values = [0, 1, 1, 3, 10];

    expect(lorenzGini(lorenzCurve(values))).toBeCloseTo(gini(values), 12);
  });

  it('orders curves that do not cross', () => {
    const even = lorenzCurve([2, 2, 3, 3]);
    const uneven = lorenzCurve([0, 1, 1, 8]);

    const comparison = compareLorenz(even, uneven);

    expect(comparison.order).toBe('a-above');
    expect(comparison.gini.a).toBeLessThan(comparison.gini.b);
    expect(compareLorenz(uneven, even).order).toBe('b-above');
    expect(compareLorenz(even, even).order).toBe('equal');
  });

  it('finds where crossing curves cross', () => {
    // A gives the poorest more but concentrates the top; B is the reverse.
    const a = { x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.15, 0.3, 0.45, 1] };
    const b = { x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.05, 0.2, 0.6, 1] };

    const comparison = compareLorenz(a, b);

    expect(comparison.order).toBe('cross');
    expect(comparison.aboveFirst).toBe('a');
    expect(comparison.crossings).toHaveLength(1);
    expect(comparison.crossings[0]).toBeCloseTo(0.5 + 0.25 * (0.1 / 0.25), 12);
  });
});
