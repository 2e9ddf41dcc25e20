import { describe, expect, it } from 'vitest';
import { BUBBLE_METRIC_DOC, BUBBLE_METRIC_NAMES } from '../../src/engine/experiments/bubbleMetrics';
import { compareLorenz, lorenzGini } from '../../src/engine/experiments/lorenzComparison';
import { isBorderline, pairedEffect } from '../../src/engine/experiments/pairedEffect';
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

  it('splits twice crossing curves into segments', () => {
    // B is higher at the low end and the top, A in the middle.
    const a = { x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.05, 0.3, 0.5, 1] };
    const b = { x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.1, 0.2, 0.6, 1] };

    const comparison = compareLorenz(a, b);

    expect(comparison.order).toBe('cross');
    expect(comparison.crossings).toHaveLength(2);
    expect(comparison.crossings[0]).toBeCloseTo(0.25 + 0.25 / 3, 12);
    expect(comparison.crossings[1]).toBeCloseTo(0.625, 12);
    expect(comparison.segments.map((segment) => segment.above)).toEqual(['b', 'a', 'b']);
    expect(comparison.segments[0].from).toBe(0);
    expect(comparison.segments[1].from).toBeCloseTo(0.25 + 0.25 / 3, 12);
    expect(comparison.segments[2].to).toBe(1);
  });

  it('gives ordered curves no segments', () => {
    const even = { x: [0, 0.5, 1], y: [0, 0.4, 1] };
    const uneven = { x: [0, 0.5, 1], y: [0, 0.1, 1] };

    expect(compareLorenz(even, uneven).segments).toEqual([]);
  });
});

describe('borderline paired effects', () => {
  it('flags an end close to 0', () => {
    // Half-width 0.067: an end within 0.0067 of 0 is borderline.
    expect(isBorderline({ mean: -0.07, low: -0.137, high: -0.003, n: 10 })).toBe(true);
    expect(isBorderline({ mean: -0.077, low: -0.154, high: 0.0001, n: 10 })).toBe(true);
  });

  it('leaves clear intervals alone', () => {
    expect(isBorderline({ mean: -0.3, low: -0.35, high: -0.25, n: 10 })).toBe(false);
    expect(isBorderline({ mean: 0, low: -0.03, high: 0.03, n: 10 })).toBe(false);
    expect(isBorderline({ mean: -0.1, low: -0.1, high: -0.1, n: 1 })).toBe(false);
  });

  it('is read from the unclipped interval', () => {
    const effect = pairedEffect([-0.5, -0.48, -0.52, -0.49, -0.51], [-1, 1]);

    expect(effect.direction).toBe('below');
    expect(effect.borderline).toBe(false);
  });
});
