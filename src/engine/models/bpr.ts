import * as tf from '@tensorflow/tfjs';
import type { Random } from '../random';
import { adam, gatherRows } from './gatherRows';
import { trainEpochs } from './minibatch';

/** Implicit feedback: (user, item) pairs that count as positives, [interactions] each. */
export interface Interactions {
  user: Uint32Array;
  item: Uint32Array;
  length: number;
}

export interface BprOptions {
  dim: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** λ: L2 penalty on p_u, q_i, q_j and b_i, b_j of each sampled triple. */
  l2: number;
  /** Negative items sampled uniformly per positive; the loss averages over them. */
  negatives: number;
  /** Standard deviation of the initial factors. */
  initScale: number;
}

/**
 * Defaults of `npm run sim -- --lab retrieval`: on MovieLens latest-small
 * (positives are ratings of 4 or more) they gave 5-fold recall@10 0.115 and
 * NDCG@10 0.158, in 15 to 50 s per fold on WASM in Node on a shared 2-core machine.
 */
export const BPR_DEFAULTS: BprOptions = {
  dim: 32,
  epochs: 15,
  batchSize: 1024,
  learningRate: 0.02,
  l2: 0.001,
  negatives: 4,
  initScale: 0.05,
};

/**
 * Called after each epoch with the fraction done and the epoch's mean loss.
 * The model's parameter arrays hold that epoch's values during the call, so
 * it can score items. An error it throws stops training (that is how a run is cancelled) and
 * frees the tensors.
 */
export type EpochCallback = (fraction: number, loss: number) => void;

/**
 * Implicit matrix factorisation trained with Bayesian personalised ranking
 * (Rendle, Freudenthaler, Gantner and Schmidt-Thieme 2009, "BPR: Bayesian
 * personalized ranking from implicit feedback"):
 *
 *   s_ui = p_u · q_i + b_i,   P = [users, dim], Q = [items, dim], b = [items]
 *   loss = mean over (u, i, j) of −log σ(s_ui − s_uj) + λ (|p_u|² + |q_i|² + |q_j|² + b_i² + b_j²)
 *
 * where i is a positive of u and j an item drawn uniformly (it may be an
 * unobserved positive, as in the paper). Unlike biased MF it predicts no
 * rating, only an order of items for each user.
 */
export class BprFactorisation {
  readonly users: number;
  readonly items: number;
  readonly options: BprOptions;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  itemBias: Float32Array;

  constructor(users: number, items: number, options: Partial<BprOptions> = {}) {
    this.users = users;
    this.items = items;
    this.options = { ...BPR_DEFAULTS, ...options };
    this.userFactors = new Float32Array(users * this.options.dim);
    this.itemFactors = new Float32Array(items * this.options.dim);
    this.itemBias = new Float32Array(items);
  }

  /** s_ui = p_u · q_i + b_i. */
  score(user: number, item: number): number {
    const d = this.options.dim;
    let dot = this.itemBias[item];
    for (let k = 0; k < d; k += 1) {
      dot += this.userFactors[user * d + k] * this.itemFactors[item * d + k];
    }
    return dot;
  }

  /** Writes s_ui for every item into `out` ([items]). */
  scoreAll(user: number, out: Float32Array): void {
    for (let item = 0; item < this.items; item += 1) {
      out[item] = this.score(user, item);
    }
  }

  /**
   * Fits the factors to the positives, starting from random factors drawn
   * from `rng`; negatives are drawn from a fork of it.
   *
   * @returns the mean loss of each epoch.
   */
  async fit(positives: Interactions, rng: Random, onEpoch?: EpochCallback): Promise<number[]> {
    const { dim, epochs, batchSize, learningRate, l2, negatives, initScale } = this.options;
    const init = (rows: number): Float32Array => Float32Array.from({ length: rows * dim }, () => rng.normal(0, initScale));
    const P = tf.tidy(() => tf.variable(tf.tensor2d(init(this.users), [this.users, dim])));
    const Q = tf.tidy(() => tf.variable(tf.tensor2d(init(this.items), [this.items, dim])));
    const b = tf.tidy(() => tf.variable(tf.zeros([this.items, 1]) as tf.Tensor2D));
    const optimizer = adam(learningRate);
    const negativeRng = rng.fork('negatives');
    const losses: number[] = [];
    let epochLoss = 0;
    let batches = 0;

    try {
      await trainEpochs(
        positives.length,
        {
          epochs,
          batchSize,
          rng,
          onProgress: (fraction) => {
            if (onEpoch !== undefined) {
              this.userFactors = P.dataSync().slice() as Float32Array;
              this.itemFactors = Q.dataSync().slice() as Float32Array;
              this.itemBias = b.dataSync().slice() as Float32Array;
            }
            losses.push(epochLoss / Math.max(1, batches));
            epochLoss = 0;
            batches = 0;
            onEpoch?.(fraction, losses[losses.length - 1]);
          },
        },
        (batch) => {
          const size = batch.length * negatives;
          const u = tf.tensor1d(Int32Array.from({ length: size }, (_, k) => positives.user[batch[Math.floor(k / negatives)]]), 'int32');
          const i = tf.tensor1d(Int32Array.from({ length: size }, (_, k) => positives.item[batch[Math.floor(k / negatives)]]), 'int32');
          const j = tf.tensor1d(Int32Array.from({ length: size }, () => negativeRng.int(this.items)), 'int32');
          const cost = optimizer.minimize(() => {
            const pu = gatherRows(P, u);
            const qi = gatherRows(Q, i);
            const qj = gatherRows(Q, j);
            const bi = gatherRows(b, i).reshape([-1]);
            const bj = gatherRows(b, j).reshape([-1]);
            const difference = pu.mul(qi.sub(qj)).sum(1).add(bi).sub(bj);
            const penalty = pu.square().sum(1).add(qi.square().sum(1)).add(qj.square().sum(1)).add(bi.square()).add(bj.square());
            // −log σ(x) = softplus(−x), which stays finite for large |x|.
            return tf.softplus(difference.neg()).add(penalty.mul(l2)).mean() as tf.Scalar;
          }, true);
          const loss = cost?.dataSync()[0] ?? Number.NaN;
          cost?.dispose();
          u.dispose();
          i.dispose();
          j.dispose();
          epochLoss += loss;
          batches += 1;
          return [loss];
        },
      );
      this.userFactors = P.dataSync().slice() as Float32Array;
      this.itemFactors = Q.dataSync().slice() as Float32Array;
      this.itemBias = b.dataSync().slice() as Float32Array;
      return losses;
    } finally {
      optimizer.dispose();
      for (const variable of [P, Q, b]) {
        variable.dispose();
      }
    }
  }
}
