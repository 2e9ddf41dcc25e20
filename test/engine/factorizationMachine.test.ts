import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sigmoid } from '../../src/engine/math';
import { auc } from '../../src/engine/metrics/classification';
import { FactorizationMachine, type FieldSamples } from '../../src/engine/models/factorizationMachine';
import { Random } from '../../src/engine/random';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

describe('FactorizationMachine.predict', () => {
  it('adds the pairwise dot products of the active factors', () => {
    const fm = new FactorizationMachine(4, { factors: 2 });
    fm.bias = -1;
    fm.weights = Float32Array.of(0.5, 0.25, 0, 0);
    fm.factors = Float32Array.of(1, 0, 2, 1, 0, 0, 0, 0);
    const samples: FieldSamples = { features: Int32Array.of(0, 1), fields: 2, labels: Float32Array.of(1), length: 1 };
    // ŷ = −1 + 0.5 + 0.25 + ⟨(1, 0), (2, 1)⟩ = 1.75
    expect(fm.predict(samples, 0)).toBeCloseTo(sigmoid(1.75), 12);
  });
});

/**
 * Clicks from three fields of 8 values each whose true logit has a strong
 * field-pair interaction (field 0 × field 1) besides per-value effects.
 * `world` draws the effects, so train and test sets share them; `rng` draws
 * the samples. The Bayes-optimal predictor is the true probability itself.
 */
function interactionData(count: number, rng: Random, world: Random): { samples: FieldSamples; truth: Float32Array } {
  const values = 8;
  const effect = Float32Array.from({ length: 3 * values }, () => world.normal(0, 0.5));
  const pair = Float32Array.from({ length: values * values }, () => world.normal(0, 1.5));
  const features = new Int32Array(count * 3);
  const labels = new Float32Array(count);
  const truth = new Float32Array(count);
  for (let row = 0; row < count; row += 1) {
    const x = [rng.int(values), rng.int(values), rng.int(values)];
    x.forEach((value, field) => (features[row * 3 + field] = field * values + value));
    const logit = -0.5 + effect[x[0]] + effect[values + x[1]] + effect[2 * values + x[2]] + pair[x[0] * values + x[1]];
    truth[row] = sigmoid(logit);
    labels[row] = rng.bernoulli(truth[row]) ? 1 : 0;
  }
  return { samples: { features, fields: 3, labels, length: count }, truth };
}

describe('FactorizationMachine on second-order data', () => {
  it('beats logistic regression and nears the Bayes-optimal AUC', { timeout: 60_000 }, async () => {
    const rng = new Random(11);
    const train = interactionData(20_000, rng.fork('train'), rng.fork('world'));
    const test = interactionData(5_000, rng.fork('test'), rng.fork('world'));
    const before = tf.memory().numTensors;

    const lr = new FactorizationMachine(24, { factors: 0, epochs: 8 });
    await lr.fit(train.samples, rng.fork('lr'));
    const fm = new FactorizationMachine(24, { factors: 8, epochs: 8 });
    await fm.fit(train.samples, rng.fork('fm'));
    expect(tf.memory().numTensors).toBe(before);

    const scores = (model: FactorizationMachine) => Float32Array.from({ length: test.samples.length }, (_, row) => model.predict(test.samples, row));
    const lrAuc = auc(test.samples.labels, scores(lr));
    const fmAuc = auc(test.samples.labels, scores(fm));
    const bayesAuc = auc(test.samples.labels, test.truth);
    expect(fmAuc).toBeGreaterThan(lrAuc + 0.02);
    expect(bayesAuc - fmAuc).toBeLessThan(0.02);
  });
});
