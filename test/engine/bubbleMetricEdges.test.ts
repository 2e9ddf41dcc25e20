/**
 * Lab 8's metrics at their edges: empty histories (no user has consumed
 * anything, no impressions yet) and a catalogue of one item, each checked
 * against the value worked out by hand from the metric's definition.
 */
import { describe, expect, it } from 'vitest';
import { meanUserEntropy } from '../../src/engine/experiments/bubbleMetrics';
import { entropy, intraListDiversity } from '../../src/engine/metrics/diversity';
import { homogenisation, jaccard } from '../../src/engine/metrics/homogenisation';
import { coverage, gini, lorenzCurve, topExposureShare } from '../../src/engine/metrics/inequality';
import { meanInterestShift } from '../../src/engine/metrics/interestDrift';
import { TickAccumulator } from '../../src/engine/loop/tickAccumulator';
import { Random } from '../../src/engine/random';
import { createSyntheticWorld } from '../../src/engine/world/synthetic';

describe('metrics on empty histories', () => {
  it('homogenisation is 0 when no user consumed anything', () => {
    const pairs = Uint32Array.from([0, 1, 1, 2, 0, 2]);

    expect(homogenisation([new Set(), new Set(), new Set()], pairs)).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('homogenisation counts a pair with one empty history as 0', () => {
    const pairs = Uint32Array.from([0, 1, 1, 2]);

    // Pair (0, 1): {4, 5} and {5} share 1 of 2 items; pair (1, 2): {5} and {} share nothing.
    expect(homogenisation([new Set([4, 5]), new Set([5]), new Set()], pairs)).toBeCloseTo((1 / 2 + 0) / 2, 12);
  });

  it('user topic entropy is 0 when no user has topic mass', () => {
    expect(meanUserEntropy(new Float64Array(3 * 4), 3, 4)).toBe(0);
  });

  it('user topic entropy averages only users with a history', () => {
    // User 0 has an even mix of two topics (ln 2); user 1 has nothing; user 2 one topic (0).
    const mass = Float64Array.from([1, 1, 0, 0, 0, 0, 0, 3, 0]);

    expect(meanUserEntropy(mass, 3, 3)).toBeCloseTo(Math.log(2) / 2, 12);
  });

  it('exposure metrics are 0 without impressions', () => {
    const none = [0, 0, 0, 0];

    expect(gini(none)).toBe(0);
    expect(coverage(none)).toBe(0);
    expect(topExposureShare(none, 0.01)).toBe(0);
    expect(Array.from(lorenzCurve(none).y)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('intra-list diversity is 0 for an empty feed', () => {
    expect(intraListDiversity([], Float32Array.from([1, 0]), 2)).toBe(0);
  });

  it('interest shift is 0 before any drift and for no users', () => {
    const interests = Float32Array.from([0.5, 0.5, 1, 0]);

    expect(meanInterestShift(interests, interests.slice(), 2, 2)).toBe(0);
    expect(meanInterestShift(new Float32Array(0), new Float32Array(0), 0, 2)).toBe(0);
  });

  it('entropy of an all-zero mix is 0', () => {
    expect(entropy([0, 0, 0])).toBe(0);
  });
});

describe('metrics on a single-item catalogue', () => {
  it('exposure is perfectly equal over one item', () => {
    expect(gini([7])).toBe(0);
    expect(coverage([7])).toBe(1);
    expect(topExposureShare([7], 0.01)).toBe(1);
    expect(Array.from(lorenzCurve([7]).y)).toEqual([0, 1]);
  });

  it('two users who both consumed the only item are identical', () => {
    expect(homogenisation([new Set([0]), new Set([0])], Uint32Array.from([0, 1]))).toBe(1);
  });

  it('a one-item feed has no pairs, so diversity 0', () => {
    expect(intraListDiversity([0], Float32Array.from([0.3, 0.7]), 2)).toBe(0);
  });

  it('a single topic has entropy 0', () => {
    expect(entropy([5])).toBe(0);
    expect(meanUserEntropy(Float64Array.from([2, 4]), 2, 1)).toBe(0);
  });
});

describe('per-tick utility and diversity', () => {
  const world = createSyntheticWorld({ users: 2, items: 1, creators: 1, topics: 2 }, new Random(5));
  const state = { impressionsPerItem: new Float32Array(1), consumed: [new Set<number>(), new Set<number>()], pairs: Uint32Array.from([0, 1]) };
  const training = { retrained: false, rankerLoss: Number.NaN, retrievalLoss: Number.NaN };

  it('NaN in a tick without feeds', () => {
    const { metrics } = new TickAccumulator(2).finish(1, world, state, training);

    expect(metrics.utilityRatio).toBeNaN();
    expect(metrics.trueUtility).toBeNaN();
    expect(metrics.intraListDiversity).toBeNaN();
    expect(metrics.homogenisation).toBe(0);
    expect(metrics.coverage).toBe(0);
  });

  it('ratio 1 for the ideal item', () => {
    const accumulator = new TickAccumulator(2);
    const observed = { watch: 0.5, click: false, like: false, share: false, skip: false };
    accumulator.addImpression(world, 0, 'ideal', observed, { click: 0.1, watch: 0.5 }, { click: 0.1, watch: 0.5, utility: 0.4 });
    accumulator.addFeed(world, [0], 0.4, 1);

    const { metrics } = accumulator.finish(1, world, { ...state, impressionsPerItem: Float32Array.from([1]) }, training);

    expect(metrics.utilityRatio).toBeCloseTo(1, 6);
    expect(metrics.intraListDiversity).toBe(0);
    expect(metrics.coverage).toBe(1);
    expect(metrics.exposureGini).toBe(0);
  });
});
