import { releaseProxy, wrap, type Remote } from 'comlink';
import { isCrashMessage } from './crashMessage';
import type { EngineApi } from './engine.worker';

/** The page's handle on one engine worker. */
export interface EngineClient {
  /** The worker's API; every method returns a Promise. */
  api: Remote<EngineApi>;
  /** Stops the worker at once; calls still pending never settle. */
  terminate(): void;
  /**
   * Calls `listener` with a message when the worker fails outside a call: it
   * did not load, threw an uncaught error, left a rejection unhandled, or sent
   * a message that could not be read. Returns a function that removes it.
   */
  onCrash(listener: (message: string) => void): () => void;
}

/**
 * Starts the engine worker (a module worker that Vite bundles from
 * `engine.worker.ts`) and wraps it with comlink.
 *
 * NOTE: after a crash, calls already pending on `api` never settle; the
 * caller should terminate this client and create a new one.
 */
export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'feedlab-engine' });
  const api = wrap<EngineApi>(worker);
  const listeners = new Set<(message: string) => void>();

  const reportCrash = (message: string) => {
    for (const listener of [...listeners]) {
      listener(message);
    }
  };

  worker.addEventListener('error', (event: ErrorEvent) => {
    reportCrash(event.message ? `Engine worker error: ${event.message}` : 'The engine worker failed to load or stopped with an uncaught error');
  });
  worker.addEventListener('messageerror', () => {
    reportCrash('A message from the engine worker could not be deserialised');
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
