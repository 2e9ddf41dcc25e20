import type { RatingTriples } from '../models/biasedMatrixFactorisation';
import type { Interactions } from '../models/bpr';
import type { CategoricalFeatures } from '../models/twoTower';
import type { Random } from '../random';
import { argmaxRow } from '../world/synthetic';
import type { World } from '../world/types';

/**
 * The platform's log of a synthetic world, split for training and
 * evaluation, plus the features a two-tower model may use. The world itself
 * (true interests, quality) stays beside it as the ground truth.
 */
export interface RetrievalData {
  world: World;
  /** Watched (user, item) pairs the models train on. */
  train: Interactions;
  /** Watched pairs held out of training, about `heldOutShare` of each user's. */
  heldOut: Interactions;
  /** Star ratings of the training pairs, in [1, 5] by 0.5, for biased MF. */
  trainRatings: RatingTriples;
  heldOutRatings: RatingTriples;
  /** User fields: `signup topic`, the topic a user picked at sign-up (their top true interest). */
  userFeatures: CategoricalFeatures;
  /** Item fields: `creator` and `tag`, the topic hashtag the creator gave the item (its dominant topic). */
  itemFeatures: CategoricalFeatures;
}

export interface InteractionOptions {
  /** Items each user watched. */
  perUser: number;
  /** Share of each user's watches held out, in [0, 1). */
  heldOutShare: number;
}

/**
 * True relevance of item i to user u: r_ui = (interest_u · topics_i) · quality_i,
 * in [0, 1]. This is the truth the lab scores retrieval against; no model is given it.
 */
export function trueRelevance(world: World, user: number, item: number): number {
  const t = world.topics;
  let affinity = 0;
  for (let k = 0; k < t; k += 1) {
    affinity += world.userInterests[user * t + k] * world.itemTopics[item * t + k];
  }
  return affinity * world.itemQuality[item];
}

/** Writes r_ui for every item into `out` ([items]). */
export function trueRelevanceRow(world: World, user: number, out: Float32Array): void {
  for (let item = 0; item < world.items; item += 1) {
    out[item] = trueRelevance(world, user, item);
  }
}

/**
 * Simulates what users watched and rated. Each user watches `perUser`
 * distinct items drawn with probability ∝ r_ui² (so the log reflects the
 * truth, sharpened, as a feed that already works would produce). The rating
 * of a watch is 1 + 4 · r_ui / max_j r_uj plus N(0, 0.3²) noise, rounded to
 * half stars and clipped to [1, 5].
 */
export function simulateInteractions(world: World, options: InteractionOptions, rng: Random): RetrievalData {
  const { perUser, heldOutShare } = options;
  const watches = Math.min(perUser, world.items);
  const weights = new Float64Array(world.items);
  const relevance = new Float32Array(world.items);
  const trainRows: [number, number, number][] = [];
  const heldOutRows: [number, number, number][] = [];

  for (let user = 0; user < world.users; user += 1) {
    trueRelevanceRow(world, user, relevance);
    let best = 0;
    for (let item = 0; item < world.items; item += 1) {
      weights[item] = relevance[item] * relevance[item];
      best = Math.max(best, relevance[item]);
    }
    const picked = sampleWithoutReplacement(weights, watches, rng);
    rng.shuffle(picked);
    const heldOutCount = Math.round(picked.length * heldOutShare);
    picked.forEach((item, position) => {
      const stars = 1 + (4 * relevance[item]) / Math.max(best, 1e-9) + rng.normal(0, 0.3);
      const rating = Math.min(5, Math.max(1, Math.round(stars * 2) / 2));
      (position < heldOutCount ? heldOutRows : trainRows).push([user, item, rating]);
    });
  }

  const signupTopic = new Uint32Array(world.users);
  for (let user = 0; user < world.users; user += 1) {
    signupTopic[user] = argmaxRow(world.userInterests, user, world.topics);
  }
  return {
    world,
    train: toInteractions(trainRows),
    heldOut: toInteractions(heldOutRows),
    trainRatings: toRatings(trainRows),
    heldOutRatings: toRatings(heldOutRows),
    userFeatures: { names: ['signup topic'], sizes: [world.topics], values: [signupTopic] },
    itemFeatures: { names: ['creator', 'tag'], sizes: [world.creators, world.topics], values: [world.itemCreator.slice(), Uint32Array.from(world.itemTopic)] },
  };
}

/**
 * Draws `count` distinct indices with probability ∝ weight (successive
 * sampling: draw one, remove it, repeat). A Fenwick tree keeps each draw
 * O(log n).
 */
export function sampleWithoutReplacement(weights: Float64Array, count: number, rng: Random): Uint32Array {
  const n = weights.length;
  const tree = new Float64Array(n + 1);
  for (let index = 0; index < n; index += 1) {
    for (let node = index + 1; node <= n; node += node & -node) {
      tree[node] += weights[index];
    }
  }
  const remaining = weights.slice();
  const picked: number[] = [];
  let total = remaining.reduce((sum, weight) => sum + weight, 0);
  const topBit = 1 << Math.floor(Math.log2(Math.max(1, n)));

  while (picked.length < Math.min(count, n) && total > 1e-12) {
    let target = rng.next() * total;
    let position = 0;
    for (let step = topBit; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= n && tree[next] <= target) {
        position = next;
        target -= tree[next];
      }
    }
    const index = Math.min(position, n - 1);
    if (remaining[index] <= 0) {
      // Rounding left a little mass past the last positive weight; take the nearest one with weight.
      total = recomputeTotal(remaining);
      continue;
    }
    picked.push(index);
    for (let node = index + 1; node <= n; node += node & -node) {
      tree[node] -= remaining[index];
    }
    total -= remaining[index];
    remaining[index] = 0;
  }
  return Uint32Array.from(picked);
}

function recomputeTotal(weights: Float64Array): number {
  return weights.reduce((sum, weight) => sum + weight, 0);
}

function toInteractions(rows: [number, number, number][]): Interactions {
  return { user: Uint32Array.from(rows, (row) => row[0]), item: Uint32Array.from(rows, (row) => row[1]), length: rows.length };
}

function toRatings(rows: [number, number, number][]): RatingTriples {
  return { ...toInteractions(rows), rating: Float32Array.from(rows, (row) => row[2]) };
}
