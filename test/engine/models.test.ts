import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherRows } from '../../src/engine/models/gatherRows';
import { LogisticRanker } from '../../src/engine/models/logisticRanker';
import { MatrixFactorisation } from '../../src/engine/models/matrixFactorisation';
import { Random } from '../../src/engine/random';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

describe('gatherRows', () => {
  it('sums the gradient of repeated indices like a one-hot product', () => {
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const indices = tf.tensor1d([2, 0, 2], 'int32');
    const weights = tf.tensor2d([[1, 10], [100, 1000], [0.5, 0.25]]);
    const viaGather = tf.grad((t: tf.Tensor) => gatherRows(t as tf.Tensor2D, indices).mul(weights).sum())(table);
    // Row 0 gets batch row 1's weights; row 2 gets rows 0 and 2 summed; row 1 gets nothing.
    expect(Array.from(viaGather.dataSync())).toEqual([100, 1000, 0, 0, 1.5, 10.25]);
    expect(Array.from(gatherRows(table, indices).dataSync())).toEqual([5, 6, 1, 2, 5, 6]);
  });
});

describe('LogisticRanker', () => {
  it('predicts σ(w · x + b) for each head', () => {
    const ranker = new LogisticRanker(2);
    ranker.weights = Float32Array.of(1, -1, 2, 0.5); // W = [[1, −1], [2, 0.5]]
    ranker.bias = Float32Array.of(-1, 0);
    const out = new Float32Array(2);
    ranker.predict(Float32Array.of(9, 0.5, 1), 1, out); // x = (0.5, 1)
    expect(out[0]).toBeCloseTo(1 / (1 + Math.exp(-(0.5 + 2 - 1))), 6);
    expect(out[1]).toBeCloseTo(1 / (1 + Math.exp(-(-0.5 + 0.5))), 6);
  });

  it('learns a click rule over 500 flat-tensor steps', async () => {
    const rng = new Random(1);
    const n = 500 * 64;
    const features = new Float32Array(n * 2);
    const click = new Float32Array(n);
    const watch = new Float32Array(n);
    for (let k = 0; k < n; k += 1) {
      features[2 * k] = rng.normal();
      features[2 * k + 1] = rng.normal();
      click[k] = rng.bernoulli(1 / (1 + Math.exp(-3 * features[2 * k]))) ? 1 : 0;
      watch[k] = 0.5;
    }
    const ranker = new LogisticRanker(2);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const loss = await ranker.train(
      { features, click, watch, length: n },
      { epochs: 1, batchSize: 64, learningRate: 0.05, l2: 0, rng, onProgress: () => counts.push(tf.memory().numTensors) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(counts.length).toBe(1);
    expect(loss.click).toBeLessThan(0.5);
    // The click weight of the first feature approaches the true 3; the second stays near 0.
    expect(ranker.weights[0]).toBeGreaterThan(2);
    expect(Math.abs(ranker.weights[2])).toBeLessThan(0.5);
  });
});

describe('MatrixFactorisation', () => {
  it('fits a block structure and leaves no tensors behind', async () => {
    const rng = new Random(2);
    const users = 20;
    const items = 30;
    const user: number[] = [];
    const item: number[] = [];
    const target: number[] = [];
    for (let u = 0; u < users; u += 1) {
      for (let i = 0; i < items; i += 1) {
        user.push(u);
        item.push(i);
        target.push(u % 2 === i % 2 ? 0.9 : 0.1);
      }
    }
    const model = new MatrixFactorisation(users, items, 4, rng);
    const before = tf.memory().numTensors;
    const samples = { user: Uint32Array.from(user), item: Uint32Array.from(item), target: Float32Array.from(target), length: user.length };
    const first = await model.train(samples, { epochs: 1, batchSize: 64, learningRate: 0.05, l2: 0, rng });
    const last = await model.train(samples, { epochs: 30, batchSize: 64, learningRate: 0.05, l2: 0, rng });
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first);
    expect(model.logit(0, 0)).toBeGreaterThan(model.logit(0, 1));
    expect(model.logit(1, 1)).toBeGreaterThan(model.logit(1, 0));
    expect(model.trainings).toBe(2);
  });
});
