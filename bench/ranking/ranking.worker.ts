/**
 * Benchmark worker: sets a TensorFlow.js backend the way the engine worker
 * does and times Lab 4's model training in it (see `workload.ts`).
 */
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { activateBackend } from '../../src/engine/backend/activate';
import type { BackendName } from '../../src/engine/backend/types';
import type { CtrDataset, CtrModelKind } from '../../src/engine/ctr/types';
import { createBrowserEnvironment } from '../../src/worker/browserEnvironment';
import { makeBenchData, measure, type RankingRun, type Variant } from './workload';

// Points the WASM backend at the .wasm files that Vite bundled with the page.
createBrowserEnvironment(console);
let data: CtrDataset | undefined;

const api = {
  /** Sets `backend` and returns the backend that runs. */
  async setBackend(backend: BackendName): Promise<string> {
    await activateBackend(backend);
    return tf.getBackend();
  },

  /** Trains one variant of one model once on the benchmark's synthetic log. */
  async measure(kind: CtrModelKind, variant: Variant, epochs: number): Promise<RankingRun> {
    data ??= makeBenchData();
    return measure(kind, variant, data, epochs);
  },
};

export type RankingWorkerApi = typeof api;

expose(api);
