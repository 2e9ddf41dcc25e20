import { describe, expect, it } from 'vitest';
import { ShareCascades, drawShareRecipients, summariseCascades } from '../../src/engine/creators/cascades';
import type { FollowGraph } from '../../src/engine/creators/followGraph';
import { DEFAULT_FOLLOW_GRAPH, drawFollowGraph, drawWeighted, followerCounts } from '../../src/engine/creators/followGraph';
import { CreatorReach, meanReachByGroup, microCreatorShare, reachRows, ticksToReach } from '../../src/engine/creators/reach';
import { Random } from '../../src/engine/random';
import { createSyntheticWorld } from '../../src/engine/world/synthetic';
import { rankingScore, shareTerm } from '../../src/engine/ranking/utility';

describe('CreatorReach', () => {
  it('counts impressions and distinct users per tick and in total', () => {
    const reach = new CreatorReach(2, 3);
    reach.startTick();
    reach.record(1, 0, 0);
    reach.record(1, 0, 0);
    reach.record(1, 0, 1);
    reach.record(1, 1, 2);
    expect(Array.from(reach.impressions)).toEqual([3, 1]);
    expect(Array.from(reach.usersThisTick)).toEqual([2, 1]);
    expect(Array.from(reach.totalUsers)).toEqual([2, 1]);

    reach.startTick();
    reach.record(2, 0, 0);
    reach.record(2, 0, 2);
    expect(Array.from(reach.impressions)).toEqual([2, 0]);
    expect(Array.from(reach.usersThisTick)).toEqual([2, 0]);
    expect(Array.from(reach.totalUsers)).toEqual([3, 1]);
    expect(Array.from(reach.totalImpressions)).toEqual([5, 1]);
  });

  it('gives zero rows before any impression', () => {
    const reach = new CreatorReach(2, 3);
    const rows = reachRows([4, 0], reach);
    expect(rows).toEqual([
      { creator: 0, followers: 4, impressions: 0, distinctUsers: 0, reachPerFollower: 0 },
      { creator: 1, followers: 0, impressions: 0, distinctUsers: 0, reachPerFollower: Number.NaN },
    ]);
  });

  it('divides reach by followers in rows', () => {
    const reach = new CreatorReach(1, 4);
    reach.record(1, 0, 0);
    reach.record(1, 0, 3);
    expect(reachRows([8], reach)[0].reachPerFollower).toBe(0.25);
  });
});

describe('creator reach metrics', () => {
  it('microCreatorShare on a hand-computed case', () => {
    expect(microCreatorShare([1, 10, 100], [3, 1, 4], 10)).toBe(3 / 8);
  });

  it('microCreatorShare is NaN without impressions', () => {
    expect(microCreatorShare([1, 10], [0, 0], 5)).toBeNaN();
    expect(microCreatorShare([], [], 5)).toBeNaN();
  });

  it('ticksToReach finds the first tick', () => {
    expect(ticksToReach([0, 3, 7, 12], 7)).toBe(3);
    expect(ticksToReach([9], 7)).toBe(1);
  });

  it('ticksToReach is null when never reached', () => {
    expect(ticksToReach([0, 3], 7)).toBeNull();
    expect(ticksToReach([], 1)).toBeNull();
  });
});

describe('share cascades', () => {
  it('summariseCascades on hand-computed sizes', () => {
    expect(summariseCascades([1, 2, 6])).toEqual({ count: 3, mean: 3, max: 6 });
  });

  it('summariseCascades of no cascades', () => {
    const summary = summariseCascades([]);
    expect(summary.count).toBe(0);
    expect(summary.mean).toBeNaN();
    expect(summary.max).toBe(0);
  });

  it('ShareCascades delivers next tick only', () => {
    const cascades = new ShareCascades();
    cascades.startTick();
    const root = cascades.share(5, -1, [1, 2]);
    expect(root).toBe(0);
    expect(cascades.due(1)).toEqual([]);

    cascades.startTick();
    expect(cascades.due(1)).toEqual([{ item: 5, cascade: 0 }]);
    expect(cascades.recordDelivery(1, 5)).toBe(0);
    expect(cascades.recordDelivery(1, 6)).toBe(-1);
    expect(cascades.share(5, 0, [3])).toBe(0);

    cascades.startTick();
    expect(cascades.due(2)).toEqual([]);
    expect(cascades.recordDelivery(3, 5)).toBe(0);
    expect(cascades.sizes).toEqual([2]);
  });

  it('drawShareRecipients picks co-followers only', () => {
    const graph: FollowGraph = {
      following: [Uint32Array.of(0), Uint32Array.of(0), Uint32Array.of(1), Uint32Array.of()],
      followers: [Uint32Array.of(0, 1), Uint32Array.of(2)],
    };
    expect(drawShareRecipients(graph, 0, 5, new Random(1))).toEqual([1]);
    expect(drawShareRecipients(graph, 2, 5, new Random(1))).toEqual([]);
    expect(drawShareRecipients(graph, 3, 5, new Random(1))).toEqual([]);
  });
});

