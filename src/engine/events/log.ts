import type { CandidateSource } from '../loop/types';
import { SOURCES } from '../loop/types';

/** One impression and the user's reaction to it, as the platform logs it. */
export interface ImpressionEvent {
  tick: number;
  user: number;
  item: number;
  position: number;
  source: CandidateSource;
  watch: number;
  click: boolean;
  like: boolean;
  share: boolean;
  skip: boolean;
  /** The ranker's predictions at serving time. */
  predictedClick: number;
  predictedWatch: number;
}

/**
 * Append-only columnar event log: one typed array per field, [events].
 * Capacity doubles when full, so appending is amortised O(1) and a column
 * can be handed to a model or transferred without repacking.
 */
export class EventLog {
  length = 0;
  tick = new Uint32Array(0);
  user = new Uint32Array(0);
  item = new Uint32Array(0);
  position = new Uint8Array(0);
  /** Index into SOURCES. */
  source = new Uint8Array(0);
  watch = new Float32Array(0);
  click = new Uint8Array(0);
  like = new Uint8Array(0);
  share = new Uint8Array(0);
  skip = new Uint8Array(0);
  predictedClick = new Float32Array(0);
  predictedWatch = new Float32Array(0);

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  append(event: ImpressionEvent): number {
    if (this.length === this.tick.length) {
      this.grow(this.tick.length * 2);
    }
    const n = this.length;
    this.tick[n] = event.tick;
    this.user[n] = event.user;
    this.item[n] = event.item;
    this.position[n] = event.position;
    this.source[n] = SOURCES.indexOf(event.source);
    this.watch[n] = event.watch;
    this.click[n] = event.click ? 1 : 0;
    this.like[n] = event.like ? 1 : 0;
    this.share[n] = event.share ? 1 : 0;
    this.skip[n] = event.skip ? 1 : 0;
    this.predictedClick[n] = event.predictedClick;
    this.predictedWatch[n] = event.predictedWatch;
    this.length = n + 1;
    return n;
  }

  /** Index of the first event logged at or after `tick` (events are in tick order). */
  firstIndexAtTick(tick: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tick[mid] < tick) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private grow(capacity: number): void {
    const size = Math.max(1, capacity);
    this.tick = resize(this.tick, size);
    this.user = resize(this.user, size);
    this.item = resize(this.item, size);
    this.position = resize(this.position, size);
    this.source = resize(this.source, size);
    this.watch = resize(this.watch, size);
    this.click = resize(this.click, size);
    this.like = resize(this.like, size);
    this.share = resize(this.share, size);
    this.skip = resize(this.skip, size);
    this.predictedClick = resize(this.predictedClick, size);
    this.predictedWatch = resize(this.predictedWatch, size);
  }
}

type TypedArray = Uint8Array | Uint32Array | Float32Array;

function resize<T extends TypedArray>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array.subarray(0, Math.min(array.length, size)));
  return next;
}
