import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { createRetrievalApi } from '../../src/worker/retrievalApi';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const WORLD = { seed: 3, users: 60, items: 400, topics: 4, creators: 20, watches: 20 };
const HYPER = { dim: 8, epochs: 2, learningRate: 0.05, l2: 0.01, negatives: 2 };

function createApi() {
  return createRetrievalApi({ candidates: ['wasm', 'cpu'], log: silent });
}

describe('retrieval worker API', () => {
  it('trains, lays out and retrieves', async () => {
    const api = createApi();
    const summary = await api.generate(WORLD);
    expect(summary.items).toBe(400);
    expect(summary.trainPositives + summary.heldOutPositives).toBe(60 * 20);

    const progress: number[] = [];
    const trained = await api.train('bpr', HYPER, 1, (update) => progress.push(update.fraction));
    expect(trained.curve).toHaveLength(2);
    expect(progress.at(-1)).toBe(1);

    const layout = await api.layout('bpr', 'pca', 2);
    expect(layout.points).toHaveLength((400 + 60) * 2);

    const exact = await api.retrieve('bpr', 5, 'exact', 0, 10);
    expect(exact.recallVsExact).toBe(1);
    expect(exact.trueTop).toHaveLength(10);
    const ivf = await api.retrieve('bpr', 5, 'ivf', 20, 10);
    expect(ivf.recallVsExact).toBe(1);
    expect(ivf.probedCells).toHaveLength(20);
  });

  it('records a biased MF curve point per epoch', async () => {
    const api = createApi();
    await api.generate(WORLD);

    const trained = await api.train('biased-mf', { ...HYPER, epochs: 3 }, 2, () => undefined);

    expect(trained.curve.map((row) => row.epoch)).toEqual([1, 2, 3]);
    expect(trained.curve.every((row) => Number.isFinite(row.loss) && Number.isFinite(row.trueRecall))).toBe(true);
  });

  it('cancels a training run', async () => {
    const api = createApi();
    await api.generate(WORLD);
    const run = api.train('bpr', { ...HYPER, epochs: 20 }, 7, () => api.cancel(7));
    await expect(run).rejects.toThrow('Cancelled');
    await expect(api.retrieve('bpr', 0, 'exact', 0)).rejects.toThrow('not trained');
  });

  it('keeps the data after a bad import', async () => {
    const api = createApi();
    await api.generate(WORLD);
    await api.train('bpr', HYPER, 1);
    const bad = new File(['userId,movieId,rating,timestamp\n1,2,4.0,100\n1,x,3.0,101\n'], 'ratings.csv');
    await expect(api.importRatings(bad)).rejects.toThrow('ratings.csv line 3, field "movieId"');
    const still = await api.retrieve('bpr', 0, 'exact', 0, 10);
    expect(still.candidates).toHaveLength(10);
  });

  it('places a cold item by features in the two-tower model', async () => {
    const api = createApi();
    await api.generate(WORLD);
    await api.train('two-tower', { ...HYPER, epochs: 3 }, 1);
    await api.layout('two-tower', 'pca', 2);
    const result = await api.coldStart('two-tower', 1);
    expect(result.neighbours).toHaveLength(10);
    expect(result.sameTopicShare).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(result.point?.[0] ?? Number.NaN)).toBe(true);
  });
});
