/**
 * Lab 9's teaching material: objectives, three "predict, then run" steps
 * whose findings are read from their own runs, and check questions.
 */
import { trafficDependency } from '../../engine/creators/dependency';
import type { CheckQuestion, PredictStep, StepOutcome } from '../../teaching/types';
import type { CreatorsExperiment, CreatorsPair } from '../../worker/creatorsApi';
import { formatCount, formatPercent, formatRho } from './format';
import { CREATORS_DEFAULTS, CREATORS_PRESETS, presetSettings, twinPair, type CreatorsSettings } from './settings';

export const OBJECTIVES: readonly string[] = [
  'Compare a follow-graph feed with an algorithmic feed by how closely each creator’s reach follows its follower count, using a rank correlation.',
  'Measure how long a creator without followers takes to reach an audience, with and without exploration, and explain why more exploration need not be faster.',
  'Read share cascades: how many start, how large they grow and why most stay small.',
  'Quantify a creator’s or advertiser’s dependency on one platform decision, an objective change, and how traffic from channels the platform does not control cushions it.',
];

/** Ticks of each step's run. */
export const STEP_TICKS = 40;

/** Off-platform views per tick of the focus creator in the objective-change step. */
export const STEP_EXTERNAL_VIEWS = 10;

/** Difference in Spearman's ρ below which step 1 calls the two feeds alike. */
export const SIMILAR_RHO = 0.05;

/** Relative change of traffic below which step 3 calls the traffic unchanged. */
export const UNCHANGED_DROP = 0.05;

/**
 * Builds a step's settings: the page's default world and seed, so each
 * step's findings are the same every time, with the feeds of one preset.
 */
export function stepSettings(presetId: string, extra: Partial<CreatorsSettings> = {}): CreatorsSettings {
  const preset = CREATORS_PRESETS.find((candidate) => candidate.id === presetId);
  if (preset === undefined) {
    throw new Error(`Preset "${presetId}" not found; use one of ${CREATORS_PRESETS.map((candidate) => candidate.id).join(', ')}.`);
  }
  return { ...CREATORS_DEFAULTS, ...presetSettings(preset, CREATORS_DEFAULTS.feedSize), ...extra };
}

function lastTick(experiment: CreatorsExperiment): number {
  const row = experiment.rows.at(-1);
  if (row === undefined) {
    throw new Error('the run returned no ticks');
  }
  return row.tick;
}

/** Reads step 1 (A the follow feed, B the algorithmic feed). */
export function followFeedOutcome(experiment: CreatorsExperiment): StepOutcome {
  const tick = lastTick(experiment);
  const { a, b } = experiment.snapshots;
  let supported = 'similar';
  if (a.rankCorrelation - b.rankCorrelation > SIMILAR_RHO) {
    supported = 'follow-higher';
  } else if (b.rankCorrelation - a.rankCorrelation > SIMILAR_RHO) {
    supported = 'algorithmic-higher';
  }
  return {
    supported,
    findings: [
      `Spearman’s ρ between followers and distinct users reached, after ${tick} ticks: follow feed ${formatRho(a.rankCorrelation)}, algorithmic feed ${formatRho(b.rankCorrelation)}.`,
      `Mean distinct users reached by micro creators (fewer than ${a.microThreshold} followers) and macro creators: follow feed ${formatCount(a.reachByGroup.micro)} and ${formatCount(a.reachByGroup.macro)}, algorithmic feed ${formatCount(b.reachByGroup.micro)} and ${formatCount(b.reachByGroup.macro)}.`,
    ],
  };
}

/** Describes a twin's time to the reach target. */
function describeTicks(ticks: number | null, available: number): string {
  return ticks === null ? `not within ${available} ticks` : `${ticks} ticks`;
}

