import { describe, expect, it } from 'vitest';
import { gini, lorenzCurve, topExposureShare } from '../../src/engine/metrics/inequality';
import { meanInterestShift } from '../../src/engine/metrics/interestDrift';
import { calibratedRerank, calibrationKl } from '../../src/engine/ranking/calibrated';
import { CreatorExposureCap } from '../../src/engine/ranking/exposureCap';
import { meanInterval } from '../../src/engine/stats/interval';

describe('Lorenz curve', () => {
  it('runs from (0,0) to (1,1) through the sorted cumulative shares', () => {
    const { x, y } = lorenzCurve([3, 0, 1]);
    expect(Array.from(x)).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect(Array.from(y)).toEqual([0, 0, 0.25, 1]);
  });

  it('has twice the area to the diagonal equal to the Gini coefficient', () => {
    const values = [5, 1, 0, 2, 9, 3];
    const { x, y } = lorenzCurve(values);
    let area = 0;
    for (let i = 1; i < x.length; i += 1) {
      area += ((y[i] + y[i - 1]) / 2) * (x[i] - x[i - 1]);
    }
    expect(2 * (0.5 - area)).toBeCloseTo(gini(values), 10);
  });

  it('is the diagonal without exposure, and a single point for an empty catalogue', () => {
    expect(Array.from(lorenzCurve([0, 0]).y)).toEqual([0, 0.5, 1]);
    expect(Array.from(lorenzCurve([]).x)).toEqual([0]);
  });
});

describe('top exposure share', () => {
  it('takes the top ceil(share * n) items', () => {
    // 200 items: the top 1% is 2 items, holding 50 + 30 of 100 impressions.
    const impressions = new Float64Array(200);
    impressions[7] = 50;
    impressions[3] = 30;
    impressions.fill(0.1, 10, 210);
    expect(topExposureShare(impressions)).toBeCloseTo(80 / 99, 10);
  });

  it('is 1 for a single item with impressions and 0 without any', () => {
    expect(topExposureShare([4])).toBe(1);
    expect(topExposureShare([0, 0])).toBe(0);
    expect(topExposureShare([])).toBe(0);
  });

  it('rejects a share outside (0, 1]', () => {
    expect(() => topExposureShare([1, 2], 0)).toThrow(/Invalid share 0/);
  });
});

describe('interest shift', () => {
  it('is the mean total variation distance', () => {
    const start = Float32Array.from([1, 0, 0.5, 0.5]);
    const now = Float32Array.from([0, 1, 0.5, 0.5]);
    expect(meanInterestShift(start, now, 2, 2)).toBeCloseTo(0.5, 10);
    expect(meanInterestShift(start, start, 2, 2)).toBe(0);
  });

  it('is 0 for no users and rejects mismatched shapes', () => {
    expect(meanInterestShift(new Float32Array(0), new Float32Array(0), 0, 3)).toBe(0);
    expect(() => meanInterestShift(new Float32Array(4), new Float32Array(2), 2, 2)).toThrow(/expected two \[2, 2\]/);
  });
});

describe('calibrated re-ranking', () => {
  // Candidates 0-2 are pure topic 0, candidate 3 pure topic 1.
  const topics = Float32Array.from([1, 0, 1, 0, 1, 0, 0, 1]);
  const rows = Uint32Array.from([0, 2, 4, 6]);
  const scores = [0.9, 0.8, 0.7, 0.1];

  it('is plain sorting at λ = 0', () => {
    expect(calibratedRerank(scores, rows, topics, 2, 2, 0, [0.5, 0.5])).toEqual([0, 1]);
  });

  it('matches a half-and-half history with one item of each topic at λ = 0.5', () => {
    expect(calibratedRerank(scores, rows, topics, 2, 2, 0.5, [0.5, 0.5]).sort()).toEqual([0, 3]);
  });

  it('ignores calibration without history', () => {
    expect(calibratedRerank(scores, rows, topics, 2, 2, 1, [0, 0])).toEqual([0, 1]);
  });

  it('has zero KL when the list matches the target', () => {
    expect(calibrationKl([0.5, 0.5], [0.5, 0.5])).toBeCloseTo(0, 12);
    // q = (1, 0): q̃ = (0.995, 0.005); KL = 0.5 ln(0.5/0.995) + 0.5 ln(0.5/0.005).
    expect(calibrationKl([0.5, 0.5], [1, 0])).toBeCloseTo(0.5 * Math.log(0.5 / 0.995) + 0.5 * Math.log(100), 6);
  });
});

describe('creator exposure cap', () => {
  it('allows a creator until the cap within a tick, and again after startTick', () => {
    const cap = new CreatorExposureCap(2, 2);
    cap.record(1);
    cap.record(1);
    expect(cap.allows(1)).toBe(false);
    expect(cap.allows(0)).toBe(true);
    cap.startTick();
    expect(cap.allows(1)).toBe(true);
  });

  it('with cap 0 allows nobody, and rejects a negative cap', () => {
    expect(new CreatorExposureCap(1, 0).allows(0)).toBe(false);
    expect(() => new CreatorExposureCap(1, -1)).toThrow(/at least 0/);
  });
});

describe('mean with a 95% interval', () => {
  it('uses the t quantile with n - 1 degrees of freedom', () => {
    // Values 1, 2, 3: mean 2, s = 1, t(0.975, 2) = 4.303, half width 4.303 / sqrt(3).
    const interval = meanInterval([1, 2, 3]);
    expect(interval.mean).toBe(2);
    expect(interval.high - interval.mean).toBeCloseTo(4.303 / Math.sqrt(3), 10);
  });

  it('has zero width for one value, NaN for none, and skips NaN', () => {
    expect(meanInterval([4])).toEqual({ mean: 4, low: 4, high: 4, n: 1 });
    expect(Number.isNaN(meanInterval([]).mean)).toBe(true);
    expect(meanInterval([Number.NaN, 4]).n).toBe(1);
  });
});
