import { entropy, intraListDiversity } from '../metrics/diversity';
import { homogenisation } from '../metrics/homogenisation';
import { coverage, gini } from '../metrics/inequality';
import type { World } from '../world/types';
import type { CandidateSource, TickMetrics, TopicMixRow } from './types';

/** Running sums over one tick's impressions, turned into a {@link TickMetrics} row at the end. */
export class TickAccumulator {
  private readonly topics: number;
  impressions = 0;
  activeUsers = 0;
  private watch = 0;
  private clicks = 0;
  private likes = 0;
  private shares = 0;
  private skips = 0;
  private utility = 0;
  private idealUtility = 0;
  private idealSlots = 0;
  private diversity = 0;
  private feeds = 0;
  private predictedClick = 0;
  private trueClick = 0;
  private predictedWatch = 0;
  private trueWatch = 0;
  private readonly bySource: Record<CandidateSource, number> = { popularity: 0, embedding: 0, exploration: 0, ideal: 0, following: 0, shared: 0 };
  /** Watch-weighted consumed topic mass, [topics]. */
  readonly topicMass: Float64Array;

  constructor(topics: number) {
    this.topics = topics;
    this.topicMass = new Float64Array(topics);
  }

  addImpression(
    world: World,
    item: number,
    source: CandidateSource,
    observed: { watch: number; click: boolean; like: boolean; share: boolean; skip: boolean },
    predicted: { click: number; watch: number },
    truth: { click: number; watch: number; utility: number },
  ): void {
    this.impressions += 1;
    this.watch += observed.watch;
    this.clicks += observed.click ? 1 : 0;
    this.likes += observed.like ? 1 : 0;
    this.shares += observed.share ? 1 : 0;
    this.skips += observed.skip ? 1 : 0;
    this.utility += truth.utility;
    this.predictedClick += predicted.click;
    this.predictedWatch += predicted.watch;
    this.trueClick += truth.click;
    this.trueWatch += truth.watch;
    this.bySource[source] += 1;
    const T = this.topics;
    for (let t = 0; t < T; t += 1) {
      this.topicMass[t] += observed.watch * world.itemTopics[item * T + t];
    }
  }

  addFeed(world: World, items: number[], idealUtilitySum: number, idealSlots: number): void {
    this.activeUsers += 1;
    this.feeds += 1;
    this.diversity += intraListDiversity(items, world.itemTopics, world.topics);
    this.idealUtility += idealUtilitySum;
    this.idealSlots += idealSlots;
  }

  /**
   * The tick's row. Cumulative quantities (exposure, coverage, consumption
   * overlap, interest shift) are read from the simulation's state.
   */
  finish(
    tick: number,
    world: World,
    state: { impressionsPerItem: Float32Array; consumed: readonly ReadonlySet<number>[]; pairs: Uint32Array },
    training: { retrained: boolean; rankerLoss: number; retrievalLoss: number },
  ): { metrics: TickMetrics; topicMix: TopicMixRow } {
    const n = this.impressions;
    const perImpression = (sum: number): number => (n > 0 ? sum / n : Number.NaN);
    const trueUtility = perImpression(this.utility);
    const idealUtility = this.idealSlots > 0 ? this.idealUtility / this.idealSlots : Number.NaN;
    const massTotal = this.topicMass.reduce((sum, value) => sum + value, 0);
    const shares = Array.from(this.topicMass, (value) => (massTotal > 0 ? value / massTotal : 0));

    const metrics: TickMetrics = {
      tick,
      activeUsers: this.activeUsers,
      impressions: n,
      meanWatch: perImpression(this.watch),
      clickRate: perImpression(this.clicks),
      likeRate: perImpression(this.likes),
      shareRate: perImpression(this.shares),
      skipRate: perImpression(this.skips),
      trueUtility,
      idealUtility,
      utilityRatio: idealUtility > 0 ? trueUtility / idealUtility : Number.NaN,
      intraListDiversity: this.feeds > 0 ? this.diversity / this.feeds : Number.NaN,
      topicEntropy: entropy(this.topicMass),
      exposureGini: gini(state.impressionsPerItem),
      coverage: coverage(state.impressionsPerItem),
      homogenisation: homogenisation(state.consumed, state.pairs),
      interestShift: meanInterestShift(world),
      meanPredictedClick: perImpression(this.predictedClick),
      meanTrueClick: perImpression(this.trueClick),
      meanPredictedWatch: perImpression(this.predictedWatch),
      meanTrueWatch: perImpression(this.trueWatch),
      sharePopularity: perImpression(this.bySource.popularity),
      shareEmbedding: perImpression(this.bySource.embedding),
      shareExploration: perImpression(this.bySource.exploration),
      retrained: training.retrained ? 1 : 0,
      rankerLoss: training.rankerLoss,
      retrievalLoss: training.retrievalLoss,
    };
    return { metrics, topicMix: { tick, shares } };
  }
}

/** Mean over users of the L1 distance between current and initial true interests, in [0, 2]. */
export function meanInterestShift(world: World): number {
  if (world.users === 0) {
    return 0;
  }
  let total = 0;
  for (let k = 0; k < world.userInterests.length; k += 1) {
    total += Math.abs(world.userInterests[k] - world.userInitialInterests[k]);
  }
  return total / world.users;
}
