import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import { TICK_METRIC_COLUMNS, type TickMetrics } from '../../src/engine/loop/types';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { createEngineApi, type EngineLogger } from '../../src/worker/engineApi';
import type { AdvanceProgress } from '../../src/worker/protocol';

const params = parseFeedMachineParams({ seed: 3, users: 40, items: 120, creators: 8, topics: 4, feedSize: 5, retrainEvery: 2, embeddingDim: 4 });

/** Returns a u.data file (user, item, rating, timestamp, tab-separated) of 12 users × 10 items. */
function ratingsText(): string {
  const lines: string[] = [];
  for (let user = 1; user <= 12; user += 1) {
    for (let item = 1; item <= 10; item += 1) {
      if ((user + item) % 3 !== 0) {
        lines.push(`${user}\t${item}\t${1 + ((user * item) % 5)}\t${880000000 + user * 100 + item}`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * Compares metric rows column by column, to 6 significant digits: serving
 * scores items with TF.js matrix products, whose float rounding differs a
 * little between the WASM and CPU backends.
 */
function expectRowsClose(actual: TickMetrics[], expected: TickMetrics[]): void {
  expect(actual.map((row) => row.tick)).toEqual(expected.map((row) => row.tick));
  actual.forEach((row, index) => {
    for (const column of TICK_METRIC_COLUMNS) {
      const want = expected[index][column];
      const tolerance = Number.isFinite(want) ? 1e-6 * Math.max(1, Math.abs(want)) : 0;
      if (Number.isNaN(want)) {
        expect(row[column], `tick ${row.tick} ${column}`).toBeNaN();
      } else {
        expect(Math.abs(row[column] - want), `tick ${row.tick} ${column}: ${row[column]} vs ${want}`).toBeLessThanOrEqual(tolerance);
      }
    }
  });
}

function recordingLogger() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  const log: EngineLogger = { debug: record, info: record, warn: record, error: record };
  return { log, lines };
}

function nodeApi() {
  const { log, lines } = recordingLogger();
  return { api: createEngineApi({ candidates: NODE_BACKENDS, log }), lines };
}

let restoreKernel: (() => void) | undefined;

afterEach(() => {
  restoreKernel?.();
  restoreKernel = undefined;
});

describe('engine API init', () => {
  it('chooses a backend and builds a synthetic world', async () => {
    const { api } = nodeApi();

    const result = await api.init(params);

    expect(result.tick).toBe(0);
    expect(result.world).toEqual({ source: 'synthetic', users: 40, items: 120, creators: 8, topics: 4, topicNames: ['comedy', 'dance', 'cooking', 'pets'] });
    expect(NODE_BACKENDS).toContain(result.backend.active);
    expect(result.backend.trials.map((trial) => trial.backend)).toEqual(['wasm', 'cpu']);
    expect(await api.backendReport()).toEqual(result.backend);
  });

  it('uses a requested backend', async () => {
    const { api } = nodeApi();

    const result = await api.init(params, { backend: 'cpu' });

    expect(result.backend.active).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects invalid parameters naming the field', async () => {
    const { api } = nodeApi();
    await expect(api.init({ ...params, users: 3 })).rejects.toThrow(/users=3/);
  });

  it('builds a world from a ratings file', async () => {
    const { api } = nodeApi();

    const result = await api.init(params, { ratings: { name: 'u.data', text: ratingsText() } });

    expect(result.world).toMatchObject({ source: 'movielens', users: 12, items: 10, fileName: 'u.data', ratings: 80 });
  });

  it('keeps the simulation when a ratings file is invalid', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });
    await api.advance(3, 1);
    const before = await api.snapshot(0);

    const broken = `1\t1\t5\t880000000\n2\t1\tfive\t880000001\n`;
    await expect(api.init(params, { ratings: { name: 'u.data', text: broken } })).rejects.toThrow(/line 2.*rating|rating.*line 2/);

    expect(await api.snapshot(0)).toEqual(before);
    const next = await api.advance(1, 2);
    expect(next.metrics[0].tick).toBe(4);
  });
});

describe('engine API advance', () => {
  it('returns one row per tick and the retrain ticks', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'wasm' });

    const result = await api.advance(5, 1);

    expect(result.metrics.map((row) => row.tick)).toEqual([1, 2, 3, 4, 5]);
    expect(result.topicMix.map((row) => row.tick)).toEqual([1, 2, 3, 4, 5]);
    expect(result.retrainedAt).toEqual([2, 4]);
    expect(result.tick).toBe(5);
    expect(result.cancelled).toBe(false);
    expect(result.backend.active).toBe('wasm');
    expect(Number.isFinite(result.metrics[3].rankerLoss)).toBe(true);
  });

  it('gives the same rows for the same seed', async () => {
    const first = nodeApi().api;
    await first.init(params, { backend: 'cpu' });
    const a = await first.advance(4, 1);
    const second = nodeApi().api;
    await second.init(params, { backend: 'cpu' });
    const b = await second.advance(4, 1);

    expect(b.metrics).toEqual(a.metrics);
  });

  it('ends progress with the final count', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });
    const progress: AdvanceProgress[] = [];

    await api.advance(6, 1, (value) => progress.push(value));

    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(7);
    expect(progress.at(-1)).toEqual({ done: 6, total: 6, tick: 6, phase: 'serving' });
    for (const value of progress) {
      expect(value.total).toBe(6);
      expect(value.done).toBeLessThanOrEqual(6);
    }
  });

  it('survives a progress callback that throws', async () => {
    const { api, lines } = nodeApi();
    await api.init(params, { backend: 'cpu' });

    const result = await api.advance(2, 1, () => {
      throw new Error('page is gone');
    });

    expect(result.metrics).toHaveLength(2);
    expect(lines.filter((line) => line.includes('progress callback failed: page is gone'))).toHaveLength(1);
    expect(lines.some((line) => line.includes('progress callbacks failed in all'))).toBe(true);
  });

  it('stops after the current tick when cancelled', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });
    let cancelSent = false;

    const result = await api.advance(10_000, 7, () => {
      if (!cancelSent) {
        cancelSent = true;
        void api.cancel(7);
      }
    });

    expect(result.cancelled).toBe(true);
    expect(result.metrics.length).toBeGreaterThanOrEqual(1);
    expect(result.metrics.length).toBeLessThan(10_000);
    expect(result.tick).toBe(result.metrics.length);
  });

  it('skips a queued advance cancelled before it starts', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });

    const running = api.advance(3, 1);
    const queued = api.advance(3, 2);
    await api.cancel(2);

    expect((await running).metrics).toHaveLength(3);
    const skipped = await queued;
    expect(skipped.cancelled).toBe(true);
    expect(skipped.metrics).toEqual([]);
    expect(skipped.tick).toBe(3);
  });

  it('cancel affects only its own run id', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });
    await api.cancel(99);

    const result = await api.advance(2, 1);

    expect(result.cancelled).toBe(false);
    expect(result.metrics).toHaveLength(2);
  });

  it('rejects a negative or fractional tick count', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });
    await expect(api.advance(-1, 1)).rejects.toThrow('ticks must be a non-negative integer; received -1');
    await expect(api.advance(1.5, 1)).rejects.toThrow('received 1.5');
  });

  it('rejects calls before init', async () => {
    const { api } = nodeApi();
    await expect(api.advance(1, 1)).rejects.toThrow('call init first');
    await expect(api.snapshot(0)).rejects.toThrow('call init first');
    await expect(api.backendReport()).rejects.toThrow('call init first');
  });
});

