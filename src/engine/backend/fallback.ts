import { activateBackend, errorMessage, SET_BACKEND_TIMEOUT_MS } from './activate';
import type { BackendSelection } from './selectBackend';
import type { BackendFallback, BackendName, BackendReport } from './types';

/**
 * Runs TensorFlow.js work on the selected backend and, when that backend
 * fails, moves to the next one in the trial's ranking and runs the work again.
 *
 * The retry is safe only for work that can be repeated from the same inputs:
 * `FeedSimulation.step()` after a failed retrain redoes only the retrain,
 * from the same weights and random stream, and building a world starts from
 * scratch. A failure is blamed on the backend unless the next backend throws
 * the same message. Then the work itself is at fault: the first backend is
 * set again and the error is rethrown, so a bad input does not move the page
 * off its fastest backend. A backend that failed is never used again.
 */
export class BackendSwitcher {
  private activeBackend: BackendName;
  private readonly ranking: readonly BackendName[];
  private readonly failed = new Set<BackendName>();
  private readonly fallbacks: BackendFallback[] = [];
  private readonly baseReport: BackendReport;
  /** A backend reported lost by an event, and why; it is acted on only while that backend is active. */
  private lost: { backend: BackendName; reason: string } | undefined;

  /**
   * @param selection the trial's result; its `report.active` must be the active TensorFlow.js backend.
   * @param onFallback called after each switch, for logging.
   */
  constructor(
    selection: BackendSelection,
    private readonly onFallback: (fallback: BackendFallback) => void = () => undefined,
    private readonly setBackendTimeoutMs = SET_BACKEND_TIMEOUT_MS,
  ) {
    this.baseReport = selection.report;
    this.ranking = selection.ranking;
    this.activeBackend = selection.report.active;
  }

  get active(): BackendName {
    return this.activeBackend;
  }

  /** Returns the trial report with the current backend and every fallback so far, as a fresh plain object. */
  report(): BackendReport {
    return {
      ...this.baseReport,
      active: this.activeBackend,
      trials: this.baseReport.trials.map((trial) => ({ ...trial })),
      fallbacks: this.fallbacks.map((fallback) => ({ ...fallback })),
    };
  }

  /**
   * Marks `backend` as broken when it is the active one, for a failure that
   * arrives as an event (a lost WebGL context) rather than as an exception.
   * The next {@link run} switches before it starts, and an operation that
   * throws meanwhile is blamed on the backend. A late event about a backend
   * already left behind is ignored.
   */
  markLost(backend: BackendName, reason: string): void {
    if (backend === this.activeBackend && this.lost?.backend !== backend) {
      this.lost = { backend, reason };
    }
  }

  /**
   * Runs `operation` on the active backend, and after a backend failure on
   * the next usable one.
   *
   * @param tick the simulation tick the operation computes, recorded with a fallback.
   * @throws the operation's error when it is not a backend failure, or when no backend is left.
   */
  async run<T>(operation: () => Promise<T>, tick: number): Promise<T> {
    const lostReason = this.lostReasonOfActive();
    if (lostReason !== undefined) {
      const reason = lostReason;
      const lost = this.activeBackend;
      const next = await this.switchFrom(lost);
      if (next === undefined) {
        throw new Error(`The ${lost} backend failed (${reason}) and no other TensorFlow.js backend could be set`);
      }
      this.record(lost, next, reason, tick);
    }

    try {
      return await operation();
    } catch (error) {
      return this.retryOnNextBackends(operation, tick, error);
    }
  }

  private async retryOnNextBackends<T>(operation: () => Promise<T>, tick: number, firstError: unknown): Promise<T> {
    const origin = this.activeBackend;
    const originLostReason = this.lostReasonOfActive();
    const originLost = originLostReason !== undefined;
    let failedBackend = origin;
    let failure = firstError;
    let reason = originLostReason ?? errorMessage(firstError);

    for (;;) {
      const next = await this.switchFrom(failedBackend);
      if (next === undefined) {
        throw failure;
      }

      try {
        const result = await operation();
        this.record(failedBackend, next, reason, tick);
        return result;
      } catch (retryError) {
        const sameFailure = errorMessage(retryError) === errorMessage(firstError);
        if (failedBackend === origin && !originLost && sameFailure) {
          this.failed.delete(origin);
          await activateBackend(origin, this.setBackendTimeoutMs);
          this.activeBackend = origin;
          throw firstError;
        }
        this.record(failedBackend, next, reason, tick);
        failedBackend = next;
        failure = retryError;
        reason = errorMessage(retryError);
      }
    }
  }

  /**
   * Marks `failedBackend` as failed and sets the next backend of the ranking
   * that has not failed and can be set. Returns it, or undefined when none is left.
   */
  private async switchFrom(failedBackend: BackendName): Promise<BackendName | undefined> {
    this.failed.add(failedBackend);
    for (const candidate of this.ranking) {
      if (this.failed.has(candidate)) {
        continue;
      }
      try {
        await activateBackend(candidate, this.setBackendTimeoutMs);
        this.activeBackend = candidate;
        return candidate;
      } catch {
        this.failed.add(candidate);
      }
    }
    return undefined;
  }

  private lostReasonOfActive(): string | undefined {
    return this.lost?.backend === this.activeBackend ? this.lost.reason : undefined;
  }

  private record(from: BackendName, to: BackendName, reason: string, tick: number): void {
    const fallback: BackendFallback = { from, to, reason, tick };
    this.fallbacks.push(fallback);
    this.onFallback(fallback);
  }
}
