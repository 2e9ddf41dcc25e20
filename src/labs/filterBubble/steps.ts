/**
 * Lab 8's three "predict, then run" steps. Each step runs its own pair of
 * twins on {@link STEP_SEEDS} in the worker and reads its outcome from the
 * paired differences over those seeds, with their 95% t interval. A step
 * names a direction only when the interval excludes 0, and reports "no clear
 * difference" otherwise.
 */
import { BUBBLE_METRIC_DOC, type BubbleMetricName } from '../../engine/experiments/bubbleMetrics';
import { pairedEffect, type PairedEffect } from '../../engine/experiments/pairedEffect';
import type { TwinRow } from '../../engine/experiments/seeds';
import { filterBubbleWorldDefaults, findPreset, type FilterBubbleConfig, type FilterBubblePreset, type FilterBubbleWorld } from '../../engine/scenarios/filterBubble';
import { differenceRange, meanInterval } from '../../engine/stats/interval';
import type { PredictStep, StepOutcome } from '../../teaching/types';
import type { TwinExperiment } from '../../worker/filterBubbleApi';
import { describePipeline, formatDecimal, formatDifference, formatInterval, formatMetric } from './format';
import { FILTER_BUBBLE_DEFAULTS } from './settings';

/**
 * The steps' world, smaller than the page's default (300 users, 1,500 items,
 * 100 creators, 10 topics). One step (two twins on 5 seeds for 30 ticks)
 * took about 5 s in Node with WASM on a shared 2-core machine, so a few
 * seconds in a browser worker is an estimate. 90 users × 10 items over 30
 * creators keeps the page's 30 impressions per creator per tick when every
 * user visits, so the creator-cap preset's cap of 30 binds alike in both worlds.
 */
export const STEP_WORLD: FilterBubbleWorld = { ...filterBubbleWorldDefaults, users: 90, items: 400, creators: 30, topics: 6, retrainEvery: 5 };

/** Ticks of each seed's run. */
export const STEP_TICKS = 30;

/** Seeds of every step, fixed so the findings are the same each time; 5 seeds give a t interval with 4 degrees of freedom. */
export const STEP_SEEDS: readonly number[] = [11, 12, 13, 14, 15];

/** Utility ratio below which step 1 counts the platform's feeds as worth much less: a loss of a tenth of the ideal's utility. */
export const UTILITY_THRESHOLD = 0.9;

/** Ticks at the end of a run whose per-tick values the steps average, so one noisy tick does not decide a seed. */
const TAIL_TICKS = 10;

/** One seed's headless run, for the steps. */
export interface SeedExperiment {
  seed: number;
  experiment: TwinExperiment;
}

/** Headless twin runner of the steps: the controller's `experiment`. */
export type RunExperiment = (config: FilterBubbleConfig, seed: number, ticks: number, onProgress: (tick: number) => void) => Promise<TwinExperiment>;

/** Mean of a per-tick metric over the last {@link TAIL_TICKS} rows, per twin. */
export function tailMean(rows: readonly TwinRow[], pick: (row: TwinRow, twin: 'a' | 'b') => number): { a: number; b: number } {
  const tail = rows.slice(-TAIL_TICKS);
  const mean = (twin: 'a' | 'b') => tail.reduce((sum, row) => sum + pick(row, twin), 0) / Math.max(1, tail.length);
  return { a: mean('a'), b: mean('b') };
}

/** Returns the final row of an experiment. @throws Error when it has no rows. */
function finalRow(run: SeedExperiment): TwinRow {
  const row = run.experiment.rows.at(-1);
  if (row === undefined) {
    throw new Error(`the run of seed ${run.seed} returned no ticks`);
  }
  return row;
}

/** Per-twin value of `metric` on each seed: the final tick's for cumulative metrics, the tail mean for per-tick ones. */
function perSeed(runs: readonly SeedExperiment[], metric: BubbleMetricName, twin: 'a' | 'b'): number[] {
  const perTick: readonly BubbleMetricName[] = ['utilityRatio', 'trueUtility', 'intraListDiversity', 'meanWatch', 'clickRate', 'impressions'];
  if (perTick.includes(metric)) {
    return runs.map((run) => tailMean(run.experiment.rows, (row, side) => row[side][metric])[twin]);
  }
  return runs.map((run) => finalRow(run)[twin][metric]);
}

