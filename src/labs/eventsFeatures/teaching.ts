/** Lab 2's teaching material: objectives, check questions, and "predict, then run" steps read from the run's numbers. */
import type { CheckQuestion, PredictStep } from '../../teaching/types';
import type { FreshnessComparison, FreshnessProgress } from '../../worker/eventsFeaturesApi';
import { describeLoss, judgeFreshness } from './freshnessExperiment';
import { argmax, fixed, percent } from './format';
import type { EventsFeaturesController } from './labController';

export const OBJECTIVES: readonly string[] = [
  'Say what the logging stage records for each impression, and read per-type event rates off the stream.',
  'Tell batch features from real-time ones and explain why a platform computes them differently.',
  'Measure what stale batch features cost in click rate and in true utility, and why the two can disagree.',
  'Compare the profile and the trending list the platform built with the truth they estimate.',
];

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'logging',
    question: 'What does the logging stage record for each impression?',
    options: [
      { id: 'clicks', label: 'Only the clicks, since they are the signal the ranker predicts', correct: false, feedback: 'Impressions without a click are the negatives of the click model, and skips and watch time are labels too. A log of clicks alone cannot give a click rate.' },
      { id: 'all', label: 'Who saw which item, where and from which source, what the user did, and what the ranker predicted', correct: true, feedback: 'Every row of the event table is such a record. The context and the predictions at serving time let the platform train, debug and evaluate later.' },
      { id: 'truth', label: 'The user’s interests at the moment of the impression', correct: false, feedback: 'No platform observes interests. It logs behaviour and estimates interests from it: the profile in the feature store is that estimate.' },
    ],
  },
  {
    id: 'split',
    question: 'Why does a platform compute the long-term profile in batch but session features in real time?',
    options: [
      { id: 'cost', label: 'The profile aggregates a long history and changes slowly, so a periodic job is cheap and good enough; a session changes within minutes and is useless late', correct: true, feedback: 'The split trades cost against freshness: each feature is recomputed about as often as it changes.' },
      { id: 'accuracy', label: 'Batch jobs are more accurate than streaming jobs', correct: false, feedback: 'Both compute the same formula on the same events; a batch value is only older. Here the served profile equals the live profile right after a refresh.' },
      { id: 'privacy', label: 'Real-time features may not use personal data', correct: false, feedback: 'Session features are as personal as the profile: both are built from the same user’s events.' },
    ],
  },
  {
    id: 'binge',
    question: 'A user who mostly watched pets starts binge-watching cooking. Which feature tells the ranker first?',
    options: [
      { id: 'session', label: 'The session features', correct: true, feedback: 'The session holds only the last N events, so a few cooking videos fill it. The decayed profile needs many more before cooking outweighs years of pets.' },
      { id: 'profile', label: 'The long-term profile', correct: false, feedback: 'The profile sums the whole history with a half-life of about 13.5 ticks here, so new events move it slowly. Step 2 measures the gap.' },
      { id: 'trending', label: 'The trending list', correct: false, feedback: 'Trending counts everyone’s engagement per item. One user’s binge hardly moves it and says nothing about that user.' },
    ],
  },
  {
    id: 'utility',
    question: 'Stale features lowered the measured click rate. Does that show users are worse off?',
    options: [
      { id: 'yes', label: 'Yes: fewer clicks means users got less of what they want', correct: false, feedback: 'Clicks are what the platform can measure. Clickbait raises clicks and lowers true utility in this world, so the two can move apart.' },
      { id: 'no', label: 'Not on its own: true utility has to be checked separately, and only the simulator knows it', correct: true, feedback: 'The freshness chart draws both. A real platform would need a holdout or a survey to see the utility side.' },
    ],
  },
  {
    id: 'trending',
    question: 'Why does measured trending differ from the items of highest true appeal?',
    options: [
      { id: 'exposure', label: 'It counts engagement with what was shown, so exposure decides what can trend', correct: true, feedback: 'An item the feed never showed cannot collect watch time, however appealing. Trending then feeds the popularity source, which shows those items again.' },
      { id: 'noise', label: 'Only because watch fractions are random', correct: false, feedback: 'Noise averages out over hundreds of impressions. The gap that remains comes from which items were shown at all.' },
      { id: 'decay', label: 'Because the decay is too fast to measure anything', correct: false, feedback: 'A half-life of about 3 ticks makes trending recent, not blind. Items that were never shown would not trend with any decay.' },
    ],
  },
  {
    id: 'skew',
    question: 'The ranker trains on the features logged at serving time. Why not recompute the features when training?',
    options: [
      { id: 'skew', label: 'Recomputed features would differ from the ones the ranker saw when it served, which is training/serving skew', correct: true, feedback: 'With stale serving features the gap is large: the served copy can be up to N − 1 ticks older than the live store.' },
      { id: 'speed', label: 'Only because recomputing is slower', correct: false, feedback: 'Speed matters, but the main reason is correctness: a model must learn from the inputs it will get when serving.' },
    ],
  },
];

interface StepContext {
  controller: EventsFeaturesController;
  /** The freshness experiment's stale refresh period and run length, in ticks. */
  staleRefresh: number;
  compareTicks: number;
  /** Publishes a finished freshness comparison to the page's chart. */
  onComparison(comparison: FreshnessComparison): void;
}

/** Plays ticks until the page's run has reached `tick`. */
async function runUntil(controller: EventsFeaturesController, tick: number, status: (text: string) => void): Promise<void> {
  const now = controller.getState().tick;
  if (now < tick) {
    status(`Running the page’s simulation to tick ${tick}…`);
    await controller.run(tick - now);
  }
  if (controller.getState().tick < tick) {
    throw new Error(`the simulation stopped at tick ${controller.getState().tick} before tick ${tick}`);
  }
}

