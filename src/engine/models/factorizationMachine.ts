import * as tf from '@tensorflow/tfjs';
import { sigmoid } from '../math';
import type { Random } from '../random';
import { adam, gatherRows } from './gatherRows';
import { trainEpochs } from './minibatch';

/** Categorical click data: each sample has one feature id per field, ids shared across fields. */
export interface FieldSamples {
  /** Feature ids, [samples, fields] row-major, each in [0, vocabulary). */
  features: Int32Array;
  fields: number;
  /** 0 or 1, [samples]. */
  labels: Float32Array;
  length: number;
}

export interface FmOptions {
  /** k: factor dimension of the pairwise term; 0 gives plain logistic regression. */
  factors: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty per sample on the weights and factors of its features. */
  l2: number;
}

export const FM_DEFAULTS: FmOptions = { factors: 8, epochs: 10, batchSize: 512, learningRate: 0.02, l2: 1e-4 };

/**
 * Factorization machine for click prediction (Rendle 2010, "Factorization
 * machines"), over one-hot categorical fields:
 *
 *   ŷ(x) = w0 + Σ_f w[x_f] + ½ Σ_k [(Σ_f V[x_f, k])² − Σ_f V[x_f, k]²]
 *   p = σ(ŷ),   loss = mean BCE + l2 (Σ_f w[x_f]² + |V[x_f]|²)
 *
 * which is Σ_{f < g} ⟨V[x_f], V[x_g]⟩ for the pairwise term, computed in
 * O(fields × k). With `factors: 0` it is logistic regression on the same
 * one-hot features. Trained with TensorFlow.js; weights live in Float32Arrays.
 */
export class FactorizationMachine {
  readonly vocabulary: number;
  readonly options: FmOptions;
  bias = 0;
  /** w, [vocabulary]. */
  weights: Float32Array;
  /** V, [vocabulary, factors]. */
  factors: Float32Array;

  constructor(vocabulary: number, options: Partial<FmOptions> = {}) {
    this.vocabulary = vocabulary;
    this.options = { ...FM_DEFAULTS, ...options };
    this.weights = new Float32Array(vocabulary);
    this.factors = new Float32Array(vocabulary * this.options.factors);
  }

  /** p = σ(ŷ) for sample `row` of `samples`. */
  predict(samples: FieldSamples, row: number): number {
    const k = this.options.factors;
    let logit = this.bias;
    const sums = new Float64Array(k);
    let squares = 0;
    for (let f = 0; f < samples.fields; f += 1) {
      const id = samples.features[row * samples.fields + f];
      logit += this.weights[id];
      for (let j = 0; j < k; j += 1) {
        const v = this.factors[id * k + j];
        sums[j] += v;
        squares += v * v;
      }
    }
    let pairwise = 0;
    for (let j = 0; j < k; j += 1) {
      pairwise += sums[j] * sums[j];
    }
    return sigmoid(logit + 0.5 * (pairwise - squares));
  }

  /** Trains on the samples from factors drawn by `rng`; returns the last epoch's mean loss. */
  async fit(samples: FieldSamples, rng: Random): Promise<number> {
    const { factors: k, epochs, batchSize, learningRate, l2 } = this.options;
    const F = samples.fields;
    const w = tf.tidy(() => tf.variable(tf.zeros([this.vocabulary, 1]) as tf.Tensor2D));
    const b = tf.tidy(() => tf.variable(tf.scalar(0)));
    const V = k > 0 ? tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from({ length: this.vocabulary * k }, () => rng.normal(0, 0.01)), [this.vocabulary, k]))) : null;
    const optimizer = adam(learningRate);

    try {
      const [lastLoss = Number.NaN] = await trainEpochs(samples.length, { epochs, batchSize, rng }, (batch) => {
        const ids = new Int32Array(batch.length * F);
        batch.forEach((row, r) => ids.set(samples.features.subarray(row * F, (row + 1) * F), r * F));
        const idTensor = tf.tensor1d(ids, 'int32');
        const labels = tf.tensor1d(Float32Array.from(batch, (row) => samples.labels[row]));
        const cost = optimizer.minimize(() => {
          const linearWeights = gatherRows(w, idTensor).reshape([batch.length, F]);
          let logits = linearWeights.sum(1).add(b);
          let penalty = linearWeights.square().sum(1);
          if (V !== null) {
            const embedded = gatherRows(V, idTensor).reshape([batch.length, F, k]);
            const sumSquared = embedded.sum(1).square().sum(1);
            const squaredSum = embedded.square().sum([1, 2]);
            logits = logits.add(sumSquared.sub(squaredSum).mul(0.5));
            penalty = penalty.add(squaredSum);
          }
          return tf.losses.sigmoidCrossEntropy(labels, logits).add(penalty.mean().mul(l2)) as tf.Scalar;
        }, true);
        const loss = cost?.dataSync()[0] ?? Number.NaN;
        cost?.dispose();
        idTensor.dispose();
        labels.dispose();
        return [loss];
      });
      this.weights = w.dataSync().slice() as Float32Array;
      this.bias = b.dataSync()[0];
      if (V !== null) {
        this.factors = V.dataSync().slice() as Float32Array;
      }
      return lastLoss;
    } finally {
      optimizer.dispose();
      w.dispose();
      b.dispose();
      V?.dispose();
    }
  }
}
