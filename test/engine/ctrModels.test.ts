import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sigmoid } from '../../src/engine/math';
import { createCtrModel } from '../../src/engine/ctr/models';
import { CtrNetwork } from '../../src/engine/ctr/network';
import { generateCtrDataset } from '../../src/engine/ctr/synthetic';
import { timeSplit } from '../../src/engine/ctr/split';
import type { CtrDataset, CtrModelKind } from '../../src/engine/ctr/types';
import { Random } from '../../src/engine/random';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

/**
 * Two fields, a (2 values) and b (3 values), global ids a: 0-1, b: 2-4.
 * Row 0 is (a = 1, b = 2), global ids 1 and 4; row 1 is (a = 0, b = 0).
 */
function tinyData(): CtrDataset {
  return {
    fields: [
      { name: 'a', description: 'Field a.', cardinality: 2, offset: 0, kind: 'categorical' },
      { name: 'b', description: 'Field b.', cardinality: 3, offset: 2, kind: 'categorical' },
    ],
    vocabulary: 5,
    length: 2,
    features: Int32Array.of(1, 4, 0, 2),
    time: Int32Array.of(0, 1),
    labels: { click: Float32Array.of(1, 0) },
  };
}

/** Embeddings of ids 1 and 4 are (1, 0) and (2, 1), so the pairwise term of row 0 is ⟨(1, 0), (2, 1)⟩ = 2. */
const EMBEDDINGS = [0, 0, 1, 0, 0, 0, 0, 0, 2, 1];
/** Linear part of row 0: −1 + w[1] + w[4] = −1 + 0.5 + 0.25 = −0.25. */
const LINEAR = [0, 0.5, 0, 0, 0.25];
/**
 * Deep part of row 0 with hidden [2]: input concat(e_a, e_b) = (1, 0, 2, 1);
 * z = x K0 + b0 = (1 + 2, −2) + (0, 0.5) = (3, −1.5); ReLU → (3, 0);
 * output 0.5 × 3 + 2 × 0 + 0.1 = 1.6.
 */
const DENSE = {
  'dense0.kernel': [1, 0, 0, 1, 1, -1, 0, 0],
  'dense0.bias': [0, 0.5],
  'dense1.kernel': [0.5, 2],
  'dense1.bias': [0.1],
};

async function predictRow0(kind: CtrModelKind, extra: Record<string, number[]>, crosses = false): Promise<number> {
  const data = tinyData();
  const model = createCtrModel(kind, data, { embeddingDim: 2, hidden: [2], crosses: crosses ? [{ a: 'a', b: 'b' }] : [] }) as CtrNetwork;
  model.setParameters({ bias: [-1], ...extra });
  const [p] = await model.predict(data, Int32Array.of(0));
  model.dispose();
  return p;
}

describe('CtrNetwork forward pass', () => {
  it('lr adds bias and field weights', async () => {
    expect(await predictRow0('lr', { linear: LINEAR })).toBeCloseTo(sigmoid(-0.25), 6);
  });

  it('lr adds the weight of a cross', async () => {
    // Cross a × b of row 0 has local id 1 × 3 + 2 = 5, after the 5 field ids: wide id 10.
    const linear = [...LINEAR, 0, 0, 0, 0, 0, 0.4];
    expect(await predictRow0('lr', { linear }, true)).toBeCloseTo(sigmoid(-0.25 + 0.4), 6);
  });

  it('fm adds pairwise embedding products', async () => {
    expect(await predictRow0('fm', { linear: LINEAR, embeddings: EMBEDDINGS })).toBeCloseTo(sigmoid(-0.25 + 2), 6);
  });

  it('wide-deep adds the MLP output', async () => {
    expect(await predictRow0('wide-deep', { linear: LINEAR, embeddings: EMBEDDINGS, ...DENSE })).toBeCloseTo(sigmoid(-0.25 + 1.6), 6);
  });

  it('deepfm adds pairwise and MLP terms', async () => {
    expect(await predictRow0('deepfm', { linear: LINEAR, embeddings: EMBEDDINGS, ...DENSE })).toBeCloseTo(sigmoid(-0.25 + 2 + 1.6), 6);
  });

  it('fm and deepfm ignore crosses', async () => {
    const model = createCtrModel('deepfm', tinyData(), { crosses: [{ a: 'a', b: 'b' }] }) as CtrNetwork;
    expect(model.layout.crosses).toHaveLength(0);
    model.dispose();
  });
});

