import type { RatingsData } from '../io/movielens';
import type { RatingTriples } from '../models/biasedMatrixFactorisation';
import type { Random } from '../random';

/**
 * Assigns each of n ratings to one of k folds: a random permutation cut into
 * k parts whose sizes differ by at most one, [ratings] of fold numbers.
 *
 * @throws Error when k is not an integer from 2 to n.
 */
export function assignFolds(n: number, k: number, rng: Random): Uint8Array {
  if (!Number.isInteger(k) || k < 2 || k > n || k > 255) {
    throw new Error(`Invalid number of folds ${k}: expected a whole number from 2 to ${Math.min(n, 255)}`);
  }
  const order = Uint32Array.from({ length: n }, (_, index) => index);
  rng.shuffle(order);
  const folds = new Uint8Array(n);
  order.forEach((index, position) => {
    folds[index] = position % k;
  });
  return folds;
}

/** Splits the ratings into fold `fold` (test) and all other folds (train). */
export function splitFold(data: RatingsData, folds: Uint8Array, fold: number): { train: RatingTriples; test: RatingTriples } {
  const pick = (inFold: boolean): RatingTriples => {
    const rows: number[] = [];
    for (let k = 0; k < folds.length; k += 1) {
      if ((folds[k] === fold) === inFold) {
        rows.push(k);
      }
    }
    return {
      user: Uint32Array.from(rows, (k) => data.user[k]),
      item: Uint32Array.from(rows, (k) => data.item[k]),
      rating: Float32Array.from(rows, (k) => data.rating[k]),
      length: rows.length,
    };
  };
  return { train: pick(false), test: pick(true) };
}

/**
 * Computes the root mean squared error and mean absolute error of predictions against ratings.
 * NaN for an empty set.
 */
export function ratingErrors(ratings: RatingTriples, predict: (user: number, item: number) => number): { rmse: number; mae: number } {
  if (ratings.length === 0) {
    return { rmse: Number.NaN, mae: Number.NaN };
  }
  let squared = 0;
  let absolute = 0;
  for (let k = 0; k < ratings.length; k += 1) {
    const error = predict(ratings.user[k], ratings.item[k]) - ratings.rating[k];
    squared += error * error;
    absolute += Math.abs(error);
  }
  return { rmse: Math.sqrt(squared / ratings.length), mae: absolute / ratings.length };
}

/** Cross-validated errors of one model: per fold, and their means. */
export interface CrossValidationResult {
  model: string;
  folds: { fold: number; rmse: number; mae: number; trainRatings: number; testRatings: number }[];
  meanRmse: number;
  meanMae: number;
}

/**
 * Cross-validates a rating model over k folds: for each fold, `fit` on the
 * other folds and measure RMSE and MAE on this one. Predictions are clipped
 * to the rating scale seen in the data, as rating predictors usually are.
 */
export async function crossValidate(
  data: RatingsData,
  k: number,
  rng: Random,
  model: string,
  fit: (train: RatingTriples, fold: number) => Promise<(user: number, item: number) => number>,
): Promise<CrossValidationResult> {
  const folds = assignFolds(data.rating.length, k, rng.fork('folds'));
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < data.rating.length; index += 1) {
    low = Math.min(low, data.rating[index]);
    high = Math.max(high, data.rating[index]);
  }

  const results: CrossValidationResult['folds'] = [];
  for (let fold = 0; fold < k; fold += 1) {
    const { train, test } = splitFold(data, folds, fold);
    const predict = await fit(train, fold);
    const errors = ratingErrors(test, (user, item) => Math.min(high, Math.max(low, predict(user, item))));
    results.push({ fold, ...errors, trainRatings: train.length, testRatings: test.length });
  }
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  return { model, folds: results, meanRmse: mean(results.map((row) => row.rmse)), meanMae: mean(results.map((row) => row.mae)) };
}
