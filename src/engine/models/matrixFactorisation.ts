import * as tf from '@tensorflow/tfjs';
import type { Random } from '../random';
import { adam, gatherRows } from './gatherRows';
import { trainEpochs } from './minibatch';

/** Logged (user, item, target) triples for training, [samples] each. */
export interface InteractionSamples {
  user: Uint32Array;
  item: Uint32Array;
  /** Soft label in [0, 1], e.g. the observed watch fraction. */
  target: Float32Array;
  length: number;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on the embeddings of each batch, per row. */
  l2: number;
  /** Shuffles the samples each epoch. */
  rng: Random;
  /** Fraction of training done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/**
 * Matrix factorisation for implicit feedback, trained with TensorFlow.js:
 *
 *   logit(u, i) = g + b_u + b_i + p_u · q_i,   P = [users, dim], Q = [items, dim]
 *   loss = mean BCE(target, σ(logit)) + l2 · mean(|p_u|² + |q_i|²)
 *
 * a logistic matrix factorisation in the style of Johnson (2014), with the
 * observed watch fraction as a soft label. The parameters live in plain
 * Float32Arrays between trainings, so the model survives a change of
 * TensorFlow.js backend and scoring needs no tensors.
 */
export class MatrixFactorisation {
  readonly users: number;
  readonly items: number;
  readonly dim: number;
  /** P, [users, dim]. */
  userEmbedding: Float32Array;
  /** Q, [items, dim]. */
  itemEmbedding: Float32Array;
  userBias: Float32Array;
  itemBias: Float32Array;
  globalBias = 0;
  /** Number of completed trainings. */
  trainings = 0;

  constructor(users: number, items: number, dim: number, rng: Random, initScale = 0.1) {
    this.users = users;
    this.items = items;
    this.dim = dim;
    this.userEmbedding = new Float32Array(users * dim);
    this.itemEmbedding = new Float32Array(items * dim);
    for (let k = 0; k < this.userEmbedding.length; k += 1) {
      this.userEmbedding[k] = rng.normal(0, initScale);
    }
    for (let k = 0; k < this.itemEmbedding.length; k += 1) {
      this.itemEmbedding[k] = rng.normal(0, initScale);
    }
    this.userBias = new Float32Array(users);
    this.itemBias = new Float32Array(items);
  }

  /** The full logit g + b_u + b_i + p_u · q_i. */
  logit(user: number, item: number): number {
    return this.globalBias + this.userBias[user] + this.itemBias[item] + this.dot(user, item);
  }

  /** p_u · q_i. */
  dot(user: number, item: number): number {
    const d = this.dim;
    let sum = 0;
    for (let k = 0; k < d; k += 1) {
      sum += this.userEmbedding[user * d + k] * this.itemEmbedding[item * d + k];
    }
    return sum;
  }

  /**
   * Retrieval scores b_i + p_u · q_i of every item for user u, into `out` ([items]).
   * The user's own terms (g + b_u) are dropped: they do not change the order.
   */
  retrievalScores(user: number, out: Float32Array): void {
    const d = this.dim;
    const P = this.userEmbedding;
    const Q = this.itemEmbedding;
    const uo = user * d;
    for (let i = 0; i < this.items; i += 1) {
      const io = i * d;
      let sum = this.itemBias[i];
      for (let k = 0; k < d; k += 1) {
        sum += P[uo + k] * Q[io + k];
      }
      out[i] = sum;
    }
  }

  /**
   * Trains on the samples and writes the new parameters back.
   *
   * @returns the mean training loss of the last epoch.
   */
  async train(samples: InteractionSamples, options: TrainOptions): Promise<number> {
    if (samples.length === 0) {
      return Number.NaN;
    }
    const P = tf.tidy(() => tf.variable(tf.tensor2d(this.userEmbedding, [this.users, this.dim])));
    const Q = tf.tidy(() => tf.variable(tf.tensor2d(this.itemEmbedding, [this.items, this.dim])));
    const bu = tf.tidy(() => tf.variable(tf.tensor2d(this.userBias, [this.users, 1])));
    const bi = tf.tidy(() => tf.variable(tf.tensor2d(this.itemBias, [this.items, 1])));
    const g = tf.tidy(() => tf.variable(tf.scalar(this.globalBias)));
    const optimizer = adam(options.learningRate);

    try {
      const [lastEpochLoss = Number.NaN] = await trainEpochs(samples.length, options, (batch) => {
        const userIds = tf.tensor1d(Int32Array.from(batch, (k) => samples.user[k]), 'int32');
        const itemIds = tf.tensor1d(Int32Array.from(batch, (k) => samples.item[k]), 'int32');
        const labels = tf.tensor1d(Float32Array.from(batch, (k) => samples.target[k]));
        const cost = optimizer.minimize(() => {
          const pu = gatherRows(P, userIds);
          const qi = gatherRows(Q, itemIds);
          const logits = pu
            .mul(qi)
            .sum(1)
            .add(gatherRows(bu, userIds).reshape([-1]))
            .add(gatherRows(bi, itemIds).reshape([-1]))
            .add(g);
          const bce = tf.losses.sigmoidCrossEntropy(labels, logits);
          const penalty = pu.square().sum(1).mean().add(qi.square().sum(1).mean()).mul(options.l2);
          return bce.add(penalty) as tf.Scalar;
        }, true);
        const loss = cost === null ? Number.NaN : cost.dataSync()[0];
        cost?.dispose();
        userIds.dispose();
        itemIds.dispose();
        labels.dispose();
        return [loss];
      });

      this.userEmbedding = P.dataSync().slice() as Float32Array;
      this.itemEmbedding = Q.dataSync().slice() as Float32Array;
      this.userBias = bu.dataSync().slice() as Float32Array;
      this.itemBias = bi.dataSync().slice() as Float32Array;
      this.globalBias = g.dataSync()[0];
      this.trainings += 1;
      return lastEpochLoss;
    } finally {
      optimizer.dispose();
      for (const variable of [P, Q, bu, bi, g]) {
        variable.dispose();
      }
    }
  }
}
