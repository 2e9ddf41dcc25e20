/**
 * Lab 8's teaching material: objectives, three "predict, then run" steps
 * whose findings are read from their own runs, and check questions.
 */
import type { TwinRow } from '../../engine/experiments/seeds';
import { filterBubbleWorldDefaults, findPreset, platformPipeline, type FilterBubbleConfig, type FilterBubbleWorld } from '../../engine/scenarios/filterBubble';
import type { CheckQuestion, PredictStep, StepOutcome } from '../../teaching/types';
import type { TwinExperiment } from '../../worker/filterBubbleApi';
import { formatMetric } from './format';

export const OBJECTIVES: readonly string[] = [
  'Explain how a recommender that retrains on the data it produced narrows what different users consume, and measure it as homogenisation against the ideal recommender.',
  'Read exposure inequality over creators from a Gini coefficient and a Lorenz curve, and say who gains and who loses.',
  'Compare remedies (exploration, MMR diversity, calibration, a creator cap) on the same seed by what they fix and what utility they cost.',
  'Tell a one-seed difference from an effect that holds over many seeds, using a paired 95% interval.',
];

/**
 * The steps' world: smaller than the page's default, so each step (two twins
 * for 40 ticks) finishes in seconds in a worker. Drift rate 0.02 as on the page.
 */
export const STEP_WORLD: FilterBubbleWorld = { ...filterBubbleWorldDefaults, users: 150, items: 600, creators: 40, topics: 6, retrainEvery: 5 };

/** Ticks of each step's run. */
export const STEP_TICKS = 40;

/** Seed of every step, so the findings are the same each time. */
export const STEP_SEED = 11;

/** Ticks at the end of a run whose per-tick values the steps average, so one noisy tick does not decide a step. */
const TAIL_TICKS = 10;

/** Mean of a per-tick metric over the last {@link TAIL_TICKS} rows, per twin. */
export function tailMean(rows: readonly TwinRow[], pick: (row: TwinRow, twin: 'a' | 'b') => number): { a: number; b: number } {
  const tail = rows.slice(-TAIL_TICKS);
  const mean = (twin: 'a' | 'b') => tail.reduce((sum, row) => sum + pick(row, twin), 0) / Math.max(1, tail.length);
  return { a: mean('a'), b: mean('b') };
}

/** Returns the final row of an experiment. @throws Error when it has no rows. */
function finalRow(experiment: TwinExperiment): TwinRow {
  const row = experiment.rows.at(-1);
  if (row === undefined) {
    throw new Error('the run returned no ticks');
  }
  return row;
}

/** Reads step 1 (the Chaney preset: A the platform, B the ideal recommender). */
export function chaneyOutcome(experiment: TwinExperiment): StepOutcome {
  const row = finalRow(experiment);
  const utility = tailMean(experiment.rows, (r, twin) => r[twin].utilityRatio);
  const moreAlike = row.a.homogenisation > row.b.homogenisation;
  const lessUtility = utility.a < utility.b;
  let supported = 'alike-less-utility';
  if (!moreAlike) {
    supported = 'not-alike';
  } else if (!lessUtility) {
    supported = 'alike-more-utility';
  }
  return {
    supported,
    findings: [
      `Homogenisation at tick ${row.tick}: the platform ${formatMetric(row.a.homogenisation)}, the ideal recommender ${formatMetric(row.b.homogenisation)}.`,
      `Utility relative to the ideal, mean of the last ${TAIL_TICKS} ticks: the platform ${formatMetric(utility.a)}, the ideal recommender ${formatMetric(utility.b)}.`,
    ],
  };
}

/** Reads step 2 (A no exploration, B ε = 0.1). */
export function explorationOutcome(experiment: TwinExperiment): StepOutcome {
  const row = finalRow(experiment);
  const utility = tailMean(experiment.rows, (r, twin) => r[twin].utilityRatio);
  const lowerHomogenisation = row.b.homogenisation < row.a.homogenisation;
  let supported = 'no-change';
  if (lowerHomogenisation) {
    supported = utility.b < utility.a ? 'lower-costs' : 'lower-free';
  }
  return {
    supported,
    findings: [
      `Homogenisation at tick ${row.tick}: ε = 0 ${formatMetric(row.a.homogenisation)}, ε = 0.1 ${formatMetric(row.b.homogenisation)}.`,
      `Catalogue coverage: ε = 0 ${formatMetric(row.a.coverage)}, ε = 0.1 ${formatMetric(row.b.coverage)}.`,
      `Utility relative to the ideal, mean of the last ${TAIL_TICKS} ticks: ε = 0 ${formatMetric(utility.a)}, ε = 0.1 ${formatMetric(utility.b)}.`,
    ],
  };
}

