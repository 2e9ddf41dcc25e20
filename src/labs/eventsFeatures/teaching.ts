/** Lab 2's teaching material: objectives, check questions, and "predict, then run" steps read from the run's numbers. */
import type { CheckQuestion, PredictStep } from '../../teaching/types';
import { TRENDING_COUNT } from '../../engine/features/userView';
import type { FreshnessComparison, FreshnessProgress, TrendingSnapshot } from '../../worker/eventsFeaturesApi';
import { describeAgreement, describeChange, judgeFreshness } from './freshnessExperiment';
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
      { id: 'clicks', label: 'Only the clicks, the signal the ranker predicts', correct: false, feedback: 'Impressions without a click are the negatives of the click model, and skips and watch time are labels too. A log of clicks alone cannot give a click rate.' },
      { id: 'all', label: 'The context, the user’s actions and the ranker’s predictions', correct: true, feedback: 'Every row of the event table is such a record: who saw which item, in which slot, from which source, what the user did, and the predicted click probability. They let the platform train, debug and evaluate later.' },
      { id: 'truth', label: 'The user’s interests at the moment of the impression', correct: false, feedback: 'No platform observes interests. It logs behaviour and estimates interests from it: the profile in the feature store is that estimate.' },
      { id: 'feed', label: 'The whole feed once per session, without per-item outcomes', correct: false, feedback: 'A feed without outcomes cannot train a click model. The log has one row per impression, with the user’s actions on that item.' },
    ],
  },
  {
    id: 'split',
    question: 'Why does a platform compute the long-term profile in batch but session features in real time?',
    options: [
      { id: 'cost', label: 'Each is recomputed about as often as it changes', correct: true, feedback: 'The profile aggregates a long history and changes slowly, so a periodic job is cheap and good enough. A session changes within minutes and is useless late.' },
      { id: 'accuracy', label: 'Batch jobs are more accurate than streaming jobs', correct: false, feedback: 'Both compute the same formula on the same events; a batch value is only older. Here the served profile equals the live profile right after a refresh.' },
      { id: 'privacy', label: 'Real-time features may not use personal data', correct: false, feedback: 'Session features are as personal as the profile: both are built from the same user’s events.' },
      { id: 'size', label: 'A profile is too large to keep in memory for a stream job', correct: false, feedback: 'A profile has one value per topic per user, the same shape as the session’s topic mix. Size does not decide the split here.' },
    ],
  },
  {
    id: 'binge',
    question: 'A user who mostly watched pets starts binge-watching cooking. Which feature tells the ranker first?',
    options: [
      { id: 'profile', label: 'The long-term profile', correct: false, feedback: 'The profile decays old events with a half-life of about 13.5 ticks here, so a binge has to outweigh the user’s remaining history first. Step 2 measures the gap.' },
      { id: 'session', label: 'The session features', correct: true, feedback: 'The session holds only the user’s last N events (N is “Session length N”), so it turns once cooking is the largest share of those events. The profile still holds its decayed history and turns later, by a margin that depends on that history. Step 2 measures it for one user.' },
      { id: 'trending', label: 'The trending list', correct: false, feedback: 'Trending counts everyone’s engagement per item. One user’s binge hardly moves it and says nothing about that user.' },
    ],
  },
  {
    id: 'utility',
    question: 'Stale features lowered the measured click rate. Does that show users are worse off?',
    options: [
      { id: 'yes', label: 'Yes: fewer clicks means users got less of what they want', correct: false, feedback: 'Clicks are what the platform can measure. Clickbait raises clicks and lowers true utility in this world’s response model, so the two can move apart.' },
      { id: 'no', label: 'Not on its own: true utility must be checked separately', correct: true, feedback: 'The freshness chart draws both, and only the simulator knows true utility. A real platform would need a holdout or a survey to see that side.' },
      { id: 'opposite', label: 'No: fewer clicks always means users are better off', correct: false, feedback: 'Click rate and true utility can fall together: step 1 shows either outcome, depending on the seed.' },
    ],
  },
  {
    id: 'trending',
    question: 'Why does measured trending differ from the items of highest true appeal?',
    options: [
      { id: 'noise', label: 'Watch fractions are random, and that noise reorders the list', correct: false, feedback: 'Noise averages out over hundreds of impressions. The gap that remains comes from which items were shown at all.' },
      { id: 'decay', label: 'The trend decays too fast to keep any item on the list', correct: false, feedback: 'A half-life of about 3 ticks makes trending recent, not blind. Items that were never shown would not trend with any decay.' },
      { id: 'exposure', label: 'Only items the feed showed could collect engagement', correct: true, feedback: 'Trending counts engagement with what was shown. An item the feed never showed cannot collect watch time, however appealing. Trending then feeds the popularity source, which shows those items again.' },
    ],
  },
  {
    id: 'skew',
    question: 'The ranker trains on the features logged at serving time. Why not recompute the features when training?',
    options: [
      { id: 'storage', label: 'The event log is deleted once the feeds have been served', correct: false, feedback: 'The log is kept: it is the training data. Features could be recomputed from it, but they would not match what was served.' },
      { id: 'skew', label: 'Recomputed features would cause training/serving skew', correct: true, feedback: 'Recomputed features differ from the ones the ranker saw when it served. With stale serving features the gap is large: the served copy can be up to “Batch refresh (ticks)” − 1 ticks older than the live store.' },
      { id: 'speed', label: 'Recomputing features from the whole log takes too long', correct: false, feedback: 'Speed matters, but the main reason is correctness: a model must learn from the inputs it will get when serving.' },
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

/** Tick at which step 3 compares measured trending with true appeal. */
export const TRENDING_TICK = 40;

/**
 * Returns the trending overlap at exactly `tick`: from the page's run when it
 * has not passed `tick` (playing it forward), else from a fresh copy of the
 * same world played from tick 0, because the page's run cannot go back.
 */
async function trendingAtTick(controller: EventsFeaturesController, tick: number, status: (text: string) => void): Promise<TrendingSnapshot> {
  if (controller.getState().tick > tick) {
    status(`The page’s run is past tick ${tick}: replaying the same world from tick 0 to tick ${tick}…`);
    return controller.trendingAt(tick);
  }
  await runUntil(controller, tick, status);
  await controller.refreshView();
  const view = controller.getState().view;
  if (view === null || view.tick !== tick) {
    throw new Error(`the feature view is not at tick ${tick}; run the step again`);
  }
  return { tick: view.tick, overlap: view.trendingOverlap, top: view.measuredTrending[0] };
}

export function buildSteps({ controller, staleRefresh, compareTicks, onComparison }: StepContext): PredictStep[] {
  const topicName = (index: number) => controller.getState().init?.topicNames[index] ?? `topic ${index}`;
  return [
    {
      id: 'stale-features',
      title: 'Stale batch features',
      question: `Batch features refreshed every ${staleRefresh} ticks against every tick, over ${compareTicks} ticks: what do stale features cost?`,
      options: [
        { id: 'both', label: 'Click rate falls by 2% or more (relative), and true utility falls by 2% or more too', explanation: 'In this run the stale profiles and item statistics made the feeds worse by both measures: the click rate the platform sees and the true utility only the simulator knows.' },
        { id: 'click', label: 'Click rate falls by 2% or more (relative), but true utility falls by less than 2% or rises', explanation: 'Judged by click rate alone, fresh features win, but the true utility of the feeds fell by less, or rose: the platform’s metric and the users’ good moved apart in this run.' },
        { id: 'none', label: 'Click rate falls by less than 2% (relative), or rises', explanation: 'In this world and at this refresh period, stale batch features cost little click rate. The ranker still had the retrieval model and the real-time trend, which staleness does not touch. The utility finding below says whether users lost anyway.' },
      ],
      async run(status) {
        const comparison = await controller.compareFreshness([1, staleRefresh], compareTicks, (progress: FreshnessProgress) => {
          status(`Run ${progress.run + 1} of ${progress.runs}: tick ${progress.done} of ${progress.total}…`);
        });
        onComparison(comparison);
        const verdict = judgeFreshness(comparison);
        const seed = controller.getSettings().seed;
        return {
          supported: verdict.supported,
          findings: [
            `Mean click rate over ${compareTicks} ticks ${describeChange(verdict.freshClick, verdict.staleClick, (value) => percent(value, 2))} (refreshed every ${staleRefresh} ticks against every tick).`,
            `Mean true utility ${describeChange(verdict.freshUtility, verdict.staleUtility, (value) => fixed(value))}.`,
            describeAgreement(verdict),
            `These numbers are for seed ${seed}. The size of both changes, and whether true utility falls at all, differs from seed to seed: change Seed under “World” in the Run panel and run this step again to compare.`,
          ],
        };
      },
    },
    {
      id: 'binge',
      title: 'A binge',
      question: 'From tick 20 of the page’s run (or its current tick, if later), the chosen user binge-watches 5 videos a tick of the topic least present in their profile. Which feature makes it the top topic first?',
      options: [
        { id: 'session', label: 'The session features', explanation: 'The session window holds only the user’s last N events, so once the binge is the largest share of those events the session turns. The profile keeps its decayed history and turned later; the findings give both ticks.' },
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
        const when = (tick: number | null) => (tick === null ? 'not within 15 ticks of the binge' : `after binge tick ${tick} (${tick * 5} binge videos)`);
        const first = result.rows[0];
        return {
          supported,
          findings: [
            `At tick ${view.tick} of the page’s run, user ${view.user} started to binge ${topicName(topic)}, which had ${percent(view.servedProfile[topic])} of the profile; the top topic was ${topicName(argmax(view.servedProfile))}. The session window holds the last ${controller.getSettings().sessionLength} events.`,
            `After the first tick ${topicName(topic)} held ${percent(first.sessionShare)} of the session mix and ${percent(first.profileShare)} of the profile.`,
            `It became the session’s top topic ${when(result.sessionNoticedAt)}, and the profile’s ${when(result.profileNoticedAt)}.`,
          ],
        };
      },
    },
    {
      id: 'trending',
      title: 'Measured trending against true appeal',
      question: `At tick ${TRENDING_TICK}, how many of the ${TRENDING_COUNT} measured trending items are among the ${TRENDING_COUNT} items of highest true appeal?`,
      options: [
        { id: 'most', label: 'Half or more', explanation: 'Engagement counts found most of the truly appealing items: exposure was spread widely enough for them to be seen.' },
        { id: 'some', label: 'From a fifth to under half', explanation: 'Trending found some appealing items, but exposure decided much of it: items the feed kept showing collected the watch time.' },
        { id: 'few', label: 'Under a fifth', explanation: 'Trending mostly reflects what the platform chose to show. Appealing items that were never served could not collect any watch time.' },
      ],
      async run(status) {
        const snapshot = await trendingAtTick(controller, TRENDING_TICK, status);
        let supported = 'few';
        if (snapshot.overlap >= 0.5) {
          supported = 'most';
        } else if (snapshot.overlap >= 0.2) {
          supported = 'some';
        }
        const { top } = snapshot;
        return {
          supported,
          findings: [
            `At tick ${snapshot.tick}, ${percent(snapshot.overlap, 0)} of the top ${TRENDING_COUNT} measured trending items are in the true top ${TRENDING_COUNT}.`,
            `The top trending item at tick ${snapshot.tick}, ${top.item} (${topicName(top.topic)}), ranks ${top.appealRank} of ${controller.getState().init?.items ?? '?'} by true appeal.`,
          ],
        };
      },
    },
  ];
}
