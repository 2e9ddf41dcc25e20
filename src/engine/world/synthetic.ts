import type { Random } from '../random';
import { topicNames } from './topics';
import type { World, WorldSize } from './types';
import { log } from '../math';

/**
 * Distribution parameters of the synthetic world. Every value is drawn from
 * the seed; these constants set the shape of the draws.
 */
export const SYNTHETIC_WORLD = {
  /** Dirichlet concentration of a user's interests over topics; below 1 most mass sits on a few topics. */
  userInterestAlpha: 0.3,
  /** Dirichlet concentration of an item's topic mix, plus the extra mass on its creator's main topic. */
  itemTopicAlpha: 0.05,
  itemCreatorTopicAlpha: 2,
  /** Creator followers ~ LogNormal(mu, sigma): median e^8 ≈ 3,000, a long tail of large accounts. */
  followersLogMean: 8,
  followersLogSd: 1.8,
  /** Item quality ~ Beta around a creator-level mean. */
  creatorQualityBeta: [2, 2] as const,
  itemQualitySd: 0.12,
  /** Clickbait ~ Beta(0.7, 3): mostly low, a few items heavily baited. */
  clickbaitBeta: [0.7, 3] as const,
  /** Length in seconds ~ LogNormal(ln 25, 0.6), clipped to [5, 180]. */
  lengthLogMean: log(25),
  lengthLogSd: 0.6,
  /** Probability a user opens the app in a tick ~ Beta(2, 3), mean 0.4. */
  activityBeta: [2, 3] as const,
  /** Tastes for novelty and popularity ~ Beta(2, 2). */
  tasteBeta: [2, 2] as const,
};

/**
 * Draws a synthetic world of the given size. Creators first (followers, main
 * topic, quality level), then items (each of one creator, its topic mix leaning
 * to the creator's topic), then users (interests, activity, tastes).
 */
export function createSyntheticWorld(size: WorldSize, rng: Random): World {
  const { users, items, creators, topics } = size;
  const p = SYNTHETIC_WORLD;
  const creatorRng = rng.fork('creators');
  const itemRng = rng.fork('items');
  const userRng = rng.fork('users');

  const creatorFollowers = new Float32Array(creators);
  const creatorTopic = new Uint8Array(creators);
  const creatorQuality = new Float32Array(creators);
  for (let c = 0; c < creators; c += 1) {
    creatorFollowers[c] = Math.round(creatorRng.logNormal(p.followersLogMean, p.followersLogSd));
    creatorTopic[c] = creatorRng.int(topics);
    creatorQuality[c] = creatorRng.beta(p.creatorQualityBeta[0], p.creatorQualityBeta[1]);
  }

  const itemTopics = new Float32Array(items * topics);
  const itemQuality = new Float32Array(items);
  const itemClickbait = new Float32Array(items);
  const itemLength = new Float32Array(items);
  const itemCreator = new Uint32Array(items);
  const itemTopic = new Uint8Array(items);
  const alpha = new Float64Array(topics);
  for (let i = 0; i < items; i += 1) {
    const creator = itemRng.int(creators);
    itemCreator[i] = creator;
    alpha.fill(p.itemTopicAlpha);
    alpha[creatorTopic[creator]] += p.itemCreatorTopicAlpha;
    itemRng.dirichlet(alpha, itemTopics, i * topics);
    itemTopic[i] = argmaxRow(itemTopics, i, topics);
    itemQuality[i] = clamp01(creatorQuality[creator] + itemRng.normal(0, p.itemQualitySd));
    itemClickbait[i] = itemRng.beta(p.clickbaitBeta[0], p.clickbaitBeta[1]);
    itemLength[i] = Math.min(180, Math.max(5, itemRng.logNormal(p.lengthLogMean, p.lengthLogSd)));
  }

  const userInterests = new Float32Array(users * topics);
  const userActivity = new Float32Array(users);
  const userNoveltyTaste = new Float32Array(users);
  const userPopularityTaste = new Float32Array(users);
  alpha.fill(p.userInterestAlpha);
  for (let u = 0; u < users; u += 1) {
    userRng.dirichlet(alpha, userInterests, u * topics);
    userActivity[u] = Math.max(0.02, userRng.beta(p.activityBeta[0], p.activityBeta[1]));
    userNoveltyTaste[u] = userRng.beta(p.tasteBeta[0], p.tasteBeta[1]);
    userPopularityTaste[u] = userRng.beta(p.tasteBeta[0], p.tasteBeta[1]);
  }

  return {
    source: 'synthetic',
    users,
    items,
    creators,
    topics,
    topicNames: topicNames(topics),
    userInterests,
    userInitialInterests: userInterests.slice(),
    userActivity,
    userNoveltyTaste,
    userPopularityTaste,
    userRecentTopics: userInterests.slice(),
    itemTopics,
    itemQuality,
    itemClickbait,
    itemLength,
    itemCreator,
    itemTopic,
    creatorFollowers,
    creatorTopic,
  };
}

/** Index of the largest entry of row `row` of a row-major [rows, width] matrix. */
export function argmaxRow(matrix: Float32Array, row: number, width: number): number {
  const offset = row * width;
  let best = 0;
  for (let k = 1; k < width; k += 1) {
    if (matrix[offset + k] > matrix[offset + best]) {
      best = k;
    }
  }
  return best;
}

export function clamp01(x: number): number {
  if (x < 0) {
    return 0;
  }
  return x > 1 ? 1 : x;
}
