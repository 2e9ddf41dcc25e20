import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import { bubbleRunsToCsv } from '../../src/engine/experiments/bubbleCsv';
import { runSeeds, summariseSeeds } from '../../src/engine/experiments/seeds';
import { filterBubbleWorldDefaults, platformPipeline, type FilterBubbleConfig } from '../../src/engine/scenarios/filterBubble';
import type { EngineLogger } from '../../src/worker/engineApi';
import { createFilterBubbleApi, type TwinProgress } from '../../src/worker/filterBubbleApi';

const config: FilterBubbleConfig = {
  world: { ...filterBubbleWorldDefaults, users: 40, items: 150, creators: 12, topics: 4, feedSize: 5, retrainEvery: 3, embeddingDim: 4 },
  a: platformPipeline,
  b: { ...platformPipeline, epsilon: 0.2 },
};

function nodeApi() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  const log: EngineLogger = { debug: record, info: record, warn: record, error: record };
  return { api: createFilterBubbleApi({ candidates: NODE_BACKENDS, log }), lines };
}

describe('filter-bubble API', () => {
  it('streams rows and bubble points of both twins', async () => {
    const { api } = nodeApi();
    const init = await api.init(config, 4);
    expect(init.users).toBe(40);
    expect(init.bubbles.a.length).toBe(80);
    expect(Array.from(init.bubbles.b)).toEqual(Array.from(init.bubbles.a));
    const progress: TwinProgress[] = [];

    const result = await api.advance(4, 1, (value) => progress.push(value));

    expect(result.tick).toBe(4);
    expect(result.cancelled).toBe(false);
    expect(result.rows.map((row) => row.tick)).toEqual([1, 2, 3, 4]);
    expect(progress.flatMap((value) => value.rows).map((row) => row.tick)).toEqual([1, 2, 3, 4]);
    const last = result.rows[3];
    expect(last.difference.homogenisation).toBeCloseTo(last.b.homogenisation - last.a.homogenisation, 12);
    expect(result.bubbles.a.length).toBe(80);
    expect(Array.from(result.bubbles.a)).not.toEqual(Array.from(init.bubbles.a));
    expect(init.groups.b).toEqual(init.groups.a);
    for (const twin of ['a', 'b'] as const) {
      expect(result.groups[twin].mainTopicEntropy, twin).toBeGreaterThanOrEqual(0);
      expect(result.groups[twin].mainTopicEntropy, twin).toBeLessThanOrEqual(Math.log(init.topics) + 1e-9);
      expect(result.groups[twin].meanTopInterest, twin).toBeGreaterThanOrEqual(1 / init.topics);
    }
    expect(progress.at(-1)?.groups).toEqual(result.groups);
  });

  it('repeats a run with the same seed', async () => {
    const first = nodeApi().api;
    const second = nodeApi().api;
    await first.init(config, 9);
    await second.init(config, 9);

    const x = await first.advance(3, 1);
    const y = await second.advance(3, 1);

    expect(y.rows).toEqual(x.rows);
    expect(await second.creatorLorenz()).toEqual(await first.creatorLorenz());
  });

  it('stops an advance on cancel', async () => {
    const { api } = nodeApi();
    await api.init(config, 1);
    await api.cancel(7);

    const result = await api.advance(5, 7);

    expect(result.cancelled).toBe(true);
    expect(result.tick).toBe(0);
  });

  it('summarises seeds as the engine does', async () => {
    const { api } = nodeApi();
    await api.init(config, 1);

    const result = await api.runSeeds([2, 3], 3, 1);

    const runs = await runSeeds(config, [2, 3], 3);
    expect(result.cancelled).toBe(false);
    expect(result.seeds).toEqual([2, 3]);
    expect(result.summary).toEqual(summariseSeeds(runs));
    expect(result.csv).toBe(bubbleRunsToCsv(runs, summariseSeeds(runs)));
  });

  it('rejects an invalid pipeline by name', async () => {
    const { api } = nodeApi();

    await expect(api.init({ ...config, b: { ...platformPipeline, epsilon: 2 } }, 1)).rejects.toThrow(/pipeline of twin B: epsilon/);
  });

  it('rejects more than 20 seeds', async () => {
    const { api } = nodeApi();
    await api.init(config, 1);

    await expect(api.runSeeds(Array.from({ length: 21 }, (_, index) => index), 3, 1)).rejects.toThrow(/1 to 20/);
  });

  it('runs an experiment beside the page twins', async () => {
    const { api } = nodeApi();
    await api.init(config, 1);

    const experiment = await api.experiment({ ...config, b: { ...platformPipeline, recommender: 'ideal' } }, 5, 3, 2);
    const page = await api.advance(1, 3);

    expect(experiment.rows.map((row) => row.tick)).toEqual([1, 2, 3]);
    expect(experiment.lorenz.a.x.length).toBe(13);
    expect(page.tick).toBe(1);
  });
});
