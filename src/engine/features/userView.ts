import type { FeedSimulation } from '../loop/simulation';
import { argmaxRow } from '../world/synthetic';
import { sessionWindowFromLog, type SessionFeatures } from './session';
import { measuredTrending, overlapShare, ranksOf } from './trending';

/** Batch statistics of one item as served, with the live count and the truth beside them. */
export interface ItemStatisticsRow {
  item: number;
  /** Dominant topic of the item. */
  topic: number;
  /** Impressions, smoothed click rate and smoothed mean watch in the served (possibly stale) store. */
  servedImpressions: number;
  servedClickRate: number;
  servedWatch: number;
  /** Impressions in the live store, which every event updates. */
  liveImpressions: number;
  /** Ground truth: this user's true click probability and expected watch for the item. */
  trueClick: number;
  trueWatch: number;
}

/** One row of a trending list, with its rank in the other list. */
export interface TrendingRow {
  item: number;
  topic: number;
  /** Decayed engagement count trend_i (measured). */
  trend: number;
  /** Mean true expected watch over users (ground truth). */
  appeal: number;
  /** 1-based ranks of the item by trend and by true appeal, [items] wide. */
  trendRank: number;
  appealRank: number;
}

/** Everything Lab 2 shows about one user's features, at one tick. */
export interface UserFeatureView {
  user: number;
  tick: number;
  /** Tick at whose start the served batch features were computed. */
  batchFeaturesTick: number;
  featureRefresh: number;
  /** The normalised profile the ranker reads, and the live one, [topics]. */
  servedProfile: number[];
  liveProfile: number[];
  /** Ground truth: the user's current true interests, [topics]. */
  trueInterests: number[];
  session: SessionFeatures;
  /** Items of the user's last served feed (or of a preview feed if never served). */
  items: ItemStatisticsRow[];
  /** Top items by measured trend, and by true appeal. */
  measuredTrending: TrendingRow[];
  trueTrending: TrendingRow[];
  /** Share of the top `trendingCount` measured items that are also in the true top `trendingCount`. */
  trendingOverlap: number;
}

/** Items listed in each trending column; the overlap is measured over the same count. */
export const TRENDING_COUNT = 20;

/**
 * Builds the feature view of `user`. `appeal` is the true appeal of every
 * item, [items], from `trueAppeal`. The caller computes it once per tick,
 * because it costs a pass over user-item pairs.
 *
 * @throws Error when `user` is not a user of the world.
 */
export function buildUserFeatureView(sim: FeedSimulation, user: number, sessionLength: number, appeal: Float32Array): UserFeatureView {
  const { world } = sim;
  const T = world.topics;
  if (!Number.isInteger(user) || user < 0 || user >= world.users) {
    throw new Error(`User ${user} does not exist; choose a user from 0 to ${world.users - 1}.`);
  }
  const snapshot = sim.snapshot(user);
  const servedProfile = new Float32Array(T);
  sim.servingStore.normalisedProfile(user, servedProfile);
  const session = sessionWindowFromLog(sim.log, user, sessionLength, world.itemTopics, T).features();

  const items = snapshot.feed.map((served): ItemStatisticsRow => ({
    item: served.item,
    topic: served.topic,
    servedImpressions: sim.servingStore.impressions[served.item],
    servedClickRate: sim.servingStore.smoothedClickRate(served.item),
    servedWatch: sim.servingStore.smoothedWatch(served.item),
    liveImpressions: sim.store.impressions[served.item],
    trueClick: served.trueClick,
    trueWatch: served.trueWatch,
  }));

  const trendRanks = ranksOf(sim.store.trend);
  const appealRanks = ranksOf(appeal);
  const row = (item: number): TrendingRow => ({
    item,
    topic: argmaxRow(world.itemTopics, item, T),
    trend: sim.store.trend[item],
    appeal: appeal[item],
    trendRank: trendRanks[item],
    appealRank: appealRanks[item],
  });
  const measured = measuredTrending(sim.store, TRENDING_COUNT);
  const truth = Array.from(appealRanks.keys())
    .filter((item) => appealRanks[item] <= TRENDING_COUNT)
    .sort((a, b) => appealRanks[a] - appealRanks[b]);

  return {
    user,
    tick: sim.tick,
    batchFeaturesTick: sim.batchFeaturesTick,
    featureRefresh: sim.featureRefresh,
    servedProfile: Array.from(servedProfile),
    liveProfile: snapshot.profile,
    trueInterests: snapshot.trueInterests,
    session,
    items,
    measuredTrending: measured.map(row),
    trueTrending: truth.map(row),
    trendingOverlap: overlapShare(measured, truth),
  };
}
