import { beforeAll, describe, expect, it } from 'vitest';
import { countLargeChanges, creatorTrafficChanges } from '../../src/engine/creators/dependency';
import { CreatorsRun } from '../../src/engine/creators/run';
import { parseCreatorsParams } from '../../src/engine/scenarios/creators';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

describe('creatorTrafficChanges', () => {
  it('divides sums by ticks on each side', () => {
    const rows = creatorTrafficChanges([5, 0, 9], [20, 0, 8], [5, 6, 24], 4, 2);

    expect(rows[0]).toEqual({ creator: 0, followers: 5, before: 5, after: 2.5, change: -0.5 });
    expect(rows[2].before).toBe(2);
    expect(rows[2].after).toBe(12);
    expect(rows[2].change).toBe(5);
  });

  it('gives NaN without impressions before or ticks after', () => {
    expect(creatorTrafficChanges([1], [0], [6], 4, 2)[0].change).toBeNaN();
    expect(creatorTrafficChanges([1], [8], [0], 4, 0)[0].change).toBeNaN();
  });

  it('counts halved and doubled creators', () => {
    const rows = creatorTrafficChanges([0, 0, 0, 0], [10, 10, 10, 0], [4, 20, 9, 3], 1, 1);

    expect(countLargeChanges(rows)).toEqual({ halved: 1, doubled: 1, measured: 3 });
  });
});

describe('CreatorsRun traffic split', () => {
  const params = parseCreatorsParams({ seed: 3, users: 60, items: 200, creators: 10, topics: 4, feedSize: 4, retrainEvery: 0, embeddingDim: 4, followsPerUser: 3, newCreatorTick: 2, newCreatorItems: 3, reachTarget: 5, changeTick: 0 });

  it('sums each creator over the ticks on each side of the split', async () => {
    const run = await CreatorsRun.create(params, { trafficSplitTick: 2 });
    const perTick: number[][] = [];
    for (let tick = 0; tick < 5; tick += 1) {
      await run.step();
      perTick.push(Array.from(run.loop.reach.impressions));
    }
    const changes = run.trafficChanges();

    for (let creator = 0; creator < params.creators; creator += 1) {
      const before = perTick.slice(0, 2).reduce((sum, row) => sum + row[creator], 0);
      const after = perTick.slice(2).reduce((sum, row) => sum + row[creator], 0);
      expect(run.impressionsBeforeChange[creator]).toBe(before);
      expect(run.impressionsAfterChange[creator]).toBe(after);
      expect(changes[creator].before).toBeCloseTo(before / 2, 12);
      expect(changes[creator].after).toBeCloseTo(after / 3, 12);
    }
  });

  it('counts every tick as before without a split', async () => {
    const run = await CreatorsRun.create(params);
    await run.step();
    await run.step();

    expect(run.trafficSplitTick).toBe(0);
    expect(run.impressionsAfterChange.every((sum) => sum === 0)).toBe(true);
    expect(run.trafficChanges().every((row) => Number.isNaN(row.change))).toBe(true);
  });
});
