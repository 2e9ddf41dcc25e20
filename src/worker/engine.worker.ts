/**
 * The engine's Web Worker: TensorFlow.js and the simulation run here, never
 * on the page's main thread. It exposes {@link api} with comlink; the page
 * talks to it through `createEngineClient()` in `client.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { createBrowserEnvironment } from './browserEnvironment';
import { createEngineApi } from './engineApi';
import { createWorkerLogger, exposeWorkerApi } from './workerScope';

const log = createWorkerLogger('engine worker');

export const api = createEngineApi(createBrowserEnvironment(log));

/** Type of the worker API; the page calls it as `Remote<EngineApi>` through `comlink.wrap`. */
export type EngineApi = typeof api;

exposeWorkerApi(api, 'engine worker', log);
