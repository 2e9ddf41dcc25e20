/**
 * Forwards progress values at most once per `intervalMs`, plus a final value
 * through {@link flush}. The first value is sent at once.
 */
export class ProgressThrottle<T> {
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: (value: T) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Sends `value` unless a value was sent less than `intervalMs` ago. */
  report(value: T): void {
    const time = this.now();
    if (time - this.lastSentAt >= this.intervalMs) {
      this.lastSentAt = time;
      this.send(value);
    }
  }

  /** Sends `value` regardless of the interval. */
  flush(value: T): void {
    this.lastSentAt = this.now();
    this.send(value);
  }
}
