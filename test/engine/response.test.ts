import { describe, expect, it } from 'vitest';
import { Random } from '../../src/engine/random';
import { RESPONSE_COEFFICIENTS, applyWatch, sampleResponse, sigmoid, trueResponse, trueUtilityRow } from '../../src/engine/world/response';
import { createSyntheticWorld } from '../../src/engine/world/synthetic';
import type { World } from '../../src/engine/world/types';

/** A hand-made world: 1 user, 2 topics, 3 items (topic 0, topic 1, even mix). */
function tinyWorld(): World {
  const interests = Float32Array.of(0.8, 0.2);
  return {
    source: 'synthetic',
    users: 1,
    items: 3,
    creators: 1,
    topics: 2,
    topicNames: ['a', 'b'],
    userInterests: interests.slice(),
    userInitialInterests: interests.slice(),
    userActivity: Float32Array.of(1),
    userNoveltyTaste: Float32Array.of(0),
    userPopularityTaste: Float32Array.of(0),
    userRecentTopics: Float32Array.of(1, 0),
    itemTopics: Float32Array.of(1, 0, 0, 1, 0.5, 0.5),
    itemQuality: Float32Array.of(0.5, 0.5, 0.5),
    itemClickbait: Float32Array.of(0, 0, 1),
    itemLength: Float32Array.of(30, 30, 30),
    itemCreator: Uint32Array.of(0, 0, 0),
    itemTopic: Uint8Array.of(0, 1, 0),
    creatorFollowers: Float32Array.of(100),
    creatorTopic: Uint8Array.of(0),
  };
}

describe('trueResponse', () => {
  it('computes match, novelty and probabilities by the documented formulas', () => {
    const world = tinyWorld();
    const k = RESPONSE_COEFFICIENTS;
    const onTopic = trueResponse(world, 0, 0, 0.5);
    // m = (0.8 · 1) / 0.8 = 1; ν = 1 − cos((1, 0), (1, 0)) = 0.
    expect(onTopic.match).toBeCloseTo(1, 6);
    expect(onTopic.novelty).toBeCloseTo(0, 6);
    // ln(30 / 30) = 0 and both tastes are 0, so only bias, match and quality remain.
    expect(onTopic.expectedWatch).toBeCloseTo(sigmoid(k.watch.bias + k.watch.match + k.watch.quality * 0.5), 6);
    expect(onTopic.clickProb).toBeCloseTo(sigmoid(k.click.bias + k.click.match + k.click.quality * 0.5), 6);
    expect(onTopic.utility).toBeCloseTo(1 * (k.utility.base + k.utility.quality * 0.5), 6);

    const offTopic = trueResponse(world, 0, 1, 0.5);
    // m = 0.2 / 0.8 = 0.25; ν = 1 − cos((1, 0), (0, 1)) = 1.
    expect(offTopic.match).toBeCloseTo(0.25, 6);
    expect(offTopic.novelty).toBeCloseTo(1, 6);
    expect(offTopic.expectedWatch).toBeLessThan(onTopic.expectedWatch);
  });

  it('lets clickbait raise clicks while lowering utility', () => {
    const world = tinyWorld();
    const honest = trueResponse(world, 0, 2, 0.5);
    world.itemClickbait[2] = 0;
    const withoutBait = trueResponse(world, 0, 2, 0.5);
    expect(honest.clickProb).toBeGreaterThan(withoutBait.clickProb);
    expect(honest.utility).toBeLessThan(withoutBait.utility);
  });

  it('gives the same utility in the unrolled catalogue row', () => {
    const world = createSyntheticWorld({ users: 5, items: 40, creators: 4, topics: 6 }, new Random(3));
    const row = new Float32Array(world.items);
    trueUtilityRow(world, 2, row);
    for (let i = 0; i < world.items; i += 1) {
      expect(row[i]).toBeCloseTo(trueResponse(world, 2, i, 0).utility, 5);
    }
  });
});

describe('sampleResponse', () => {
  it('matches the expected rates on average', () => {
    const world = tinyWorld();
    const expected = trueResponse(world, 0, 0, 0.5);
    const rng = new Random(11);
    let watch = 0;
    let clicks = 0;
    const n = 20_000;
    for (let k = 0; k < n; k += 1) {
      const observed = sampleResponse(expected, rng);
      watch += observed.watch;
      clicks += observed.click ? 1 : 0;
      expect(observed.watch).toBeGreaterThanOrEqual(0);
      expect(observed.watch).toBeLessThanOrEqual(1);
      if (observed.skip) {
        expect(observed.like).toBe(false);
        expect(observed.share).toBe(false);
      }
    }
    expect(watch / n).toBeCloseTo(expected.expectedWatch, 2);
    expect(clicks / n).toBeCloseTo(expected.clickProb, 2);
  });
});

describe('applyWatch', () => {
  it('moves interests toward the item and keeps them a probability vector', () => {
    const world = tinyWorld();
    applyWatch(world, 0, 1, 1, 0.1);
    // θ ← 0.9 · (0.8, 0.2) + 0.1 · (0, 1) = (0.72, 0.28).
    expect(world.userInterests[0]).toBeCloseTo(0.72, 6);
    expect(world.userInterests[1]).toBeCloseTo(0.28, 6);
    expect(world.userInterests[0] + world.userInterests[1]).toBeCloseTo(1, 6);
    expect(world.userInitialInterests[0]).toBeCloseTo(0.8, 6);
  });

  it('changes nothing with drift rate 0 and watch 0', () => {
    const world = tinyWorld();
    applyWatch(world, 0, 1, 0, 0.5);
    expect(Array.from(world.userInterests)).toEqual(Array.from(world.userInitialInterests));
  });
});

describe('createSyntheticWorld', () => {
  it('is identical for the same seed and differs for another', () => {
    const size = { users: 20, items: 50, creators: 5, topics: 4 };
    const a = createSyntheticWorld(size, new Random(1));
    const b = createSyntheticWorld(size, new Random(1));
    const c = createSyntheticWorld(size, new Random(2));
    expect(Array.from(a.userInterests)).toEqual(Array.from(b.userInterests));
    expect(Array.from(a.itemQuality)).toEqual(Array.from(b.itemQuality));
    expect(Array.from(a.userInterests)).not.toEqual(Array.from(c.userInterests));
  });

  it('draws probability vectors and valid ranges', () => {
    const world = createSyntheticWorld({ users: 30, items: 60, creators: 6, topics: 5 }, new Random(4));
    for (let u = 0; u < world.users; u += 1) {
      const row = world.userInterests.subarray(u * 5, u * 5 + 5);
      expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    }
    for (let i = 0; i < world.items; i += 1) {
      expect(world.itemQuality[i]).toBeGreaterThanOrEqual(0);
      expect(world.itemQuality[i]).toBeLessThanOrEqual(1);
      expect(world.itemLength[i]).toBeGreaterThanOrEqual(5);
      expect(world.itemCreator[i]).toBeLessThan(6);
    }
  });
});
