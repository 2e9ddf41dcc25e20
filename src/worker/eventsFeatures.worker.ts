/**
 * Lab 2's Web Worker: its simulation, event log and feature store live here,
 * never on the page's main thread. The page reaches {@link api} through
 * `createWorkerClient<EventsFeaturesApi>` from `client.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { createBrowserEnvironment } from './browserEnvironment';
import { createEventsFeaturesApi } from './eventsFeaturesApi';
import { createWorkerLogger, exposeWorkerApi } from './workerScope';

const log = createWorkerLogger('events-features worker');

export const api = createEventsFeaturesApi(createBrowserEnvironment(log));

/** Type of the worker API; the page calls it as `Remote<EventsFeaturesApi>`. */
export type EventsFeaturesApi = typeof api;

exposeWorkerApi(api, 'events-features worker', log);
