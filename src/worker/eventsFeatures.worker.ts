/**
 * Lab 2's Web Worker: its simulation, event log and feature store live here,
 * never on the page's main thread. The page reaches {@link api} through
 * `createWorkerClient<EventsFeaturesApi>` from `client.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { expose } from 'comlink';
import { errorMessage } from '../engine/backend/activate';
import { createBrowserEnvironment } from './browserEnvironment';
import { CRASH_MESSAGE_TYPE, type CrashMessage } from './crashMessage';
import type { EngineLogger } from './engineApi';
import { createEventsFeaturesApi } from './eventsFeaturesApi';

const log: EngineLogger = {
  debug: (...args: unknown[]) => console.debug('[events-features worker]', ...args),
  info: (...args: unknown[]) => console.info('[events-features worker]', ...args),
  warn: (...args: unknown[]) => console.warn('[events-features worker]', ...args),
  error: (...args: unknown[]) => console.error('[events-features worker]', ...args),
};

export const api = createEventsFeaturesApi(createBrowserEnvironment(log));

/** Type of the worker API; the page calls it as `Remote<EventsFeaturesApi>`. */
export type EventsFeaturesApi = typeof api;

expose(api);

// A rejected promise without a handler does not reach the page's `error`
// event, so report it as a crash message next to comlink's traffic.
const workerScope = self as unknown as { postMessage(message: CrashMessage): void };
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  const message = `Unhandled rejection in the events-features worker: ${errorMessage(event.reason)}`;
  log.error(message);
  workerScope.postMessage({ type: CRASH_MESSAGE_TYPE, message });
});
