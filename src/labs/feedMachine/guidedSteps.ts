/**
 * The guided "predict, then run" steps of Lab 1. Each step poses a question,
 * the student picks a prediction, the page runs the step's runs from tick 0
 * (applying each run's policy changes on the way) and reveals the numbers.
 * Which option the run supports is computed from those numbers, never
 * assumed, and each option carries the explanation that applies when the run
 * supports it.
 */
import type { TickMetrics } from '../../engine/loop/types';
import type { FeedMachineParams } from '../../engine/scenarios/feedMachine';
import type { PolicyChange } from '../../engine/scenarios/policySchedule';
import type { StepOption, StepOutcome } from '../../teaching/types';
import { formatNumber, formatPercent, meanOver } from './format';

export interface StepRun {
  /** Short name of the run in the findings, for example "ε = 0". */
  label: string;
  /** Parameters at tick 0. */
  params: Partial<FeedMachineParams>;
  /** Policy changes during the run; none when absent. */
  changes?: PolicyChange[];
}

export interface GuidedStep {
  id: string;
  title: string;
  question: string;
  options: StepOption[];
  runs: StepRun[];
  /** Ticks per run. */
  ticks: number;
  /** Reads the runs' metric rows, in the order of `runs`. */
  reveal(results: readonly (readonly TickMetrics[])[]): StepOutcome;
}

/**
 * A small world shared by the steps, so each run takes seconds: 400 users,
 * 2,000 items, 12 topics and a drift rate high enough for interests to move
 * visibly within 40 ticks.
 */
export const GUIDED_BASE: Partial<FeedMachineParams> = {
  seed: 7,
  users: 400,
  items: 2_000,
  creators: 100,
  topics: 12,
  feedSize: 10,
  epsilon: 0.1,
  retrainEvery: 5,
  diversityWeight: 0,
  driftRate: 0.05,
  clickWeight: 1,
  watchWeight: 1,
  embeddingDim: 16,
};

/** Window of the last ticks that the findings average over. */
const LAST = 10;

/** Mean of a metric over the last {@link LAST} ticks of a run. */
function lastMean(rows: readonly TickMetrics[], field: keyof TickMetrics): number {
  return meanOver(rows, (row) => row[field], rows.length - LAST, rows.length);
}

/** Returns a metric at the last tick of a run, or NaN for an empty run. */
function finalValue(rows: readonly TickMetrics[], field: keyof TickMetrics): number {
  return rows.length > 0 ? rows[rows.length - 1][field] : Number.NaN;
}

/** Relative change from `before` to `after`; NaN when `before` is 0 or not finite. */
function relativeChange(before: number, after: number): number {
  return Number.isFinite(before) && before !== 0 ? (after - before) / Math.abs(before) : Number.NaN;
}

/** A relative change smaller than this counts as "about the same". */
const SAME = 0.05;

/** Picks the option id for a relative change: below −SAME, within ±SAME, or above +SAME. */
function classifyChange(change: number, lower: string, same: string, higher: string): string {
  if (change < -SAME) {
    return lower;
  }
  if (change > SAME) {
    return higher;
  }
  return same;
}

function percentChange(change: number): string {
  return Number.isFinite(change) ? `${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)}%` : 'n/a';
}

