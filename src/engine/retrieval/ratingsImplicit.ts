import type { RatingTriples } from '../models/biasedMatrixFactorisation';
import type { Interactions } from '../models/bpr';
import type { CategoricalFeatures } from '../models/twoTower';

/** Ratings at or above this many stars count as positives for the implicit models. */
export const POSITIVE_RATING = 4;

/** Pairs whose rating is at least `threshold`, as implicit positives. */
export function positivesOf(ratings: RatingTriples, threshold = POSITIVE_RATING): Interactions {
  const rows: number[] = [];
  for (let k = 0; k < ratings.length; k += 1) {
    if (ratings.rating[k] >= threshold) {
      rows.push(k);
    }
  }
  return { user: Uint32Array.from(rows, (k) => ratings.user[k]), item: Uint32Array.from(rows, (k) => ratings.item[k]), length: rows.length };
}

/** Buckets of log2(count + 1): bucket b contains counts in [2^b − 1, 2^(b+1) − 1), the last bucket everything above. */
export const COUNT_BUCKETS = 12;

/**
 * Computes features for a ratings file that has no side information
 * (MovieLens `ratings.csv` alone). They come from the training ratings
 * only, so no held-out rating leaks into them. Users get an activity bucket
 * (how many ratings), items a popularity bucket and a mean-rating bucket
 * (half-star steps from 0.5 to 5).
 */
export function ratingsFeatures(ratings: RatingTriples, users: number, items: number): { userFeatures: CategoricalFeatures; itemFeatures: CategoricalFeatures } {
  const userCount = new Uint32Array(users);
  const itemCount = new Uint32Array(items);
  const itemSum = new Float64Array(items);
  for (let k = 0; k < ratings.length; k += 1) {
    userCount[ratings.user[k]] += 1;
    itemCount[ratings.item[k]] += 1;
    itemSum[ratings.item[k]] += ratings.rating[k];
  }
  const bucket = (count: number): number => Math.min(COUNT_BUCKETS - 1, Math.floor(Math.log2(count + 1)));
  // Items without training ratings get the extra mean-rating bucket 10, "unknown".
  const meanBucket = (item: number): number => (itemCount[item] === 0 ? 10 : Math.min(9, Math.max(0, Math.round(itemSum[item] / itemCount[item] / 0.5) - 1)));
  return {
    userFeatures: { names: ['activity'], sizes: [COUNT_BUCKETS], values: [Uint32Array.from(userCount, bucket)] },
    itemFeatures: {
      names: ['popularity', 'mean rating'],
      sizes: [COUNT_BUCKETS, 11],
      values: [Uint32Array.from(itemCount, bucket), Uint32Array.from({ length: items }, (_, item) => meanBucket(item))],
    },
  };
}
