import * as tf from '@tensorflow/tfjs';
import type { Random } from '../random';
import { adam } from './gatherRows';
import { trainEpochs } from './minibatch';
import { log, sigmoid } from '../math';

/** Logged ranking examples: features as they were at serving time, and the labels observed. */
export interface RankingSamples {
  /** [samples, features], row-major. */
  features: Float32Array;
  /** 1 if clicked, [samples]. */
  click: Float32Array;
  /** Observed watch fraction in [0, 1], [samples]. */
  watch: Float32Array;
  length: number;
}

export interface RankerTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on the weights. */
  l2: number;
  rng: Random;
  onProgress?: (fraction: number) => void;
}

export interface RankerLoss {
  /** Mean log loss of the click head over the last epoch. */
  click: number;
  /** Mean cross-entropy of the watch head (soft labels) over the last epoch. */
  watch: number;
}

/**
 * Two logistic regressions over one feature vector x ∈ R^F:
 *
 *   pClick = σ(w_c · x + b_c)      trained on click labels (log loss)
 *   pWatch = σ(w_w · x + b_w)      trained on the watch fraction as a soft label
 *
 * Trained jointly as X [batch, F] · W [F, 2] + b [2] with TensorFlow.js and
 * Adam; the parameters live in Float32Arrays between trainings, so serving
 * is a plain dot product and survives a change of backend.
 */
export class LogisticRanker {
  readonly features: number;
  /** W, [features, 2]: column 0 click, column 1 watch. */
  weights: Float32Array;
  /** b, [2]. */
  bias: Float32Array;
  trainings = 0;

  constructor(features: number, priorClickRate = 0.05, priorWatch = 0.3) {
    this.features = features;
    this.weights = new Float32Array(features * 2);
    this.bias = Float32Array.of(logit(priorClickRate), logit(priorWatch));
  }

  /** Writes [pClick, pWatch] for the feature row at `offset` of `x` into `out`. */
  predict(x: Float32Array, offset: number, out: Float32Array): void {
    let click = this.bias[0];
    let watch = this.bias[1];
    const W = this.weights;
    for (let f = 0; f < this.features; f += 1) {
      const value = x[offset + f];
      click += value * W[2 * f];
      watch += value * W[2 * f + 1];
    }
    out[0] = sigmoid(click);
    out[1] = sigmoid(watch);
  }

  /** Trains both heads on the samples and writes the new parameters back. */
  async train(samples: RankingSamples, options: RankerTrainOptions): Promise<RankerLoss> {
    if (samples.length === 0) {
      return { click: Number.NaN, watch: Number.NaN };
    }
    const F = this.features;
    const W = tf.tidy(() => tf.variable(tf.tensor2d(this.weights, [F, 2])));
    const b = tf.tidy(() => tf.variable(tf.tensor1d(this.bias)));
    const optimizer = adam(options.learningRate);

    try {
      const [click = Number.NaN, watch = Number.NaN] = await trainEpochs(samples.length, options, (batch) => {
        const { x, labels } = packBatch(samples, batch, F);
        let clickLoss = Number.NaN;
        let watchLoss = Number.NaN;
        const cost = optimizer.minimize(() => {
          const logits = x.matMul(W).add(b);
          const perHead = tf.losses.sigmoidCrossEntropy(labels, logits, undefined, 0, tf.Reduction.NONE).mean(0);
          [clickLoss, watchLoss] = perHead.dataSync();
          return perHead.sum().add(W.square().sum().mul(options.l2)) as tf.Scalar;
        }, true);
        cost?.dispose();
        x.dispose();
        labels.dispose();
        return [clickLoss, watchLoss];
      });

      this.weights = W.dataSync().slice() as Float32Array;
      this.bias = b.dataSync().slice() as Float32Array;
      this.trainings += 1;
      return { click, watch };
    } finally {
      optimizer.dispose();
      W.dispose();
      b.dispose();
    }
  }
}

/** Copies the rows of `batch` into tensors: x [batch, F] and labels [batch, 2] (click, watch). */
function packBatch(samples: RankingSamples, batch: Uint32Array, F: number): { x: tf.Tensor2D; labels: tf.Tensor2D } {
  const n = batch.length;
  const x = new Float32Array(n * F);
  const labels = new Float32Array(n * 2);
  for (let r = 0; r < n; r += 1) {
    const k = batch[r];
    x.set(samples.features.subarray(k * F, (k + 1) * F), r * F);
    labels[2 * r] = samples.click[k];
    labels[2 * r + 1] = samples.watch[k];
  }
  return { x: tf.tensor2d(x, [n, F]), labels: tf.tensor2d(labels, [n, 2]) };
}

function logit(p: number): number {
  return log(p / (1 - p));
}
