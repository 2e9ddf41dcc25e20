import * as tf from '@tensorflow/tfjs';
import type { RatingsData } from '../io/movielens';
import { adam, gatherRows } from '../models/gatherRows';
import { trainEpochs } from '../models/minibatch';
import { Random } from '../random';
import type { FeedMachineParams } from '../scenarios/feedMachine';
import { SYNTHETIC_WORLD, argmaxRow } from './synthetic';
import type { World } from './types';

/** Fitting set-up of the non-negative factorisation behind a ratings world. */
export const RATINGS_FIT = {
  epochs: 12,
  batchSize: 2048,
  learningRate: 0.03,
  l2: 1e-4,
};

/**
 * Builds a world whose users and items are those of a ratings file, with true
 * preferences from a non-negative matrix factorisation fitted to the ratings:
 *
 *   r̂_ui = μ + b_u + b_i + softplus(w_u) · softplus(h_i),   w, h ∈ R^T
 *
 * trained with TensorFlow.js on squared error. The T factor dimensions act as
 * topics: a user's true interests are softplus(w_u) normalised to sum 1, an
 * item's topic mix is softplus(h_i) normalised, and its quality is the
 * percentile of its bias b_i. What ratings cannot tell (creators, clickbait,
 * length, novelty and popularity tastes) is drawn from the seed as in the
 * synthetic world; activity follows each user's share of the ratings.
 */
export async function buildWorldFromRatings(data: RatingsData, params: FeedMachineParams, onProgress?: (fraction: number) => void): Promise<World> {
  const users = data.userIds.length;
  const items = data.itemIds.length;
  const topics = params.topics;
  const rng = new Random(params.seed).fork('ratings-world');
  const factors = await fitNonNegativeFactors(data, topics, rng.fork('fit'), onProgress);

  const userInterests = normaliseRows(factors.user, users, topics);
  const itemTopics = normaliseRows(factors.item, items, topics);
  const itemTopic = Uint8Array.from({ length: items }, (_, i) => argmaxRow(itemTopics, i, topics));
  const itemQuality = percentiles(factors.itemBias);

  const counts = new Float32Array(users);
  for (let k = 0; k < data.user.length; k += 1) {
    counts[data.user[k]] += 1;
  }
  const countPercentile = percentiles(counts);
  const userActivity = countPercentile.map((p) => 0.1 + 0.8 * p);

  const p = SYNTHETIC_WORLD;
  const creators = Math.min(params.creators, items);
  const drawRng = rng.fork('unobserved');
  const creatorFollowers = Float32Array.from({ length: creators }, () => Math.round(drawRng.logNormal(p.followersLogMean, p.followersLogSd)));
  const itemCreator = Uint32Array.from({ length: items }, () => drawRng.int(creators));
  const creatorTopic = new Uint8Array(creators);
  for (let i = 0; i < items; i += 1) {
    creatorTopic[itemCreator[i]] = itemTopic[i];
  }

  return {
    source: 'movielens',
    users,
    items,
    creators,
    topics,
    topicNames: Array.from({ length: topics }, (_, t) => `taste ${t + 1}`),
    userInterests,
    userInitialInterests: userInterests.slice(),
    userActivity,
    userNoveltyTaste: Float32Array.from({ length: users }, () => drawRng.beta(p.tasteBeta[0], p.tasteBeta[1])),
    userPopularityTaste: Float32Array.from({ length: users }, () => drawRng.beta(p.tasteBeta[0], p.tasteBeta[1])),
    userRecentTopics: userInterests.slice(),
    itemTopics,
    itemQuality,
    itemClickbait: Float32Array.from({ length: items }, () => drawRng.beta(p.clickbaitBeta[0], p.clickbaitBeta[1])),
    itemLength: Float32Array.from({ length: items }, () => Math.min(180, Math.max(5, drawRng.logNormal(p.lengthLogMean, p.lengthLogSd)))),
    itemCreator,
    itemTopic,
    creatorFollowers,
    creatorTopic,
  };
}

