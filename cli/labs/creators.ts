import { describeBackendReport, useNodeBackend } from '../backend';
import { describeFlags, flagsFromSchema, parseArgsOptions, readSchemaFlags } from '../schemaFlags';
import { UsageError } from '../usage';
import { creatorsDefaults, creatorsSchema, parseCreatorsParams, type CreatorsParams } from '../../src/engine/scenarios/creators';
import type { CommonOptions, LabCommand, ProgressLog } from './types';

/** One flag per field of the lab's parameter schema: `--users`, `--following-slots`, `--change-tick`, ... */
const flags = flagsFromSchema(creatorsSchema, creatorsDefaults);

/**
 * Lab 9, "Creators and platform dependency", run headless: one CSV row of
 * creator metrics per tick, and on stderr the new creator's time to reach
 * its target and the focus creator's traffic before and after the change.
 */
export const creatorsLab: LabCommand = {
  name: 'creators',
  summary: 'Lab 9, creators and platform dependency: follow feed, reach, a new creator, share cascades and an objective change.',
  options: parseArgsOptions(flags),
  helpLines: () => [
    ...describeFlags(flags),
    '  CSV columns: tick, impressions, source shares, creator Gini, micro-creator share, the focus creator\'s traffic,',
    '  the new creator\'s reach, share cascades and the ranking weights in force.',
  ],

  prepare(values, common) {
    if (common.ratings !== undefined) {
      throw new UsageError('--lab creators draws a synthetic world and does not read --ratings; remove --ratings');
    }
    let params: CreatorsParams;
    try {
      params = parseCreatorsParams(readSchemaFlags(flags, values));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    return { params, run: (log) => runCreators(params, common, log) };
  },
};

/** Runs the ticks, logs progress and the summary table, and returns the CSV. The engine modules load here, on first use. */
async function runCreators(params: CreatorsParams, common: CommonOptions, log: ProgressLog): Promise<string> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const backend = await useNodeBackend(common.backend);
  const { CreatorsRun } = await import('../../src/engine/creators/run');
  const { creatorRowsToCsv } = await import('../../src/engine/creators/csv');
  log(`creators: ${common.ticks} ticks, ${params.users} users, ${params.items} items, ${params.creators} creators, backend ${describeBackendReport(backend)}`);

  const run = await CreatorsRun.create(params);
  const every = Math.max(1, Math.ceil(common.ticks / 10));
  for (let t = 0; t < common.ticks; t += 1) {
    const row = await run.step();
    if (row.tick % every === 0 || row.tick === common.ticks) {
      log(`tick ${row.tick}/${common.ticks} (${elapsed()}): focus traffic ${row.focusTraffic}, new creator reached ${row.newCreatorUsers} users, ${row.cascades} cascades`);
    }
  }

  log('');
  for (const line of summaryLines(run.rows, params, run.newCreatorTicksToTarget())) {
    log(line);
  }
  const reach = run.reachByGroup();
  log(`mean distinct users reached: micro creators (< ${run.microThreshold} followers) ${reach.micro.toFixed(1)}, macro creators ${reach.macro.toFixed(1)}`);
  log('');
  return creatorRowsToCsv(run.rows);
}

/** Formats the summary table for stderr: the new creator's cold start and the focus creator's traffic around the change. */
function summaryLines(rows: readonly { tick: number; focusImpressions: number; focusTraffic: number; focusOffPlatformShare: number; maxCascadeSize: number }[], params: CreatorsParams, ticksToTarget: number | null): string[] {
  const mean = (values: number[]): number => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
  const before = rows.filter((row) => params.changeTick === 0 || row.tick <= params.changeTick);
  const after = rows.filter((row) => params.changeTick > 0 && row.tick > params.changeTick);
  const format = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(1));
  return [
    `new creator: ${ticksToTarget === null ? `did not reach ${params.reachTarget} users` : `reached ${params.reachTarget} users in ${ticksToTarget} ticks`} (released at tick ${params.newCreatorTick}, epsilon ${params.epsilon})`,
    'focus creator traffic per tick      before change   after change',
    `  platform impressions (mean)       ${format(mean(before.map((row) => row.focusImpressions))).padStart(13)}   ${format(mean(after.map((row) => row.focusImpressions))).padStart(12)}`,
    `  total traffic (mean)              ${format(mean(before.map((row) => row.focusTraffic))).padStart(13)}   ${format(mean(after.map((row) => row.focusTraffic))).padStart(12)}`,
    `largest share cascade: ${rows.at(-1)?.maxCascadeSize ?? 0} impressions`,
  ];
}