/** Paired effect B − A of `metric` over the seeds. */
export function effectOf(runs: readonly SeedExperiment[], metric: BubbleMetricName): PairedEffect {
  const a = perSeed(runs, metric, 'a');
  const b = perSeed(runs, metric, 'b');
  return pairedEffect(
    b.map((value, index) => value - a[index]),
    differenceRange(BUBBLE_METRIC_DOC[metric].range),
  );
}

/** Describes the seeds as "seeds 11 to 15" (or one seed). */
function seedText(runs: readonly SeedExperiment[]): string {
  const first = runs[0]?.seed;
  const last = runs.at(-1)?.seed;
  return runs.length === 1 ? `seed ${first}` : `the ${runs.length} seeds ${first} to ${last}`;
}

/** Says what an effect's interval shows, as the end of a sentence. */
function directionText(effect: PairedEffect, lower: string, higher: string): string {
  switch (effect.direction) {
    case 'below':
      return `the interval lies below 0, so ${lower}`;
    case 'above':
      return `the interval lies above 0, so ${higher}`;
    case 'includes':
      return 'the interval includes 0, so there is no clear difference';
  }
}

/** Builds the two findings of one metric: the twins' means, then the paired difference with its interval and direction. */
function effectFindings(runs: readonly SeedExperiment[], metric: BubbleMetricName, names: { a: string; b: string }, when: string, lower: string, higher: string): string[] {
  const effect = effectOf(runs, metric);
  const a = meanInterval(perSeed(runs, metric, 'a')).mean;
  const b = meanInterval(perSeed(runs, metric, 'b')).mean;
  const label = BUBBLE_METRIC_DOC[metric].label;
  return [
    `${label} ${when}, mean over ${seedText(runs)}: ${formatMetric(a)} for ${names.a} and ${formatMetric(b)} for ${names.b}.`,
    `${label}, paired difference B − A: ${formatDifference(effect.interval.mean)}, 95% interval ${formatInterval(effect.interval.low, effect.interval.high, true)}; ${directionText(effect, lower, higher)}.`,
  ];
}

const AT_FINAL_TICK = `at tick ${STEP_TICKS}`;
const OVER_TAIL = `over ticks ${STEP_TICKS - TAIL_TICKS + 1} to ${STEP_TICKS}`;

/** Reads step 1 (the Chaney preset: A the platform, B the ideal recommender). */
export function chaneyOutcome(runs: readonly SeedExperiment[]): StepOutcome {
  const homogenisation = effectOf(runs, 'homogenisation');
  // The ideal twin's utility ratio is 1 by definition, so the question is how far below 1 the platform's ratio ends.
  const ratio = meanInterval(perSeed(runs, 'utilityRatio', 'a'));
  let supported = 'not-more-alike';
  if (homogenisation.direction === 'below') {
    if (ratio.n >= 2 && ratio.high < UTILITY_THRESHOLD) {
      supported = 'alike-much-worse';
    } else if (ratio.n >= 2 && ratio.high < 1) {
      supported = 'alike-worse';
    } else {
      supported = 'alike-not-worse';
    }
  }
  const names = { a: 'A (platform)', b: 'B (ideal)' };
  return {
    supported,
    findings: [
      ...effectFindings(runs, 'homogenisation', names, AT_FINAL_TICK, 'the platform’s users consume more alike than the ideal recommender’s', 'the platform’s users consume less alike than the ideal recommender’s'),
      `The platform’s utility relative to the ideal recommender ${OVER_TAIL}, mean over ${seedText(runs)}: ${formatMetric(ratio.mean)}, 95% interval ${formatInterval(ratio.low, ratio.high)}. The ideal twin’s is 1 by definition.`,
    ],
  };
}

/**
 * Reads a remedy step: B − A of `metric` (homogenisation or the creator Gini)
 * decides whether the remedy lowers it, and B − A of the utility ratio
 * whether that has a clear cost.
 */
