import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignFolds, crossValidate, ratingErrors, splitFold } from '../../src/engine/evaluation/crossValidation';
import { parseRatings, type RatingsData } from '../../src/engine/io/movielens';
import { BiasedMatrixFactorisation } from '../../src/engine/models/biasedMatrixFactorisation';
import { Random } from '../../src/engine/random';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

/** Ratings of a hand-made data set: user u rates item i with `rating[k]`. */
function ratingsData(user: number[], item: number[], rating: number[]): RatingsData {
  return {
    format: 'u.data',
    fileName: 'test',
    userIds: Array.from({ length: Math.max(...user) + 1 }, (_, u) => u + 1),
    itemIds: Array.from({ length: Math.max(...item) + 1 }, (_, i) => i + 1),
    user: Uint32Array.from(user),
    item: Uint32Array.from(item),
    rating: Float32Array.from(rating),
    timestamp: new Float64Array(user.length),
  };
}

describe('BiasedMatrixFactorisation', () => {
  it('predicts μ + b_u + b_i + p_u · q_i', () => {
    const model = new BiasedMatrixFactorisation(2, 2, { dim: 2 });
    model.globalMean = 3;
    model.userBias = Float32Array.of(0.5, -0.5);
    model.itemBias = Float32Array.of(0.25, 0);
    model.userFactors = Float32Array.of(1, 2, 0, 0);
    model.itemFactors = Float32Array.of(0.5, 0.25, 1, 1);
    // 3 + 0.5 + 0.25 + (1 · 0.5 + 2 · 0.25) = 4.75
    expect(model.predict(0, 0)).toBeCloseTo(4.75, 6);
    expect(model.predict(1, 1)).toBeCloseTo(2.5, 6);
  });

  it('fits user and item effects and leaves no tensors', async () => {
    const user: number[] = [];
    const item: number[] = [];
    const rating: number[] = [];
    for (let u = 0; u < 30; u += 1) {
      for (let i = 0; i < 20; i += 1) {
        user.push(u);
        item.push(i);
        rating.push(u < 15 === i < 10 ? 4.5 : 1.5);
      }
    }
    const data = ratingsData(user, item, rating);
    const triples = { user: data.user, item: data.item, rating: data.rating, length: data.rating.length };
    const model = new BiasedMatrixFactorisation(30, 20, { dim: 4, epochs: 60, batchSize: 64, l2: 0.001, learningRate: 0.02 });
    const before = tf.memory().numTensors;
    await model.fit(triples, new Random(1));
    expect(tf.memory().numTensors).toBe(before);
    expect(model.globalMean).toBeCloseTo(3, 5);
    expect(ratingErrors(triples, (u, i) => model.predict(u, i)).rmse).toBeLessThan(0.3);
  });
});

describe('cross-validation', () => {
  it('assigns folds of near-equal size', () => {
    const folds = assignFolds(103, 5, new Random(2));
    const sizes = [0, 0, 0, 0, 0];
    folds.forEach((fold) => (sizes[fold] += 1));
    expect(sizes.sort()).toEqual([20, 20, 21, 21, 21]);
  });

  it.each([1, 0, 2.5, 200])('rejects %s folds', (k) => {
    expect(() => assignFolds(100, k, new Random(1))).toThrow(/Invalid number of folds/);
  });

  it('splits a fold from the rest', () => {
    const data = ratingsData([0, 1, 2, 3], [0, 1, 2, 3], [1, 2, 3, 4]);
    const { train, test } = splitFold(data, Uint8Array.of(0, 1, 0, 1), 1);
    expect(Array.from(test.rating)).toEqual([2, 4]);
    expect(Array.from(train.rating)).toEqual([1, 3]);
  });

  it('computes RMSE and MAE by hand', () => {
    const ratings = { user: Uint32Array.of(0, 0), item: Uint32Array.of(0, 1), rating: Float32Array.of(3, 5), length: 2 };
    // Predicting 4 for both: errors +1 and −1, so RMSE √((1 + 1) / 2) = 1 and MAE 1.
    expect(ratingErrors(ratings, () => 4)).toEqual({ rmse: 1, mae: 1 });
    // Predicting 3: errors 0 and −2, so RMSE √(4 / 2) = √2 and MAE 1.
    expect(ratingErrors(ratings, () => 3).rmse).toBeCloseTo(Math.SQRT2, 10);
    expect(Number.isNaN(ratingErrors({ ...ratings, length: 0 }, () => 3).rmse)).toBe(true);
  });
});

const realRatingsPath = fileURLToPath(new URL('../../../shared/datasets/movielens-latest-small/ratings.csv', import.meta.url));

describe.skipIf(!existsSync(realRatingsPath))('biased MF on MovieLens latest-small', () => {
  it('reaches 5-fold RMSE at or below 0.92', { timeout: 180_000 }, async () => {
    const data = parseRatings(readFileSync(realRatingsPath, 'utf8'), 'ratings.csv');
    const rng = new Random(7);
    const result = await crossValidate(data, 5, rng, 'biased-mf', async (train, fold) => {
      const model = new BiasedMatrixFactorisation(data.userIds.length, data.itemIds.length);
      await model.fit(train, rng.fork(`biased-mf:${fold}`));
      return (user, item) => model.predict(user, item);
    });
    expect(result.folds).toHaveLength(5);
    expect(result.meanRmse).toBeLessThanOrEqual(0.92);
    expect(result.meanMae).toBeLessThan(result.meanRmse);
  });
});