/** Cap of step 3, in impressions per creator per tick: binding in {@link STEP_WORLD} (150 users × 10 items over 40 creators is about 38 a creator when everyone visits). */
export const STEP_CREATOR_CAP = 45;

/** Reads step 3 (A no cap, B a creator cap). */
export function creatorCapOutcome(experiment: TwinExperiment): StepOutcome {
  const row = finalRow(experiment);
  const utility = tailMean(experiment.rows, (r, twin) => r[twin].utilityRatio);
  const lowerGini = row.b.creatorGini < row.a.creatorGini;
  let supported = 'no-change';
  if (lowerGini) {
    supported = utility.b < utility.a ? 'lower-costs' : 'lower-free';
  }
  return {
    supported,
    findings: [
      `Exposure Gini over creators at tick ${row.tick}: no cap ${formatMetric(row.a.creatorGini)}, cap ${STEP_CREATOR_CAP} ${formatMetric(row.b.creatorGini)}.`,
      `Utility relative to the ideal, mean of the last ${TAIL_TICKS} ticks: no cap ${formatMetric(utility.a)}, cap ${formatMetric(utility.b)}.`,
    ],
  };
}

/** Headless twin runner of the steps: the controller's `experiment`. */
type RunExperiment = (config: FilterBubbleConfig, seed: number, ticks: number, onProgress: (tick: number) => void) => Promise<TwinExperiment>;

function stepRun(runExperiment: RunExperiment, config: FilterBubbleConfig, read: (experiment: TwinExperiment) => StepOutcome): PredictStep['run'] {
  return async (status) => {
    status(`Running both twins for ${STEP_TICKS} ticks…`);
    const experiment = await runExperiment(config, STEP_SEED, STEP_TICKS, (tick) => status(`Tick ${tick} of ${STEP_TICKS}…`));
    return read(experiment);
  };
}