/** Reads step 2 (A no exploration, B ε = 0.1, both algorithmic); `settings` gives the release tick and the target. */
export function newCreatorOutcome(experiment: CreatorsExperiment, settings: Pick<CreatorsSettings, 'newCreatorTick' | 'reachTarget'>): StepOutcome {
  const tick = lastTick(experiment);
  const available = Math.max(0, tick - settings.newCreatorTick + 1);
  const a = experiment.snapshots.a.ticksToTarget;
  const b = experiment.snapshots.b.ticksToTarget;
  let supported = 'neither';
  if (a !== null && b !== null && a === b) {
    supported = 'same';
  } else if (b !== null && (a === null || b < a)) {
    supported = 'exploration-sooner';
  } else if (a !== null) {
    supported = 'exploration-later';
  }
  const last = experiment.rows.at(-1);
  return {
    supported,
    findings: [
      `Time for the new creator (released at tick ${settings.newCreatorTick}) to reach ${settings.reachTarget} distinct users: with ε = 0, ${describeTicks(a, available)}; with ε = 0.1, ${describeTicks(b, available)}.`,
      `Distinct users reached by tick ${tick}: with ε = 0, ${formatCount(last?.a.newCreatorUsers ?? Number.NaN)}; with ε = 0.1, ${formatCount(last?.b.newCreatorUsers ?? Number.NaN)}.`,
    ],
  };
}

/** Describes a relative drop: "a drop of 25.0%", or "a gain of 40.0%" for a negative drop. */
export function describeDrop(drop: number): string {
  return drop < 0 ? `a gain of ${formatPercent(-drop)}` : `a drop of ${formatPercent(drop)}`;
}

/** Reads step 3 (A no change, the counterfactual; B changes its objective at `changeTick`). */
export function objectiveChangeOutcome(experiment: CreatorsExperiment, changeTick: number): StepOutcome {
  const rows = experiment.rows;
  const changed = trafficDependency(
    rows.map((row) => row.b),
    changeTick,
  );
  const counterfactual = trafficDependency(
    rows.map((row) => row.a),
    changeTick,
  );
  let supported = 'unchanged';
  if (changed.platformDrop > UNCHANGED_DROP) {
    supported = 'falls';
  } else if (changed.platformDrop < -UNCHANGED_DROP) {
    supported = 'rises';
  }
  const external = rows.at(-1)?.b.focusExternalViews ?? 0;
  return {
    supported,
    findings: [
      `Platform impressions of the focus creator per tick, ticks 1–${changeTick} against ticks ${changeTick + 1}–${lastTick(experiment)}: ${formatCount(changed.platformBefore)} against ${formatCount(changed.platformAfter)}, ${describeDrop(changed.platformDrop)}.`,
      `With ${external} off-platform views per tick added, total traffic went from ${formatCount(changed.totalBefore)} to ${formatCount(changed.totalAfter)}, ${describeDrop(changed.totalDrop)}.`,
      `Without the change (twin A), the same creator averaged ${formatCount(counterfactual.platformAfter)} platform impressions per tick after tick ${changeTick}.`,
    ],
  };
}

/** Headless twin runner of the steps: the controller's `experiment`. */
export type RunExperiment = (pair: CreatorsPair, ticks: number, onProgress: (tick: number) => void) => Promise<CreatorsExperiment>;

function stepRun(runExperiment: RunExperiment, settings: CreatorsSettings, read: (experiment: CreatorsExperiment) => StepOutcome): PredictStep['run'] {
  return async (status) => {
    status(`Running both twins for ${STEP_TICKS} ticks…`);
    const experiment = await runExperiment(twinPair(settings), STEP_TICKS, (tick) => status(`Tick ${tick} of ${STEP_TICKS}…`));
    return read(experiment);
  };
}

