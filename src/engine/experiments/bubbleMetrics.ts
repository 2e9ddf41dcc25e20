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
   * Mean Jaccard index |C_u ∩ C_v| / |C_u ∪ C_v| of the sets of items consumed
   * (watched past the skip threshold) so far, over 500 user pairs sampled once
   * per seed (all pairs when there are fewer); in [0, 1]. Chaney, Stewart and
   * Engelhardt 2018.
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
  /** Popularity bias: share of all impressions so far that went to the top 1% of items. */
  popularityBias: number;
  /** Gini coefficient of impressions so far over creators, in [0, 1). */
  creatorGini: number;
  /** Share of the catalogue served at least once. */
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

/** Each metric's label, formula (LaTeX) and source, for chart titles and the page's definitions. */
export const BUBBLE_METRIC_DOC: Record<BubbleMetricName, { label: string; latex: string; source: string }> = {
  homogenisation: { label: 'Homogenisation', latex: '\\frac{1}{|P|}\\sum_{(u,v) \\in P} \\frac{|C_u \\cap C_v|}{|C_u \\cup C_v|}', source: 'Chaney, Stewart and Engelhardt 2018' },
  trueUtility: { label: 'True utility per impression', latex: '\\frac{1}{N}\\sum U_{ui}', source: 'the response model' },
  utilityRatio: { label: 'Utility relative to the ideal recommender', latex: '\\bar U / \\bar U^{\\text{ideal}}', source: 'Chaney, Stewart and Engelhardt 2018 (ideal recommender)' },
  intraListDiversity: { label: 'Intra-list diversity', latex: '1 - \\frac{2}{K(K-1)}\\sum_{a<b} \\cos(\\phi_a, \\phi_b)', source: 'Ziegler et al. 2005' },
  userTopicEntropy: { label: 'Per-user topic entropy (nats)', latex: '-\\sum_t p_{ut} \\ln p_{ut},\\; p_u \\propto \\sum_{i \\in C_u} \\phi_i', source: 'Shannon entropy of consumption' },
  popularityBias: { label: 'Exposure share of the top 1% of items', latex: '\\sum_{i \\in \\text{top }1\\%} n_i / \\sum_i n_i', source: 'popularity bias: exposure concentrated on the most exposed items' },
  creatorGini: { label: 'Exposure Gini over creators', latex: '\\frac{\\sum_j (2j - n - 1)\\, x_{(j)}}{n \\sum_j x_j}', source: 'Gini coefficient' },
  coverage: { label: 'Catalogue coverage', latex: '|\\{i : n_i > 0\\}| / |I|', source: 'catalogue coverage' },
  interestShift: { label: 'Interest shift from tick 0', latex: '\\frac{1}{|U|}\\sum_u \\tfrac12 \\lVert \\theta_u - \\theta_u^0 \\rVert_1', source: 'total variation distance' },
  meanWatch: { label: 'Mean watch fraction', latex: '\\bar w', source: 'engagement the platform logs' },
  clickRate: { label: 'Click rate', latex: '\\text{clicks} / N', source: 'engagement the platform logs' },
  impressions: { label: 'Impressions', latex: 'N', source: 'count' },
};

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
