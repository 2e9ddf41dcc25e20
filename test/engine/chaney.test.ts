import { beforeAll, describe, expect, it } from 'vitest';
import type { SeedRun } from '../../src/engine/experiments/seeds';
import { runSeeds, summariseSeeds } from '../../src/engine/experiments/seeds';
import { findPreset, parseFilterBubbleWorld } from '../../src/engine/scenarios/filterBubble';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

const TICKS = 40;
const SEEDS = [1, 2, 3];

/**
 * Runs the Chaney preset (A: the platform trained on its own logs; B: the
 * ideal recommender) on a small world whose 1,500 items the ideal twin does
 * not use up in 40 ticks. With 400 items it does, and its raw utility falls.
 */
async function chaneyRuns(driftRate: number): Promise<SeedRun[]> {
  const preset = findPreset('chaney');
  const world = parseFilterBubbleWorld({ ...preset.world, users: 100, items: 1_500, creators: 30, topics: 8, embeddingDim: 4, driftRate });
  return runSeeds({ world, a: preset.a, b: preset.b }, SEEDS, TICKS);
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The preset's claims, checked in direction only over the second half of the run. */
describe('Chaney preset', () => {
  it('raises homogenisation but not relative utility', async () => {
    const runs = await chaneyRuns(0.02);
    const late = summariseSeeds(runs).slice(TICKS / 2);

    for (const run of runs) {
      const lateRows = run.rows.slice(TICKS / 2);
      expect(mean(lateRows.map((row) => row.difference.homogenisation)), `seed ${run.seed}: B − A homogenisation`).toBeLessThan(0);
    }
    expect(mean(late.map((tick) => tick.series.difference.homogenisation.high))).toBeLessThan(0);
    expect(mean(late.map((tick) => tick.series.a.utilityRatio.mean))).toBeLessThan(0.95);
    expect(mean(late.map((tick) => tick.series.b.utilityRatio.mean))).toBeCloseTo(1, 3);
  }, 120_000);

  it('lowers raw utility without drift', async () => {
    const runs = await chaneyRuns(0);
    const late = summariseSeeds(runs).slice(TICKS / 2);
    expect(mean(late.map((tick) => tick.series.difference.homogenisation.mean))).toBeLessThan(0);
    expect(mean(late.map((tick) => tick.series.difference.trueUtility.mean))).toBeGreaterThan(0);
  }, 120_000);
});
