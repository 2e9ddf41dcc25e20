/**
 * Lab 8's three "predict, then run" steps. Each step runs its own pair of
 * twins on {@link STEP_SEEDS} in the worker and reads its outcome from the
 * paired differences over those seeds, with their 95% t interval. A step
 * names a direction only when the interval excludes 0, reports "no clear
 * difference" otherwise, and calls a result borderline when the interval's
 * end nearer 0 is close to it (see `BORDERLINE_SHARE`). Utility is judged by
 * true utility per impression, which is what the users got. The utility ratio
 * is reported beside it, because its denominator differs between the twins.
 */
import { BUBBLE_METRIC_DOC, type BubbleMetricName } from '../../engine/experiments/bubbleMetrics';
import { BORDERLINE_SHARE, pairedEffect, type PairedEffect } from '../../engine/experiments/pairedEffect';
import type { TwinRow } from '../../engine/experiments/seeds';
import { filterBubbleWorldDefaults, findPreset, type FilterBubbleConfig, type FilterBubblePreset, type FilterBubbleWorld } from '../../engine/scenarios/filterBubble';
import { differenceRange, meanInterval } from '../../engine/stats/interval';
import type { PredictStep, StepOutcome } from '../../teaching/types';
import type { TwinExperiment } from '../../worker/filterBubbleApi';
import { SYNTHETIC_WORLD } from '../../engine/world/synthetic';
import { describePipeline, formatDecimal, formatDifference, formatDifferenceInterval, formatInterval, formatMetric } from './format';
import { FILTER_BUBBLE_DEFAULTS } from './settings';

/**
 * The steps' world, smaller than the page's default (300 users, 1,500 items,
 * 100 creators, 10 topics) but with the same catalogue, so the ideal
 * recommender does not run out of good unseen items. In a 400-item catalogue
 * it did: over seeds 11 to 15 the ideal twin had served 99% of the items by
 * tick 30, and its raw utility per impression fell below the platform's. One
 * step (two twins on 10 seeds for 30 ticks) took 10 to 22 s in Node with WASM
 * on a shared 2-core machine, 1 to 2 s per seed. In a headless Chromium worker
 * on the same machine a step took 7.5 to 19 s.
 */
export const STEP_WORLD: FilterBubbleWorld = { ...filterBubbleWorldDefaults, users: 90, items: 1_500, creators: 30, topics: 6, retrainEvery: 5 };

/** Ticks of each seed's run. */
export const STEP_TICKS = 30;

/**
 * Seeds of every step, fixed so the findings are the same each time. With 5
 * seeds two of the three verdicts rested on the third decimal of an interval
 * end; 10 seeds give a t interval with 9 degrees of freedom.
 */
export const STEP_SEEDS: readonly number[] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

/** Mean chance that a user opens the app in a tick: the mean of the Beta distribution of `userActivity`. */
export const MEAN_VISIT_PROBABILITY = SYNTHETIC_WORLD.activityBeta[0] / (SYNTHETIC_WORLD.activityBeta[0] + SYNTHETIC_WORLD.activityBeta[1]);

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

/** Says what an effect's interval shows, as the end of a sentence, with a borderline warning when the end nearer 0 is close to it. */
function directionText(effect: PairedEffect, lower: string, higher: string): string {
  const borderline = effect.borderline ? `. This is borderline: the end nearer 0 is within ${formatDecimal(100 * BORDERLINE_SHARE, 0)}% of the interval’s half width of 0, so a few more seeds could change the verdict` : '';
  switch (effect.direction) {
    case 'below':
      return `the interval excludes 0 and lies below it, so ${lower}${borderline}`;
    case 'above':
      return `the interval excludes 0 and lies above it, so ${higher}${borderline}`;
    case 'includes':
      return `the interval includes 0, so there is no clear difference${borderline}`;
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
    `${label}, paired difference B − A: ${formatDifference(effect.interval.mean)}, 95% interval ${formatDifferenceInterval(effect.interval.low, effect.interval.high)}; ${directionText(effect, lower, higher)}.`,
  ];
}

const AT_FINAL_TICK = `at tick ${STEP_TICKS}`;
const OVER_TAIL = `over ticks ${STEP_TICKS - TAIL_TICKS + 1} to ${STEP_TICKS}`;

