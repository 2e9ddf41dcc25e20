/**
 * A cap on exposure per creator: within one tick, no creator's items get more
 * than `cap` impressions over all users' feeds. Feeds are filled user by user,
 * so a creator that reaches the cap is skipped for the users served later in
 * the tick; the serving order decides who still sees them. Checked with
 * {@link allows} before an item is placed and counted with {@link record}.
 */
export class CreatorExposureCap {
  readonly cap: number;
  /** Impressions of each creator in the current tick, [creators]. */
  readonly counts: Uint32Array;

  /** `cap` is impressions per creator per tick; Infinity means no cap. */
  constructor(creators: number, cap: number) {
    if (!(cap >= 0)) {
      throw new Error(`Invalid exposure cap ${cap}; expected a number of impressions per creator per tick of at least 0 (Infinity for no cap)`);
    }
    this.cap = cap;
    this.counts = new Uint32Array(creators);
  }

  allows(creator: number): boolean {
    return this.counts[creator] < this.cap;
  }

  record(creator: number): void {
    this.counts[creator] += 1;
  }

  /** Starts a new tick: every creator's count goes back to 0. */
  startTick(): void {
    this.counts.fill(0);
  }
}
