import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import type { EngineLogger } from '../../src/worker/engineApi';
import { createEventsFeaturesApi, type StreamProgress } from '../../src/worker/eventsFeaturesApi';

const params = { seed: 5, users: 60, items: 200, creators: 10, topics: 5, feedSize: 5, retrainEvery: 3, embeddingDim: 4 };

function nodeApi() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  const log: EngineLogger = { debug: record, info: record, warn: record, error: record };
  return { api: createEventsFeaturesApi({ candidates: NODE_BACKENDS, log }), lines };
}

describe('events-features API', () => {
  it('streams rates that match the logged events', async () => {
    const { api } = nodeApi();
    await api.init({ params, featureRefresh: 1 });
    const progress: StreamProgress[] = [];

    const result = await api.advance(4, 1, (value) => progress.push(value));

    expect(result.tick).toBe(4);
    expect(result.cancelled).toBe(false);
    expect(result.rates.map((row) => row.tick)).toEqual([1, 2, 3, 4]);
    expect(result.rates.reduce((sum, row) => sum + row.impressions, 0)).toBe(result.eventCount);
    expect(result.rates.map((row) => row.clickRate)).toEqual(result.metrics.map((row) => row.clickRate));
    expect(progress.flatMap((value) => value.rates).map((row) => row.tick)).toEqual([1, 2, 3, 4]);

    const window = await api.events(result.eventCount - 3, 10);
    expect(window.start).toBe(result.eventCount - 3);
    expect(window.length).toBe(3);
    expect(Array.from(window.tick)).toEqual([4, 4, 4]);
  });

  it('repeats a run with the same seed', async () => {
    const first = nodeApi().api;
    const second = nodeApi().api;
    await first.init({ params, featureRefresh: 4 });
    await second.init({ params, featureRefresh: 4 });

    const a = await first.advance(5, 1);
    const b = await second.advance(5, 1);

    expect(b.rates).toEqual(a.rates);
    expect(await second.userView(3, 10)).toEqual(await first.userView(3, 10));
  });

  it('reads trending at a past tick', async () => {
    const { api } = nodeApi();
    await api.init({ params, featureRefresh: 2 });
    await api.advance(6, 1);
    const atSix = await api.userView(0, 10);
    await api.advance(4, 2);

    const snapshot = await api.trendingAt(6);

    expect(snapshot.tick).toBe(6);
    expect(snapshot.overlap).toBe(atSix.trendingOverlap);
    expect(snapshot.top).toEqual(atSix.measuredTrending[0]);
    expect((await api.userView(0, 10)).tick).toBe(10);
  });

  it('stops an advance on cancel', async () => {
    const { api } = nodeApi();
    await api.init({ params, featureRefresh: 1 });
    await api.cancel(9);

    const result = await api.advance(5, 9);

    expect(result.cancelled).toBe(true);
    expect(result.tick).toBe(0);
  });

  it('serves stale batch features between refreshes', async () => {
    const { api } = nodeApi();
    await api.init({ params, featureRefresh: 3 });
    await api.advance(5, 1);

    const view = await api.userView(0, 10);

    expect(view.tick).toBe(5);
    expect(view.batchFeaturesTick).toBe(4);
    expect(view.featureRefresh).toBe(3);
    expect(view.servedProfile.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 5);
    expect(view.measuredTrending).toHaveLength(20);
    expect(view.trendingOverlap).toBeGreaterThanOrEqual(0);
  });

  it('compares freshness settings on fresh simulations', async () => {
    const { api } = nodeApi();
    await api.init({ params, featureRefresh: 1 });

    const comparison = await api.compareFreshness([1, 5], 4, 2);

    expect(comparison.cancelled).toBe(false);
    expect(comparison.runs.map((run) => run.featureRefresh)).toEqual([1, 5]);
    expect(comparison.runs[0].rows).toHaveLength(4);
    const main = await api.advance(4, 3);
    expect(comparison.runs[0].rows.map((row) => row.clickRate)).toEqual(main.metrics.map((row) => row.clickRate));
  });

  it('rejects invalid input with the value', async () => {
    const { api } = nodeApi();
    await expect(api.init({ params, featureRefresh: 0 })).rejects.toThrow('featureRefresh=0 is invalid');
    await expect(api.advance(1, 1)).rejects.toThrow('call init first');
    await api.init({ params, featureRefresh: 1 });
    await expect(api.advance(-1, 1)).rejects.toThrow('received -1');
    await expect(api.userView(60, 10)).rejects.toThrow('User 60 does not exist');
    await expect(api.compareFreshness([0], 2, 1)).rejects.toThrow('featureRefresh=0 is invalid');
  });
});
