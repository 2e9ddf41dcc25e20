import { BiasedMatrixFactorisation } from '../models/biasedMatrixFactorisation';
import { BprFactorisation } from '../models/bpr';
import { TwoTowerModel } from '../models/twoTower';
import type { Random } from '../random';
import type { RetrievalDataset } from './dataset';
import type { RetrievalEvaluator, RetrievalScores } from './evaluator';

export const LAB_MODELS = ['biased-mf', 'bpr', 'two-tower'] as const;
export type LabModel = (typeof LAB_MODELS)[number];

/** The hyperparameters a student varies. */
export interface Hyperparameters {
  dim: number;
  epochs: number;
  learningRate: number;
  /** λ, the L2 penalty. */
  l2: number;
  /** Sampled negatives per positive (BPR and two-tower only). */
  negatives: number;
}

/** One point of a training curve. */
export interface EpochRow extends RetrievalScores {
  epoch: number;
  /** Mean training loss of the epoch (squared error plus penalty for biased MF; BPR loss plus penalty otherwise). */
  loss: number;
}

/**
 * A trained model reduced to what retrieval needs: score(u, i) =
 * userVectors[u] · itemVectors[i]. For biased MF and BPR the vectors are
 * [p_u, 1] and [q_i, b_i], so the inner product includes the item bias
 * (biased MF's μ + b_u does not change a user's order and is dropped).
 */
export interface TrainedEmbeddings {
  model: LabModel;
  hyper: Hyperparameters;
  /** Vector length: dim + 1 for the factorisations, dim for the two-tower model. */
  dim: number;
  userVectors: Float32Array;
  itemVectors: Float32Array;
  curve: EpochRow[];
  trainMs: number;
  /** Vector of an item with no interactions: the initial factors for MF and BPR, the feature embeddings for the two-tower model. */
  coldItem: (creator: number, tag: number, rng: Random) => Float32Array;
}

/**
 * Trains one model on the dataset and evaluates it after every epoch.
 * `onEpoch` may throw to cancel.
 */
export async function trainEmbeddings(
  dataset: RetrievalDataset,
  model: LabModel,
  hyper: Hyperparameters,
  evaluator: RetrievalEvaluator,
  rng: Random,
  onEpoch: (row: EpochRow, fraction: number) => void,
): Promise<TrainedEmbeddings> {
  const started = performance.now();
  const curve: EpochRow[] = [];
  const options = { dim: hyper.dim, epochs: hyper.epochs, learningRate: hyper.learningRate, l2: hyper.l2 };
  const record = (loss: number, fraction: number, userVectors: Float32Array, itemVectors: Float32Array, dim: number): void => {
    const row = { epoch: curve.length + 1, loss, ...evaluator.evaluate(userVectors, itemVectors, dim) };
    curve.push(row);
    onEpoch(row, fraction);
  };
  const randomVector = (length: number, scale: number, source: Random): Float32Array => Float32Array.from({ length }, () => source.normal(0, scale));

  if (model === 'biased-mf') {
    const mf = new BiasedMatrixFactorisation(dataset.users, dataset.items, options);
    await mf.fit(dataset.trainRatings, rng, (fraction, loss) => {
      const epochVectors = withBias(mf.userFactors, mf.itemFactors, mf.itemBias, hyper.dim);
      record(loss, fraction, epochVectors.users, epochVectors.items, hyper.dim + 1);
    });
    const vectors = withBias(mf.userFactors, mf.itemFactors, mf.itemBias, hyper.dim);
    const initScale = mf.options.initScale;
    return { model, hyper, dim: hyper.dim + 1, userVectors: vectors.users, itemVectors: vectors.items, curve, trainMs: performance.now() - started, coldItem: (_c, _t, source) => appendOne(randomVector(hyper.dim, initScale, source), 0) };
  }

  if (model === 'bpr') {
    const bpr = new BprFactorisation(dataset.users, dataset.items, { ...options, negatives: hyper.negatives });
    await bpr.fit(dataset.train, rng, (fraction, loss) => {
      const vectors = withBias(bpr.userFactors, bpr.itemFactors, bpr.itemBias, hyper.dim);
      record(loss, fraction, vectors.users, vectors.items, hyper.dim + 1);
    });
    const vectors = withBias(bpr.userFactors, bpr.itemFactors, bpr.itemBias, hyper.dim);
    const initScale = bpr.options.initScale;
    return { model, hyper, dim: hyper.dim + 1, userVectors: vectors.users, itemVectors: vectors.items, curve, trainMs: performance.now() - started, coldItem: (_c, _t, source) => appendOne(randomVector(hyper.dim, initScale, source), 0) };
  }

  const towers = new TwoTowerModel(dataset.users, dataset.items, dataset.userFeatures, dataset.itemFeatures, { ...options, negatives: hyper.negatives });
  await towers.fit(dataset.train, rng, (fraction, loss) => {
    record(loss, fraction, towers.userMatrix(), towers.itemMatrix(), hyper.dim);
  });
  return {
    model,
    hyper,
    dim: hyper.dim,
    userVectors: towers.userMatrix(),
    itemVectors: towers.itemMatrix(),
    curve,
    trainMs: performance.now() - started,
    // Synthetic item fields are [creator, tag]; an imported file's are [popularity, mean rating], and a new item sits in bucket 0 and "unknown".
    coldItem: (creator, tag) => towers.itemVectorFromFeatures(dataset.source === 'synthetic' ? [creator, tag] : [0, 10]),
  };
}

/** [p_u, 1] and [q_i, b_i], so that their inner product is p_u · q_i + b_i. */
function withBias(userFactors: Float32Array, itemFactors: Float32Array, itemBias: Float32Array, dim: number): { users: Float32Array; items: Float32Array } {
  const pad = (factors: Float32Array, last: (row: number) => number): Float32Array => {
    const rows = factors.length / dim;
    const out = new Float32Array(rows * (dim + 1));
    for (let row = 0; row < rows; row += 1) {
      out.set(factors.subarray(row * dim, (row + 1) * dim), row * (dim + 1));
      out[row * (dim + 1) + dim] = last(row);
    }
    return out;
  };
  return { users: pad(userFactors, () => 1), items: pad(itemFactors, (row) => itemBias[row]) };
}

function appendOne(vector: Float32Array, last: number): Float32Array {
  const out = new Float32Array(vector.length + 1);
  out.set(vector);
  out[vector.length] = last;
  return out;
}
