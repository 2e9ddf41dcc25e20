/**
 * Lab 3's Web Worker: training, layouts, indexes and search run here, never
 * on the page's main thread. The page talks to it through
 * `createWorkerClient` with the type {@link RetrievalWorkerApi}.
 */
import '@tensorflow/tfjs-backend-wasm';
import { createBrowserEnvironment } from './browserEnvironment';
import { createRetrievalApi } from './retrievalApi';
import { createWorkerLogger, exposeWorkerApi } from './workerScope';

const log = createWorkerLogger('retrieval worker');

export const api = createRetrievalApi(createBrowserEnvironment(log));

/** Type of the worker API; the page calls it as `Remote<RetrievalWorkerApi>`. */
export type RetrievalWorkerApi = typeof api;

exposeWorkerApi(api, 'retrieval worker', log);
