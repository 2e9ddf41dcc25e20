/**
 * Lab 4's Web Worker: the click logs, the ranking models (TensorFlow.js) and
 * their evaluation run here, never on the page's main thread. It exposes
 * {@link api} with comlink; the page talks to it through
 * `createRankingClient()` in `rankingClient.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { createBrowserEnvironment } from './browserEnvironment';
import { createRankingApi } from './rankingApi';
import { createWorkerLogger, exposeWorkerApi } from './workerScope';

const log = createWorkerLogger('ranking worker');

export const api = createRankingApi(createBrowserEnvironment(log));

/** Type of the worker API; the page calls it as `Remote<RankingWorkerApi>` through `comlink.wrap`. */
export type RankingWorkerApi = typeof api;

exposeWorkerApi(api, 'ranking worker', log);
