/**
 * Scaffolding that every FeedLab worker puts around its API: a logger whose lines name
 * the worker, and a report of unhandled rejections to the page. A rejected
 * promise without a handler does not reach the page's `error` event, so it
 * is posted as a crash message next to comlink's traffic.
 */
import { expose } from 'comlink';
import { errorMessage } from '../engine/backend/activate';
import { CRASH_MESSAGE_TYPE, type CrashMessage } from './crashMessage';
import type { EngineLogger } from './engineApi';

/** Returns a console logger whose lines start with `[label]`, for example `[ranking worker]`. */
export function createWorkerLogger(label: string): EngineLogger {
  const prefix = `[${label}]`;
  return {
    debug: (...args: unknown[]) => console.debug(prefix, ...args),
    info: (...args: unknown[]) => console.info(prefix, ...args),
    warn: (...args: unknown[]) => console.warn(prefix, ...args),
    error: (...args: unknown[]) => console.error(prefix, ...args),
  };
}

/** Exposes `api` with comlink in this worker and reports its unhandled rejections to the page as crash messages. */
export function exposeWorkerApi(api: object, label: string, log: EngineLogger): void {
  expose(api);

  const workerScope = self as unknown as { postMessage(message: CrashMessage): void };
  self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    const message = `Unhandled rejection in the ${label}: ${errorMessage(event.reason)}`;
    log.error(message);
    workerScope.postMessage({ type: CRASH_MESSAGE_TYPE, message });
  });
}
