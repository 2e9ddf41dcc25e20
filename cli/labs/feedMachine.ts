import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { metricsToCsv } from '../../src/engine/io/csv';
import { parseRatings } from '../../src/engine/io/movielens';
import type { World } from '../../src/engine/world/types';
import { feedMachineDefaults, feedMachineSchema, parseFeedMachineParams, type FeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { describeBackendReport, useNodeBackend } from '../backend';
import { describeFlags, flagsFromSchema, parseArgsOptions, readSchemaFlags } from '../schemaFlags';
import { UsageError } from '../usage';
import { POLICY_FIELDS, parsePolicySchedule, type PolicyChange } from '../../src/engine/scenarios/policySchedule';
import type { CommonOptions, LabCommand, ProgressLog } from './types';

/** One flag per field of the lab's parameter schema: `--users`, `--retrain-every`, ... */
const flags = flagsFromSchema(feedMachineSchema, feedMachineDefaults);

/** Lab 1, "The feed machine", run headless: one CSV row of metrics per tick. */
export const feedMachineLab: LabCommand = {
  name: 'feed-machine',
  summary: 'Lab 1, the feed machine: retrieval, ranking, serving, logging and retraining in a closed loop.',
  options: { ...parseArgsOptions(flags), changes: { type: 'string' } },
  helpLines: () => [
    ...describeFlags(flags),
    '  --changes SCHEDULE      Policy changes during the run, e.g. "20:epsilon=0.2,diversityWeight=1;45:epsilon=0":',
    '                          after 20 ticks set epsilon and diversityWeight, after 45 set epsilon. Fields: ' + POLICY_FIELDS.join(', ') + '.',
    '                          The page\'s "Copy link" writes the same text as its changes= field.',
  ],

  prepare(values, common) {
    const partial = readSchemaFlags(flags, values);
    let params: FeedMachineParams;
    let changes: PolicyChange[];
    try {
      params = parseFeedMachineParams(partial);
      const schedule = values.changes;
      changes = typeof schedule === 'string' ? parsePolicySchedule(schedule, params) : [];
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    return { params, run: (log) => runFeedMachine(params, changes, common, log) };
  },
};

/** Simulated ticks between two progress lines: about 20 lines per run. */
function progressInterval(ticks: number): number {
  return Math.max(1, Math.ceil(ticks / 20));
}

/**
 * Builds the world (synthetic, or from the ratings file), runs `common.ticks`
 * ticks, applying each policy change once its tick count is reached, and
 * returns the metrics CSV. The simulation modules load here, on
 * first use, like TensorFlow.js.
 */
async function runFeedMachine(params: FeedMachineParams, changes: readonly PolicyChange[], common: CommonOptions, log: ProgressLog): Promise<string> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const backend = await useNodeBackend(common.backend);
  const world = common.ratings === undefined ? undefined : await loadRatingsWorld(common.ratings, params, common, log);

  const { FeedSimulation } = await import('../../src/engine/loop/simulation');
  const simulation = await FeedSimulation.create(params, world);
  const size = `${simulation.world.users} users, ${simulation.world.items} items, ${simulation.world.topics} topics`;
  log(`feed-machine: seed ${params.seed}, ${size}, ${common.ticks} ticks, backend ${describeBackendReport(backend)}`);

  const interval = progressInterval(common.ticks);
  const pending = [...changes];
  for (let tick = 1; tick <= common.ticks; tick++) {
    while (pending.length > 0 && pending[0].tick === simulation.tick) {
      const change = pending.shift() as PolicyChange;
      simulation.setPolicy(change.update);
      log(`after tick ${change.tick}: ${JSON.stringify(change.update)}`);
    }
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