export function buildSteps({ controller, staleRefresh, compareTicks, onComparison }: StepContext): PredictStep[] {
  const topicName = (index: number) => controller.getState().init?.topicNames[index] ?? `topic ${index}`;
  return [
    {
      id: 'stale-features',
      title: 'Stale batch features',
      question: `Batch features refreshed every ${staleRefresh} ticks against every tick, over ${compareTicks} ticks: what do stale features cost?`,
      options: [
        { id: 'both', label: 'Click rate falls by 2% or more, and true utility falls with it', explanation: 'In this run the stale profile and item statistics led to worse feeds by both measures, the one the platform sees and the one only the simulator knows.' },
        { id: 'click', label: 'Click rate falls by 2% or more, but true utility falls less than 2% or rises', explanation: 'The platform’s metric and the users’ good disagree. Judged by click rate alone, fresh features win, but the true utility of the feeds did not fall with stale features, or fell by less than 2%. In this world clickbait raises clicks and lowers true utility, so the two need not move together.' },
        { id: 'none', label: 'Click rate falls by less than 2% or rises', explanation: 'In this world and at this refresh period, stale batch features cost little click rate. The ranker still had the retrieval model and the real-time trend, which staleness does not touch.' },
      ],
      async run(status) {
        const comparison = await controller.compareFreshness([1, staleRefresh], compareTicks, (progress: FreshnessProgress) => {
          status(`Run ${progress.run + 1} of ${progress.runs}: tick ${progress.done} of ${progress.total}…`);
        });
        onComparison(comparison);
        const verdict = judgeFreshness(comparison);
        return {
          supported: verdict.supported,
          findings: [
            `Mean click rate: ${percent(verdict.freshClick, 2)} with fresh features, ${percent(verdict.staleClick, 2)} with features refreshed every ${staleRefresh} ticks (${describeLoss(verdict.clickLoss)}).`,
            `Mean true utility: ${fixed(verdict.freshUtility)} fresh, ${fixed(verdict.staleUtility)} stale (${describeLoss(verdict.utilityLoss)}).`,
          ],
        };
      },
    },
    {
      id: 'binge',
      title: 'A binge',
      question: 'The chosen user binge-watches 5 videos a tick of the topic least present in their profile. Which feature makes it the top topic first?',
      options: [
        { id: 'session', label: 'The session features', explanation: 'The session window holds only the last N events, so the binge fills it within a few events. The profile keeps its decayed history and turns later.' },
        { id: 'profile', label: 'The long-term profile', explanation: 'The profile turned first: the user’s decayed history was so small that a few binge events outweighed it, while the rest of the session window still held older events.' },
        { id: 'same', label: 'Both in the same tick, or neither within 15 ticks', explanation: 'With an empty history both features are made of the binge alone, so they turn together.' },
      ],
      async run(status) {
        await runUntil(controller, 20, status);
        await controller.refreshView();
        const view = controller.getState().view;
        if (view === null) {
          throw new Error('the feature view is not loaded');
        }
        const topic = view.servedProfile.indexOf(Math.min(...view.servedProfile));
        status('Replaying the binge on a copy of the user’s features…');
        const result = await controller.bingeProbe(topic, 5, 15);
        const session = result.sessionNoticedAt ?? Number.POSITIVE_INFINITY;
        const profile = result.profileNoticedAt ?? Number.POSITIVE_INFINITY;
        let supported = 'same';
        if (session < profile) {
          supported = 'session';
        } else if (profile < session) {
          supported = 'profile';
        }
        const when = (tick: number | null) => (tick === null ? 'not within 15 ticks' : `after tick ${tick} (${tick * 5} videos)`);
        const first = result.rows[0];
        return {
          supported,
          findings: [
            `User ${view.user} binged ${topicName(topic)}, which had ${percent(view.servedProfile[topic])} of the profile; the top topic was ${topicName(argmax(view.servedProfile))}.`,
            `After the first tick ${topicName(topic)} held ${percent(first.sessionShare)} of the session mix and ${percent(first.profileShare)} of the profile.`,
            `It became the session’s top topic ${when(result.sessionNoticedAt)}, and the profile’s ${when(result.profileNoticedAt)}.`,
          ],
        };
      },
    },
    {
      id: 'trending',
      title: 'Measured trending against true appeal',
      question: 'After 40 ticks, how many of the 20 measured trending items are among the 20 items of highest true appeal?',
      options: [
        { id: 'most', label: 'Half or more', explanation: 'Engagement counts found most of the truly appealing items: exposure was spread widely enough for them to be seen.' },
        { id: 'some', label: 'From a fifth to under half', explanation: 'Trending found some appealing items, but exposure decided much of it: items the feed kept showing collected the watch time.' },
        { id: 'few', label: 'Under a fifth', explanation: 'Trending mostly reflects what the platform chose to show. Appealing items that were never served could not collect any watch time.' },
      ],
      async run(status) {
        await runUntil(controller, 40, status);
        await controller.refreshView();
        const view = controller.getState().view;
        if (view === null) {
          throw new Error('the feature view is not loaded');
        }
        const overlap = view.trendingOverlap;
        let supported = 'few';
        if (overlap >= 0.5) {
          supported = 'most';
        } else if (overlap >= 0.2) {
          supported = 'some';
        }
        const top = view.measuredTrending[0];
        return {
          supported,
          findings: [
            `At tick ${view.tick}, ${percent(overlap, 0)} of the top 20 measured trending items are in the true top 20.`,
            `The top trending item, ${top.item} (${topicName(top.topic)}), ranks ${top.appealRank} of ${controller.getState().init?.items ?? '?'} by true appeal.`,
          ],
        };
      },
    },
  ];
}