/** Last finding of every step: the step's world is not the page's, so its verdict need not hold there. */
export const WORLD_CAVEAT = 'These numbers come from the step’s own world, which is smaller than the page’s default world; the same comparison there can give a different verdict, so check it with the many seeds panel before carrying it over.';

/**
 * Explains why the utility ratio and raw utility per impression can disagree,
 * as a finding, when their paired intervals point different ways (one
 * excludes 0 and the other does not, or they exclude it on opposite sides).
 */
function utilityDisagreement(raw: PairedEffect, ratio: PairedEffect): string[] {
  if (raw.direction === ratio.direction) {
    return [];
  }
  return [
    'Raw utility per impression and the utility ratio disagree here. The ratio divides each twin’s utility by the utility of the ideal feed for that twin’s own users at that tick, and the ideal feed depends on their interests now and on what they have already seen, so the two twins are measured against different yardsticks. Raw utility per impression is what the users actually got.',
  ];
}

/**
 * Reads step 1 (the Chaney preset: A the platform, B the ideal recommender).
 * The option is chosen by B − A of homogenisation and of raw true utility per
 * impression; A's utility ratio and both twins' interest shift are reported
 * beside them, because the loop moves its own users' interests.
 */
export function chaneyOutcome(runs: readonly SeedExperiment[]): StepOutcome {
  const homogenisation = effectOf(runs, 'homogenisation');
  const raw = effectOf(runs, 'trueUtility');
  // The ideal twin's utility ratio is 1 by definition, so only A's is reported.
  const ratio = meanInterval(perSeed(runs, 'utilityRatio', 'a'));
  const shift = { a: meanInterval(perSeed(runs, 'interestShift', 'a')).mean, b: meanInterval(perSeed(runs, 'interestShift', 'b')).mean };
  let supported = 'not-more-alike';
  if (homogenisation.direction === 'below') {
    const byRaw = { above: 'alike-lower', includes: 'alike-no-clear', below: 'alike-higher' } as const;
    supported = byRaw[raw.direction];
  }
  const names = { a: 'A (platform)', b: 'B (ideal)' };
  return {
    supported,
    findings: [
      ...effectFindings(runs, 'homogenisation', names, AT_FINAL_TICK, 'the platform’s users consume more alike than the ideal recommender’s', 'the platform’s users consume less alike than the ideal recommender’s'),
      ...effectFindings(runs, 'trueUtility', names, OVER_TAIL, 'the platform’s users get more utility per impression than the ideal recommender’s', 'the platform’s users get less utility per impression than the ideal recommender’s'),
      `The platform’s utility relative to the ideal feed for its own users ${OVER_TAIL}, mean over ${seedText(runs)}: ${formatMetric(ratio.mean)}, 95% interval ${formatInterval(ratio.low, ratio.high)}. The ideal twin’s is 1 by definition.`,
      `Interest shift from tick 0 at tick ${STEP_TICKS}: ${formatMetric(shift.a)} for A and ${formatMetric(shift.b)} for B, so the twins no longer serve users with the same interests.`,
      WORLD_CAVEAT,
    ],
  };
}

/**
 * Reads a remedy step: B − A of `metric` (homogenisation or the creator Gini)
 * decides whether the remedy lowers it, and B − A of true utility per
 * impression whether that costs or gains utility. The utility ratio is
 * reported beside it.
 */
export function remedyOutcome(runs: readonly SeedExperiment[], metric: BubbleMetricName, names: { a: string; b: string }, extra: readonly BubbleMetricName[] = [], notes: (runs: readonly SeedExperiment[]) => string[] = () => []): StepOutcome {
  const effect = effectOf(runs, metric);
  const raw = effectOf(runs, 'trueUtility');
  const ratio = effectOf(runs, 'utilityRatio');
  let supported = 'no-clear';
  if (effect.direction === 'above') {
    supported = 'higher';
  } else if (effect.direction === 'below') {
    const byRaw = { below: 'lower-costs', includes: 'lower-no-clear-cost', above: 'lower-gains' } as const;
    supported = byRaw[raw.direction];
  }
  return {
    supported,
    findings: [
      ...effectFindings(runs, metric, names, AT_FINAL_TICK, `${names.b} lowers it`, `${names.b} raises it`),
      ...extra.flatMap((name) => effectFindings(runs, name, names, AT_FINAL_TICK, `${names.b} lowers it`, `${names.b} raises it`)),
      ...effectFindings(runs, 'trueUtility', names, OVER_TAIL, `${names.b} costs its users utility`, `${names.b} gains its users utility`),
      ...effectFindings(runs, 'utilityRatio', names, OVER_TAIL, `${names.b} ends further from the ideal feed for its own users`, `${names.b} ends closer to the ideal feed for its own users`),
      ...utilityDisagreement(raw, ratio),
      ...notes(runs),
      WORLD_CAVEAT,
    ],
  };
}