describe('engine API backend fallback', () => {
  it('finishes a failed retrain on the next backend with nothing lost', async () => {
    const reference = nodeApi().api;
    await reference.init(params, { backend: 'cpu' });
    const expected = await reference.advance(6, 1);

    const { api, lines } = nodeApi();
    await api.init(params, { backend: 'wasm' });
    const beforeFailure = await api.advance(1, 1);
    const kernel = tf.getKernel('BatchMatMul', 'wasm');
    tf.unregisterKernel('BatchMatMul', 'wasm');
    restoreKernel = () => tf.registerKernel(kernel!);
    const afterFailure = await api.advance(5, 2);

    expect(afterFailure.backend.active).toBe('cpu');
    expect(afterFailure.backend.fallbacks).toHaveLength(1);
    expect(afterFailure.backend.fallbacks[0]).toMatchObject({ from: 'wasm', to: 'cpu', tick: 2 });
    expect(afterFailure.backend.fallbacks[0].reason).toContain("Kernel 'BatchMatMul' not registered for backend 'wasm'");
    expectRowsClose([...beforeFailure.metrics, ...afterFailure.metrics], expected.metrics);
    expect(lines.some((line) => line.includes('fell back from wasm to cpu at tick 2'))).toBe(true);
  });

  it('has no WebGL context to lose in Node', async () => {
    const { api } = nodeApi();
    await api.init(params);
    expect(await api.loseWebGLContext()).toBe(false);
  });
});

describe('engine API views', () => {
  it('returns a snapshot of a valid user', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });
    await api.advance(2, 1);

    const snapshot = await api.snapshot(5);

    expect(snapshot.user).toBe(5);
    expect(snapshot.trueInterests).toHaveLength(4);
    await expect(api.snapshot(40)).rejects.toThrow('user must be an integer in [0, 40); received 40');
  });

  it('returns the embedding map with one point per user and item', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });
    await api.advance(2, 1);

    const map = await api.embeddingMap();

    expect(map.points).toBeInstanceOf(Float32Array);
    expect(map.points).toHaveLength((40 + 120) * 2);
    expect(map.topic).toHaveLength(160);
  });
});

describe('engine API backend choice', () => {
  it('keeps the chosen backend when a later init omits it', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });
    await api.init(params, { backend: 'wasm' });

    const again = await api.init(params);

    expect(again.backend.active).toBe('wasm');
    expect(again.backend.trials).toHaveLength(1);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('leaves the backend alone when the ratings file is invalid', async () => {
    const { api } = nodeApi();
    await api.init(params, { backend: 'cpu' });

    const broken = { name: 'u.data', text: '1\t1\tfive\t880000000\n' };
    await expect(api.init(params, { ratings: broken, backend: 'wasm' })).rejects.toThrow(/line 1/);

    expect((await api.backendReport()).active).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