/** Builds the three steps on a headless runner (the page passes its controller's `experiment`). */
export function buildSteps(runExperiment: RunExperiment): PredictStep[] {
  const chaney = findPreset('chaney');
  return [
    {
      id: 'chaney',
      title: 'A loop trained on its own data',
      question: `Twin A retrains on the logs of the feeds it chose; twin B is the ideal recommender. After ${STEP_TICKS} ticks, how do they compare?`,
      options: [
        { id: 'not-alike', label: 'A’s users consume no more alike than B’s', explanation: 'In this run the loop did not raise homogenisation above the ideal recommender. Try another seed on the page or the many-seeds panel before concluding.' },
        { id: 'alike-less-utility', label: 'A’s users consume more alike, and A’s feeds are worth less to them', explanation: 'This is Chaney et al.’s finding: the loop confounds its own training data, so it pushes users toward the same items without serving them better.' },
        { id: 'alike-more-utility', label: 'A’s users consume more alike, but A’s feeds are worth more to them', explanation: 'Homogenisation rose, but the utility ratio did not fall below the ideal’s in this run. With drift, the loop can also move its users’ interests toward what it serves.' },
      ],
      run: stepRun(runExperiment, { world: STEP_WORLD, a: chaney.a, b: chaney.b }, chaneyOutcome),
    },
    {
      id: 'exploration',
      title: 'Ten per cent exploration',
      question: 'Twin B fills 10% of each feed with random unseen items (ε = 0.1); twin A never explores. What does exploration do?',
      options: [
        { id: 'lower-costs', label: 'Lowers homogenisation and costs some utility', explanation: 'Random items spread consumption over more of the catalogue, and each random slot is worth less now than the item the models would have ranked there.' },
        { id: 'lower-free', label: 'Lowers homogenisation at no cost in utility', explanation: 'Here exploration paid for itself: what the models learnt from the random slots made up for the slots themselves.' },
        { id: 'no-change', label: 'Does not lower homogenisation', explanation: 'Ten per cent random slots were not enough to move homogenisation in this world; compare coverage, which exploration raises directly.' },
      ],
      run: stepRun(runExperiment, { world: STEP_WORLD, a: platformPipeline, b: { ...platformPipeline, epsilon: 0.1 } }, explorationOutcome),
    },
    {
      id: 'creator-cap',
      title: 'A cap on exposure per creator',
      question: `Twin B lets no creator get more than ${STEP_CREATOR_CAP} impressions per tick. What happens to exposure inequality and to utility?`,
      options: [
        { id: 'no-change', label: 'Inequality stays as it is', explanation: 'The cap rarely bound in this run, so exposure stayed where the ranking put it.' },
        { id: 'lower-free', label: 'Inequality falls and utility holds', explanation: 'The capped creators’ slots went to items almost as good, so the users lost little.' },
        { id: 'lower-costs', label: 'Inequality falls, and users get less utility', explanation: 'The cap moves impressions from the most recommended creators to others, whose items the users value less on average: fairer exposure for creators, paid for by users.' },
      ],
      run: stepRun(runExperiment, { world: STEP_WORLD, a: platformPipeline, b: { ...platformPipeline, creatorCap: STEP_CREATOR_CAP } }, creatorCapOutcome),
    },
  ];
}

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'confounding',
    question: 'Why does a recommender that retrains on its own logs drift toward serving everyone the same items?',
    options: [
      { id: 'b', label: 'Users ask for the same few items, so the recommender learns to give everyone the most requested ones.', correct: false, feedback: 'Users differ in this world, and the ideal recommender, which reads their true utility, homogenises far less.' },
      { id: 'a', label: 'It learns only from reactions to items it chose to show.', correct: true, feedback: 'The training data is confounded by the policy that produced it, and that loop reinforces itself.' },
      { id: 'c', label: 'The catalogue is too small.', correct: false, feedback: 'The catalogue is the same for both twins; only the pipeline differs.' },
    ],
  },
  {
    id: 'ideal',
    question: 'What is the ideal recommender in this lab?',
    options: [
      { id: 'a', label: 'The platform recommender with the best hyperparameters found over many seeds', correct: false, feedback: 'Any platform model learns from logs, however it is tuned. The ideal one never does.' },
      { id: 'b', label: 'A random recommender that serves every user uniformly random unseen items', correct: false, feedback: 'Random is the other reference: no personalisation at all.' },
      { id: 'c', label: 'One that reads each user’s true utility and serves the best unseen items', correct: true, feedback: 'No real platform can see true utility. The ideal recommender is the yardstick for the utility ratio, and it exists only in a simulator.' },
    ],
  },
  {
    id: 'gini',
    question: 'The exposure Gini over creators goes from 0.6 to 0.4 with a creator cap. What does that say?',
    options: [
      { id: 'b', label: 'Users are happier', correct: false, feedback: 'The Gini is about creators’ exposure, so it says nothing about users’ utility.' },
      { id: 'c', label: 'Fewer items were shown', correct: false, feedback: 'The cap moves impressions between creators, and the number of impressions can stay the same.' },
      { id: 'a', label: 'Impressions are spread more evenly over creators', correct: true, feedback: 'Whether users lost utility for it is a separate number: read the utility ratio.' },
      { id: 'd', label: 'The top 1% of items get more impressions', correct: false, feedback: 'That is a different metric (popularity bias), and a cap usually lowers it.' },
    ],
  },
  {
    id: 'paired',
    question: 'Over 10 seeds, the bands of A and B overlap, but the 95% interval of B − A lies above 0. What can you conclude?',
    options: [
      { id: 'a', label: 'Nothing: when the two bands overlap, the difference between the twins could be noise from the seeds', correct: false, feedback: 'Each twin’s band includes the variation between seeds, which the twins share. The paired difference removes it, and its interval excludes 0.' },
      { id: 'b', label: 'B is higher than A across these seeds', correct: true, feedback: 'Each seed compares the twins on the same users, so the interval of the per-seed differences is the test for this paired design.' },
      { id: 'c', label: 'B is higher only on the first seed', correct: false, feedback: 'The interval summarises all 10 per-seed differences, not one.' },
    ],
  },
  {
    id: 'drift',
    question: 'With drift rate η = 0, which metric stays at 0 in both twins?',
    options: [
      { id: 'd', label: 'Interest shift from tick 0', correct: true, feedback: 'With η = 0 no watched item moves θ, so true interests stay at their tick-0 values.' },
      { id: 'a', label: 'Homogenisation', correct: false, feedback: 'Homogenisation is about what users consume, which the feeds still shape with fixed interests.' },
      { id: 'b', label: 'Exposure Gini over creators', correct: false, feedback: 'Exposure still concentrates on some creators without any drift.' },
      { id: 'c', label: 'Catalogue coverage', correct: false, feedback: 'Coverage grows with every item served, drift or not.' },
    ],
  },
];
