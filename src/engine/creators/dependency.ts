import type { CreatorTickRow } from './run';

/**
 * The focus creator's dependency on one platform decision: mean traffic per
 * tick before and after the objective change, and the relative drop
 *
 *   drop = (mean before − mean after) / mean before
 *
 * where "before" is ticks 1..changeTick and "after" the ticks after
 * changeTick that were run. A positive drop is a loss (0.4 = 40% less
 * traffic), a negative one a gain. It is computed twice: from platform
 * impressions alone, and from the total traffic, which adds the
 * off-platform views (`externalViews` per tick) that the change cannot touch.
 */
export interface TrafficDependency {
  /** Ticks averaged on each side of the change. */
  ticksBefore: number;
  ticksAfter: number;
  /** Mean platform impressions per tick. */
  platformBefore: number;
  platformAfter: number;
  /** Mean total traffic (platform impressions + off-platform views) per tick. */
  totalBefore: number;
  totalAfter: number;
  /** Relative drop of platform impressions; NaN without ticks on both sides or with a mean of 0 before. */
  platformDrop: number;
  /** Relative drop of total traffic; NaN as for `platformDrop`. */
  totalDrop: number;
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
}

function relativeDrop(before: number, after: number): number {
  return before > 0 && Number.isFinite(after) ? (before - after) / before : Number.NaN;
}

/** Measures {@link TrafficDependency} from a run's rows; `changeTick` 0 (no change) leaves every tick "before". */
export function trafficDependency(rows: readonly Pick<CreatorTickRow, 'tick' | 'focusImpressions' | 'focusTraffic'>[], changeTick: number): TrafficDependency {
  const before = rows.filter((row) => changeTick === 0 || row.tick <= changeTick);
  const after = rows.filter((row) => changeTick > 0 && row.tick > changeTick);
  const platformBefore = mean(before.map((row) => row.focusImpressions));
  const platformAfter = mean(after.map((row) => row.focusImpressions));
  const totalBefore = mean(before.map((row) => row.focusTraffic));
  const totalAfter = mean(after.map((row) => row.focusTraffic));
  return {
    ticksBefore: before.length,
    ticksAfter: after.length,
    platformBefore,
    platformAfter,
    totalBefore,
    totalAfter,
    platformDrop: relativeDrop(platformBefore, platformAfter),
    totalDrop: relativeDrop(totalBefore, totalAfter),
  };
}

/** One creator's platform impressions per tick on each side of the objective change. */
export interface CreatorTrafficChange {
  creator: number;
  followers: number;
  /** Mean platform impressions per tick, ticks 1..changeTick and the ticks after it. */
  before: number;
  after: number;
  /** (after − before) / before: −0.5 lost half, +1 doubled; NaN with no ticks after the change or no impressions before. */
  change: number;
}

/**
 * Computes every creator's traffic on both sides of the objective change,
 * from the impressions summed over each side ([creators] each) and the ticks
 * on each side. The spread of `change` over creators is the platform's power: one
 * decision moves some creators' traffic up and others' down.
 */
export function creatorTrafficChanges(followers: ArrayLike<number>, sumBefore: ArrayLike<number>, sumAfter: ArrayLike<number>, ticksBefore: number, ticksAfter: number): CreatorTrafficChange[] {
  const changes: CreatorTrafficChange[] = [];
  for (let creator = 0; creator < sumBefore.length; creator += 1) {
    const before = ticksBefore > 0 ? sumBefore[creator] / ticksBefore : Number.NaN;
    const after = ticksAfter > 0 ? sumAfter[creator] / ticksAfter : Number.NaN;
    const drop = relativeDrop(before, after);
    changes.push({ creator, followers: followers[creator], before, after, change: drop === 0 ? 0 : -drop });
  }
  return changes;
}

/** Counts of creators whose platform traffic at least halved and at least doubled after the change; creators with NaN change are left out. */
export function countLargeChanges(changes: readonly CreatorTrafficChange[]): { halved: number; doubled: number; measured: number } {
  const measured = changes.filter((row) => Number.isFinite(row.change));
  return {
    halved: measured.filter((row) => row.change <= -0.5).length,
    doubled: measured.filter((row) => row.change >= 1).length,
    measured: measured.length,
  };
}
