import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, selectBackend } from '../../src/engine/backend/selectBackend';
import { NODE_BACKENDS, selectNodeBackend } from '../../src/engine/backend/node';

describe('selectNodeBackend', () => {
  it('times wasm and cpu and activates the fastest', async () => {
    const { report, ranking } = await selectNodeBackend();

    expect(report.trials.map((trial) => trial.backend)).toEqual(['wasm', 'cpu']);
    for (const trial of report.trials) {
      expect(trial.ok, `${trial.backend}: ${trial.note}`).toBe(true);
      expect(trial.msPerStep).toBeGreaterThan(0);
    }
    const fastest = [...report.trials].sort((a, b) => (a.msPerStep ?? 0) - (b.msPerStep ?? 0))[0];
    expect(report.active).toBe(fastest.backend);
    expect(ranking[0]).toBe(report.active);
    expect([...ranking].sort()).toEqual(['cpu', 'wasm']);
    expect(tf.getBackend()).toBe(report.active);
    expect(report.fallbacks).toEqual([]);
  });

  it('sets a requested backend without timing it', async () => {
    const { report, ranking } = await selectNodeBackend({ requested: 'cpu' });

    expect(report.active).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(ranking).toEqual(['cpu', 'wasm']);
    expect(report.trials).toHaveLength(1);
    expect(report.trials[0].msPerStep).toBeUndefined();
    expect(report.trials[0].note).toMatch(/requested/);
  });

  it('rejects a requested backend Node lacks', async () => {
    await expect(selectNodeBackend({ requested: 'webgl' })).rejects.toThrow(/"webgl" is not available here; expected one of: auto, wasm, cpu/);
  });

  it('marks a warm-up over its limit as slow and ranks it last', async () => {
    const { report, ranking } = await selectNodeBackend({ limits: { warmupMs: 0 } });

    for (const trial of report.trials) {
      expect(trial.ok).toBe(false);
      expect(trial.note).toMatch(/warm-up took more than 0 ms/);
    }
    expect(ranking).toEqual(NODE_BACKENDS);
    expect(report.active).toBe('wasm');
  });

  it('stops trying backends once the total limit is spent', async () => {
    const { report, ranking } = await selectNodeBackend({ limits: { totalMs: -1 } });

    expect(report.trials.map((trial) => trial.note)).toEqual([
      "not tried: the trial's time limit of -1 ms was spent",
      "not tried: the trial's time limit of -1 ms was spent",
    ]);
    expect(ranking).toEqual(['wasm', 'cpu']);
    expect(report.active).toBe('wasm');
  });
});

describe('selectBackend with WebGL candidates', () => {
  it('skips a software renderer on request', async () => {
    const renderer = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)';
    const { report, ranking } = await selectBackend({ candidates: ['webgl', 'wasm', 'cpu'], renderer, skipSoftwareWebGL: true });

    const webgl = report.trials[0];
    expect(webgl.backend).toBe('webgl');
    expect(webgl.ok).toBe(false);
    expect(webgl.note).toContain('software renderer');
    expect(webgl.note).toContain(renderer);
    expect(report.renderer).toBe(renderer);
    expect(ranking).not.toContain('webgl');
  });

  it('tries a software renderer by default', async () => {
    const { report } = await selectBackend({ candidates: ['webgl', 'cpu'], renderer: 'Google SwiftShader' });

    expect(report.trials[0]).toEqual({ backend: 'webgl', ok: false, note: 'not registered in this runtime (software renderer: Google SwiftShader)' });
  });

  it('reports WebGL as unregistered in Node', async () => {
    const { report, ranking } = await selectBackend({ candidates: ['webgl', 'cpu'], renderer: 'NVIDIA GeForce RTX 3060' });

    expect(report.trials[0]).toEqual({ backend: 'webgl', ok: false, note: 'not registered in this runtime (renderer: NVIDIA GeForce RTX 3060)' });
    expect(ranking).toEqual(['cpu']);
    expect(report.active).toBe('cpu');
  });

  it('throws naming every failure when nothing works', async () => {
    await expect(selectBackend({ candidates: ['webgl'] })).rejects.toThrow('No TensorFlow.js backend could be initialised (webgl: not registered in this runtime)');
  });
});

describe('isSoftwareRenderer', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['Microsoft Basic Render Driver', true],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', false],
    ['Apple M2', false],
    [undefined, false],
  ])('%s → %s', (renderer, expected) => {
    expect(isSoftwareRenderer(renderer)).toBe(expected);
  });
});

describe('selectBackend with a requested backend', () => {
  it('puts software WebGL last among the fallbacks', async () => {
    const { ranking } = await selectBackend({ candidates: ['webgl', 'wasm', 'cpu'], requested: 'wasm', renderer: 'Google SwiftShader' });
    expect(ranking).toEqual(['wasm', 'cpu', 'webgl']);
  });

  it('keeps hardware WebGL among the fallbacks', async () => {
    const { ranking } = await selectBackend({ candidates: ['webgl', 'wasm', 'cpu'], requested: 'wasm', renderer: 'Apple M2' });
    expect(ranking).toEqual(['wasm', 'webgl', 'cpu']);
  });
});
