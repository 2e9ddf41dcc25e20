/**
 * Lab 8's Web Worker: both twins of the filter-bubble lab live here, never on
 * the page's main thread. The page reaches {@link api} through
 * `createWorkerClient<FilterBubbleApi>` from `client.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { createBrowserEnvironment } from './browserEnvironment';
import { createFilterBubbleApi } from './filterBubbleApi';
import { createWorkerLogger, exposeWorkerApi } from './workerScope';

const log = createWorkerLogger('filter-bubble worker');

export const api = createFilterBubbleApi(createBrowserEnvironment(log));

/** Type of the worker API, which the page calls as `Remote<FilterBubbleApi>`. */
export type FilterBubbleApi = typeof api;

exposeWorkerApi(api, 'filter-bubble worker', log);
