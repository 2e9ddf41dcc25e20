import type { EventLog } from '../events/log';

/** Default length N of a session window, in events. */
export const DEFAULT_SESSION_LENGTH = 20;

/**
 * Real-time session features of one user, computed from the last N logged
 * events (or fewer when the user has fewer). With w_e the watch fraction of
 * event e and φ_e the topic mix of its item:
 *
 *   topicMix_t = Σ_e w_e φ_et / Σ_e w_e    (uniform 1/T when Σ_e w_e = 0)
 *   meanWatch  = Σ_e w_e / n,   clickRate = clicks / n,   skipRate = skips / n
 */
export interface SessionFeatures {
  /** Events in the window, n ≤ N. */
  events: number;
  /** Watch-weighted topic mix of the window, [topics], summing to 1. */
  topicMix: number[];
  meanWatch: number;
  clickRate: number;
  skipRate: number;
  /** Ticks of the oldest and newest event in the window; 0 when it is empty. */
  firstTick: number;
  lastTick: number;
}

/**
 * Sliding window of one user's last N events, [N] ring buffers. Pushing the
 * (N + 1)-th event drops the oldest, which is how a streaming feature job
 * keeps a session: O(1) per event, no rescans.
 */
export class SessionWindow {
  readonly length: number;
  readonly topics: number;
  private readonly mixes: Float32Array;
  private readonly watches: Float32Array;
  private readonly clicks: Uint8Array;
  private readonly skips: Uint8Array;
  private readonly ticks: Uint32Array;
  /** Events pushed so far, including dropped ones. */
  private pushed = 0;

  constructor(length: number, topics: number) {
    if (!Number.isInteger(length) || length < 1) {
      throw new Error(`Session length ${length} is invalid; use a whole number of events of at least 1.`);
    }
    this.length = length;
    this.topics = topics;
    this.mixes = new Float32Array(length * topics);
    this.watches = new Float32Array(length);
    this.clicks = new Uint8Array(length);
    this.skips = new Uint8Array(length);
    this.ticks = new Uint32Array(length);
  }

  /** Adds one event: the item's topic mix ([topics], from `offset`), its watch fraction, click, skip and tick. */
  push(topicMix: ArrayLike<number>, offset: number, watch: number, click: boolean, skip: boolean, tick: number): void {
    const slot = this.pushed % this.length;
    for (let t = 0; t < this.topics; t += 1) {
      this.mixes[slot * this.topics + t] = topicMix[offset + t];
    }
    this.watches[slot] = watch;
    this.clicks[slot] = click ? 1 : 0;
    this.skips[slot] = skip ? 1 : 0;
    this.ticks[slot] = tick;
    this.pushed += 1;
  }

  /** Returns an independent copy, so a what-if experiment can push events without changing this window. */
  clone(): SessionWindow {
    const copy = new SessionWindow(this.length, this.topics);
    copy.mixes.set(this.mixes);
    copy.watches.set(this.watches);
    copy.clicks.set(this.clicks);
    copy.skips.set(this.skips);
    copy.ticks.set(this.ticks);
    copy.pushed = this.pushed;
    return copy;
  }

  /** Computes the {@link SessionFeatures} of the events held. */
  features(): SessionFeatures {
    const n = Math.min(this.pushed, this.length);
    const T = this.topics;
    const mass = new Float64Array(T);
    let watchSum = 0;
    let clicks = 0;
    let skips = 0;
    let firstTick = 0;
    let lastTick = 0;
    for (let k = 0; k < n; k += 1) {
      // k = 0 is the oldest event held.
      const slot = (this.pushed - n + k) % this.length;
      const watch = this.watches[slot];
      for (let t = 0; t < T; t += 1) {
        mass[t] += watch * this.mixes[slot * T + t];
      }
      watchSum += watch;
      clicks += this.clicks[slot];
      skips += this.skips[slot];
      if (k === 0) {
        firstTick = this.ticks[slot];
      }
      lastTick = this.ticks[slot];
    }
    const topicMix = Array.from(mass, (value) => (watchSum > 0 ? value / watchSum : 1 / T));
    return {
      events: n,
      topicMix,
      meanWatch: n > 0 ? watchSum / n : 0,
      clickRate: n > 0 ? clicks / n : 0,
      skipRate: n > 0 ? skips / n : 0,
      firstTick,
      lastTick,
    };
  }
}

/**
 * Builds the session window of `user` from the event log: the user's last
 * `length` events before index `end`, found by scanning backwards. O(events
 * scanned), which is the whole log for a user who never came back, so call
 * it for one chosen user, not for every user of a tick.
 *
 * `itemTopics` is the [items, topics] metadata matrix.
 */
export function sessionWindowFromLog(log: EventLog, user: number, length: number, itemTopics: Float32Array, topics: number, end = log.length): SessionWindow {
  const found: number[] = [];
  for (let index = Math.min(end, log.length) - 1; index >= 0 && found.length < length; index -= 1) {
    if (log.user[index] === user) {
      found.push(index);
    }
  }
  const window = new SessionWindow(length, topics);
  for (let k = found.length - 1; k >= 0; k -= 1) {
    const index = found[k];
    window.push(itemTopics, log.item[index] * topics, log.watch[index], log.click[index] === 1, log.skip[index] === 1, log.tick[index]);
  }
  return window;
}
