/**
 * Lab 3's Web Worker: training, layouts, indexes and search run here, never
 * on the page's main thread. The page talks to it through
 * `createWorkerClient` with the type {@link RetrievalWorkerApi}.
 */
import '@tensorflow/tfjs-backend-wasm';
import { expose } from 'comlink';
import { errorMessage } from '../engine/backend/activate';
import { createBrowserEnvironment } from './browserEnvironment';
import { CRASH_MESSAGE_TYPE, type CrashMessage } from './crashMessage';
import type { EngineLogger } from './engineApi';
import { createRetrievalApi } from './retrievalApi';

const log: EngineLogger = {
  debug: (...args: unknown[]) => console.debug('[retrieval worker]', ...args),
  info: (...args: unknown[]) => console.info('[retrieval worker]', ...args),
  warn: (...args: unknown[]) => console.warn('[retrieval worker]', ...args),
  error: (...args: unknown[]) => console.error('[retrieval worker]', ...args),
};

export const api = createRetrievalApi(createBrowserEnvironment(log));

/** Type of the worker API; the page calls it as `Remote<RetrievalWorkerApi>`. */
export type RetrievalWorkerApi = typeof api;

expose(api);

const workerScope = self as unknown as { postMessage(message: CrashMessage): void };
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  const message = `Unhandled rejection in the retrieval worker: ${errorMessage(event.reason)}`;
  log.error(message);
  workerScope.postMessage({ type: CRASH_MESSAGE_TYPE, message });
});
