import { availableParallelism } from 'node:os';
import { CLI_BACKEND_CHOICES, describeBackendReport, useNodeBackend, type CliBackendChoice } from '../backend';
import { describeFlags, flagsFromSchema, parseArgsOptions, readSchemaFlags } from '../schemaFlags';
import { UsageError } from '../usage';
import type { FlagValues } from '../usage';
import {
  DEFAULT_FILTER_BUBBLE_PRESET,
  FILTER_BUBBLE_PRESETS,
  PIPELINE_FIELDS,
  filterBubbleWorldDefaults,
  filterBubbleWorldSchema,
  findPreset,
  formatPipeline,
  parseFilterBubbleWorld,
  parsePipeline,
  type FilterBubbleConfig,
} from '../../src/engine/scenarios/filterBubble';
import { parseSeedList, type SeedRun, type TwinRow } from '../../src/engine/experiments/seeds';
import { runSeedsInThreads } from '../seedThreads';
import type { CommonOptions, LabCommand, ProgressLog } from './types';

/** One flag per field of the world schema: `--users`, `--drift-rate`, `--attention-loss`, ... */
const flags = flagsFromSchema(filterBubbleWorldSchema, filterBubbleWorldDefaults);

/** Seeds run when `--seeds` is absent. */
const DEFAULT_SEEDS = '1-5';

/**
 * Lab 8, "Feedback loops and filter bubbles", run headless: two pipelines
 * (twins A and B) on the same world and seed, over several seeds. Writes the
 * per-seed, per-tick metrics of A, B and B − A and their mean and 95%
 * interval over seeds as CSV, and the summary at the last tick as a table on stderr.
 */
export const filterBubbleLab: LabCommand = {
  name: 'filter-bubble',
  summary: 'Lab 8, feedback loops and filter bubbles: two pipelines side by side on the same seeds, with a summary over seeds.',
  options: { ...parseArgsOptions(flags), seeds: { type: 'string' }, threads: { type: 'string' }, preset: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' } },
  helpLines: () => [
    `  --seeds LIST            Seeds to run, e.g. 1-20 or 1-5,9; default ${DEFAULT_SEEDS}. Each seed draws a new world for both twins.`,
    '  --threads N             Seeds run at once, each in its own worker thread; default the number of seeds, at most',
    `                          the number of cores (${availableParallelism()} here). 1 runs every seed in the main thread. The CSV is the same.`,
    `  --preset NAME           Twins A and B: ${FILTER_BUBBLE_PRESETS.map((preset) => preset.name).join(', ')}; default ${DEFAULT_FILTER_BUBBLE_PRESET}.`,
    '  --a PIPELINE            Changes to twin A on top of the preset, as FIELD=VALUE,... with FIELD one of',
    `                          ${PIPELINE_FIELDS.join(', ')}; e.g. "epsilon=0.1,creatorCap=30".`,
    '  --b PIPELINE            Changes to twin B, in the same form. recommender is platform, random or ideal; creatorCap 0 is no cap.',
    ...describeFlags(flags),
    '  CSV columns: seed,tick,series,statistic and one column per metric. Rows with a seed number are that seed\'s values',
    '  (series a, b or difference = B − A); rows with seed "all" give the mean, low and high of the 95% interval over seeds.',
  ],

  prepare(values, common) {
    if (common.ratings !== undefined) {
      throw new UsageError('--lab filter-bubble draws synthetic worlds and does not read --ratings; remove --ratings');
    }
    let config: FilterBubbleConfig;
    let seeds: number[];
    try {
      config = readConfig(values);
      seeds = parseSeedList(typeof values.seeds === 'string' ? values.seeds : DEFAULT_SEEDS);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const threads = readThreads(values.threads, seeds.length);
    return { params: { ...config, seeds, threads }, run: (log) => runFilterBubble(config, seeds, threads, common, log) };
  },
};

/** Largest value of `--threads`. */
const MAX_THREADS = 64;

/** The backend the main thread activated, as a `--backend` value for the seed threads. */
function threadBackend(active: string): CliBackendChoice {
  const choice = CLI_BACKEND_CHOICES.find((name) => name === active && name !== 'auto');
  if (choice === undefined) {
    throw new Error(`backend ${active} cannot run in a worker thread; pass --backend wasm or --backend cpu`);
  }
  return choice;
}

/** Reads the preset, then `--a`/`--b` on top of it, then the world flags on top of the preset's world. */
function readConfig(values: FlagValues): FilterBubbleConfig {
  const preset = findPreset(typeof values.preset === 'string' ? values.preset : DEFAULT_FILTER_BUBBLE_PRESET);
  const world = parseFilterBubbleWorld({ ...preset.world, ...readSchemaFlags(flags, values) });
  const a = typeof values.a === 'string' ? parsePipeline(values.a, preset.a) : preset.a;
  const b = typeof values.b === 'string' ? parsePipeline(values.b, preset.b) : preset.b;
  return { world, a, b };
}

/**
 * Reads `--threads`: a whole number from 1 to 64. Without the flag, one
 * thread per seed up to the number of cores.
 *
 * @throws UsageError naming the value and the accepted range.
 */
function readThreads(value: FlagValues[string], seeds: number): number {
  if (typeof value !== 'string') {
    return Math.max(1, Math.min(seeds, availableParallelism()));
  }
  const threads = Number(value);
  if (!/^\d+$/.test(value) || threads < 1 || threads > MAX_THREADS) {
    throw new UsageError(`Invalid --threads "${value}": use a whole number from 1 to ${MAX_THREADS}, for example the number of cores.`);
  }
  return threads;
}

/** Runs every seed, logs progress and the summary table, and returns the CSV. The engine modules load here, on first use. */
async function runFilterBubble(config: FilterBubbleConfig, seeds: readonly number[], threads: number, common: CommonOptions, log: ProgressLog): Promise<string> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const backend = await useNodeBackend(common.backend);
  const { runSeeds, summariseSeeds } = await import('../../src/engine/experiments/seeds');
  const { bubbleRunsToCsv, summaryTable } = await import('../../src/engine/experiments/bubbleCsv');
  const { world } = config;
  log(`filter-bubble: ${seeds.length} seeds, ${common.ticks} ticks, ${world.users} users, ${world.items} items, ${world.topics} topics, backend ${describeBackendReport(backend)}`);
  log(`twin A: ${formatPipeline(config.a)}`);
  log(`twin B: ${formatPipeline(config.b)}`);

  const logSeed = (seed: number, row: TwinRow): void => {
    log(`seed ${seed} done (${elapsed()}): homogenisation A ${row.a.homogenisation.toFixed(4)}, B ${row.b.homogenisation.toFixed(4)}`);
  };
  let runs: SeedRun[];
  if (threads > 1) {
    log(`running ${Math.min(threads, seeds.length)} seeds at once in worker threads`);
    runs = await runSeedsInThreads(config, seeds, common.ticks, {
      threads,
      backend: threadBackend(backend.active),
      onSeedDone: (run) => logSeed(run.seed, run.rows[run.rows.length - 1]),
    });
  } else {
    runs = await runSeeds(config, seeds, common.ticks, (seed, row) => {
      if (row.tick === common.ticks) {
        logSeed(seed, row);
      }
    });
  }
  const summary = summariseSeeds(runs);

  log('');
  log(summaryTable(summary[summary.length - 1], seeds.length));
  log('');
  return bubbleRunsToCsv(runs, summary);
}