export const GUIDED_STEPS: readonly GuidedStep[] = [
  {
    id: 'exploration',
    title: 'Exploration and the narrowing feed',
    question:
      'Two runs of 40 ticks differ only in exploration: ε = 0 (every slot chosen by the models) and ε = 0.2 (one slot in five is a random unseen item). ' +
      'In the last 10 ticks, how will the topic entropy of what people watch compare?',
    options: [
      {
        id: 'lower',
        label: 'Lower with ε = 0: the feed narrows without exploration',
        explanation:
          'Without exploration the models only learn about items they already chose to show, so their next choices stay near the last ones and users drift toward them. ' +
          'Random slots keep putting other topics in front of people. That keeps the mix wider and the catalogue covered, and it can cost some true utility now: compare the utility ratios.',
      },
      {
        id: 'same',
        label: 'About the same: exploration is too small to matter',
        explanation:
          'In this run the two worlds ended with similar topic mixes: the drift toward watched topics and the retrieval model dominate whatever the random slots add. Try a larger ε or more ticks.',
      },
      {
        id: 'higher',
        label: 'Higher with ε = 0: the models alone diversify better',
        explanation:
          'In this run the models alone spread watch time more evenly than random slots did. Random items are often far from interests and get skipped, so they add little watch time to new topics.',
      },
    ],
    runs: [
      { label: 'ε = 0', params: { ...GUIDED_BASE, epsilon: 0 } },
      { label: 'ε = 0.2', params: { ...GUIDED_BASE, epsilon: 0.2 } },
    ],
    ticks: 40,
    reveal([none, some]) {
      const entropyNone = lastMean(none, 'topicEntropy');
      const entropySome = lastMean(some, 'topicEntropy');
      const change = relativeChange(entropySome, entropyNone);
      return {
        findings: [
          `Topic entropy, mean of the last ${LAST} ticks: ${formatNumber(entropyNone, 2)} nats with ε = 0, ${formatNumber(entropySome, 2)} nats with ε = 0.2 (${percentChange(change)} without exploration).`,
          `Utility ratio (ground truth): ${formatNumber(lastMean(none, 'utilityRatio'))} with ε = 0, ${formatNumber(lastMean(some, 'utilityRatio'))} with ε = 0.2.`,
          `Catalogue served at least once by the last tick: ${formatPercent(finalValue(none, 'coverage'), 0)} with ε = 0, ${formatPercent(finalValue(some, 'coverage'), 0)} with ε = 0.2.`,
        ],
        supported: classifyChange(change, 'lower', 'same', 'higher'),
      };
    },
  },
  {
    id: 'retraining',
    title: 'What retraining buys',
    question:
      'Two runs of 40 ticks: the models never retrain (retrain period 0), or they retrain every 5 ticks on the logs. ' +
      'In the last 10 ticks, how do click rate and true utility compare between the two?',
    options: [
      {
        id: 'both',
        label: 'Retraining raises both click rate and true utility',
        explanation:
          'Retraining teaches the ranker which items each user responds to. In this world clicks and true utility both grow with the match between item and interests, ' +
          'so better matching lifts both, though clickbait can lift clicks without lifting utility.',
      },
      {
        id: 'clicks',
        label: 'Retraining raises click rate much more than true utility',
        explanation:
          'The ranker is trained on clicks and watch time, not on utility. Clickbait raises clicks and watch but lowers true utility, so a ranker that learns to serve it gains engagement that users do not value.',
      },
      {
        id: 'neither',
        label: 'Neither changes much',
        explanation:
          'In this run retraining changed little. Note that clicks can rise even without retraining: users drift toward what they watch, so the same untrained ranking fits them better over time (look at interest shift).',
      },
    ],
    runs: [
      { label: 'never retrained', params: { ...GUIDED_BASE, retrainEvery: 0 } },
      { label: 'retrained every 5 ticks', params: { ...GUIDED_BASE, retrainEvery: 5 } },
    ],
    ticks: 40,
    reveal([never, retrained]) {
      const clickChange = relativeChange(lastMean(never, 'clickRate'), lastMean(retrained, 'clickRate'));
      const utilityChange = relativeChange(lastMean(never, 'trueUtility'), lastMean(retrained, 'trueUtility'));
      let supported = 'both';
      if (Math.abs(clickChange) < SAME && Math.abs(utilityChange) < SAME) {
        supported = 'neither';
      } else if (clickChange > SAME && utilityChange < clickChange / 2) {
        supported = 'clicks';
      }
      return {
        findings: [
          `Click rate, mean of the last ${LAST} ticks: ${formatNumber(lastMean(never, 'clickRate'))} never retrained, ${formatNumber(lastMean(retrained, 'clickRate'))} retrained (${percentChange(clickChange)}).`,
          `True utility per item (ground truth): ${formatNumber(lastMean(never, 'trueUtility'))} never retrained, ${formatNumber(lastMean(retrained, 'trueUtility'))} retrained (${percentChange(utilityChange)}).`,
          `Click rate over the first ${LAST} ticks of the run that never retrained: ${formatNumber(meanOver(never, (row) => row.clickRate, 0, LAST))}; interest shift at its last tick: ${formatNumber(finalValue(never, 'interestShift'), 2)}.`,
        ],
        supported,
      };
    },
  },
  {
    id: 'diversity',
    title: 'Diversity re-ranking',
    question:
      'Two runs of 40 ticks: diversity weight λ = 0 (pure score order) and λ = 1 (each item pays a penalty for resembling the items above it). ' +
      'In the last 10 ticks, what happens to intra-list diversity and to click rate with λ = 1?',
    options: [
      {
        id: 'down',
        label: 'Diversity rises and click rate falls',
        explanation:
          'The penalty moves items of other topics up the feed. They have lower predicted scores, so fewer of them are clicked: diversity is bought with engagement.',
      },
      {
        id: 'same',
        label: 'Diversity rises and click rate stays about the same',
        explanation: 'The re-ranked feeds are more varied, and the items moved up were nearly as clickable as those they replaced.',
      },
      {
        id: 'up',
        label: 'Diversity rises and click rate rises too',
        explanation:
          'Varied feeds put items of more topics into the logs, so each retrain learned more about what each user clicks. ' +
          'True interests are spread over several topics, so a feed of one topic was not the most clickable one either.',
      },
      {
        id: 'flat',
        label: 'Diversity barely changes',
        explanation: 'In this run the penalty was too small against the score differences to reorder the feeds much. Try a larger λ.',
      },
    ],
    runs: [
      { label: 'λ = 0', params: { ...GUIDED_BASE, diversityWeight: 0 } },
      { label: 'λ = 1', params: { ...GUIDED_BASE, diversityWeight: 1 } },
    ],
    ticks: 40,
    reveal([plain, diverse]) {
      const diversityChange = relativeChange(lastMean(plain, 'intraListDiversity'), lastMean(diverse, 'intraListDiversity'));
      const clickChange = relativeChange(lastMean(plain, 'clickRate'), lastMean(diverse, 'clickRate'));
      let supported = 'same';
      if (diversityChange < SAME) {
        supported = 'flat';
      } else if (clickChange < -SAME) {
        supported = 'down';
      } else if (clickChange > SAME) {
        supported = 'up';
      }
      return {
        findings: [
          `Intra-list diversity, mean of the last ${LAST} ticks: ${formatNumber(lastMean(plain, 'intraListDiversity'))} with λ = 0, ${formatNumber(lastMean(diverse, 'intraListDiversity'))} with λ = 1 (${percentChange(diversityChange)}).`,
          `Click rate: ${formatNumber(lastMean(plain, 'clickRate'))} with λ = 0, ${formatNumber(lastMean(diverse, 'clickRate'))} with λ = 1 (${percentChange(clickChange)}).`,
          `True utility per item (ground truth): ${formatNumber(lastMean(plain, 'trueUtility'))} with λ = 0, ${formatNumber(lastMean(diverse, 'trueUtility'))} with λ = 1.`,
        ],
        supported,
      };
    },
  },
  {
    id: 'calibration',
    title: 'Predictions before the first retrain',
    question:
      'One run of 20 ticks in which the models first retrain after tick 15. Over ticks 1 to 15, how does the mean predicted click probability compare with the true click probability of the items served?',
    options: [
      {
        id: 'lower',
        label: 'The prediction is lower than the truth',
        explanation:
          'Before its first training the ranker has learned nothing from logs: it predicts the same starting value for every item, whatever the item or the user. ' +
          'The truth depends on how well each item matches each user, and on clickbait. After the retrain the predictions differ by item (compare ticks 16 to 20), ' +
          'but they need not match the truth even then: the feed takes the items the ranker scores highest, which include those it over-estimates most, so the mean prediction over served items can overshoot.',
      },
      {
        id: 'equal',
        label: 'About the same',
        explanation:
          'The untrained ranker predicts one starting value for every item; in this run that value happened to be close to the average true click probability, though it cannot tell good items from bad ones.',
      },
      {
        id: 'higher',
        label: 'The prediction is higher than the truth',
        explanation:
          'The untrained ranker predicts one starting value for every item, and in this run it was above the average true click probability of what was served.',
      },
    ],
    runs: [{ label: 'first retrain after tick 15', params: { ...GUIDED_BASE, retrainEvery: 15 } }],
    ticks: 20,
    reveal([run]) {
      const predictedBefore = meanOver(run, (row) => row.meanPredictedClick, 0, 15);
      const trueBefore = meanOver(run, (row) => row.meanTrueClick, 0, 15);
      const change = relativeChange(trueBefore, predictedBefore);
      return {
        findings: [
          `Ticks 1 to 15: mean predicted click ${formatNumber(predictedBefore)}, mean true click probability ${formatNumber(trueBefore)} (prediction ${percentChange(change)} against the truth).`,
          `Ticks 16 to 20, after the retrain: predicted ${formatNumber(meanOver(run, (row) => row.meanPredictedClick, 15, 20))}, true ${formatNumber(meanOver(run, (row) => row.meanTrueClick, 15, 20))}.`,
        ],
        supported: classifyChange(change, 'lower', 'equal', 'higher'),
      };
    },
  },
  {
    id: 'live-exploration',
    title: 'Turning exploration on in the middle of a run',
    question:
      'One run of 60 ticks: 30 ticks with ε = 0, then ε changes to 0.3 after tick 30 and the run goes on with the same users, items and logs. ' +
      'How does the topic entropy of what people watch in ticks 51 to 60 compare with ticks 21 to 30, just before the change?',
    options: [
      {
        id: 'higher',
        label: 'Higher: random slots widen the mix again',
        explanation:
          'Once random slots appear, people watch some items outside the topics the models had settled on. Interests drift toward what is watched, ' +
          'so the mix widens again, and the retrains after tick 30 learn from the wider logs. Exploration can partly undo a narrowing; ' +
          'compare the utility ratios to see what the random slots cost in true utility.',
      },
      {
        id: 'same',
        label: 'About the same: the narrowing has already set in',
        explanation:
          'In this run the mix hardly moved after the change. Thirty ticks without exploration had pulled interests toward a few topics, and random items far from those ' +
          'interests were mostly skipped, so they added little watch time to other topics. A feedback loop is easier to prevent than to undo; try a larger ε.',
      },
      {
        id: 'lower',
        label: 'Lower: the narrowing goes on',
        explanation:
          'In this run entropy kept falling after the change: the drift toward watched topics that built up over the first 30 ticks outweighed what the random slots added. ' +
          'Try a larger ε, or make the change earlier.',
      },
    ],
    runs: [
      {
        label: 'ε = 0, then ε = 0.3 after tick 30',
        params: { ...GUIDED_BASE, epsilon: 0 },
        changes: [{ tick: 30, update: { epsilon: 0.3 } }],
      },
    ],
    ticks: 60,
    reveal([run]) {
      const entropyBefore = meanOver(run, (row) => row.topicEntropy, 20, 30);
      const entropyAfter = meanOver(run, (row) => row.topicEntropy, 50, 60);
      const change = relativeChange(entropyBefore, entropyAfter);
      return {
        findings: [
          `Topic entropy: ${formatNumber(entropyBefore, 2)} nats over ticks 21 to 30 (ε = 0), ${formatNumber(entropyAfter, 2)} nats over ticks 51 to 60 (ε = 0.3), ${percentChange(change)}.`,
          `Share of served slots that were random: ${formatPercent(meanOver(run, (row) => row.shareExploration, 20, 30), 0)} before the change, ${formatPercent(meanOver(run, (row) => row.shareExploration, 50, 60), 0)} after it.`,
          `Utility ratio (ground truth): ${formatNumber(meanOver(run, (row) => row.utilityRatio, 20, 30))} before, ${formatNumber(meanOver(run, (row) => row.utilityRatio, 50, 60))} after.`,
        ],
        supported: classifyChange(change, 'lower', 'same', 'higher'),
      };
    },
  },
];
