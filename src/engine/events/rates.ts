import type { EventLog } from './log';

/** Counts and rates of each event type in one tick of the log. Rates are NaN for a tick without impressions. */
export interface EventRates {
  tick: number;
  impressions: number;
  clicks: number;
  likes: number;
  shares: number;
  skips: number;
  /** clicks / impressions, and the same for the other types. */
  clickRate: number;
  likeRate: number;
  shareRate: number;
  skipRate: number;
}

/**
 * Aggregates the log into one row per tick from `fromTick` to `toTick`,
 * inclusive, as a stream job with a one-tick tumbling window would. O(events
 * in the range), found by binary search on the tick-ordered log.
 */
export function ratesPerTick(log: EventLog, fromTick: number, toTick: number): EventRates[] {
  const rows: EventRates[] = [];
  let index = log.firstIndexAtTick(fromTick);
  for (let tick = fromTick; tick <= toTick; tick += 1) {
    let impressions = 0;
    let clicks = 0;
    let likes = 0;
    let shares = 0;
    let skips = 0;
    while (index < log.length && log.tick[index] === tick) {
      impressions += 1;
      clicks += log.click[index];
      likes += log.like[index];
      shares += log.share[index];
      skips += log.skip[index];
      index += 1;
    }
    const rate = (count: number) => (impressions > 0 ? count / impressions : Number.NaN);
    rows.push({ tick, impressions, clicks, likes, shares, skips, clickRate: rate(clicks), likeRate: rate(likes), shareRate: rate(shares), skipRate: rate(skips) });
  }
  return rows;
}
