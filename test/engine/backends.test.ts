import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedSimulation } from '../../src/engine/loop/simulation';
import type { TickMetrics } from '../../src/engine/loop/types';
import { TICK_METRIC_COLUMNS } from '../../src/engine/loop/types';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { useWasmBackend } from '../tfBackend';

/**
 * The cross-backend tolerance stated in the README: training differs between
 * backends only by float rounding (about 1e-7 relative), so every metric
 * agrees to 1e-5 relative until a near-tie in the ranking flips; after that
 * the two runs are different samples of the same process.
 */
const RELATIVE_TOLERANCE = 1e-5;

async function history(backend: string): Promise<TickMetrics[]> {
  await tf.setBackend(backend);
  const sim = await FeedSimulation.create(parseFeedMachineParams({ seed: 3, users: 120, items: 400, creators: 20, topics: 8, retrainEvery: 4 }));
  for (let t = 0; t < 12; t += 1) {
    await sim.step();
  }
  return sim.history;
}

describe('backends', () => {
  afterAll(useWasmBackend);

  it('agree within the stated tolerance on wasm and cpu', async () => {
    const wasm = await history('wasm');
    const cpu = await history('cpu');
    for (let t = 0; t < wasm.length; t += 1) {
      for (const column of TICK_METRIC_COLUMNS) {
        const a = wasm[t][column];
        const b = cpu[t][column];
        if (Number.isNaN(a)) {
          expect(Number.isNaN(b), `${column} at tick ${t + 1}`).toBe(true);
          continue;
        }
        expect(Math.abs(a - b), `${column} at tick ${t + 1}: wasm ${a}, cpu ${b}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE * Math.max(1, Math.abs(a)));
      }
    }
  });
});
