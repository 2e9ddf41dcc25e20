import { errorMessage } from '../engine/backend/activate';
import type { EngineLogger } from './engineApi';

/** Most ticks that one call of a lab worker plays (Labs 2, 8 and 9). */
export const MAX_TICKS = 2_000;

/**
 * Checks the tick count of a worker call.
 *
 * @throws Error naming the call, the accepted range and the value received.
 */
export function checkTicks(name: string, ticks: number): void {
  if (!Number.isInteger(ticks) || ticks < 0 || ticks > MAX_TICKS) {
    throw new Error(`${name}: ticks must be a whole number from 0 to ${MAX_TICKS}; received ${ticks}`);
  }
}

/**
 * Sends a progress report to the page without letting a failed callback
 * (for example a page that closed) stop the run; the failure is logged.
 */
export function reportSafely(log: EngineLogger, name: string, send: () => unknown): void {
  void Promise.resolve()
    .then(send)
    .catch((error: unknown) => log.warn(`${name}: progress callback failed: ${errorMessage(error)}`));
}
