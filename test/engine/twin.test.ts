import { beforeAll, describe, expect, it } from 'vitest';
import { BUBBLE_METRIC_NAMES } from '../../src/engine/experiments/bubbleMetrics';
import { runSeeds } from '../../src/engine/experiments/seeds';
import { TwinSimulation } from '../../src/engine/experiments/twin';
import type { FilterBubbleConfig } from '../../src/engine/scenarios/filterBubble';
import { parseFilterBubbleWorld, platformPipeline } from '../../src/engine/scenarios/filterBubble';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

const world = parseFilterBubbleWorld({ users: 60, items: 200, creators: 12, topics: 6, feedSize: 5, retrainEvery: 3, embeddingDim: 4 });
const exploration: FilterBubbleConfig = { world, a: platformPipeline, b: { ...platformPipeline, epsilon: 0.3 } };

async function steps(config: FilterBubbleConfig, seed: number, ticks: number): Promise<TwinSimulation> {
  const twin = await TwinSimulation.create(config, seed);
  for (let t = 0; t < ticks; t += 1) {
    await twin.step();
  }
  return twin;
}

describe('TwinSimulation', () => {
  it('gives equal twins and zero difference for equal pipelines', async () => {
    const twin = await steps({ world, a: platformPipeline, b: platformPipeline }, 1, 4);
    for (const row of twin.history) {
      expect(row.b).toEqual(row.a);
      for (const name of BUBBLE_METRIC_NAMES) {
        expect(row.difference[name]).toBe(0);
      }
    }
  });

  it('opens the app for the same users in both twins', async () => {
    const twin = await steps(exploration, 2, 4);
    expect(twin.b.history.map((row) => row.activeUsers)).toEqual(twin.a.history.map((row) => row.activeUsers));
    expect(Array.from(twin.b.world.userInitialInterests)).toEqual(Array.from(twin.a.world.userInitialInterests));
    expect(twin.b.history.map((row) => row.shareExploration)).not.toEqual(twin.a.history.map((row) => row.shareExploration));
  });

  it('repeats exactly for the same seed', async () => {
    const first = await steps(exploration, 3, 4);
    const second = await steps(exploration, 3, 4);
    expect(second.history).toEqual(first.history);
  });

  it('returns bubble points on a fixed map', async () => {
    const twin = await TwinSimulation.create(exploration, 4);
    const start = twin.map.project(twin.a.world.userInitialInterests, 60);
    const tick = await twin.step();
    expect(tick.bubbles.a.length).toBe(60 * 2);
    expect(tick.bubbles.b.length).toBe(60 * 2);
    expect(Array.from(tick.bubbles.a)).toEqual(Array.from(twin.map.project(twin.a.world.userInterests, 60)));
    expect(Array.from(tick.bubbles.a)).not.toEqual(Array.from(start));
    expect(twin.history[0].bubbles.a.length).toBe(0);
  });

  it('raises coverage with exploration', async () => {
    const twin = await steps(exploration, 5, 6);
    expect(twin.history[5].difference.coverage).toBeGreaterThan(0);
  });

  it('gives per-user interest shifts averaging to the metric', async () => {
    const twin = await steps(exploration, 9, 3);
    const { a, b } = twin.interestShifts();
    expect(a.length).toBe(60);
    expect(b.length).toBe(60);
    const mean = a.reduce((sum, value) => sum + value, 0) / a.length;
    expect(mean).toBeCloseTo(twin.history[2].a.interestShift, 6);
    expect(Math.max(...a)).toBeGreaterThan(0);
  });

  it('draws creator Lorenz curves from (0, 0) to (1, 1)', async () => {
    const twin = await steps(exploration, 6, 2);
    const { a } = twin.creatorLorenz();
    expect(a.x.length).toBe(world.creators + 1);
    expect(a.y[0]).toBe(0);
    expect(a.y[world.creators]).toBeCloseTo(1, 12);
  });

  it('finishes the same tick after a failed retrain', async () => {
    const clean = await steps(exploration, 10, 4);
    const twin = await TwinSimulation.create(exploration, 10);
    const train = twin.b.ranker.train.bind(twin.b.ranker);
    let failures = 0;
    twin.b.ranker.train = async (...args) => {
      if (twin.b.tick === 2 && failures === 0) {
        failures += 1;
        throw new Error('WebGL context lost');
      }
      return train(...args);
    };
    await twin.step();
    await twin.step();
    await expect(twin.step()).rejects.toThrow('WebGL context lost');
    expect(twin.a.tick).toBe(3);
    expect(twin.b.tick).toBe(2);
    await twin.step();
    await twin.step();
    expect(twin.history).toEqual(clean.history);
  });

  it('reports training progress across both twins', async () => {
    const twin = await TwinSimulation.create(exploration, 11);
    const fractions: number[] = [];
    for (let t = 0; t < 3; t += 1) {
      await twin.step({ onTrainingProgress: (fraction) => fractions.push(fraction) });
    }
    expect(fractions.length).toBeGreaterThan(0);
    expect(Math.min(...fractions)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...fractions)).toBeCloseTo(1, 6);
    expect(fractions.some((fraction) => fraction > 0 && fraction <= 0.5)).toBe(true);
  });

  it('runs every seed for the given ticks', async () => {
    const seen: string[] = [];
    const runs = await runSeeds(exploration, [7, 8], 2, (seed, row) => seen.push(`${seed}:${row.tick}`));
    expect(runs.map((run) => run.seed)).toEqual([7, 8]);
    expect(runs.every((run) => run.rows.length === 2)).toBe(true);
    expect(seen).toEqual(['7:1', '7:2', '8:1', '8:2']);
  });
});