describe('CtrNetwork inputs and parameters', () => {
  it('renumbers a subset of fields compactly', async () => {
    const data = tinyData();
    const model = createCtrModel('lr', data, { useFields: ['b'] }) as CtrNetwork;
    expect(model.layout.fieldNames).toEqual(['b']);
    expect(model.getParameters().linear).toHaveLength(3);
    // Row 0 has b = 2, the third id of the compact table.
    model.setParameters({ bias: [0], linear: [0, 0, 1.5] });
    const [p] = await model.predict(data, Int32Array.of(0));
    expect(p).toBeCloseTo(sigmoid(1.5), 6);
    model.dispose();
  });

  it('rejects an unknown field with the valid names', () => {
    expect(() => createCtrModel('fm', tinyData(), { useFields: ['a', 'zz'] })).toThrow('Unknown field "zz" in the model fields; expected one of a, b');
  });

  it('rejects a cross of a field with itself', () => {
    expect(() => createCtrModel('lr', tinyData(), { crosses: [{ a: 'a', b: 'a' }] })).toThrow('crosses a field with itself');
  });

  it('rejects a parameter of the wrong size', () => {
    const model = createCtrModel('lr', tinyData()) as CtrNetwork;
    expect(() => model.setParameters({ linear: [1, 2] })).toThrow('Parameter "linear" has 5 values (shape [5, 1]); received 2');
    model.dispose();
  });

  it('rejects invalid training options', () => {
    expect(() => createCtrModel('fm', tinyData(), { epochs: 0 })).toThrow('Invalid epochs 0');
    expect(() => createCtrModel('deepfm', tinyData(), { hidden: [16, 0] })).toThrow('Invalid hidden layer size 0');
  });

  it('names the missing task labels', async () => {
    const model = createCtrModel('lr', tinyData());
    await expect(model.fit(tinyData(), Int32Array.of(0, 1), 'watch', new Random(1))).rejects.toThrow('no watch labels');
    model.dispose();
  });
});

describe('CtrNetwork training', () => {
  const data = generateCtrDataset({ samples: 4_000, users: 30, items: 60, creators: 10, topics: 4 });
  const { train, test } = timeSplit(data, 0.25);

  it('repeats predictions for the same seed', async () => {
    const run = async (seed: number) => {
      const model = createCtrModel('deepfm', data, { epochs: 2 });
      await model.fit(data, train, 'click', new Random(seed));
      const predictions = await model.predict(data, test);
      model.dispose();
      return predictions;
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(await run(6)).not.toEqual(first);
  });

  it('reports every epoch and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const reports: number[] = [];
    const model = createCtrModel('wide-deep', data, { epochs: 3, crosses: [{ a: 'user', b: 'item_topic' }] });
    const result = await model.fit(data, train, 'watch', new Random(2), (report) => reports.push(report.epoch), test);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(reports).toEqual([1, 2, 3]);
    expect(result[2].validLoss).toBeGreaterThan(0);
    expect(result[2].samplesPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(result[2].trainLoss)).toBe(true);
  });

  it('rejects with an error thrown by onEpoch', async () => {
    const before = tf.memory().numTensors;
    const model = createCtrModel('deepfm', data, { epochs: 3 });
    const cancel = new Error('cancelled by the page');
    const seen: number[] = [];
    const fit = model.fit(data, train, 'click', new Random(4), (report) => {
      seen.push(report.epoch);
      throw cancel;
    });
    await expect(fit).rejects.toBe(cancel);
    model.dispose();
    expect(seen).toEqual([1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains conversion on clicked rows only', async () => {
    const model = createCtrModel('fm', data, { epochs: 1 });
    const clicked = train.filter((row) => data.labels.click[row] === 1).length;
    const [report] = await model.fit(data, train, 'conversion', new Random(3));
    const predictions = await model.predict(data, test);
    model.dispose();
    expect(clicked).toBeGreaterThan(0);
    expect(report.samplesPerSecond).toBeGreaterThan(0);
    expect(predictions.every((p) => p > 0 && p < 1)).toBe(true);
  });
});
