import { describe, expect, it } from 'vitest';
import { cascadeSizeHistogram } from '../../src/engine/creators/cascades';
import { trafficDependency } from '../../src/engine/creators/dependency';
import { averageRanks, spearmanCorrelation } from '../../src/engine/creators/rankCorrelation';

describe('averageRanks', () => {
  it('ranks distinct values from 1', () => {
    expect(Array.from(averageRanks([30, 10, 20]))).toEqual([3, 1, 2]);
  });

  it('gives ties the mean of their ranks', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([5, 5, 5]))).toEqual([2, 2, 2]);
  });
});

describe('spearmanCorrelation', () => {
  it('is 1 for a monotone increasing relation', () => {
    expect(spearmanCorrelation([1, 2, 3, 4], [1, 4, 9, 100])).toBeCloseTo(1, 12);
  });

  it('is −1 for a monotone decreasing relation', () => {
    expect(spearmanCorrelation([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
  });

  it('matches a hand-computed case without ties', () => {
    // Ranks x: 1..5, ranks y: 2,1,4,3,5; Σd² = 4, ρ = 1 − 6·4 / (5·24) = 0.8.
    expect(spearmanCorrelation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('matches a hand-computed case with ties', () => {
    // Ranks x: 1, 2.5, 2.5, 4; ranks y: 1, 2, 3, 4. Deviations from 2.5: x (−1.5, 0, 0, 1.5), y (−1.5, −0.5, 0.5, 1.5).
    // Covariance 4.5, Σdx² 4.5, Σdy² 5, so ρ = 4.5 / √22.5 = 0.9487.
    expect(spearmanCorrelation([0, 7, 7, 9], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });

  it('is NaN for fewer than 2 pairs', () => {
    expect(spearmanCorrelation([], [])).toBeNaN();
    expect(spearmanCorrelation([3], [4])).toBeNaN();
  });

  it('is NaN when one sample is constant', () => {
    expect(spearmanCorrelation([1, 2, 3], [0, 0, 0])).toBeNaN();
  });

  it('rejects samples of different lengths', () => {
    expect(() => spearmanCorrelation([1, 2], [1])).toThrow(/paired samples; received 2 and 1/);
  });
});

describe('trafficDependency', () => {
  const rows = [
    { tick: 1, focusImpressions: 10, focusTraffic: 15 },
    { tick: 2, focusImpressions: 30, focusTraffic: 35 },
    { tick: 3, focusImpressions: 5, focusTraffic: 10 },
    { tick: 4, focusImpressions: 15, focusTraffic: 20 },
  ];

  it('measures the drop with and without off-platform views', () => {
    const result = trafficDependency(rows, 2);

    expect(result.ticksBefore).toBe(2);
    expect(result.ticksAfter).toBe(2);
    expect(result.platformBefore).toBe(20);
    expect(result.platformAfter).toBe(10);
    expect(result.platformDrop).toBeCloseTo(0.5, 12);
    expect(result.totalBefore).toBe(25);
    expect(result.totalAfter).toBe(15);
    expect(result.totalDrop).toBeCloseTo(0.4, 12);
  });

  it('gives a negative drop for a gain', () => {
    expect(trafficDependency(rows, 3).platformDrop).toBeCloseTo(1 - 15 / 15, 12);
    expect(trafficDependency(rows, 1).platformDrop).toBeCloseTo((10 - 50 / 3) / 10, 12);
  });

  it('is NaN without ticks after the change', () => {
    const result = trafficDependency(rows, 0);
    expect(result.ticksBefore).toBe(4);
    expect(result.ticksAfter).toBe(0);
    expect(result.platformDrop).toBeNaN();
  });

  it('is NaN with no traffic before the change', () => {
    expect(trafficDependency([{ tick: 1, focusImpressions: 0, focusTraffic: 0 }, { tick: 2, focusImpressions: 4, focusTraffic: 4 }], 1).platformDrop).toBeNaN();
  });
});

describe('cascadeSizeHistogram', () => {
  it('counts cascades per size from 0', () => {
    expect(cascadeSizeHistogram([1, 0, 3, 1, 1])).toEqual([1, 3, 0, 1]);
  });

  it('is empty for no cascades', () => {
    expect(cascadeSizeHistogram([])).toEqual([]);
  });
});