/** Builds the three steps on a headless runner (the page passes its controller's `experiment`). */
export function buildSteps(runExperiment: RunExperiment): PredictStep[] {
  const follow = stepSettings('follow-vs-algorithmic');
  const exploration = stepSettings('new-creator-exploration');
  const change = stepSettings('objective-change', { externalViews: STEP_EXTERNAL_VIEWS });
  return [
    {
      id: 'follow-feed',
      title: 'Reach and followers',
      question: `Twin A fills feed slots from followed creators first; twin B ranks the whole catalogue. After ${STEP_TICKS} ticks, in which feed does a creator’s reach follow its follower count more closely (higher rank correlation)?`,
      options: [
        { id: 'follow-higher', label: 'In the follow feed', explanation: 'In the follow feed a creator reaches mostly its followers and the recipients of their shares; the ranking only fills slots that a user’s followed creators cannot. So the follower count caps reach, and the ranks line up.' },
        { id: 'algorithmic-higher', label: 'In the algorithmic feed', explanation: 'Here the ranking gave more reach to creators with many followers than the follow graph did. Popular creators’ items collect engagement, and the models learn to rank them first.' },
        { id: 'similar', label: 'About the same in both', explanation: `The two ρ differ by at most ${SIMILAR_RHO}. Both feeds then order creators much as their follower counts do; look at the scatter for who breaks the pattern.` },
      ],
      run: stepRun(runExperiment, follow, followFeedOutcome),
    },
    {
      id: 'new-creator',
      title: 'A new creator and exploration',
      question: `A creator with no followers releases ${exploration.newCreatorItems} items at tick ${exploration.newCreatorTick}. Twin A never explores; twin B fills 10% of each feed with random unseen items. Which twin gets the creator to ${exploration.reachTarget} users sooner?`,
      options: [
        { id: 'exploration-sooner', label: 'B, with exploration', explanation: 'Random slots show the new items to users the models would never have picked; their reactions enter the logs, the items start to trend, and the ranking takes over. More is not always faster: set twin B to ε = 0.3 on the page and compare.' },
        { id: 'exploration-later', label: 'A, without exploration', explanation: 'Here exploration slowed the new creator. Its random slots also fill the trending list with other explored items, which compete with the new creator’s few items for the same slots.' },
        { id: 'same', label: 'Both in the same tick', explanation: 'Exploration made no difference to the time here; the new items reached their audience through the ranking in both twins.' },
        { id: 'neither', label: 'Neither within the run', explanation: `Neither twin got the new creator to the target. Without history the models score new items low, and 10% random slots over ${exploration.items} items rarely land on its ${exploration.newCreatorItems}. More exploration is not a sure fix either: it also floods the trending list.` },
      ],
      run: stepRun(runExperiment, exploration, (experiment) => newCreatorOutcome(experiment, exploration)),
    },
    {
      id: 'objective-change',
      title: 'The platform switches to shares',
      question: `After tick ${change.changeTick} twin B stops ranking by clicks and watch time and ranks by estimated share rate; twin A keeps its objective. The focus creator also gets ${STEP_EXTERNAL_VIEWS} views per tick from outside the platform. What happens to its platform traffic in B after the change?`,
      options: [
        { id: 'falls', label: 'It falls, and total traffic falls by a smaller share', explanation: 'The creator’s items are shared less than the items that the new objective promotes, so the platform moved impressions away from it. The off-platform views do not move, so the same loss is a smaller share of total traffic.' },
        { id: 'rises', label: 'It rises', explanation: 'An objective change moves traffic between creators, and this one gained: the share term scores its items higher, against other creators’ items, than clicks and watch time did. Compare its true P(share) with the platform’s estimate in the ground-truth panel, and try another focus creator: a change that one creator welcomes is another’s loss.' },
        { id: 'unchanged', label: `It stays within ${UNCHANGED_DROP * 100}%`, explanation: 'The change barely moved this creator: its items rank about as high by share rate as by clicks and watch time. Try a creator whose items users share less.' },
      ],
      run: stepRun(runExperiment, change, (experiment) => objectiveChangeOutcome(experiment, change.changeTick)),
    },
  ];
}

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'rank-correlation',
    question: 'In one feed, Spearman’s ρ between creators’ followers and the users they reached is 0.9; in another it is 0.3. What does that say?',
    options: [
      { id: 'a', label: 'The first feed reaches about three times as many users in total as the second', correct: false, feedback: 'ρ compares orderings of creators, not totals; a feed can reach fewer users with a higher ρ.' },
      { id: 'b', label: 'In the second feed, follower counts predict the order of reach less well', correct: true, feedback: 'A low ρ means creators with few followers often out-reach those with many, so reach depends on more than the follow graph.' },
      { id: 'c', label: 'In the second feed, micro creators reach nobody', correct: false, feedback: 'A low ρ points the other way: some small creators reach more users than their follower counts predict.' },
    ],
  },
  {
    id: 'log-scale',
    question: 'Why does the reach scatter plot followers + 1 and reach + 1 on log scales?',
    options: [
      { id: 'a', label: 'Follower counts are heavy-tailed, and + 1 keeps creators with 0 on the chart', correct: true, feedback: 'A log axis spreads counts from 1 to thousands evenly, and log 0 is undefined, so every count is shifted by one.' },
      { id: 'b', label: 'The platform stores follower counts and reach counts as logarithms internally', correct: false, feedback: 'The engine stores whole counts; the scale is only a way to draw them.' },
      { id: 'c', label: 'It makes the rank correlation larger', correct: false, feedback: 'Ranks do not change under a monotone transform such as log(x + 1), so ρ stays the same.' },
      { id: 'd', label: 'Log scales hide the new creator', correct: false, feedback: 'The + 1 exists to show creators with 0 followers, like the new creator, at the left edge.' },
    ],
  },
  {
    id: 'cold-start',
    question: 'Why can a new creator with good items reach almost nobody in a feed without exploration?',
    options: [
      { id: 'b', label: 'Its items are worse than the rest of the catalogue, so users skip them whenever they are shown', correct: false, feedback: 'The ground-truth panel shows its true quality; the platform ranks it low before it has seen any reaction, whatever that quality.' },
      { id: 'c', label: 'The follow graph blocks creators without followers', correct: false, feedback: 'The algorithmic feed reserves no slot for followed creators: the ranking decides, and the follow graph only routes shares.' },
      { id: 'a', label: 'The models have no logged reactions to its items, so they rank them below items with history', correct: true, feedback: 'This is the cold start: without impressions there is no data, and without data no impressions. Exploration or a boost for new items breaks the loop.' },
    ],
  },
  {
    id: 'cascade-size',
    question: 'Most share cascades in the histogram have size 0 or 1. Why?',
    options: [
      { id: 'a', label: 'Sharing is switched off after the first share', correct: false, feedback: 'Any recipient who shares again extends the cascade; the engine allows chains of any length.' },
      { id: 'b', label: 'Share probabilities are low, so a delivered item is rarely shared again', correct: true, feedback: 'With a few percent sharing and a few recipients per share, each generation is smaller than the last, so most cascades die out at once.' },
      { id: 'c', label: 'Recipients never open the app, so deliveries lapse before anyone sees them', correct: false, feedback: 'Recipients open the app with their usual activity; a delivery lapses only when they do not open it in the next tick.' },
    ],
  },
  {
    id: 'dependency',
    question: 'A creator gets 100 platform impressions and 50 off-platform views per tick. A change halves the platform impressions. By how much does total traffic drop?',
    options: [
      { id: 'a', label: 'By 50%, as much as the platform impressions', correct: false, feedback: 'That is the drop of platform impressions alone. Total traffic goes from 150 to 100.' },
      { id: 'b', label: 'By 25%, half the drop of the platform impressions', correct: false, feedback: 'A drop of 50 out of a total of 150 is a third, not a quarter.' },
      { id: 'c', label: 'By about 33%', correct: true, feedback: 'Total traffic goes from 150 to 100 per tick: the off-platform views do not move, so they soften the loss.' },
    ],
  },
];
