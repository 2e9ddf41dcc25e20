import { beforeAll, describe, expect, it } from 'vitest';
import { bayesOptimal, evaluatePredictions } from '../../src/engine/ctr/evaluate';
import { createCtrModel } from '../../src/engine/ctr/models';
import { timeSplit } from '../../src/engine/ctr/split';
import { generateCtrDataset } from '../../src/engine/ctr/synthetic';
import type { CtrModelKind, CtrTrainOptions } from '../../src/engine/ctr/types';
import { Random } from '../../src/engine/random';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

/**
 * The lab's default synthetic log: clicks depend on the match between a
 * user's hidden interests and the item's topics, a user × item_topic
 * interaction that logistic regression without crosses cannot express.
 * Took 12 s on WASM in Node on 2 shared cores, and 34 s while other jobs loaded them.
 */
describe('ranking models on the synthetic log', () => {
  const data = generateCtrDataset();
  const { train, test } = timeSplit(data, 0.2);

  async function testAuc(kind: CtrModelKind, options: Partial<CtrTrainOptions> = {}): Promise<number> {
    const model = createCtrModel(kind, data, options);
    try {
      await model.fit(data, train, 'click', new Random(1).fork(kind));
      return evaluatePredictions(data.labels.click, await model.predict(data, test), test).auc;
    } finally {
      model.dispose();
    }
  }

  it('FM and DeepFM beat LR; DeepFM nears Bayes', { timeout: 120_000 }, async () => {
    const bayes = bayesOptimal(data, 'click', test);
    const lr = await testAuc('lr');
    const fm = await testAuc('fm');
    const deepfm = await testAuc('deepfm');
    expect(bayes).not.toBeNull();
    expect(fm).toBeGreaterThan(lr + 0.03);
    expect(deepfm).toBeGreaterThan(lr + 0.03);
    expect((bayes?.auc ?? 0) - deepfm).toBeLessThan(0.02);
    expect(deepfm).toBeLessThanOrEqual((bayes?.auc ?? 0) + 0.005);
  });

  it('user × item_topic cross lifts LR', { timeout: 60_000 }, async () => {
    const plain = await testAuc('lr');
    const crossed = await testAuc('lr', { crosses: [{ a: 'user', b: 'item_topic' }] });
    expect(crossed).toBeGreaterThan(plain + 0.03);
  });
});
