/**
 * Shapes that the closed-loop simulation hands to its callers (the worker, the
 * CLI, tests). All are plain data: structured-clone safe, no class instances.
 */

/**
 * Origin of a served item; `ideal` is the oracle reference recommender of
 * Lab 8. Lab 9 adds `following` (recent items of followed creators) and
 * `shared` (an item that a co-follower shared). They come last, so the
 * indices that the event log stores for the first four do not change.
 */
export const SOURCES = ['popularity', 'embedding', 'exploration', 'ideal', 'following', 'shared'] as const;
export type CandidateSource = (typeof SOURCES)[number];

/**
 * One row per tick. Every field is a number so the row can go straight to CSV;
 * the column order of {@link TICK_METRIC_COLUMNS} is the CSV column order of
 * both the CLI and the page's "Download CSV".
 */
export interface TickMetrics {
  /** Tick index, starting at 1 for the first served tick. */
  tick: number;
  /** Users who opened the app this tick. */
  activeUsers: number;
  /** Items served this tick (active users × feed size, fewer if the catalogue runs out). */
  impressions: number;
  /** Mean observed watch fraction over impressions, in [0, 1]. */
  meanWatch: number;
  /** Clicks / impressions. */
  clickRate: number;
  /** Likes / impressions. */
  likeRate: number;
  /** Shares / impressions. */
  shareRate: number;
  /** Skips (watch fraction below the skip threshold) / impressions. */
  skipRate: number;
  /** Mean true utility per impression (response-model definition), what the platform cannot see. */
  trueUtility: number;
  /** Mean true utility per impression of the ideal feed, the K unseen items of highest true utility. */
  idealUtility: number;
  /** trueUtility / idealUtility; 1 means the feed was as good as an oracle's. */
  utilityRatio: number;
  /** Mean intra-list diversity of the served feeds: 1 − mean pairwise cosine similarity of item topic vectors. */
  intraListDiversity: number;
  /** Shannon entropy (nats) of the topic mix consumed this tick (watch-weighted). */
  topicEntropy: number;
  /** Gini coefficient of cumulative impressions over items, in [0, 1]. */
  exposureGini: number;
  /** Share of the catalogue served at least once so far. */
  coverage: number;
  /** Mean Jaccard index of consumed-item sets over a fixed sample of user pairs. */
  homogenisation: number;
  /** Mean L1 distance of users' true interests from where they started, in [0, 2]. */
  interestShift: number;
  /** Mean predicted click probability over impressions. */
  meanPredictedClick: number;
  /** Mean true click probability over impressions (response model). */
  meanTrueClick: number;
  /** Mean predicted watch fraction over impressions. */
  meanPredictedWatch: number;
  /** Mean true expected watch fraction over impressions. */
  meanTrueWatch: number;
  /** Share of impressions by source: popularity, embedding, exploration. */
  sharePopularity: number;
  shareEmbedding: number;
  shareExploration: number;
  /** 1 if the models retrained at the end of this tick, else 0. */
  retrained: number;
  /** Training log loss of the click head at the last retrain (NaN before the first). */
  rankerLoss: number;
  /** Training loss of the retrieval factorisation at the last retrain (NaN before the first). */
  retrievalLoss: number;
}

export const TICK_METRIC_COLUMNS: readonly (keyof TickMetrics)[] = [
  'tick',
  'activeUsers',
  'impressions',
  'meanWatch',
  'clickRate',
  'likeRate',
  'shareRate',
  'skipRate',
  'trueUtility',
  'idealUtility',
  'utilityRatio',
  'intraListDiversity',
  'topicEntropy',
  'exposureGini',
  'coverage',
  'homogenisation',
  'interestShift',
  'meanPredictedClick',
  'meanTrueClick',
  'meanPredictedWatch',
  'meanTrueWatch',
  'sharePopularity',
  'shareEmbedding',
  'shareExploration',
  'retrained',
  'rankerLoss',
  'retrievalLoss',
];

/** One served item in a user's feed, with its score broken into parts. */
export interface ServedItem {
  item: number;
  /** Position in the feed, 0-based. */
  position: number;
  source: CandidateSource;
  /** Dominant topic of the item. */
  topic: number;
  creator: number;
  /** Ranker's predicted click probability. */
  predictedClick: number;
  /** Ranker's predicted watch fraction. */
  predictedWatch: number;
  /** clickWeight × predictedClick. */
  clickPart: number;
  /** watchWeight × predictedWatch. */
  watchPart: number;
  /** −λ × max topic similarity to items placed above it (0 for exploration slots). */
  diversityPenalty: number;
  /** clickPart + watchPart + diversityPenalty. */
  finalScore: number;
  /** Ground truth: the response model's click probability. */
  trueClick: number;
  /** Ground truth: the response model's expected watch fraction. */
  trueWatch: number;
  /** Ground truth: the true utility of this item to this user. */
  trueUtility: number;
  /** What the user did, if the feed was served this tick and the user responded. */
  observed?: { watch: number; click: boolean; like: boolean; share: boolean; skip: boolean };
}

/** What the page shows for one chosen user. */
export interface UserFeedSnapshot {
  user: number;
  tick: number;
  /** The feed served to this user at the last tick they were active, or a preview feed if never served. */
  feed: ServedItem[];
  /** True when `feed` was actually served (the user was active); false for a preview. */
  served: boolean;
  /** Ground truth: the user's current true interests over topics, [topics]. */
  trueInterests: number[];
  /** Ground truth: the user's interests at tick 0, [topics]. */
  initialInterests: number[];
  /** Platform view: the user's logged profile (decayed topic mix of watched items), [topics]. */
  profile: number[];
  /** Mean true utility of this feed per item, and of the ideal feed. */
  feedUtility: number;
  idealUtility: number;
}

/**
 * A 2-D projection of users and items for the embedding map.
 * `points` is [users + items, 2] row-major: users first, then items.
 */
export interface EmbeddingMap {
  tick: number;
  users: number;
  items: number;
  points: Float32Array;
  /** Dominant true topic of each point (users: true interests; items: topic mix), [users + items]. */
  topic: Uint8Array;
  /** Share of variance the two principal components explain. */
  explainedVariance: [number, number];
}

/** Topic mix consumed at one tick: watch-weighted topic shares, [topics], summing to 1. */
export interface TopicMixRow {
  tick: number;
  shares: number[];
}
