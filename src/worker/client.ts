import { releaseProxy, wrap, type Remote } from 'comlink';
import { isCrashMessage } from './crashMessage';
import type { EngineApi } from './engine.worker';

/** The page's handle on one worker whose API is `Api`. */
export interface WorkerClient<Api> {
  /** The worker's API; every method returns a Promise. */
  api: Remote<Api>;
  /** Stops the worker at once; calls still pending never settle. */
  terminate(): void;
  /**
   * Calls `listener` with a message when the worker fails outside a call: it
   * did not load, threw an uncaught error, left a rejection unhandled, or sent
   * a message that could not be read. Returns a function that removes it.
   */
  onCrash(listener: (message: string) => void): () => void;
}

/** The page's handle on Lab 1's engine worker. */
export type EngineClient = WorkerClient<EngineApi>;

/**
 * Wraps a started worker with comlink and reports its crashes, including the
 * {@link isCrashMessage} messages a worker posts for unhandled rejections.
 * `label` names the worker in the messages, for example "engine worker".
 *
 * NOTE: after a crash, calls already pending on `api` never settle; the
 * caller should terminate this client and create a new one.
 */
export function createWorkerClient<Api>(worker: Worker, label: string): WorkerClient<Api> {
  const api = wrap<Api>(worker);
  const listeners = new Set<(message: string) => void>();
  const name = label.charAt(0).toUpperCase() + label.slice(1);

  const reportCrash = (message: string) => {
    for (const listener of [...listeners]) {
      listener(message);
    }
  };

  worker.addEventListener('error', (event: ErrorEvent) => {
    reportCrash(event.message ? `${name} error: ${event.message}` : `The ${label} failed to load or stopped with an uncaught error`);
  });
  worker.addEventListener('messageerror', () => {
    reportCrash(`A message from the ${label} could not be deserialised`);
  });
  worker.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isCrashMessage(event.data)) {
      reportCrash(event.data.message);
    }
  });

  return {
    api,
    terminate() {
      listeners.clear();
      api[releaseProxy]();
      worker.terminate();
    },
    onCrash(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Starts Lab 1's engine worker (a module worker that Vite bundles from `engine.worker.ts`). */
export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'feedlab-engine' });
  return createWorkerClient<EngineApi>(worker, 'engine worker');
}
