import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import { creatorRowsToCsv } from '../../src/engine/creators/csv';
import { CreatorsRun } from '../../src/engine/creators/run';
import { useNodeBackend } from '../../cli/backend';
import { cliArguments, CREATORS_DEFAULTS, twinPair, type CreatorsSettings } from '../../src/labs/creators/settings';
import type { EngineLogger } from '../../src/worker/engineApi';
import { createCreatorsApi, type CreatorsProgress } from '../../src/worker/creatorsApi';
import { runSim } from '../cli/runSim';

/** A small world, so both twins run a few ticks in about a second. */
const SMALL: CreatorsSettings = { ...CREATORS_DEFAULTS, seed: 3, users: 60, items: 300, creators: 12, topics: 4, feedSize: 5, retrainEvery: 3, newCreatorTick: 2, reachTarget: 10, changeTick: 3, externalViews: 4, aFollowingSlots: 5, aEpsilon: 0, bFollowingSlots: 0, bEpsilon: 0.2 };

function nodeApi() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  const log: EngineLogger = { debug: record, info: record, warn: record, error: record };
  return { api: createCreatorsApi({ candidates: NODE_BACKENDS, log }), lines };
}

describe('creators API', () => {
  it('streams rows and snapshots of both twins', async () => {
    const { api } = nodeApi();
    const init = await api.init(twinPair(SMALL), 'wasm');
    expect(init.creators).toBe(12);
    expect(init.newCreator).toBe(11);
    expect(init.followers[11]).toBe(0);
    expect(init.focusTruth.creator).toBe(0);
    expect(init.snapshots.a.tick).toBe(0);
    const progress: CreatorsProgress[] = [];

    const result = await api.advance(5, 1, (value) => progress.push(value));

    expect(result.tick).toBe(5);
    expect(result.cancelled).toBe(false);
    expect(result.rows.map((row) => row.tick)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.flatMap((value) => value.rows).map((row) => row.tick)).toEqual([1, 2, 3, 4, 5]);
    expect(result.snapshots.a.reach).toHaveLength(12);
    expect(result.snapshots.a.rankCorrelation).toBeGreaterThanOrEqual(-1);
    expect(result.snapshots.a.rankCorrelation).toBeLessThanOrEqual(1);
    expect(result.rows[4].a.followingShare).toBeGreaterThan(0);
    expect(result.rows[4].b.followingShare).toBe(0);
    expect(result.rows[4].a.focusExternalViews).toBe(4);
  });

  it('writes the same CSV as the engine run of each twin', async () => {
    const { api } = nodeApi();
    await api.init(twinPair(SMALL), 'wasm');
    await api.advance(4, 1);

    await useNodeBackend('wasm');
    for (const twin of ['a', 'b'] as const) {
      const run = await CreatorsRun.create(twinPair(SMALL)[twin]);
      for (let tick = 0; tick < 4; tick += 1) {
        await run.step();
      }
      expect(await api.csv(twin), twin).toBe(creatorRowsToCsv(run.rows));
    }
  });

  it('writes the same CSV as the CLI command it shows', async () => {
    const { api } = nodeApi();
    const settings: CreatorsSettings = { ...SMALL, bChange: false };
    await api.init(twinPair(settings), 'wasm');
    await api.advance(4, 1);

    for (const twin of ['a', 'b'] as const) {
      const result = await runSim(cliArguments(settings, twin, 4, 'wasm'));
      expect(result.code, result.stderr).toBe(0);
      expect(await api.csv(twin), twin).toBe(result.stdout);
    }
  });

  it('splits traffic at the given tick without a change', async () => {
    const { api } = nodeApi();
    const settings: CreatorsSettings = { ...SMALL, aChange: false, bChange: false };
    await api.init(twinPair(settings), 'wasm', settings.changeTick);

    const result = await api.advance(5, 1);

    for (const twin of ['a', 'b'] as const) {
      const measured = result.snapshots[twin].trafficChanges.filter((row) => Number.isFinite(row.change));
      expect(measured.length, twin).toBeGreaterThan(0);
    }
  });

  it('stops an advance on cancel', async () => {
    const { api } = nodeApi();
    await api.init(twinPair(SMALL), 'wasm');
    await api.cancel(7);

    const result = await api.advance(5, 7);

    expect(result.cancelled).toBe(true);
    expect(result.tick).toBe(0);
  });

  it('rejects an invalid twin by name', async () => {
    const { api } = nodeApi();

    await expect(api.init(twinPair({ ...SMALL, bFollowingSlots: 9 }), 'wasm')).rejects.toThrow(/Twin B: followingSlots=9 is more than feedSize=5/);
  });

  it('runs an experiment beside the page twins', async () => {
    const { api } = nodeApi();
    await api.init(twinPair(SMALL), 'wasm');

    const experiment = await api.experiment(twinPair({ ...SMALL, seed: 5 }), 3, 2);
    const page = await api.advance(1, 3);

    expect(experiment.rows.map((row) => row.tick)).toEqual([1, 2, 3]);
    expect(experiment.snapshots.b.reach).toHaveLength(12);
    expect(page.tick).toBe(1);
  });
});
