import { beforeAll, describe, expect, it } from 'vitest';
import { BubbleMetricsTracker } from '../../src/engine/experiments/bubbleMetrics';
import { FeedCreatorQuota, rerankCandidates } from '../../src/engine/loop/feedInterventions';
import type { Interventions } from '../../src/engine/loop/interventions';
import { NO_INTERVENTIONS, validateInterventions } from '../../src/engine/loop/interventions';
import { FeedSimulation } from '../../src/engine/loop/simulation';
import { SOURCES } from '../../src/engine/loop/types';
import { Random } from '../../src/engine/random';
import { CreatorExposureCap } from '../../src/engine/ranking/exposureCap';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { LAB1_DYNAMICS } from '../../src/engine/world/dynamics';
import { createSyntheticWorld } from '../../src/engine/world/synthetic';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

const small = { users: 60, items: 200, creators: 12, topics: 6, retrainEvery: 3, feedSize: 5, epsilon: 0 };

async function run(interventions: Partial<Interventions>, ticks: number, overrides: Record<string, number> = {}): Promise<FeedSimulation> {
  const sim = await FeedSimulation.create(parseFeedMachineParams({ ...small, ...overrides }), undefined, { interventions: { ...NO_INTERVENTIONS, ...interventions } });
  for (let t = 0; t < ticks; t += 1) {
    await sim.step();
  }
  return sim;
}

/** Largest number of impressions any creator got in any one tick, from the event log. */
function maxCreatorImpressionsPerTick(sim: FeedSimulation): number {
  const counts = new Map<string, number>();
  let max = 0;
  for (let k = 0; k < sim.log.length; k += 1) {
    const key = `${sim.log.tick[k]}:${sim.world.itemCreator[sim.log.item[k]]}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    max = Math.max(max, count);
  }
  return max;
}

describe('creator exposure cap', () => {
  it('is never exceeded in any tick', async () => {
    const uncapped = await run({}, 6, { seed: 1 });
    expect(maxCreatorImpressionsPerTick(uncapped)).toBeGreaterThan(4);
    const capped = await run({ creatorCap: 4 }, 6, { seed: 1 });
    expect(capped.log.length).toBeGreaterThan(0);
    expect(maxCreatorImpressionsPerTick(capped)).toBeLessThanOrEqual(4);
  });

  it('also binds exploration and the random recommender', async () => {
    const explored = await run({ creatorCap: 3 }, 4, { seed: 2, epsilon: 0.5 });
    expect(maxCreatorImpressionsPerTick(explored)).toBeLessThanOrEqual(3);
    const random = await run({ creatorCap: 3, recommender: 'random' }, 4, { seed: 2 });
    expect(maxCreatorImpressionsPerTick(random)).toBeLessThanOrEqual(3);
  });

  it('drops capped creators from a ranked list and reserves slots', () => {
    const cap = new CreatorExposureCap(2, 1);
    const quota = new FeedCreatorQuota(cap, Uint32Array.of(0, 0, 1));
    const topics = Float32Array.of(1, 0, 1, 0, 0, 1);
    const ranked = rerankCandidates({
      scores: Float32Array.of(0.9, 0.8, 0.1),
      topicRows: Uint32Array.of(0, 2, 4),
      itemTopics: topics,
      T: 2,
      exploitCount: 2,
      diversityWeight: 0,
      calibrationWeight: 0,
      profile: new Float32Array(2),
      quota,
      candidates: [0, 1, 2],
    });
    // Items 0 and 1 share creator 0, whose cap is 1, so item 1 gives way to item 2.
    expect(ranked.order).toEqual([0, 2]);
    expect(quota.allows(1)).toBe(false);
    expect(quota.allows(2)).toBe(false);
  });
});

describe('reference recommenders', () => {
  it('ideal serves the oracle feed and never retrains', async () => {
    const sim = await run({ recommender: 'ideal' }, 4, { seed: 3 });
    const idealSource = SOURCES.indexOf('ideal');
    expect(Array.from(sim.log.source.subarray(0, sim.log.length)).every((source) => source === idealSource)).toBe(true);
    for (const row of sim.history) {
      expect(row.utilityRatio).toBeCloseTo(1, 4);
      expect(row.retrained).toBe(0);
    }
    expect(sim.retrieval.trainings).toBe(0);
  });

  it('random serves only exploration and never retrains', async () => {
    const sim = await run({ recommender: 'random' }, 4, { seed: 3 });
    expect(sim.history.every((row) => row.shareExploration === 1 && row.retrained === 0)).toBe(true);
  });

  it('rejects invalid interventions', () => {
    expect(() => validateInterventions({ ...NO_INTERVENTIONS, calibrationWeight: 2 })).toThrow(/calibrationWeight 2/);
    expect(() => validateInterventions({ ...NO_INTERVENTIONS, creatorCap: 0 })).toThrow(/creatorCap 0/);
    expect(() => validateInterventions({ ...NO_INTERVENTIONS, recommender: 'oracle' as 'ideal' })).toThrow(/recommender "oracle"/);
  });
});

describe('calibrated recommendation', () => {
  it('orders by calibration when its weight is above 0', () => {
    // History is half topic 0, half topic 1; the two best scores are both topic 0.
    const args = {
      scores: Float32Array.of(0.9, 0.8, 0.1),
      topicRows: Uint32Array.of(0, 2, 4),
      itemTopics: Float32Array.of(1, 0, 1, 0, 0, 1),
      T: 2,
      exploitCount: 2,
      diversityWeight: 0,
      profile: Float32Array.of(0.5, 0.5),
      quota: undefined,
      candidates: [0, 1, 2],
    };
    expect(rerankCandidates({ ...args, calibrationWeight: 0 }).order).toEqual([0, 1]);
    expect(rerankCandidates({ ...args, calibrationWeight: 0.5 }).order).toEqual([0, 2]);
  });

  it('keeps more topics in what users consume', async () => {
    const entropy = async (calibrationWeight: number): Promise<number> => {
      const sim = await FeedSimulation.create(parseFeedMachineParams({ ...small, seed: 4 }), undefined, { interventions: { ...NO_INTERVENTIONS, calibrationWeight } });
      const tracker = new BubbleMetricsTracker(sim);
      let last = 0;
      for (let t = 0; t < 12; t += 1) {
        await sim.step();
        last = tracker.update().userTopicEntropy;
      }
      return last;
    };
    expect(await entropy(1)).toBeGreaterThan(await entropy(0));
  });
});

describe('Lab 1 compatibility', () => {
  it('gives identical metrics with Lab 1 dynamics and no interventions', async () => {
    const params = parseFeedMachineParams({ ...small, seed: 5, epsilon: 0.2 });
    const plain = await FeedSimulation.create(params);
    const world = createSyntheticWorld(params, new Random(params.seed).fork('world'));
    world.dynamics = LAB1_DYNAMICS;
    const explicit = await FeedSimulation.create(params, world, { interventions: NO_INTERVENTIONS });
    for (let t = 0; t < 4; t += 1) {
      await plain.step();
      await explicit.step();
    }
    expect(explicit.history).toEqual(plain.history);
  });
});
