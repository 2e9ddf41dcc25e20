/**
 * The ranking-model training workload of the ranking benchmark, the same in
 * Node and in the browser worker: Lab 4's own `CtrModel.fit` and the same
 * model written directly with TensorFlow.js ops.
 */
import * as tf from '@tensorflow/tfjs';
import { createCtrModel } from '../../src/engine/ctr/models';
import { CTR_TRAIN_DEFAULTS } from '../../src/engine/ctr/modelInfo';
import { generateCtrDataset, SYNTHETIC_CTR_DEFAULTS } from '../../src/engine/ctr/synthetic';
import type { CtrDataset, CtrModelKind } from '../../src/engine/ctr/types';
import { adam, gatherRows } from '../../src/engine/models/gatherRows';
import { Random } from '../../src/engine/random';

/** Impressions per timed run: the lab's default synthetic log, 1 epoch. */
export const BENCH_SAMPLES = 20_000;
export const BENCH_EPOCHS = 1;

export type Variant = 'lab' | 'bare';

export interface RankingRun {
  model: CtrModelKind;
  variant: Variant;
  backend: string;
  samples: number;
  epochs: number;
  seconds: number;
  /** samples × epochs / seconds. */
  samplesPerSecond: number;
  /** Mean click log loss of the last epoch, to check both variants learn alike. */
  loss: number;
}

/** Generates the lab's default synthetic click log with `samples` impressions. */
export function makeBenchData(samples = BENCH_SAMPLES): CtrDataset {
  return generateCtrDataset({ ...SYNTHETIC_CTR_DEFAULTS, samples });
}

/** Trains the lab's model of `kind` on every row for clicks; returns the last epoch's loss. */
export async function trainLab(kind: CtrModelKind, data: CtrDataset, epochs: number): Promise<number> {
  const model = createCtrModel(kind, data, { epochs });
  try {
    const reports = await model.fit(data, Int32Array.from({ length: data.length }, (_, row) => row), 'click', new Random(2));
    return reports[reports.length - 1].trainLoss;
  } finally {
    model.dispose();
  }
}

/**
 * Trains the same model with the same optimiser, written directly with TF.js
 * ops and without the lab's classes. It uses every field with the data set's
 * own ids, takes one Adam step per shuffled batch of
 * CTR_TRAIN_DEFAULTS.batchSize, and reads the loss back once per batch as
 * the lab does. Embedding lookups use `gatherRows`, because tf.gather has no
 * gradient kernel on WASM.
 */
export async function trainBare(kind: CtrModelKind, data: CtrDataset, epochs: number): Promise<number> {
  const { batchSize, learningRate, l2, embeddingDim: k, hidden } = CTR_TRAIN_DEFAULTS;
  const F = data.fields.length;
  const pairwise = kind === 'fm' || kind === 'deepfm';
  const deep = kind === 'wide-deep' || kind === 'deepfm';
  const rng = new Random(2);
  const normal = (shape: number[], sd: number) => tf.variable(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal(0, sd)), shape));

  const clickRate = data.labels.click.reduce((sum, label) => sum + label, 0) / data.length;
  const bias = tf.variable(tf.scalar(Math.log(clickRate / (1 - clickRate))));
  const linear = tf.variable(tf.zeros([data.vocabulary, 1]));
  const embeddings = pairwise || deep ? normal([data.vocabulary, k], 0.05) : null;
  const sizes = [F * k, ...hidden, 1];
  const layers = deep ? sizes.slice(1).map((size, index) => ({ kernel: normal([sizes[index], size], Math.sqrt((index === hidden.length ? 1 : 2) / sizes[index])), bias: tf.variable(tf.zeros([size])) })) : [];
  const optimizer = adam(learningRate);
  const order = Uint32Array.from({ length: data.length }, (_, row) => row);
  let loss = Number.NaN;

  try {
    for (let epoch = 0; epoch < epochs; epoch += 1) {
      rng.shuffle(order);
      let sum = 0;
      let batches = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        const rows = order.subarray(start, Math.min(order.length, start + batchSize));
        const n = rows.length;
        const idValues = new Int32Array(n * F);
        rows.forEach((row, r) => idValues.set(data.features.subarray(row * F, (row + 1) * F), r * F));
        const ids = tf.tensor1d(idValues, 'int32');
        const labels = tf.tensor1d(Float32Array.from(rows, (row) => data.labels.click[row]));
        const cost = optimizer.minimize(() => {
          const weights = gatherRows(linear as tf.Tensor2D, ids).reshape([n, F]);
          let logits: tf.Tensor = weights.sum(1).add(bias);
          let penalty: tf.Tensor = weights.square().sum(1);
          if (embeddings !== null) {
            const e = gatherRows(embeddings as tf.Tensor2D, ids).reshape([n, F, k]);
            const squares = e.square().sum([1, 2]);
            penalty = penalty.add(squares);
            if (pairwise) {
              logits = logits.add(e.sum(1).square().sum(1).sub(squares).mul(0.5));
            }
            if (deep) {
              let h: tf.Tensor = e.reshape([n, F * k]);
              layers.forEach((layer, index) => {
                h = h.matMul(layer.kernel).add(layer.bias);
                h = index < layers.length - 1 ? tf.relu(h) : h;
              });
              logits = logits.add(h.reshape([n]));
            }
          }
          return tf.losses.sigmoidCrossEntropy(labels, logits).add(penalty.mean().mul(l2)) as tf.Scalar;
        }, true);
        sum += cost?.dataSync()[0] ?? Number.NaN;
        batches += 1;
        tf.dispose([cost as tf.Scalar, ids, labels]);
      }
      loss = sum / batches;
    }
    return loss;
  } finally {
    optimizer.dispose();
    tf.dispose([bias, linear]);
    embeddings?.dispose();
    layers.forEach((layer) => tf.dispose([layer.kernel, layer.bias]));
  }
}

/** Runs one variant of one model once on the active backend and times it. */
export async function measure(kind: CtrModelKind, variant: Variant, data: CtrDataset, epochs: number): Promise<RankingRun> {
  const start = performance.now();
  const loss = variant === 'lab' ? await trainLab(kind, data, epochs) : await trainBare(kind, data, epochs);
  const seconds = (performance.now() - start) / 1000;
  return { model: kind, variant, backend: tf.getBackend(), samples: data.length, epochs, seconds, samplesPerSecond: (data.length * epochs) / seconds, loss };
}
