import type { UserDynamics } from './dynamics';

/**
 * The synthetic world: what is true about users, items and creators,
 * including what a real platform never observes (true interests, quality,
 * clickbait). Matrices are row-major Float32Arrays with the shape named in
 * each field's comment.
 */
export interface World {
  /** Where the world came from. */
  source: 'synthetic' | 'movielens';
  users: number;
  items: number;
  creators: number;
  topics: number;
  /** Human-readable topic labels, [topics]. */
  topicNames: string[];

  /** True interests, [users, topics]; each row is a probability vector. Drifts as users watch. */
  userInterests: Float32Array;
  /** True interests at tick 0, [users, topics]; never changes. */
  userInitialInterests: Float32Array;
  /** Probability that a user opens the app in a tick, [users], in (0, 1]. */
  userActivity: Float32Array;
  /** Taste for items off the user's recent topics, [users], in [0, 1]. */
  userNoveltyTaste: Float32Array;
  /** Taste for popular items, [users], in [0, 1]. */
  userPopularityTaste: Float32Array;
  /** Recent watched-topic mix (exponential moving average), [users, topics]; true session state. */
  userRecentTopics: Float32Array;

  /** Topic mix of each item, [items, topics]; each row is a probability vector. */
  itemTopics: Float32Array;
  /** Production quality, [items], in [0, 1]. Raises watch, likes and true utility. */
  itemQuality: Float32Array;
  /** Clickbait, [items], in [0, 1]. Raises clicks and early watch but lowers true utility. */
  itemClickbait: Float32Array;
  /** Length in seconds, [items]. */
  itemLength: Float32Array;
  /** Creator of each item, [items]. */
  itemCreator: Uint32Array;
  /** Dominant topic of each item, [items] (argmax of its topic mix). */
  itemTopic: Uint8Array;

  /** Followers of each creator, [creators]. */
  creatorFollowers: Float32Array;
  /** Main topic of each creator, [creators]. */
  creatorTopic: Uint8Array;

  /** Boredom, popularity weight and attention (./dynamics.ts); absent in Lab 1, whose users have none. */
  dynamics?: UserDynamics;
}

/** Sizes of a synthetic world. */
export interface WorldSize {
  users: number;
  items: number;
  creators: number;
  topics: number;
}