export function remedyOutcome(runs: readonly SeedExperiment[], metric: BubbleMetricName, names: { a: string; b: string }, extra: readonly BubbleMetricName[] = []): StepOutcome {
  const effect = effectOf(runs, metric);
  const utility = effectOf(runs, 'utilityRatio');
  let supported = 'no-clear';
  if (effect.direction === 'above') {
    supported = 'higher';
  } else if (effect.direction === 'below') {
    supported = utility.direction === 'below' ? 'lower-costs' : 'lower-no-clear-cost';
  }
  return {
    supported,
    findings: [
      ...effectFindings(runs, metric, names, AT_FINAL_TICK, `${names.b} lowers it`, `${names.b} raises it`),
      ...extra.flatMap((name) => effectFindings(runs, name, names, AT_FINAL_TICK, `${names.b} lowers it`, `${names.b} raises it`)),
      ...effectFindings(runs, 'utilityRatio', names, OVER_TAIL, `${names.b} costs utility`, `${names.b} gains utility`),
    ],
  };
}

/** Describes the step's world and pipelines in words, and where they differ from the page's default world and from the preset. */
export function describeStepSetup(config: FilterBubbleConfig, presetNote: string): string {
  const { world } = config;
  const page = FILTER_BUBBLE_DEFAULTS;
  return (
    `Each run: seeds ${STEP_SEEDS[0]} to ${STEP_SEEDS.at(-1)}, a world of ${world.users} users, ${world.items} items, ${world.creators} creators and ${world.topics} topics, ${STEP_TICKS} ticks, ` +
    `retraining every ${world.retrainEvery} ticks, drift rate η = ${world.driftRate}, feeds of ${world.feedSize} items. ` +
    `Twin A: ${describePipeline(config.a)}. Twin B: ${describePipeline(config.b)}. ` +
    `The page’s default world is larger (${page.users} users, ${page.items} items, ${page.creators} creators, ${page.topics} topics, Run plays ${page.ticks} ticks), so each step finishes in seconds. ${presetNote}`
  );
}

/** Runs one step's twins on every seed in turn and reads the outcome. */
function stepRun(runExperiment: RunExperiment, config: FilterBubbleConfig, read: (runs: SeedExperiment[]) => StepOutcome): PredictStep['run'] {
  return async (status) => {
    const runs: SeedExperiment[] = [];
    for (const [index, seed] of STEP_SEEDS.entries()) {
      const prefix = `Seed ${seed} (${index + 1} of ${STEP_SEEDS.length})`;
      status(`${prefix}: starting…`);
      const experiment = await runExperiment(config, seed, STEP_TICKS, (tick) => status(`${prefix}: tick ${tick} of ${STEP_TICKS}…`));
      runs.push({ seed, experiment });
    }
    return read(runs);
  };
}

/** Builds the remedy options shared by steps 2 and 3, for `what` ("homogenisation", "exposure inequality"). */
function remedyOptions(what: string, lowerCosts: string, lowerFree: string, noClear: string, higher: string): PredictStep['options'] {
  return [
    { id: 'lower-costs', label: `Lowers ${what}, and utility is clearly lower`, explanation: lowerCosts },
    { id: 'lower-no-clear-cost', label: `Lowers ${what}, with no clear change in utility`, explanation: lowerFree },
    { id: 'no-clear', label: `No clear difference in ${what} (the interval includes 0)`, explanation: noClear },
    { id: 'higher', label: `Raises ${what}`, explanation: higher },
  ];
}

