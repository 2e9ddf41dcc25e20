import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { metricsToCsv } from '../../src/engine/io/csv';
import { parseRatings } from '../../src/engine/io/movielens';
import type { World } from '../../src/engine/world/types';
import { feedMachineDefaults, feedMachineSchema, parseFeedMachineParams, type FeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { describeBackendReport, useNodeBackend } from '../backend';
import { describeFlags, flagsFromSchema, parseArgsOptions, readSchemaFlags } from '../schemaFlags';
import { UsageError } from '../usage';
import type { CommonOptions, LabCommand, ProgressLog } from './types';

/** One flag per field of the lab's parameter schema: `--users`, `--retrain-every`, ... */
const flags = flagsFromSchema(feedMachineSchema, feedMachineDefaults);

/** Lab 1, "The feed machine", run headless: one CSV row of metrics per tick. */
export const feedMachineLab: LabCommand = {
  name: 'feed-machine',
  summary: 'Lab 1, the feed machine: retrieval, ranking, serving, logging and retraining in a closed loop.',
  options: parseArgsOptions(flags),
  helpLines: () => describeFlags(flags),

  prepare(values, common) {
    const partial = readSchemaFlags(flags, values);
    let params: FeedMachineParams;
    try {
      params = parseFeedMachineParams(partial);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    return { params, run: (log) => runFeedMachine(params, common, log) };
  },
};

/** Simulated ticks between two progress lines: about 20 lines per run. */
function progressInterval(ticks: number): number {
  return Math.max(1, Math.ceil(ticks / 20));
}

/**
 * Builds the world (synthetic, or from the ratings file), runs `common.ticks`
 * ticks and returns the metrics CSV. The simulation modules load here, on
 * first use, like TensorFlow.js.
 */
async function runFeedMachine(params: FeedMachineParams, common: CommonOptions, log: ProgressLog): Promise<string> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const backend = await useNodeBackend(common.backend);
  const world = common.ratings === undefined ? undefined : await loadRatingsWorld(common.ratings, params, common, log);

  const { FeedSimulation } = await import('../../src/engine/loop/simulation');
  const simulation = await FeedSimulation.create(params, world);
  const size = `${simulation.world.users} users, ${simulation.world.items} items, ${simulation.world.topics} topics`;
  log(`feed-machine: seed ${params.seed}, ${size}, ${common.ticks} ticks, backend ${describeBackendReport(backend)}`);

  const interval = progressInterval(common.ticks);
  for (let tick = 1; tick <= common.ticks; tick++) {
    const { metrics } = await simulation.step();
    if (tick % interval === 0 || tick === common.ticks) {
      const retrained = metrics.retrained === 1 ? ', retrained' : '';
      log(`tick ${metrics.tick}/${common.ticks} (${elapsed()}): clickRate ${metrics.clickRate.toFixed(4)}, trueUtility ${metrics.trueUtility.toFixed(4)}${retrained}`);
    }
  }

  return metricsToCsv(simulation.history);
}

/**
 * Parses a MovieLens file and builds a world from it. A malformed file
 * throws the importer's RatingsImportError, which names the line and field.
 */
async function loadRatingsWorld(path: string, params: FeedMachineParams, common: CommonOptions, log: ProgressLog): Promise<World> {
  const text = await readFile(path, 'utf8');
  const data = parseRatings(text, basename(path));
  log(`ratings: ${data.rating.length} ratings, ${data.userIds.length} users, ${data.itemIds.length} items (${data.format})`);
  if (common.explicitFlags.has('users')) {
    log(`note: --users is ignored with --ratings; the file defines ${data.userIds.length} users`);
  }

  const { buildWorldFromRatings } = await import('../../src/engine/world/fromRatings');
  return buildWorldFromRatings(data, params);
}
