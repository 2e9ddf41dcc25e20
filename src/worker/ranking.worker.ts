/**
 * Lab 4's Web Worker: the click logs, the ranking models (TensorFlow.js) and
 * their evaluation run here, never on the page's main thread. It exposes
 * {@link api} with comlink; the page talks to it through
 * `createRankingClient()` in `rankingClient.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { expose } from 'comlink';
import { errorMessage } from '../engine/backend/activate';
import { createBrowserEnvironment } from './browserEnvironment';
import { CRASH_MESSAGE_TYPE, type CrashMessage } from './crashMessage';
import type { EngineLogger } from './engineApi';
import { createRankingApi } from './rankingApi';

const log: EngineLogger = {
  debug: (...args: unknown[]) => console.debug('[ranking worker]', ...args),
  info: (...args: unknown[]) => console.info('[ranking worker]', ...args),
  warn: (...args: unknown[]) => console.warn('[ranking worker]', ...args),
  error: (...args: unknown[]) => console.error('[ranking worker]', ...args),
};

export const api = createRankingApi(createBrowserEnvironment(log));

/** Type of the worker API; the page calls it as `Remote<RankingWorkerApi>` through `comlink.wrap`. */
export type RankingWorkerApi = typeof api;

expose(api);

// A rejected promise without a handler does not reach the page's `error`
// event, so report it as a crash message next to comlink's traffic.
const workerScope = self as unknown as { postMessage(message: CrashMessage): void };
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  const message = `Unhandled rejection in the ranking worker: ${errorMessage(event.reason)}`;
  log.error(message);
  workerScope.postMessage({ type: CRASH_MESSAGE_TYPE, message });
});
