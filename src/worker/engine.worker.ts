/**
 * The engine's Web Worker: TensorFlow.js and the simulation run here, never
 * on the page's main thread. It exposes {@link api} with comlink; the page
 * talks to it through `createEngineClient()` in `client.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { expose } from 'comlink';
import { errorMessage } from '../engine/backend/activate';
import { createBrowserEnvironment } from './browserEnvironment';
import { CRASH_MESSAGE_TYPE, type CrashMessage } from './crashMessage';
import { createEngineApi, type EngineLogger } from './engineApi';

const log: EngineLogger = {
  debug: (...args: unknown[]) => console.debug('[engine worker]', ...args),
  info: (...args: unknown[]) => console.info('[engine worker]', ...args),
  warn: (...args: unknown[]) => console.warn('[engine worker]', ...args),
  error: (...args: unknown[]) => console.error('[engine worker]', ...args),
};

export const api = createEngineApi(createBrowserEnvironment(log));

/** Type of the worker API; the page calls it as `Remote<EngineApi>` through `comlink.wrap`. */
export type EngineApi = typeof api;

expose(api);

// A rejected promise without a handler does not reach the page's `error`
// event, so report it as a crash message next to comlink's traffic.
const workerScope = self as unknown as { postMessage(message: CrashMessage): void };
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  const message = `Unhandled rejection in the engine worker: ${errorMessage(event.reason)}`;
  log.error(message);
  workerScope.postMessage({ type: CRASH_MESSAGE_TYPE, message });
});