/** Builds the three steps on a headless runner (the page passes its controller's `experiment`). */
export function buildSteps(runExperiment: RunExperiment): PredictStep[] {
  const chaney = findPreset('chaney');
  const exploration = findPreset('exploration');
  const creatorCap = findPreset('creator-cap');
  const chaneyConfig: FilterBubbleConfig = { world: STEP_WORLD, a: chaney.a, b: chaney.b };
  const explorationConfig: FilterBubbleConfig = { world: STEP_WORLD, a: exploration.a, b: exploration.b };
  const capConfig: FilterBubbleConfig = { world: STEP_WORLD, a: creatorCap.a, b: creatorCap.b };
  const cap = capConfig.b.creatorCap;
  const perCreator = (users: number, creators: number) => formatDecimal((users * STEP_WORLD.feedSize) / creators, 0);
  const samePipelines = (preset: FilterBubblePreset) => `Both pipelines are those of the “${preset.title}” preset.`;

  return [
    {
      id: 'chaney',
      title: 'A loop trained on its own data',
      question:
        'Twin A retrains on the logs of the feeds it chose; twin B is the ideal recommender, whose utility ratio is 1 by definition. Over 5 seeds, does A make its users consume more alike than B, and how far below 1 does A’s utility ratio end?',
      setup: describeStepSetup(chaneyConfig, samePipelines(chaney)),
      options: [
        { id: 'alike-much-worse', label: `More alike, and A’s utility ratio ends clearly below ${UTILITY_THRESHOLD}`, explanation: 'This is Chaney et al.’s finding: the loop confounds its own training data, so it narrows what users consume and serves them clearly worse than the ideal recommender, losing more than a tenth of the utility.' },
        { id: 'alike-worse', label: `More alike, and A’s utility ratio ends clearly below 1 but not clearly below ${UTILITY_THRESHOLD}`, explanation: 'The loop narrowed consumption and cost utility, but the interval does not show a loss of more than a tenth of the ideal’s utility.' },
        { id: 'alike-not-worse', label: 'More alike, but A’s utility ratio is not clearly below 1', explanation: 'Homogenisation rose, yet the interval of the platform’s utility ratio reaches 1: these seeds do not show a utility cost.' },
        { id: 'not-more-alike', label: 'Not clearly more alike (the interval of B − A does not lie below 0)', explanation: 'Over these seeds the loop did not clearly raise homogenisation above the ideal recommender’s. Try more seeds in the many-seeds panel before concluding.' },
      ],
      run: stepRun(runExperiment, chaneyConfig, chaneyOutcome),
    },
    {
      id: 'exploration',
      title: 'Ten per cent exploration',
      question: 'Twin B fills 10% of each feed with random unseen items (ε = 0.1); twin A never explores. Over 5 seeds, what does exploration do to homogenisation, and at what cost in utility?',
      setup: describeStepSetup(explorationConfig, samePipelines(exploration)),
      options: remedyOptions(
        'homogenisation',
        'Random items spread consumption over more of the catalogue, and each random slot is worth less now than the item the models would have ranked there.',
        'Exploration lowered homogenisation, and the utility interval includes 0: what the models learnt from the random slots may have made up for the slots, or the cost is too small for 5 seeds to show.',
        'Ten per cent random slots did not move homogenisation clearly over these seeds; compare coverage, which exploration raises directly, or run more seeds.',
        'Exploration made consumption more alike over these seeds, which is unusual: random slots go to different items for different users.',
      ),
      run: stepRun(runExperiment, explorationConfig, (runs) => remedyOutcome(runs, 'homogenisation', { a: 'ε = 0', b: 'ε = 0.1' }, ['coverage'])),
    },
    {
      id: 'creator-cap',
      title: 'A cap on exposure per creator',
      question: `Twin B lets no creator get more than ${cap} impressions per tick. Over 5 seeds, what happens to exposure inequality over creators, and to utility?`,
      setup: describeStepSetup(
        capConfig,
        `The cap is the preset’s ${cap}. When every user visits, a creator gets ${perCreator(STEP_WORLD.users, STEP_WORLD.creators)} impressions per tick on average here (${STEP_WORLD.users} × ${STEP_WORLD.feedSize} / ${STEP_WORLD.creators}) and ${perCreator(FILTER_BUBBLE_DEFAULTS.users, FILTER_BUBBLE_DEFAULTS.creators)} in the page’s default world (${FILTER_BUBBLE_DEFAULTS.users} × ${STEP_WORLD.feedSize} / ${FILTER_BUBBLE_DEFAULTS.creators}), so the cap binds on the most recommended creators in both.`,
      ),
      options: remedyOptions(
        'exposure inequality',
        'The cap moves impressions from the most recommended creators to others, whose items the users value less on average: fairer exposure for creators, paid for by users.',
        'The capped creators’ slots went to items almost as good, so the utility interval includes 0.',
        'The cap rarely bound over these seeds, so exposure stayed where the ranking put it.',
        'A cap cannot concentrate exposure on its own; if the Gini rose, compare the Lorenz curves, which may cross.',
      ),
      run: stepRun(runExperiment, capConfig, (runs) => remedyOutcome(runs, 'creatorGini', { a: 'no cap', b: `cap ${cap}` })),
    },
  ];
}
