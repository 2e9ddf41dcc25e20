/**
 * Lab 9's Web Worker: both creator twins live here, never on the page's main
 * thread. The page reaches {@link api} through
 * `createWorkerClient<CreatorsApi>` from `client.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { createBrowserEnvironment } from './browserEnvironment';
import { createCreatorsApi } from './creatorsApi';
import { createWorkerLogger, exposeWorkerApi } from './workerScope';

const log = createWorkerLogger('creators worker');

export const api = createCreatorsApi(createBrowserEnvironment(log));

/** Type of the worker API, which the page calls as `Remote<CreatorsApi>`. */
export type CreatorsApi = typeof api;

exposeWorkerApi(api, 'creators worker', log);