describe('follow graph', () => {
  it('drawWeighted skips zero weights', () => {
    const rng = new Random(3);
    for (let k = 0; k < 50; k += 1) {
      expect(drawWeighted(Float64Array.of(0, 2, 0, 1), rng)).not.toBe(0);
    }
    expect(drawWeighted(Float64Array.of(0, 0), rng)).toBe(-1);
  });

  const size = { users: 300, items: 400, creators: 30, topics: 5 };

  it('gives each user distinct follows and consistent lists', () => {
    const world = createSyntheticWorld(size, new Random(2));
    const graph = drawFollowGraph(world, DEFAULT_FOLLOW_GRAPH, new Random(9));
    for (const list of graph.following) {
      expect(list.length).toBe(DEFAULT_FOLLOW_GRAPH.followsPerUser);
      expect(new Set(list).size).toBe(list.length);
    }
    const total = followerCounts(graph).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(size.users * DEFAULT_FOLLOW_GRAPH.followsPerUser);
    graph.followers.forEach((users, creator) => {
      for (const user of users) {
        expect(graph.following[user]).toContain(creator);
      }
    });
  });

  it('gives more followers to popular creators', () => {
    const world = createSyntheticWorld(size, new Random(2));
    world.creatorFollowers.fill(1000);
    world.creatorFollowers[0] = 1_000_000;
    const graph = drawFollowGraph(world, { ...DEFAULT_FOLLOW_GRAPH, popularityExponent: 1 }, new Random(9));
    const counts = followerCounts(graph);
    expect(counts[0]).toBeGreaterThan(Math.max(...Array.from(counts.subarray(1))));
  });

  it('gives a creator with zero count no followers', () => {
    const world = createSyntheticWorld(size, new Random(2));
    world.creatorFollowers[4] = 0;
    const graph = drawFollowGraph(world, DEFAULT_FOLLOW_GRAPH, new Random(9));
    expect(graph.followers[4].length).toBe(0);
  });

  it('is the same for the same seed', () => {
    const world = createSyntheticWorld(size, new Random(2));
    expect(drawFollowGraph(world, DEFAULT_FOLLOW_GRAPH, new Random(9))).toEqual(drawFollowGraph(world, DEFAULT_FOLLOW_GRAPH, new Random(9)));
  });
});

describe('shareTerm', () => {
  it('multiplies weight and share rate', () => {
    expect(shareTerm(10, 0.05)).toBeCloseTo(0.5, 12);
    expect(shareTerm(0, 0.05)).toBe(0);
  });

  it('leaves rankingScore unchanged', () => {
    expect(rankingScore({ clickWeight: 1, watchWeight: 2 }, 0.25, 0.5)).toBe(1.25);
  });
});

describe('meanReachByGroup', () => {
  const row = (followers: number, distinctUsers: number) => ({ creator: 0, followers, impressions: distinctUsers, distinctUsers, reachPerFollower: distinctUsers / followers });

  it('splits at the threshold', () => {
    const groups = meanReachByGroup([row(1, 2), row(3, 4), row(5, 10), row(9, 20)], 5);
    expect(groups.micro).toBe(3);
    expect(groups.macro).toBe(15);
  });

  it('is NaN for empty groups', () => {
    const groups = meanReachByGroup([], 5);
    expect(groups.micro).toBeNaN();
    expect(groups.macro).toBeNaN();
  });
});
