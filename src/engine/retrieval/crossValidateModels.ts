import { assignFolds, ratingErrors, splitFold } from '../evaluation/crossValidation';
import type { RatingsData } from '../io/movielens';
import { evaluateHeldOut, groupByUser } from '../metrics/ranking';
import { BiasedMatrixFactorisation, type BiasedMfOptions } from '../models/biasedMatrixFactorisation';
import { BprFactorisation, type BprOptions } from '../models/bpr';
import { TwoTowerModel, type TwoTowerOptions } from '../models/twoTower';
import type { Random } from '../random';
import { RANKING_CUTOFF, type FoldScore, type RetrievalModelName } from './foldScores';
import { positivesOf, ratingsFeatures } from './ratingsImplicit';

export interface ModelSettings {
  biasedMf?: Partial<BiasedMfOptions>;
  bpr?: Partial<BprOptions>;
  twoTower?: Partial<TwoTowerOptions>;
}

/**
 * K-fold comparison of the factorisation models on one ratings file. The
 * folds split the ratings; every model trains on the same training folds.
 * Biased MF trains on all training ratings and is scored by RMSE and MAE
 * (predictions clipped to the file's rating range) and, ranking by its
 * predicted rating, by recall@10 and NDCG@10. BPR and the two-tower model
 * train on the training ratings of 4 stars or more as positives and predict
 * no rating, so only the ranking metrics apply to them. The ranking metrics
 * leave out items the user rated in the training folds.
 *
 * @param onFold called after each (model, fold) with its scores.
 */
export async function crossValidateModels(
  data: RatingsData,
  k: number,
  rng: Random,
  models: readonly RetrievalModelName[],
  settings: ModelSettings = {},
  onFold?: (score: FoldScore) => void,
): Promise<FoldScore[]> {
  const users = data.userIds.length;
  const items = data.itemIds.length;
  const folds = assignFolds(data.rating.length, k, rng.fork('folds'));
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const rating of data.rating) {
    low = Math.min(low, rating);
    high = Math.max(high, rating);
  }

  const scores: FoldScore[] = [];
  for (let fold = 0; fold < k; fold += 1) {
    const { train, test } = splitFold(data, folds, fold);
    const seen = groupByUser(users, train.user, train.item);
    const testPositives = positivesOf(test);
    const relevant = groupByUser(users, testPositives.user, testPositives.item);
    const base = { fold, trainRatings: train.length, testRatings: test.length };

    for (const model of models) {
      const modelRng = rng.fork(`${model}:${fold}`);
      let score: FoldScore;
      if (model === 'biased-mf') {
        const mf = new BiasedMatrixFactorisation(users, items, settings.biasedMf);
        await mf.fit(train, modelRng);
        const errors = ratingErrors(test, (user, item) => Math.min(high, Math.max(low, mf.predict(user, item))));
        const ranking = evaluateHeldOut(items, seen, relevant, RANKING_CUTOFF, (user, out) => {
          for (let item = 0; item < items; item += 1) {
            out[item] = mf.predict(user, item);
          }
        });
        score = { model, ...base, ...errors, recall: ranking.recall, ndcg: ranking.ndcg };
      } else if (model === 'bpr') {
        const bpr = new BprFactorisation(users, items, settings.bpr);
        await bpr.fit(positivesOf(train), modelRng);
        const ranking = evaluateHeldOut(items, seen, relevant, RANKING_CUTOFF, (user, out) => bpr.scoreAll(user, out));
        score = { model, ...base, rmse: Number.NaN, mae: Number.NaN, recall: ranking.recall, ndcg: ranking.ndcg };
      } else {
        const { userFeatures, itemFeatures } = ratingsFeatures(train, users, items);
        const towers = new TwoTowerModel(users, items, userFeatures, itemFeatures, settings.twoTower);
        await towers.fit(positivesOf(train), modelRng);
        const ranking = evaluateHeldOut(items, seen, relevant, RANKING_CUTOFF, scoreAllWith(towers.userMatrix(), towers.itemMatrix(), towers.options.dim, items));
        score = { model, ...base, rmse: Number.NaN, mae: Number.NaN, recall: ranking.recall, ndcg: ranking.ndcg };
      }
      scores.push(score);
      onFold?.(score);
    }
  }
  return scores;
}

/** Scorer over precomputed vectors: out[i] = z_u · z_i. */
export function scoreAllWith(userVectors: Float32Array, itemVectors: Float32Array, dim: number, items: number): (user: number, out: Float32Array) => void {
  return (user, out) => {
    const offset = user * dim;
    for (let item = 0; item < items; item += 1) {
      let sum = 0;
      for (let d = 0; d < dim; d += 1) {
        sum += userVectors[offset + d] * itemVectors[item * dim + d];
      }
      out[item] = sum;
    }
  };
}
