import { log1p } from '../math';

/**
 * The platform's feature store: what it has learned from its own logs. It
 * never reads the world's true state, only logged events and item metadata
 * (topic mix, length) that a platform would have from its content pipeline.
 */
export const FEATURE_STORE = {
  /** Per-tick decay of a user's logged topic profile (long-term interests); half-life ln ½ / ln 0.95 ≈ 13.5 ticks. */
  profileDecay: 0.95,
  /** Per-tick decay of the trending count of an item; half-life ln ½ / ln 0.8 ≈ 3.1 ticks. */
  trendDecay: 0.8,
  /** Pseudo-impressions of the prior in the smoothed item click rate and watch. */
  smoothingImpressions: 20,
};

/**
 * Arrays that a serving copy shares with the live store instead of owning:
 * the real-time trend features, which every event updates and which a batch
 * refresh never freezes.
 */
export interface SharedRealTimeFeatures {
  trend: Float32Array;
  logTrend: Float64Array;
}

/**
 * Batch features: the user profile and the item statistics (impressions,
 * clicks, watch sums and the totals behind the smoothing prior). Real-time
 * features: the trend counts. {@link FeatureStore.copyBatchFeaturesFrom}
 * copies only the former.
 */
export class FeatureStore {
  readonly users: number;
  readonly items: number;
  readonly topics: number;
  /** Decayed, watch-weighted sum of consumed topic mixes, [users, topics]. Not normalised. */
  readonly profile: Float32Array;
  /** Cumulative impressions, clicks and watch-fraction sums per item, [items]. */
  readonly impressions: Float32Array;
  readonly clicks: Float32Array;
  readonly watchSum: Float32Array;
  /** Time-decayed engagement (watch fraction summed) per item, [items]; the "trending" signal. */
  readonly trend: Float32Array;
  /**
   * ln(1 + impressions_i) and ln(1 + trend_i), [items], kept up to date as the
   * counts change, because the ranker reads them for every candidate.
   */
  readonly logImpressions: Float64Array;
  readonly logTrend: Float64Array;
  totalImpressions = 0;
  totalClicks = 0;
  totalWatch = 0;
  /** Largest cumulative impression count of any item, and ln(1 + it). */
  maxImpressions = 0;
  private logMaxImpressions = 0;

  /**
   * `shared`, when given, supplies the trend arrays ([items]) of a live store,
   * which makes this store a serving copy: its batch features change only
   * through {@link copyBatchFeaturesFrom}. Never call {@link decay} or
   * {@link record} on a serving copy, because they would also change the
   * live store's trend.
   */
  constructor(users: number, items: number, topics: number, shared?: SharedRealTimeFeatures) {
    this.users = users;
    this.items = items;
    this.topics = topics;
    this.profile = new Float32Array(users * topics);
    this.impressions = new Float32Array(items);
    this.clicks = new Float32Array(items);
    this.watchSum = new Float32Array(items);
    this.trend = shared?.trend ?? new Float32Array(items);
    this.logImpressions = new Float64Array(items);
    this.logTrend = shared?.logTrend ?? new Float64Array(items);
  }

  /** Creates a serving copy of `live` that shares its real-time trend arrays and contains a copy of its batch features. */
  static servingCopy(live: FeatureStore): FeatureStore {
    const copy = new FeatureStore(live.users, live.items, live.topics, { trend: live.trend, logTrend: live.logTrend });
    copy.copyBatchFeaturesFrom(live);
    return copy;
  }

  /**
   * Copies the batch features of `source` into this store: profiles,
   * per-item impressions, clicks and watch sums, and the totals. This is the
   * batch job of a feature pipeline; between two copies the ranker reads
   * values that are as old as the last copy.
   */
  copyBatchFeaturesFrom(source: FeatureStore): void {
    if (source.users !== this.users || source.items !== this.items || source.topics !== this.topics) {
      throw new Error(`Cannot copy features of a ${source.users}×${source.items}×${source.topics} store into a ${this.users}×${this.items}×${this.topics} store; both must have the same users, items and topics.`);
    }
    this.profile.set(source.profile);
    this.impressions.set(source.impressions);
    this.clicks.set(source.clicks);
    this.watchSum.set(source.watchSum);
    this.logImpressions.set(source.logImpressions);
    this.totalImpressions = source.totalImpressions;
    this.totalClicks = source.totalClicks;
    this.totalWatch = source.totalWatch;
    this.maxImpressions = source.maxImpressions;
    this.logMaxImpressions = source.logMaxImpressions;
  }

  /** Applies the per-tick decay to profiles and trends; call once at the start of a tick. */
  decay(): void {
    const profileDecay = FEATURE_STORE.profileDecay;
    for (let k = 0; k < this.profile.length; k += 1) {
      this.profile[k] *= profileDecay;
    }
    const trendDecay = FEATURE_STORE.trendDecay;
    for (let i = 0; i < this.items; i += 1) {
      this.trend[i] *= trendDecay;
      this.logTrend[i] = log1p(this.trend[i]);
    }
  }

  /** Records one logged impression. `itemTopics` is the [items, topics] metadata matrix. */
  record(user: number, item: number, watch: number, click: boolean, itemTopics: Float32Array): void {
    const T = this.topics;
    for (let t = 0; t < T; t += 1) {
      this.profile[user * T + t] += watch * itemTopics[item * T + t];
    }
    this.impressions[item] += 1;
    this.logImpressions[item] = log1p(this.impressions[item]);
    if (this.impressions[item] > this.maxImpressions) {
      this.maxImpressions = this.impressions[item];
      this.logMaxImpressions = this.logImpressions[item];
    }
    this.watchSum[item] += watch;
    this.trend[item] += watch;
    this.logTrend[item] = log1p(this.trend[item]);
    this.totalImpressions += 1;
    this.totalWatch += watch;
    if (click) {
      this.clicks[item] += 1;
      this.totalClicks += 1;
    }
  }

  /** User u's profile normalised to a probability vector, written into `out` ([topics]); uniform when empty. */
  normalisedProfile(user: number, out: Float32Array | number[]): void {
    const T = this.topics;
    let total = 0;
    for (let t = 0; t < T; t += 1) {
      total += this.profile[user * T + t];
    }
    for (let t = 0; t < T; t += 1) {
      out[t] = total > 0 ? this.profile[user * T + t] / total : 1 / T;
    }
  }

  /** Smoothed click rate: (clicks_i + a · CTR_all) / (impressions_i + a). */
  smoothedClickRate(item: number): number {
    const a = FEATURE_STORE.smoothingImpressions;
    const prior = this.totalImpressions > 0 ? this.totalClicks / this.totalImpressions : 0.05;
    return (this.clicks[item] + a * prior) / (this.impressions[item] + a);
  }

  /** Smoothed mean watch fraction, with the same prior form as the click rate. */
  smoothedWatch(item: number): number {
    const a = FEATURE_STORE.smoothingImpressions;
    const prior = this.totalImpressions > 0 ? this.totalWatch / this.totalImpressions : 0.3;
    return (this.watchSum[item] + a * prior) / (this.impressions[item] + a);
  }

  /** Visible popularity π_i = ln(1 + impressions_i) / ln(1 + max impressions), in [0, 1]; what a view counter shows users. */
  visiblePopularity(item: number): number {
    return this.maxImpressions > 0 ? this.logImpressions[item] / this.logMaxImpressions : 0;
  }
}
