import type { FeedSimulation } from '../loop/simulation';
import { entropy } from '../metrics/diversity';
import { gini, lorenzCurve, topExposureShare } from '../metrics/inequality';
import { meanInterestShift } from '../metrics/interestDrift';

/**
 * Lab 8's metrics of one twin after one tick. Exposure, coverage and
 * consumption are cumulative from tick 1; utility, diversity and engagement
 * are of this tick's feeds.
 */
export interface BubbleMetrics {
  /** Tick index, from 1. */
  tick: number;
  /**
   * Mean Jaccard index |C_u ∩ C_v| / |C_u ∪ C_v| over user pairs (u, v), where
   * C_u is the set of items user u consumed (watched past the skip threshold)
   * so far; 500 pairs sampled once per seed (all pairs when there are fewer);
   * in [0, 1]. Chaney, Stewart and Engelhardt (2018), "How algorithmic
   * confounding in recommendation systems increases homogeneity and decreases utility".
   */
  homogenisation: number;
  /** Mean true utility per impression this tick (response model), which the platform never observes. */
  trueUtility: number;
  /**
   * This tick's true utility over that of the ideal recommender, which serves
   * every active user the unseen items of highest true utility; 1 is ideal.
   */
  utilityRatio: number;
  /** Mean over feeds of 1 − mean pairwise cosine similarity of item topic mixes (Ziegler et al. 2005), in [0, 1]. */
  intraListDiversity: number;
  /**
   * Mean over users who consumed anything of the Shannon entropy (nats) of the
   * summed topic mixes of their consumed items; 0 for a user who saw one topic, ln T at most.
   */
  userTopicEntropy: number;
  /** Popularity bias: share of all impressions so far that went to the top 1% (⌈0.01 · items⌉) of items by impressions, in [0, 1]. */
  popularityBias: number;
  /** Gini coefficient of impressions so far over creators, in [0, 1): at most (n − 1)/n for n creators. */
  creatorGini: number;
  /** Share of the catalogue served at least once, in [0, 1]. */
  coverage: number;
  /** Mean total variation distance ½ Σ_t |θ_ut − θ⁰_ut| of true interests from tick 0, in [0, 1]. */
  interestShift: number;
  /** Mean observed watch fraction this tick: the engagement the platform logs. */
  meanWatch: number;
  /** Clicks per impression this tick. */
  clickRate: number;
  /** Impressions this tick. */
  impressions: number;
}

/** CSV column order of {@link BubbleMetrics}. */
export const BUBBLE_METRIC_COLUMNS = [
  'tick',
  'homogenisation',
  'trueUtility',
  'utilityRatio',
  'intraListDiversity',
  'userTopicEntropy',
  'popularityBias',
  'creatorGini',
  'coverage',
  'interestShift',
  'meanWatch',
  'clickRate',
  'impressions',
] as const satisfies readonly (keyof BubbleMetrics)[];

/** The metrics without `tick`, the ones a chart plots. */
export type BubbleMetricName = Exclude<(typeof BUBBLE_METRIC_COLUMNS)[number], 'tick'>;
export const BUBBLE_METRIC_NAMES = BUBBLE_METRIC_COLUMNS.filter((column): column is BubbleMetricName => column !== 'tick');

export { BUBBLE_METRIC_DOC, type BubbleMetricDoc } from './bubbleMetricDoc';

/**
 * Reads one simulation after each tick and computes its {@link BubbleMetrics}.
 * It reads only the simulation's public state (its history row, the event
 * log, the feature store and the world), new events once each.
 */
export class BubbleMetricsTracker {
  private readonly simulation: FeedSimulation;
  /** Impressions per creator so far, [creators]. */
  readonly creatorImpressions: Float64Array;
  /** Summed topic mixes of each user's consumed items, [users, topics]. */
  private readonly consumedTopics: Float64Array;
  private readEvents = 0;

  constructor(simulation: FeedSimulation) {
    this.simulation = simulation;
    this.creatorImpressions = new Float64Array(simulation.world.creators);
    this.consumedTopics = new Float64Array(simulation.world.users * simulation.world.topics);
  }

  /** Computes the row of the tick the simulation just finished. @throws Error when it has not run a tick yet. */
  update(): BubbleMetrics {
    const { world, log, history, store } = this.simulation;
    const row = history.at(-1);
    if (row === undefined) {
      throw new Error('BubbleMetricsTracker.update() needs a finished tick; call simulation.step() first');
    }
    const T = world.topics;
    for (let k = this.readEvents; k < log.length; k += 1) {
      const item = log.item[k];
      this.creatorImpressions[world.itemCreator[item]] += 1;
      if (log.skip[k] === 0) {
        const offset = log.user[k] * T;
        for (let t = 0; t < T; t += 1) {
          this.consumedTopics[offset + t] += world.itemTopics[item * T + t];
        }
      }
    }
    this.readEvents = log.length;

    return {
      tick: row.tick,
      homogenisation: row.homogenisation,
      trueUtility: row.trueUtility,
      utilityRatio: row.utilityRatio,
      intraListDiversity: row.intraListDiversity,
      userTopicEntropy: meanUserEntropy(this.consumedTopics, world.users, T),
      popularityBias: topExposureShare(store.impressions, 0.01),
      creatorGini: gini(this.creatorImpressions),
      coverage: row.coverage,
      interestShift: meanInterestShift(world.userInitialInterests, world.userInterests, world.users, T),
      meanWatch: row.meanWatch,
      clickRate: row.clickRate,
      impressions: row.impressions,
    };
  }

  /** Lorenz curve of impressions so far over creators: n + 1 points from (0, 0) to (1, 1). */
  creatorLorenz(): { x: Float64Array; y: Float64Array } {
    return lorenzCurve(this.creatorImpressions);
  }
}

/** Computes the mean entropy of the rows of a [users, T] matrix of topic mass, over rows with any mass; 0 when none has. */
export function meanUserEntropy(mass: Float64Array, users: number, T: number): number {
  let sum = 0;
  let counted = 0;
  for (let u = 0; u < users; u += 1) {
    const row = mass.subarray(u * T, (u + 1) * T);
    if (row.some((value) => value > 0)) {
      sum += entropy(row);
      counted += 1;
    }
  }
  return counted > 0 ? sum / counted : 0;
}
