import type { Random } from '../random';
import type { FollowGraph } from './followGraph';

/** A shared item waiting for its recipient's next tick. */
export interface ShareDelivery {
  item: number;
  /** Index of the cascade the share belongs to. */
  cascade: number;
}

/**
 * Draws the recipients of one share. Users follow creators, not users, so a
 * sharer's audience is its co-followers: each of up to `fanout` draws picks
 * one creator the sharer follows, then one of that creator's followers other
 * than the sharer, uniformly. Duplicates are dropped, so a share reaches at
 * most `fanout` users. A sharer who follows no creator reaches no user.
 */
export function drawShareRecipients(graph: FollowGraph, sharer: number, fanout: number, rng: Random): number[] {
  const recipients = new Set<number>();
  const followed = graph.following[sharer];
  if (followed.length === 0) {
    return [];
  }
  for (let draw = 0; draw < fanout; draw += 1) {
    const audience = graph.followers[followed[rng.int(followed.length)]];
    const recipient = audience[rng.int(audience.length)];
    if (recipient !== sharer) {
      recipients.add(recipient);
    }
  }
  return [...recipients].sort((a, b) => a - b);
}

/**
 * Share cascades. A user who shares an item that no share delivered starts
 * a cascade. The recipients see the item at the top of their feed in the
 * next tick if they open the app then, and otherwise the delivery lapses.
 * A recipient who shares it again extends the same cascade. The size of a
 * cascade is the number of impressions delivered through it.
 */
export class ShareCascades {
  /** Delivered impressions per cascade, [cascades]. */
  readonly sizes: number[] = [];
  private current = new Map<number, ShareDelivery[]>();
  private next = new Map<number, ShareDelivery[]>();

  /** Makes the deliveries sent last tick due and drops those that lapsed. */
  startTick(): void {
    this.current = this.next;
    this.next = new Map();
  }

  /** Deliveries due to `user` this tick. */
  due(user: number): readonly ShareDelivery[] {
    return this.current.get(user) ?? [];
  }

  /** Counts a served delivery of `item` to `user`; returns its cascade, or −1 when the item was not delivered by a share. */
  recordDelivery(user: number, item: number): number {
    const delivery = this.due(user).find((entry) => entry.item === item);
    if (delivery === undefined) {
      return -1;
    }
    this.sizes[delivery.cascade] += 1;
    return delivery.cascade;
  }

  /** Sends a share to its recipients for the next tick; `cascade` −1 starts a new cascade. Returns the cascade. */
  share(item: number, cascade: number, recipients: readonly number[]): number {
    let id = cascade;
    if (id < 0) {
      id = this.sizes.length;
      this.sizes.push(0);
    }
    for (const recipient of recipients) {
      const list = this.next.get(recipient) ?? [];
      list.push({ item, cascade: id });
      this.next.set(recipient, list);
    }
    return id;
  }
}

/** Count, mean and maximum of cascade sizes; mean NaN and maximum 0 for no cascades. */
export function summariseCascades(sizes: readonly number[]): { count: number; mean: number; max: number } {
  if (sizes.length === 0) {
    return { count: 0, mean: Number.NaN, max: 0 };
  }
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const max = sizes.reduce((best, size) => (size > best ? size : best), 0);
  return { count: sizes.length, mean: total / sizes.length, max };
}

/**
 * Histogram of cascade sizes: `counts[s]` is the number of cascades of size
 * s, for s from 0 to the largest size (a cascade has size 0 while none of
 * its deliveries has been served).
 */
export function cascadeSizeHistogram(sizes: readonly number[]): number[] {
  const max = sizes.reduce((best, size) => (size > best ? size : best), 0);
  const counts = new Array<number>(max + 1).fill(0);
  for (const size of sizes) {
    counts[size] += 1;
  }
  return sizes.length > 0 ? counts : [];
}
