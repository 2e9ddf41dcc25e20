import type { FeatureStore } from '../features/store';
import type { MatrixFactorisation } from '../models/matrixFactorisation';
import { log } from '../math';

/**
 * The ranker's feature vector for one (user, item) pair, F = 3T + 6 values:
 *
 *   [0, T)      the user's logged profile p_u (normalised topic mix of watched items)
 *   [T, 2T)     the item's topic mix φ_i (content metadata)
 *   [2T, 3T)    the cross T · (p_u ⊙ φ_i), one weight per topic for "user likes this topic"
 *   3T          the retrieval model's logit p_u·q_i + b_i
 *   3T + 1      ln(1 + impressions_i) / 5
 *   3T + 2      10 × smoothed click rate of the item
 *   3T + 3      smoothed mean watch fraction of the item
 *   3T + 4      ln(length_i / 30 s)
 *   3T + 5      ln(1 + trend_i) / 3, the time-decayed engagement count
 *
 * The scales keep every value of order 1 so one learning rate suits them all.
 */
export function rankingFeatureCount(topics: number): number {
  return 3 * topics + 6;
}

export const RANKING_FEATURE_NAMES = (topicNames: string[]): string[] => [
  ...topicNames.map((name) => `profile:${name}`),
  ...topicNames.map((name) => `item:${name}`),
  ...topicNames.map((name) => `cross:${name}`),
  'retrieval logit',
  'log impressions',
  'click rate',
  'mean watch',
  'log length',
  'trend',
];

/** Inputs the feature builder reads; all platform-side, none of the world's truth. */
export interface FeatureContext {
  store: FeatureStore;
  retrieval: MatrixFactorisation;
  /** Item topic mixes, [items, topics] (content metadata). */
  itemTopics: Float32Array;
  /** Item lengths in seconds, [items]. */
  itemLength: Float32Array;
}

/**
 * Writes the feature vector of (user, item) into `out` at `offset`.
 * `profile` is the user's normalised profile ([topics]), computed once per user.
 */
export function writeRankingFeatures(context: FeatureContext, profile: Float32Array, user: number, item: number, out: Float32Array, offset: number): void {
  const { store, retrieval, itemTopics, itemLength } = context;
  const T = store.topics;
  for (let t = 0; t < T; t += 1) {
    const phi = itemTopics[item * T + t];
    out[offset + t] = profile[t];
    out[offset + T + t] = phi;
    out[offset + 2 * T + t] = T * profile[t] * phi;
  }
  const base = offset + 3 * T;
  out[base] = retrieval.dot(user, item) + retrieval.itemBias[item];
  out[base + 1] = store.logImpressions[item] / 5;
  out[base + 2] = 10 * store.smoothedClickRate(item);
  out[base + 3] = store.smoothedWatch(item);
  out[base + 4] = logLengthRatios(itemLength)[item];
  out[base + 5] = store.logTrend[item] / 3;
}

const logLengthCache = new WeakMap<Float32Array, Float64Array>();

/** ln(length_i / 30 s) of every item, [items], computed once per catalogue (lengths never change). */
function logLengthRatios(itemLength: Float32Array): Float64Array {
  let ratios = logLengthCache.get(itemLength);
  if (ratios === undefined) {
    ratios = Float64Array.from(itemLength, (length) => log(length / 30));
    logLengthCache.set(itemLength, ratios);
  }
  return ratios;
}
