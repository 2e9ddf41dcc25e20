import { describeBackendReport, useNodeBackend } from '../backend';
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
import { parseSeedList } from '../../src/engine/experiments/seeds';
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
  options: { ...parseArgsOptions(flags), seeds: { type: 'string' }, preset: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' } },
  helpLines: () => [
    `  --seeds LIST            Seeds to run, e.g. 1-20 or 1-5,9; default ${DEFAULT_SEEDS}. Each seed draws a new world for both twins.`,
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
    return { params: { ...config, seeds }, run: (log) => runFilterBubble(config, seeds, common, log) };
  },
};

/** Reads the preset, then `--a`/`--b` on top of it, then the world flags on top of the preset's world. */
function readConfig(values: FlagValues): FilterBubbleConfig {
  const preset = findPreset(typeof values.preset === 'string' ? values.preset : DEFAULT_FILTER_BUBBLE_PRESET);
  const world = parseFilterBubbleWorld({ ...preset.world, ...readSchemaFlags(flags, values) });
  const a = typeof values.a === 'string' ? parsePipeline(values.a, preset.a) : preset.a;
  const b = typeof values.b === 'string' ? parsePipeline(values.b, preset.b) : preset.b;
  return { world, a, b };
}

/** Runs every seed, logs progress and the summary table, and returns the CSV. The engine modules load here, on first use. */
async function runFilterBubble(config: FilterBubbleConfig, seeds: readonly number[], common: CommonOptions, log: ProgressLog): Promise<string> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const backend = await useNodeBackend(common.backend);
  const { runSeeds, summariseSeeds } = await import('../../src/engine/experiments/seeds');
  const { bubbleRunsToCsv, summaryTable } = await import('../../src/engine/experiments/bubbleCsv');
  const { world } = config;
  log(`filter-bubble: ${seeds.length} seeds, ${common.ticks} ticks, ${world.users} users, ${world.items} items, ${world.topics} topics, backend ${describeBackendReport(backend)}`);
  log(`twin A: ${formatPipeline(config.a)}`);
  log(`twin B: ${formatPipeline(config.b)}`);

  const runs = await runSeeds(config, seeds, common.ticks, (seed, row) => {
    if (row.tick === common.ticks) {
      log(`seed ${seed} done (${elapsed()}): homogenisation A ${row.a.homogenisation.toFixed(4)}, B ${row.b.homogenisation.toFixed(4)}`);
    }
  });
  const summary = summariseSeeds(runs);

  log('');
  log(summaryTable(summary[summary.length - 1], seeds.length));
  log('');
  return bubbleRunsToCsv(runs, summary);
}
