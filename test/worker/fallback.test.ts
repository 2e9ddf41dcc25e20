import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendSwitcher } from '../../src/engine/backend/fallback';
import { selectNodeBackend } from '../../src/engine/backend/node';
import { LogisticRegressionTrial } from '../../src/engine/backend/trialWorkload';
import type { BackendFallback } from '../../src/engine/backend/types';

/** Removes a kernel from one backend so that ops using it throw, as a broken backend would. */
function breakKernel(kernelName: string, backendName: string): () => void {
  const kernel = tf.getKernel(kernelName, backendName);
  if (kernel === undefined) {
    throw new Error(`Kernel ${kernelName} is not registered for ${backendName}`);
  }
  tf.unregisterKernel(kernelName, backendName);
  return () => tf.registerKernel(kernel);
}

async function wasmFirstSwitcher(fallbacks: BackendFallback[] = []): Promise<BackendSwitcher> {
  const selection = await selectNodeBackend({ requested: 'wasm' });
  return new BackendSwitcher(selection, (fallback) => fallbacks.push(fallback));
}

async function trainOneStep(): Promise<number> {
  const workload = new LogisticRegressionTrial({ batch: 32, features: 8 });
  try {
    return await workload.step();
  } finally {
    workload.dispose();
  }
}

let restoreKernel: (() => void) | undefined;

afterEach(() => {
  restoreKernel?.();
  restoreKernel = undefined;
});

describe('BackendSwitcher', () => {
  it('runs on the active backend while it works', async () => {
    const switcher = await wasmFirstSwitcher();

    const loss = await switcher.run(trainOneStep, 3);

    expect(loss).toBeCloseTo(Math.log(2), 5);
    expect(switcher.active).toBe('wasm');
    expect(switcher.report().fallbacks).toEqual([]);
  });

  it('moves to the next backend after a TF.js error', async () => {
    const logged: BackendFallback[] = [];
    const switcher = await wasmFirstSwitcher(logged);
    restoreKernel = breakKernel('BatchMatMul', 'wasm');

    const loss = await switcher.run(trainOneStep, 12);

    expect(loss).toBeCloseTo(Math.log(2), 5);
    expect(switcher.active).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    const fallbacks = switcher.report().fallbacks;
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]).toMatchObject({ from: 'wasm', to: 'cpu', tick: 12 });
    expect(fallbacks[0].reason).toContain("Kernel 'BatchMatMul' not registered for backend 'wasm'");
    expect(logged).toEqual(fallbacks);
  });

  it('never returns to a backend that failed', async () => {
    const switcher = await wasmFirstSwitcher();
    restoreKernel = breakKernel('BatchMatMul', 'wasm');
    await switcher.run(trainOneStep, 1);
    restoreKernel();
    restoreKernel = undefined;

    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error(`failure ${calls}`);
    };

    await expect(switcher.run(failing, 2)).rejects.toThrow('failure 1');
    expect(calls).toBe(1);
    expect(switcher.active).toBe('cpu');
  });

  it('rethrows an error every backend repeats and stays put', async () => {
    const switcher = await wasmFirstSwitcher();
    const backendsTried: string[] = [];
    const invalidInput = async () => {
      backendsTried.push(tf.getBackend());
      throw new Error('ratings file has no users');
    };

    await expect(switcher.run(invalidInput, 0)).rejects.toThrow('ratings file has no users');

    expect(backendsTried).toEqual(['wasm', 'cpu']);
    expect(switcher.active).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(switcher.report().fallbacks).toEqual([]);
  });

  it('switches before running after a lost backend', async () => {
    const switcher = await wasmFirstSwitcher();
    switcher.markLost('wasm', 'WebGL context lost (webglcontextlost event)');

    const backend = await switcher.run(async () => tf.getBackend(), 40);

    expect(backend).toBe('cpu');
    expect(switcher.report().fallbacks).toEqual([{ from: 'wasm', to: 'cpu', reason: 'WebGL context lost (webglcontextlost event)', tick: 40 }]);
  });

  it('ignores a loss of a backend it already left', async () => {
    const switcher = await wasmFirstSwitcher();
    switcher.markLost('webgl', 'WebGL context lost (webglcontextlost event)');

    const backend = await switcher.run(async () => tf.getBackend(), 41);

    expect(backend).toBe('wasm');
    expect(switcher.report().fallbacks).toEqual([]);
  });

  it('blames a lost backend even when the retry repeats the error', async () => {
    const switcher = await wasmFirstSwitcher();
    let calls = 0;
    const operation = async () => {
      calls += 1;
      if (calls === 1) {
        switcher.markLost('wasm', 'context lost during the call');
        throw new Error('same message');
      }
      throw new Error('same message');
    };

    await expect(switcher.run(operation, 5)).rejects.toThrow('same message');

    expect(switcher.active).toBe('cpu');
    expect(switcher.report().fallbacks).toEqual([{ from: 'wasm', to: 'cpu', reason: 'context lost during the call', tick: 5 }]);
  });

  it('throws the last error when no backend is left', async () => {
    const switcher = await wasmFirstSwitcher();
    let calls = 0;
    const operation = async () => {
      calls += 1;
      throw new Error(`${tf.getBackend()} failure ${calls}`);
    };

    await expect(switcher.run(operation, 9)).rejects.toThrow('cpu failure 2');
    expect(switcher.report().fallbacks).toEqual([
      { from: 'wasm', to: 'cpu', reason: 'wasm failure 1', tick: 9 },
    ]);
  });

  it('returns a report that callers cannot change', async () => {
    const switcher = await wasmFirstSwitcher();
    const report = switcher.report();
    report.trials[0].ok = false;
    report.fallbacks.push({ from: 'wasm', to: 'cpu', reason: 'edited', tick: 0 });

    expect(switcher.report().trials[0].ok).toBe(true);
    expect(switcher.report().fallbacks).toEqual([]);
  });
});
