import { beforeAll, describe, expect, it } from 'vitest';
import { CreatorsRun, makeNewCreator } from '../../src/engine/creators/run';
import type { CreatorsParams } from '../../src/engine/scenarios/creators';
import { parseCreatorsParams } from '../../src/engine/scenarios/creators';
import { Random } from '../../src/engine/random';
import { createSyntheticWorld } from '../../src/engine/world/synthetic';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

/** A small world: 80 users, 300 items, 12 creators; the new creator's 4 items come out at tick 3. */
const small = parseCreatorsParams({
  seed: 3,
  users: 80,
  items: 300,
  creators: 12,
  topics: 5,
  feedSize: 5,
  epsilon: 0,
  retrainEvery: 4,
  embeddingDim: 4,
  followsPerUser: 3,
  followingSlots: 0,
  shareFanout: 0,
  newCreatorTick: 3,
  newCreatorItems: 4,
  reachTarget: 10,
  changeTick: 0,
});

async function runTicks(params: CreatorsParams, ticks: number): Promise<CreatorsRun> {
  const run = await CreatorsRun.create(params);
  for (let t = 0; t < ticks; t += 1) {
    await run.step();
  }
  return run;
}

describe('makeNewCreator', () => {
  it('gives the last creator exactly the last items', () => {
    const world = createSyntheticWorld({ users: 10, items: 50, creators: 6, topics: 3 }, new Random(1));
    const creator = makeNewCreator(world, 4);
    expect(creator).toBe(5);
    const owned = Array.from(world.itemCreator.entries()).filter(([, c]) => c === 5).map(([item]) => item);
    expect(owned).toEqual([46, 47, 48, 49]);
    expect(world.creatorFollowers[5]).toBe(0);
  });
});

describe('CreatorsRun', () => {
  it('serves no new-creator item before its release', async () => {
    const run = await runTicks({ ...small, epsilon: 0.5 }, 6);
    for (const row of run.rows.filter((r) => r.tick < small.newCreatorTick)) {
      expect(row.newCreatorImpressions).toBe(0);
    }
    expect(run.rows.at(-1)?.newCreatorUsers).toBeGreaterThan(0);
  });

  it('reaches a new creator by exploration alone', async () => {
    // Catalogue larger than the 400-item trending list, so zero-trend items
    // reach feeds only through exploration slots.
    const coldStart = { ...small, items: 1_500, newCreatorItems: 10, reachTarget: 5, retrainEvery: 0 };
    const explored = await runTicks({ ...coldStart, epsilon: 1 }, 12);
    expect(explored.newCreatorTicksToTarget()).not.toBeNull();
    const reached = explored.rows.map((row) => row.newCreatorUsers);
    expect(reached.slice(1).every((users, k) => users >= reached[k])).toBe(true);
  });

  it('serves the follow feed from followed creators', async () => {
    const run = await runTicks({ ...small, followingSlots: small.feedSize }, 2);
    expect(run.rows[0].followingShare).toBeGreaterThan(0.9);
    const algorithmic = await runTicks(small, 2);
    expect(algorithmic.rows[0].followingShare).toBe(0);
  });

  it('takes follow-feed items from followed creators', async () => {
    const run = await runTicks({ ...small, followingSlots: 2 }, 3);
    let checked = 0;
    for (let user = 0; user < small.users; user += 1) {
      const snapshot = run.simulation.snapshot(user);
      if (!snapshot.served) {
        continue;
      }
      const feed = snapshot.feed;
      expect(new Set(feed.map((slot) => slot.item)).size).toBe(feed.length);
      expect(feed.length).toBeLessThanOrEqual(small.feedSize);
      for (const slot of feed.filter((entry) => entry.source === 'following')) {
        expect(Array.from(run.loop.graph.following[user])).toContain(slot.creator);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('raises the share rate under a share objective', async () => {
    const shareObjective = { ...small, changeTick: 3, clickWeightAfter: 0, watchWeightAfter: 0, shareWeightAfter: 50 };
    const changed = await runTicks(shareObjective, 10);
    const unchanged = await runTicks({ ...shareObjective, shareWeightAfter: 0 }, 10);
    const meanShareRate = (run: CreatorsRun): number => {
      const rows = run.simulation.history.filter((row) => row.tick > 5);
      return rows.reduce((sum, row) => sum + row.shareRate, 0) / rows.length;
    };
    expect(meanShareRate(changed)).toBeGreaterThan(meanShareRate(unchanged));
  });

  it('gives micro creators less reach in a follow feed', async () => {
    const algorithmic = await runTicks({ ...small, epsilon: 0.1 }, 8);
    const following = await runTicks({ ...small, epsilon: 0.1, followingSlots: small.feedSize }, 8);
    const meanMicro = (run: CreatorsRun): number => run.rows.reduce((sum, row) => sum + row.microShare, 0) / run.rows.length;
    expect(meanMicro(following)).toBeLessThan(meanMicro(algorithmic));
  });

  it('builds share cascades only with a fanout', async () => {
    const off = await runTicks(small, 4);
    expect(off.rows.at(-1)?.cascades).toBe(0);
    expect(off.rows.every((row) => row.sharedShare === 0)).toBe(true);
    const on = await runTicks({ ...small, shareFanout: 4 }, 4);
    expect(on.rows.at(-1)?.cascades).toBeGreaterThan(0);
    expect(on.rows.at(-1)?.maxCascadeSize).toBeGreaterThan(0);
    expect(on.rows.some((row) => row.sharedShare > 0)).toBe(true);
  });

  it('changes the objective after the chosen tick', async () => {
    const run = await runTicks({ ...small, changeTick: 2, clickWeightAfter: 0, watchWeightAfter: 0, shareWeightAfter: 5 }, 4);
    expect(run.rows.map((row) => row.shareWeight)).toEqual([0, 0, 5, 5]);
    expect(run.rows.map((row) => row.watchWeight)).toEqual([1, 1, 0, 0]);
    const unchanged = await runTicks(small, 4);
    expect(unchanged.rows[1]).toEqual(run.rows[1]);
    expect(unchanged.rows[3].focusImpressions + unchanged.rows[3].creatorGini).not.toBe(run.rows[3].focusImpressions + run.rows[3].creatorGini);
  });

  it('adds external views to the focus creator only', async () => {
    const run = await runTicks({ ...small, externalViews: 30 }, 2);
    for (const row of run.rows) {
      expect(row.focusExternalViews).toBe(30);
      expect(row.focusTraffic).toBe(row.focusImpressions + 30);
      expect(row.focusOffPlatformShare).toBeCloseTo(30 / row.focusTraffic, 12);
    }
  });

  it('repeats a run for the same seed', async () => {
    const params = { ...small, shareFanout: 3, followingSlots: 2, epsilon: 0.2 };
    const first = await runTicks(params, 5);
    const second = await runTicks(params, 5);
    expect(second.rows).toEqual(first.rows);
    expect(second.reachRows()).toEqual(first.reachRows());
    const other = await runTicks({ ...params, seed: 4 }, 5);
    expect(other.rows).not.toEqual(first.rows);
  });
});
