/**
 * The ranking-model training workload of the worker-training benchmark, the
 * same in Node and in the browser worker: the lab's own `LogisticRanker.train`
 * and the same model written directly with TensorFlow.js ops.
 */
import * as tf from '@tensorflow/tfjs';
import { LogisticRanker, type RankingSamples } from '../../src/engine/models/logisticRanker';
import { TRAINING } from '../../src/engine/loop/simulation';
import { Random } from '../../src/engine/random';
import { rankingFeatureCount } from '../../src/engine/ranking/features';

/** Size of one training run: `samples` logged impressions, `epochs` passes over them. */
export interface WorkloadSize {
  samples: number;
  epochs: number;
}

/** The lab's retrain: 40,000 samples (its window cap), 3 epochs. */
export const LAB_WORKLOAD: WorkloadSize = { samples: TRAINING.maxSamples, epochs: TRAINING.ranker.epochs };

/** Topics of the lab's default world, which set the feature count F = 3T + 6 = 66. */
export const TOPICS = 20;

export type Variant = 'lab' | 'bare';

export interface TrainingRun {
  variant: Variant;
  backend: string;
  samples: number;
  epochs: number;
  seconds: number;
  /** samples × epochs / seconds. */
  samplesPerSecond: number;
  /** Mean click-head log loss of the last epoch, to check both variants learn the same thing. */
  clickLoss: number;
}

/**
 * Draws synthetic ranking samples with the lab's feature count: features ~ N(0, 0.5²),
 * click ~ Bernoulli(σ(x·w_c − 2.5)), watch = σ(x·w_w), for fixed random w.
 */
export function makeRankingSamples(samples: number, seed = 1): RankingSamples {
  const F = rankingFeatureCount(TOPICS);
  const rng = new Random(seed);
  const clickWeights = Float32Array.from({ length: F }, () => rng.normal(0, 0.3));
  const watchWeights = Float32Array.from({ length: F }, () => rng.normal(0, 0.3));
  const features = new Float32Array(samples * F);
  const click = new Float32Array(samples);
  const watch = new Float32Array(samples);
  for (let s = 0; s < samples; s += 1) {
    let clickLogit = -2.5;
    let watchLogit = 0;
    for (let f = 0; f < F; f += 1) {
      const value = rng.normal(0, 0.5);
      features[s * F + f] = value;
      clickLogit += value * clickWeights[f];
      watchLogit += value * watchWeights[f];
    }
    click[s] = rng.bernoulli(sigmoid(clickLogit)) ? 1 : 0;
    watch[s] = sigmoid(watchLogit);
  }
  return { features, click, watch, length: samples };
}

/** Trains the lab's ranker once with the lab's settings; returns the last epoch's click loss. */
export async function trainLab(samples: RankingSamples, epochs: number): Promise<number> {
  const ranker = new LogisticRanker(rankingFeatureCount(TOPICS));
  const loss = await ranker.train(samples, { ...TRAINING.ranker, epochs, rng: new Random(2) });
  return loss.click;
}

/**
 * Trains the same model with the same optimiser, written directly with TF.js
 * ops and without the lab's class: logits = X·W + b with X [batch, F], W [F, 2], b [2]; loss =
 * mean sigmoid cross-entropy per head, summed, + l2·|W|²; Adam with epsilon
 * 1e-7; the per-head loss read back once per batch, as the lab does. Each
 * batch is copied row by row into one Float32Array and uploaded: on WASM
 * that was 4x faster than `tf.slice` and 9x faster than `tf.gather` of rows
 * of a resident tensor (512 × 66 rows, Node 20, TF.js 4.22). Returns the
 * last epoch's click loss.
 */
export async function trainBare(samples: RankingSamples, epochs: number): Promise<number> {
  const F = rankingFeatureCount(TOPICS);
  const { batchSize, learningRate, l2 } = TRAINING.ranker;
  const weights = tf.variable(tf.zeros([F, 2]));
  const bias = tf.variable(tf.tensor1d([logit(0.05), logit(0.3)]));
  const optimizer = tf.train.adam(learningRate, 0.9, 0.999, 1e-7);
  const order = Uint32Array.from({ length: samples.length }, (_, k) => k);
  const rng = new Random(2);
  let clickLoss = Number.NaN;

  try {
    for (let epoch = 0; epoch < epochs; epoch += 1) {
      rng.shuffle(order);
      let clickSum = 0;
      let batches = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        const rows = order.subarray(start, Math.min(order.length, start + batchSize));
        const xValues = new Float32Array(rows.length * F);
        const yValues = new Float32Array(rows.length * 2);
        rows.forEach((row, r) => {
          xValues.set(samples.features.subarray(row * F, (row + 1) * F), r * F);
          yValues[2 * r] = samples.click[row];
          yValues[2 * r + 1] = samples.watch[row];
        });
        const x = tf.tensor2d(xValues, [rows.length, F]);
        const y = tf.tensor2d(yValues, [rows.length, 2]);

        let perHead: tf.Tensor | undefined;
        optimizer.minimize(() => {
          const logits = x.matMul(weights).add(bias);
          perHead = tf.keep(tf.losses.sigmoidCrossEntropy(y, logits, undefined, 0, tf.Reduction.NONE).mean(0));
          return perHead.sum().add(weights.square().sum().mul(l2)) as tf.Scalar;
        });
        const [click] = (perHead as tf.Tensor).dataSync();
        tf.dispose([perHead as tf.Tensor, x, y]);
        clickSum += click;
        batches += 1;
      }
      clickLoss = clickSum / batches;
    }
    return clickLoss;
  } finally {
    weights.dispose();
    bias.dispose();
    optimizer.dispose();
  }
}

/** Runs one variant once on the active backend and times it. */
export async function measure(variant: Variant, samples: RankingSamples, epochs: number): Promise<TrainingRun> {
  const start = performance.now();
  const clickLoss = variant === 'lab' ? await trainLab(samples, epochs) : await trainBare(samples, epochs);
  const seconds = (performance.now() - start) / 1000;
  return { variant, backend: tf.getBackend(), samples: samples.length, epochs, seconds, samplesPerSecond: (samples.length * epochs) / seconds, clickLoss };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}
