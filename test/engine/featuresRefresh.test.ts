import { beforeAll, describe, expect, it } from 'vitest';
import { FeedSimulation, type SimulationOptions } from '../../src/engine/loop/simulation';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

const params = parseFeedMachineParams({ seed: 11, users: 60, items: 200, creators: 12, topics: 6, retrainEvery: 3, feedSize: 5 });

async function run(options: SimulationOptions | undefined, ticks: number): Promise<FeedSimulation> {
  const sim = await FeedSimulation.create(params, undefined, options);
  for (let t = 0; t < ticks; t += 1) {
    await sim.step();
  }
  return sim;
}

describe('featureRefresh', () => {
  it('serves the live store at the default', async () => {
    const sim = await run(undefined, 2);
    expect(sim.featureRefresh).toBe(1);
    expect(sim.servingStore).toBe(sim.store);
    expect(sim.batchFeaturesTick).toBe(2);
  });

  it('of 1 repeats the default run exactly', async () => {
    const a = await run(undefined, 6);
    const b = await run({ featureRefresh: 1 }, 6);
    expect(b.history).toEqual(a.history);
  });

  it('refreshes batch features every N ticks', async () => {
    const sim = await run({ featureRefresh: 3 }, 5);

    expect(sim.servingStore).not.toBe(sim.store);
    expect(sim.batchFeaturesTick).toBe(4);
    expect(sim.servingStore.totalImpressions).toBeLessThan(sim.store.totalImpressions);
    expect(sim.servingStore.trend).toBe(sim.store.trend);
  });

  it('changes what is served when features are stale', async () => {
    const fresh = await run({ featureRefresh: 1 }, 6);
    const stale = await run({ featureRefresh: 5 }, 6);
    expect(stale.history[0]).toEqual(fresh.history[0]);
    expect(stale.history.slice(1)).not.toEqual(fresh.history.slice(1));
  });

  it('repeats a stale run with the same seed', async () => {
    const a = await run({ featureRefresh: 4 }, 6);
    const b = await run({ featureRefresh: 4 }, 6);
    expect(b.history).toEqual(a.history);
  });

  it.each([0, 1.5, 201])('rejects featureRefresh=%s', async (value) => {
    await expect(FeedSimulation.create(params, undefined, { featureRefresh: value })).rejects.toThrow(`featureRefresh=${value} is invalid`);
  });
});
