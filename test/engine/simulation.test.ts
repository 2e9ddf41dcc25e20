import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedSimulation } from '../../src/engine/loop/simulation';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

const small = { users: 60, items: 200, creators: 12, topics: 6, retrainEvery: 3, feedSize: 5 };

async function run(overrides: Record<string, number>, ticks: number): Promise<FeedSimulation> {
  const sim = await FeedSimulation.create(parseFeedMachineParams({ ...small, ...overrides }));
  for (let t = 0; t < ticks; t += 1) {
    await sim.step();
  }
  return sim;
}

describe('FeedSimulation', () => {
  it('gives identical metrics for the same seed', async () => {
    const a = await run({ seed: 5 }, 7);
    const b = await run({ seed: 5 }, 7);
    expect(b.history).toEqual(a.history);
    expect(b.topicMixHistory).toEqual(a.topicMixHistory);
  });

  it('gives different metrics for another seed', async () => {
    const a = await run({ seed: 5 }, 3);
    const b = await run({ seed: 6 }, 3);
    expect(b.history).not.toEqual(a.history);
  });

  it('writes one row per tick and retrains every R ticks', async () => {
    const sim = await run({ seed: 1 }, 6);
    expect(sim.history.map((row) => row.tick)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sim.history.map((row) => row.retrained)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(Number.isNaN(sim.history[1].rankerLoss)).toBe(true);
    expect(sim.history[2].rankerLoss).toBeGreaterThan(0);
    expect(sim.retrieval.trainings).toBe(2);
  });

  it('never serves a user the same item twice', async () => {
    const sim = await run({ seed: 2 }, 8);
    const pairs = new Set<string>();
    for (let k = 0; k < sim.log.length; k += 1) {
      const key = `${sim.log.user[k]}:${sim.log.item[k]}`;
      expect(pairs.has(key)).toBe(false);
      pairs.add(key);
    }
  });

  it('explores about epsilon of the slots, and none at epsilon 0', async () => {
    const none = await run({ seed: 3, epsilon: 0 }, 4);
    expect(none.history.every((row) => row.shareExploration === 0)).toBe(true);
    const all = await run({ seed: 3, epsilon: 1 }, 2);
    expect(all.history.every((row) => row.shareExploration === 1)).toBe(true);
    const some = await run({ seed: 3, epsilon: 0.3, users: 200 }, 3);
    const share = some.history.reduce((s, row) => s + row.shareExploration, 0) / 3;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('redoes only the retrain after a failure, with the same result', async () => {
    const clean = await run({ seed: 4 }, 4);
    const sim = await FeedSimulation.create(parseFeedMachineParams({ ...small, seed: 4 }));
    const train = sim.ranker.train.bind(sim.ranker);
    let failures = 0;
    sim.ranker.train = async (...args) => {
      if (sim.tick === 2 && failures === 0) {
        failures += 1;
        throw new Error('WebGL context lost');
      }
      return train(...args);
    };
    await sim.step();
    await sim.step();
    await expect(sim.step()).rejects.toThrow('WebGL context lost');
    expect(sim.tick).toBe(2);
    await sim.step();
    await sim.step();
    expect(sim.history).toEqual(clean.history);
  });

  it('keeps the tensor count flat across retrains', async () => {
    const before = tf.memory().numTensors;
    await run({ seed: 8, retrainEvery: 1 }, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a snapshot with ground truth and the served feed', async () => {
    const sim = await run({ seed: 9 }, 4);
    const user = sim.log.user[sim.log.length - 1];
    const snapshot = sim.snapshot(user);
    expect(snapshot.served).toBe(true);
    expect(snapshot.feed.length).toBe(5);
    expect(snapshot.trueInterests.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect(snapshot.profile.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    for (const item of snapshot.feed) {
      expect(item.finalScore).toBeCloseTo(item.clickPart + item.watchPart + item.diversityPenalty, 6);
    }
    expect(() => sim.snapshot(10_000)).toThrow(/does not exist/);
  });

  it('projects users and items for the embedding map', async () => {
    const sim = await run({ seed: 10 }, 3);
    const map = sim.embeddingMap();
    expect(map.points.length).toBe((60 + 200) * 2);
    expect(map.topic.length).toBe(260);
    expect(map.explainedVariance[0]).toBeGreaterThanOrEqual(map.explainedVariance[1]);
  });

  it('raises intra-list diversity with the diversity weight', async () => {
    const plain = await run({ seed: 12, diversityWeight: 0, epsilon: 0 }, 9);
    const diverse = await run({ seed: 12, diversityWeight: 2, epsilon: 0 }, 9);
    const mean = (sim: FeedSimulation): number => sim.history.slice(3).reduce((s, row) => s + row.intraListDiversity, 0) / (sim.history.length - 3);
    expect(mean(diverse)).toBeGreaterThan(mean(plain));
  });
});
