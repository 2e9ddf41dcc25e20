/**
 * Benchmark worker: sets a TensorFlow.js backend the way the engine worker
 * does and times ranking-model training in it (see `workload.ts`).
 */
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { activateBackend } from '../../src/engine/backend/activate';
import type { BackendName } from '../../src/engine/backend/types';
import type { RankingSamples } from '../../src/engine/models/logisticRanker';
import { createBrowserEnvironment } from '../../src/worker/browserEnvironment';
import { makeRankingSamples, measure, type TrainingRun, type Variant } from './workload';

const environment = createBrowserEnvironment(console);
const samplesBySize = new Map<number, RankingSamples>();

/** WebGL's first use compiles shaders, which took 5-10 s on SwiftShader. */
const SET_BACKEND_TIMEOUT_MS = 30_000;

const api = {
  /** Sets `backend` and returns what runs and, for WebGL, on which renderer. */
  async setBackend(backend: BackendName): Promise<{ active: string; renderer?: string }> {
    await activateBackend(backend, SET_BACKEND_TIMEOUT_MS);
    return { active: tf.getBackend(), renderer: backend === 'webgl' ? environment.readWebGLRenderer?.() : undefined };
  },

  /** Trains one variant once on `samples` synthetic samples for `epochs` epochs. */
  async measure(variant: Variant, samples: number, epochs: number): Promise<TrainingRun> {
    let data = samplesBySize.get(samples);
    if (data === undefined) {
      data = makeRankingSamples(samples);
      samplesBySize.set(samples, data);
    }
    return measure(variant, data, epochs);
  },
};

export type TrainingWorkerApi = typeof api;

expose(api);
