/**
 * Settings of Lab 8, kept in the URL (`#/lab/feedback-loops?seed=3&bEpsilon=0.1&backend=wasm`):
 * the seed, the world and its user dynamics, both twins' pipelines, the run
 * lengths, the mode and the TensorFlow.js backend. A copied address therefore rebuilds the same twins, which
 * reach the same numbers at the same tick.
 */
import { z } from 'zod';
import { RECOMMENDERS } from '../../engine/loop/interventions';
import { FILTER_BUBBLE_PRESETS, filterBubbleWorldDefaults, formatPipeline, type FilterBubbleConfig, type FilterBubblePreset, type Pipeline } from '../../engine/scenarios/filterBubble';
import { BACKEND_CHOICES } from '../../state/feedMachineUrl';
import { fieldsFromSchema } from '../../state/urlFields';

/** Builds the URL fields of one twin's pipeline with the bounds of the engine's `pipelineSchema`, except a lower maximum creator cap. */
function pipelineShape<P extends 'a' | 'b'>(prefix: P) {
  return {
    [`${prefix}Recommender`]: z.enum(RECOMMENDERS),
    [`${prefix}Epsilon`]: z.number().min(0).max(1),
    [`${prefix}Diversity`]: z.number().min(0).max(5),
    [`${prefix}Calibration`]: z.number().min(0).max(1),
    [`${prefix}CreatorCap`]: z.number().int().min(0).max(100_000),
  } as Record<`${P}Recommender`, z.ZodEnum<{ [K in (typeof RECOMMENDERS)[number]]: K }>> &
    Record<`${P}Epsilon` | `${P}Diversity` | `${P}Calibration` | `${P}CreatorCap`, z.ZodNumber>;
}

/**
 * World sizes are capped below the engine's limits, so a run of both twins
 * and a 20-seed summary stay interactive in a browser worker.
 */
export const filterBubbleSettingsSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  users: z.number().int().min(20).max(1_000),
  items: z.number().int().min(100).max(5_000),
  creators: z.number().int().min(1).max(500),
  topics: z.number().int().min(2).max(20),
  retrainEvery: z.number().int().min(0).max(100),
  driftRate: z.number().min(0).max(0.5),
  boredom: z.number().min(0).max(5),
  popularityWeight: z.number().min(0).max(5),
  attentionLoss: z.number().min(0).max(1),
  ...pipelineShape('a'),
  ...pipelineShape('b'),
  /** Ticks that one press of Run plays. */
  ticks: z.number().int().min(1).max(500),
  /** N of the many-seeds summary: seeds `seed` to `seed + N − 1`. */
  seedCount: z.number().int().min(2).max(20),
  /** Ticks of each seed of the many-seeds summary. */
  seedTicks: z.number().int().min(5).max(200),
  mode: z.enum(['guided', 'sandbox']),
  /** TensorFlow.js backend requested from the worker, as Lab 1's `backend=`; `auto` lets the worker's timed trial choose. */
  backend: z.enum(BACKEND_CHOICES),
});

export type FilterBubbleSettings = z.infer<typeof filterBubbleSettingsSchema>;

export const FILTER_BUBBLE_DEFAULTS: FilterBubbleSettings = {
  seed: 1,
  users: 300,
  items: 1_500,
  creators: 100,
  topics: 10,
  retrainEvery: filterBubbleWorldDefaults.retrainEvery,
  driftRate: filterBubbleWorldDefaults.driftRate,
  boredom: filterBubbleWorldDefaults.boredom,
  popularityWeight: filterBubbleWorldDefaults.popularityWeight,
  attentionLoss: filterBubbleWorldDefaults.attentionLoss,
  aRecommender: 'platform',
  aEpsilon: 0,
  aDiversity: 0,
  aCalibration: 0,
  aCreatorCap: 0,
  bRecommender: 'platform',
  bEpsilon: 0.1,
  bDiversity: 0,
  bCalibration: 0,
  bCreatorCap: 0,
  ticks: 40,
  seedCount: 5,
  seedTicks: 30,
  mode: 'guided',
  backend: 'auto',
};

export const FILTER_BUBBLE_FIELDS = fieldsFromSchema(filterBubbleSettingsSchema);

/** Reads one twin's pipeline from the settings. */
export function twinPipeline(settings: FilterBubbleSettings, twin: 'a' | 'b'): Pipeline {
  return {
    recommender: settings[`${twin}Recommender`],
    epsilon: settings[`${twin}Epsilon`],
    diversityWeight: settings[`${twin}Diversity`],
    calibrationWeight: settings[`${twin}Calibration`],
    creatorCap: settings[`${twin}CreatorCap`],
  };
}

/** Writes a pipeline back as the settings fields of one twin. */
export function pipelineSettings(pipeline: Pipeline, twin: 'a' | 'b'): Partial<FilterBubbleSettings> {
  return {
    [`${twin}Recommender`]: pipeline.recommender,
    [`${twin}Epsilon`]: pipeline.epsilon,
    [`${twin}Diversity`]: pipeline.diversityWeight,
    [`${twin}Calibration`]: pipeline.calibrationWeight,
    [`${twin}CreatorCap`]: pipeline.creatorCap,
  };
}

/** Builds the engine's twin set-up. Feed size and embedding dimension keep the engine's defaults. */
export function twinConfig(settings: FilterBubbleSettings): FilterBubbleConfig {
  return {
    world: {
      ...filterBubbleWorldDefaults,
      users: settings.users,
      items: settings.items,
      creators: settings.creators,
      topics: settings.topics,
      retrainEvery: settings.retrainEvery,
      driftRate: settings.driftRate,
      boredom: settings.boredom,
      popularityWeight: settings.popularityWeight,
      attentionLoss: settings.attentionLoss,
    },
    a: twinPipeline(settings, 'a'),
    b: twinPipeline(settings, 'b'),
  };
}

/** Returns the settings that apply `preset`: its pipelines and world changes on top of the current world. */
export function presetSettings(preset: FilterBubblePreset): Partial<FilterBubbleSettings> {
  return { ...preset.world, ...pipelineSettings(preset.a, 'a'), ...pipelineSettings(preset.b, 'b') };
}

/** Returns the preset whose two pipelines are the current ones, or undefined when the twins are set by hand. */
export function matchingPreset(settings: FilterBubbleSettings): FilterBubblePreset | undefined {
  const same = (x: Pipeline, y: Pipeline) => (Object.keys(x) as (keyof Pipeline)[]).every((key) => x[key] === y[key]);
  return FILTER_BUBBLE_PRESETS.find((preset) => same(preset.a, twinPipeline(settings, 'a')) && same(preset.b, twinPipeline(settings, 'b')));
}

/** Lists the many-seeds run's seeds: `seed` to `seed + seedCount − 1`. */
export function summarySeeds(settings: FilterBubbleSettings): number[] {
  return Array.from({ length: settings.seedCount }, (_, index) => settings.seed + index);
}

/**
 * Builds the arguments of `npm run sim --` that run the many-seeds summary of
 * `settings` in the CLI. Its `--out` CSV equals the page's download when
 * both run on the same backend.
 */
export function cliArguments(settings: FilterBubbleSettings): string[] {
  const config = twinConfig(settings);
  const seeds = summarySeeds(settings);
  const world = (Object.keys(config.world) as (keyof typeof config.world)[]).flatMap((key) => [`--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`, String(config.world[key])]);
  return ['--lab', 'filter-bubble', '--seeds', `${seeds[0]}-${seeds[seeds.length - 1]}`, '--ticks', String(settings.seedTicks), ...world, '--a', formatPipeline(config.a), '--b', formatPipeline(config.b)];
}
