import { describe, expect, it } from 'vitest';
import { describeFeatures, halfLife } from '../../src/engine/features/catalogue';
import { FeatureStore } from '../../src/engine/features/store';
import { overlapShare, ranksOf } from '../../src/engine/features/trending';

const itemTopics = new Float32Array([1, 0, 0, 1]);

describe('FeatureStore serving copy', () => {
  it('keeps batch features until the next copy', () => {
    const live = new FeatureStore(1, 2, 2);
    const served = FeatureStore.servingCopy(live);

    live.record(0, 1, 0.5, true, itemTopics);

    expect(Array.from(live.profile)).toEqual([0, 0.5]);
    expect(Array.from(served.profile)).toEqual([0, 0]);
    expect(served.impressions[1]).toBe(0);
    expect(served.smoothedClickRate(1)).toBeCloseTo(0.05, 10);
    expect(live.smoothedClickRate(1)).toBeCloseTo((1 + 20 * 1) / 21, 10);

    served.copyBatchFeaturesFrom(live);

    expect(Array.from(served.profile)).toEqual([0, 0.5]);
    expect(served.impressions[1]).toBe(1);
    expect(served.smoothedClickRate(1)).toBe(live.smoothedClickRate(1));
    expect(served.visiblePopularity(1)).toBe(1);
  });

  it('shares the real-time trend with the live store', () => {
    const live = new FeatureStore(1, 2, 2);
    const served = FeatureStore.servingCopy(live);

    live.record(0, 0, 1, false, itemTopics);
    live.decay();

    expect(served.trend[0]).toBeCloseTo(0.8, 6);
    expect(served.logTrend[0]).toBeCloseTo(Math.log1p(0.8), 6);
  });

  it('rejects a copy between stores of different sizes', () => {
    expect(() => new FeatureStore(1, 2, 2).copyBatchFeaturesFrom(new FeatureStore(1, 3, 2))).toThrow('both must have the same users, items and topics');
  });
});

describe('feature catalogue', () => {
  it('computes half-lives from the decay', () => {
    expect(halfLife(0.5)).toBeCloseTo(1, 12);
    expect(halfLife(0.95)).toBeCloseTo(13.513, 3);
    expect(halfLife(0.8)).toBeCloseTo(3.106, 3);
    expect(() => halfLife(1)).toThrow('Decay 1 has no half-life');
  });

  it('labels profile and item statistics batch, session and trending real-time', () => {
    const freshness = Object.fromEntries(describeFeatures(15).map((feature) => [feature.id, feature.freshness]));
    expect(freshness).toEqual({ profile: 'batch', session: 'real-time', itemStatistics: 'batch', trending: 'real-time' });
    expect(describeFeatures(15).find((feature) => feature.id === 'session')?.windowEvents).toBe(15);
  });
});

describe('trending helpers', () => {
  it('measures overlap of two lists', () => {
    expect(overlapShare([1, 2, 3, 4], [2, 4, 9])).toBe(0.5);
    expect(overlapShare([], [1])).toBeNaN();
  });

  it('ranks by score with ties to the lower index', () => {
    expect(Array.from(ranksOf(new Float32Array([0.1, 0.5, 0.5])))).toEqual([3, 1, 2]);
  });
});
