import { beforeAll, describe, expect, it } from 'vitest';
import { TwoTowerModel, type CategoricalFeatures } from '../../src/engine/models/twoTower';
import { Random } from '../../src/engine/random';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

const userFeatures: CategoricalFeatures = { names: ['group'], sizes: [2], values: [Uint32Array.of(0, 1)] };
const itemFeatures: CategoricalFeatures = { names: ['tag'], sizes: [2], values: [Uint32Array.of(0, 1, 1)] };

describe('TwoTowerModel', () => {
  it('sums id and feature embeddings in each tower', () => {
    const model = new TwoTowerModel(2, 3, userFeatures, itemFeatures, { dim: 2 });
    model.userIdTable.set([1, 0, 0, 1]);
    model.userFieldTables[0].set([0.5, 0.5, -1, 2]);
    model.itemIdTable.set([1, 1, 0, 2, 3, 0]);
    model.itemFieldTables[0].set([1, 0, 0, 1]);
    // z_u1 = [0, 1] + [-1, 2] = [-1, 3]; z_i2 = [3, 0] + [0, 1] = [3, 1]; s = −3 + 3 = 0.
    expect(Array.from(model.userVector(1))).toEqual([-1, 3]);
    expect(Array.from(model.itemVector(2))).toEqual([3, 1]);
    expect(model.score(1, 2)).toBe(0);
    // z_u0 = [1.5, 0.5]; z_i0 = [2, 1]; s = 3 + 0.5.
    expect(model.score(0, 0)).toBeCloseTo(3.5, 6);
  });

  it('builds a cold item from its features alone', () => {
    const model = new TwoTowerModel(2, 3, userFeatures, itemFeatures, { dim: 2 });
    model.itemFieldTables[0].set([1, 0, 0, 1]);
    expect(Array.from(model.itemVectorFromFeatures([1]))).toEqual([0, 1]);
  });

  it('is deterministic by seed', async () => {
    const positives = { user: Uint32Array.of(0, 1, 1), item: Uint32Array.of(0, 1, 2), length: 3 };
    const fit = async () => {
      const model = new TwoTowerModel(2, 3, userFeatures, itemFeatures, { dim: 2, epochs: 3, batchSize: 2 });
      await model.fit(positives, new Random(5));
      return Array.from(model.itemMatrix());
    };
    expect(await fit()).toEqual(await fit());
  });
});