/** Measured impressions per creator per tick of twin A over the last ticks, as a finding of the creator-cap step. */
export function exposureNote(runs: readonly SeedExperiment[], creators: number, cap: number): string[] {
  const impressions = meanInterval(perSeed(runs, 'impressions', 'a')).mean;
  return [
    `Measured exposure: ${formatDecimal(impressions, 0)} impressions per tick ${OVER_TAIL}, mean over ${seedText(runs)}, so ${formatDecimal(impressions / creators, 1)} per creator per tick on average, against the cap of ${cap}; the cap binds only on the most recommended creators.`,
  ];
}

/** Describes the step's world and pipelines in words, and where they differ from the page's default world and from the preset. */
export function describeStepSetup(config: FilterBubbleConfig, presetNote: string): string {
  const { world } = config;
  const page = FILTER_BUBBLE_DEFAULTS;
  return (
    `Each run: seeds ${STEP_SEEDS[0]} to ${STEP_SEEDS.at(-1)}, a world of ${world.users} users, ${world.items} items, ${world.creators} creators and ${world.topics} topics, ${STEP_TICKS} ticks, ` +
    `retraining every ${world.retrainEvery} ticks, drift rate η = ${world.driftRate}, feeds of ${world.feedSize} items. ` +
    `Twin A: ${describePipeline(config.a)}. Twin B: ${describePipeline(config.b)}. ` +
    `The page’s default world is larger (${page.users} users, ${page.items} items, ${page.creators} creators, ${page.topics} topics, Run plays ${page.ticks} ticks), so each step finishes in seconds per seed, and its verdict need not carry over to the page’s world. ${presetNote}`
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
function remedyOptions(what: string, explanations: { lowerCosts: string; lowerFree: string; lowerGains: string; noClear: string; higher: string }): PredictStep['options'] {
  return [
    { id: 'lower-costs', label: `Lowers ${what}, and utility per impression is clearly lower`, explanation: explanations.lowerCosts },
    { id: 'lower-no-clear-cost', label: `Lowers ${what}, with no clear change in utility per impression`, explanation: explanations.lowerFree },
    { id: 'lower-gains', label: `Lowers ${what}, and utility per impression is clearly higher`, explanation: explanations.lowerGains },
    { id: 'no-clear', label: `No clear difference in ${what} (the interval includes 0)`, explanation: explanations.noClear },
    { id: 'higher', label: `Raises ${what}`, explanation: explanations.higher },
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
  const perCreator = (users: number, creators: number) => formatDecimal((MEAN_VISIT_PROBABILITY * users * STEP_WORLD.feedSize) / creators, 0);
  const samePipelines = (preset: FilterBubblePreset) => `Both pipelines are those of the “${preset.title}” preset.`;
  const seeds = STEP_SEEDS.length;

  return [
    {
      id: 'chaney',
      title: 'A loop trained on its own data',
      question: `Twin A retrains on the logs of the feeds it chose; twin B is the ideal recommender, which serves each user the unseen items of highest true utility. Over ${seeds} seeds, does A make its users consume more alike than B, and do A’s users get less true utility per impression than B’s?`,
      setup: describeStepSetup(chaneyConfig, samePipelines(chaney)),
      options: [
        { id: 'alike-lower', label: 'More alike, and A’s users get clearly less utility per impression', explanation: 'This is Chaney et al.’s finding in its plainest form: the loop confounds its own training data, narrows what users consume, and serves them worse than the ideal recommender does.' },
        {
          id: 'alike-no-clear',
          label: 'More alike, with no clear difference in utility per impression',
          explanation:
            'The loop narrowed consumption, yet its users get about as much utility per impression as the ideal recommender’s. With drift the loop pulls its users’ interests toward what it serves (compare the interest shift), and a user whose interests have narrowed gets more utility from items on those topics. The utility ratio still shows that A’s users could be served far better than A serves them. With drift rate 0 the users keep their interests, and the same comparison puts A clearly below B (see the Chaney preset’s description).',
        },
        { id: 'alike-higher', label: 'More alike, and A’s users get clearly more utility per impression', explanation: 'The loop narrowed consumption and its users get more utility per impression than the ideal recommender’s. Look at the interest shift and at B’s coverage: either the loop has moved its users toward what it serves, or the ideal twin has run out of good unseen items.' },
        { id: 'not-more-alike', label: 'Not clearly more alike (the interval of B − A does not lie below 0)', explanation: 'Over these seeds the loop did not clearly raise homogenisation above the ideal recommender’s. Try more seeds in the many seeds panel before concluding.' },
      ],
      run: stepRun(runExperiment, chaneyConfig, chaneyOutcome),
    },
    {
      id: 'exploration',
      title: 'Ten per cent exploration',
      question: `Twin B fills 10% of each feed with random unseen items (ε = 0.1); twin A never explores. Over ${seeds} seeds, what does exploration do to homogenisation, and to utility per impression?`,
      setup: describeStepSetup(explorationConfig, samePipelines(exploration)),
      options: remedyOptions('homogenisation', {
        lowerCosts: 'Random items spread consumption over more of the catalogue, and each random slot is worth less now than the item the models would have ranked there.',
        lowerFree: `Exploration lowered homogenisation, and the interval of utility per impression includes 0: the random slots cost too little for ${seeds} seeds to show, or what the models learnt from them made up for it.`,
        lowerGains: 'Exploration lowered homogenisation and raised utility per impression: what the models learnt from the random slots was worth more than the slots cost.',
        noClear: 'Ten per cent random slots did not move homogenisation clearly over these seeds; compare coverage, which exploration raises directly, or run more seeds.',
        higher: 'Exploration made consumption more alike over these seeds, which is unusual: random slots go to different items for different users.',
      }),
      run: stepRun(runExperiment, explorationConfig, (runs) => remedyOutcome(runs, 'homogenisation', { a: 'ε = 0', b: 'ε = 0.1' }, ['coverage'])),
    },
    {
      id: 'creator-cap',
      title: 'A cap on exposure per creator',
      question: `Twin B lets no creator get more than ${cap} impressions per tick. Over ${seeds} seeds, what happens to exposure inequality over creators, and to utility per impression?`,
      setup: describeStepSetup(
        capConfig,
        `The cap is the preset’s ${cap}. A user opens the app in a tick with probability ${formatDecimal(MEAN_VISIT_PROBABILITY, 1)} on average (the mean of the users’ activity levels), so a creator gets about ` +
          `${perCreator(STEP_WORLD.users, STEP_WORLD.creators)} impressions per tick on average here (${formatDecimal(MEAN_VISIT_PROBABILITY, 1)} × ${STEP_WORLD.users} × ${STEP_WORLD.feedSize} / ${STEP_WORLD.creators}) and ` +
          `${perCreator(FILTER_BUBBLE_DEFAULTS.users, FILTER_BUBBLE_DEFAULTS.creators)} in the page’s default world (${formatDecimal(MEAN_VISIT_PROBABILITY, 1)} × ${FILTER_BUBBLE_DEFAULTS.users} × ${STEP_WORLD.feedSize} / ${FILTER_BUBBLE_DEFAULTS.creators}). The cap binds only on creators the ranking favours far above that average.`,
      ),
      options: remedyOptions('exposure inequality', {
        lowerCosts: 'The cap moves impressions from the most recommended creators to others, whose items these users value less on average: fairer exposure for creators, paid for by users.',
        lowerFree: 'The cap moved impressions to other creators, and the interval of utility per impression includes 0: the replacement items were worth about as much to these users.',
        lowerGains: 'The cap moved impressions to other creators, and users got more utility per impression: the ranking had been favouring a few creators beyond what their items were worth to users.',
        noClear: 'The cap rarely bound over these seeds, so exposure stayed where the ranking put it.',
        higher: 'A cap cannot concentrate exposure on its own; if the Gini rose, compare the Lorenz curves, which may cross.',
      }),
      run: stepRun(runExperiment, capConfig, (runs) => remedyOutcome(runs, 'creatorGini', { a: 'no cap', b: `cap ${cap}` }, [], (measured) => exposureNote(measured, STEP_WORLD.creators, cap))),
    },
  ];
}