/** Fitted non-negative factors softplus(W) [users, T], softplus(H) [items, T], and item biases [items]. */
interface Factors {
  user: Float32Array;
  item: Float32Array;
  itemBias: Float32Array;
}

async function fitNonNegativeFactors(data: RatingsData, topics: number, rng: Random, onProgress?: (fraction: number) => void): Promise<Factors> {
  const users = data.userIds.length;
  const items = data.itemIds.length;
  const n = data.rating.length;
  let mean = 0;
  for (let k = 0; k < n; k += 1) {
    mean += data.rating[k];
  }
  mean /= Math.max(1, n);

  const init = (rows: number): Float32Array => Float32Array.from({ length: rows * topics }, () => rng.normal(-1.5, 0.3));
  const W = tf.tidy(() => tf.variable(tf.tensor2d(init(users), [users, topics])));
  const H = tf.tidy(() => tf.variable(tf.tensor2d(init(items), [items, topics])));
  const bu = tf.tidy(() => tf.variable(tf.zeros([users, 1]) as tf.Tensor2D));
  const bi = tf.tidy(() => tf.variable(tf.zeros([items, 1]) as tf.Tensor2D));
  const optimizer = adam(RATINGS_FIT.learningRate);

  try {
    await trainEpochs(n, { epochs: RATINGS_FIT.epochs, batchSize: RATINGS_FIT.batchSize, rng, onProgress }, (batch) => {
      const u = tf.tensor1d(Int32Array.from(batch, (k) => data.user[k]), 'int32');
      const i = tf.tensor1d(Int32Array.from(batch, (k) => data.item[k]), 'int32');
      const r = tf.tensor1d(Float32Array.from(batch, (k) => data.rating[k] - mean));
      const cost = optimizer.minimize(() => {
        const wu = tf.softplus(gatherRows(W, u));
        const hi = tf.softplus(gatherRows(H, i));
        const prediction = wu.mul(hi).sum(1).add(gatherRows(bu, u).reshape([-1])).add(gatherRows(bi, i).reshape([-1]));
        const mse = prediction.sub(r).square().mean();
        return mse.add(wu.square().sum(1).mean().add(hi.square().sum(1).mean()).mul(RATINGS_FIT.l2)) as tf.Scalar;
      }, true);
      const loss = cost?.dataSync()[0] ?? Number.NaN;
      cost?.dispose();
      u.dispose();
      i.dispose();
      r.dispose();
      return [loss];
    });
    return { user: softplusValues(W), item: softplusValues(H), itemBias: bi.dataSync().slice() as Float32Array };
  } finally {
    optimizer.dispose();
    for (const variable of [W, H, bu, bi]) {
      variable.dispose();
    }
  }
}

/** softplus of a variable's values, read back as a Float32Array (outside tf.tidy, which would walk the array). */
function softplusValues(variable: tf.Variable): Float32Array {
  const activated = tf.softplus(variable);
  const values = activated.dataSync().slice() as Float32Array;
  activated.dispose();
  return values;
}

/** Rows of a non-negative [rows, width] matrix scaled to sum 1 (uniform for an all-zero row). */
function normaliseRows(matrix: Float32Array, rows: number, width: number): Float32Array {
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r += 1) {
    let total = 0;
    for (let k = 0; k < width; k += 1) {
      total += matrix[r * width + k];
    }
    for (let k = 0; k < width; k += 1) {
      out[r * width + k] = total > 0 ? matrix[r * width + k] / total : 1 / width;
    }
  }
  return out;
}

/** Percentile rank of each value in [0, 1]: 0 for the smallest, 1 for the largest; ties share the lower rank. */
function percentiles(values: Float32Array): Float32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => values[a] - values[b] || a - b);
  const out = new Float32Array(n);
  let rank = 0;
  for (let k = 0; k < n; k += 1) {
    if (k > 0 && values[order[k]] !== values[order[k - 1]]) {
      rank = k;
    }
    out[order[k]] = n > 1 ? rank / (n - 1) : 0.5;
  }
  return out;
}
