import { describe, expect, it } from 'vitest';
import { SHARE_RATE_PRIOR } from '../../src/engine/creators/creatorLoop';
import { creatorEstimate, creatorTruth } from '../../src/engine/creators/groundTruth';
import { Random } from '../../src/engine/random';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { trueResponse } from '../../src/engine/world/response';
import { createSyntheticWorld } from '../../src/engine/world/synthetic';

function smallWorld() {
  const params = parseFeedMachineParams({ seed: 2, users: 30, items: 60, creators: 5, topics: 4 });
  return createSyntheticWorld(params, new Random(2).fork('world'));
}

describe('creatorTruth', () => {
  it('averages over the creator’s items and all users', () => {
    const world = smallWorld();
    const items = Array.from({ length: world.items }, (_, item) => item).filter((item) => world.itemCreator[item] === 1);
    let share = 0;
    for (let user = 0; user < world.users; user += 1) {
      for (const item of items) {
        share += trueResponse(world, user, item, 0).shareProb;
      }
    }

    const truth = creatorTruth(world, 1);

    expect(truth.items).toBe(items.length);
    expect(truth.topic).toBe(world.creatorTopic[1]);
    expect(truth.meanQuality).toBeCloseTo(items.reduce((sum, item) => sum + world.itemQuality[item], 0) / items.length, 6);
    expect(truth.trueShareProbability).toBeCloseTo(share / (items.length * world.users), 9);
    expect(truth.audienceShare).toBeGreaterThanOrEqual(0);
    expect(truth.audienceShare).toBeLessThanOrEqual(1);
  });

  it('is NaN for a creator without items', () => {
    const world = smallWorld();
    world.itemCreator.fill(0);

    const truth = creatorTruth(world, 3);

    expect(truth.items).toBe(0);
    expect(truth.meanQuality).toBeNaN();
    expect(truth.trueShareProbability).toBeNaN();
  });
});

describe('creatorEstimate', () => {
  it('sums the logs and averages the smoothed rates', () => {
    const world = smallWorld();
    world.itemCreator.fill(0);
    world.itemCreator[0] = 2;
    world.itemCreator[1] = 2;
    const itemImpressions = new Float32Array(world.items);
    const itemShares = new Float32Array(world.items);
    itemImpressions[0] = 80;
    itemShares[0] = 4;

    const estimate = creatorEstimate({ world, itemImpressions, itemShares }, 2);

    const a = SHARE_RATE_PRIOR.pseudoImpressions;
    const r0 = SHARE_RATE_PRIOR.rate;
    expect(estimate.impressions).toBe(80);
    expect(estimate.shares).toBe(4);
    expect(estimate.estimatedShareRate).toBeCloseTo(((4 + a * r0) / (80 + a) + r0) / 2, 9);
  });
});
