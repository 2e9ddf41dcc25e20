/**
 * Reach of each creator: impressions and distinct users, per tick and since
 * tick 1. The per-tick counts belong to the tick being served.
 */
export class CreatorReach {
  readonly creators: number;
  readonly users: number;
  /** Impressions per creator in the current tick, [creators]. */
  readonly impressions: Uint32Array;
  /** Distinct users reached per creator in the current tick, [creators]. */
  readonly usersThisTick: Uint32Array;
  /** Impressions per creator since tick 1, [creators]. */
  readonly totalImpressions: Float64Array;
  /** Distinct users reached per creator since tick 1, [creators]. */
  readonly totalUsers: Uint32Array;
  private readonly reached: Uint8Array;
  private readonly reachedTick: Int32Array;

  constructor(creators: number, users: number) {
    this.creators = creators;
    this.users = users;
    this.impressions = new Uint32Array(creators);
    this.usersThisTick = new Uint32Array(creators);
    this.totalImpressions = new Float64Array(creators);
    this.totalUsers = new Uint32Array(creators);
    this.reached = new Uint8Array(creators * users);
    this.reachedTick = new Int32Array(creators * users).fill(-1);
  }

  /** Clears the per-tick counts. */
  startTick(): void {
    this.impressions.fill(0);
    this.usersThisTick.fill(0);
  }

  /** Counts one impression of `creator`'s item served to `user` at `tick`. */
  record(tick: number, creator: number, user: number): void {
    const cell = creator * this.users + user;
    this.impressions[creator] += 1;
    this.totalImpressions[creator] += 1;
    if (this.reachedTick[cell] !== tick) {
      this.reachedTick[cell] = tick;
      this.usersThisTick[creator] += 1;
    }
    if (this.reached[cell] === 0) {
      this.reached[cell] = 1;
      this.totalUsers[creator] += 1;
    }
  }
}

/** One point of the reach-against-followers scatter. */
export interface ReachRow {
  creator: number;
  followers: number;
  impressions: number;
  distinctUsers: number;
  /** distinctUsers / followers; NaN for a creator without followers. */
  reachPerFollower: number;
}

/** Rows of the reach-against-followers scatter, one per creator, from cumulative reach. */
export function reachRows(followers: ArrayLike<number>, reach: CreatorReach): ReachRow[] {
  const rows: ReachRow[] = [];
  for (let creator = 0; creator < reach.creators; creator += 1) {
    const count = followers[creator];
    const distinctUsers = reach.totalUsers[creator];
    rows.push({ creator, followers: count, impressions: reach.totalImpressions[creator], distinctUsers, reachPerFollower: count > 0 ? distinctUsers / count : Number.NaN });
  }
  return rows;
}

/**
 * Share of impressions that went to micro creators (follower count below
 * `threshold`); NaN when there were no impressions.
 */
export function microCreatorShare(followers: ArrayLike<number>, impressions: ArrayLike<number>, threshold: number): number {
  let micro = 0;
  let total = 0;
  for (let creator = 0; creator < impressions.length; creator += 1) {
    total += impressions[creator];
    if (followers[creator] < threshold) {
      micro += impressions[creator];
    }
  }
  return total > 0 ? micro / total : Number.NaN;
}

/** First tick at which a cumulative series reaches `target`, or null if it never does. `series[k]` is the value after tick k + 1. */
export function ticksToReach(series: readonly number[], target: number): number | null {
  const index = series.findIndex((value) => value >= target);
  return index < 0 ? null : index + 1;
}

/**
 * Mean distinct users reached by micro creators (followers below `threshold`)
 * and by macro creators (the rest); NaN for an empty group.
 */
export function meanReachByGroup(rows: readonly ReachRow[], threshold: number): { micro: number; macro: number } {
  const mean = (group: readonly ReachRow[]): number => (group.length > 0 ? group.reduce((sum, row) => sum + row.distinctUsers, 0) / group.length : Number.NaN);
  return { micro: mean(rows.filter((row) => row.followers < threshold)), macro: mean(rows.filter((row) => row.followers >= threshold)) };
}
