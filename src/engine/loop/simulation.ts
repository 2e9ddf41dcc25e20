import { EventLog } from '../events/log';
import { FeatureLog } from '../events/featureLog';
import { FeatureStore } from '../features/store';
import { sampleUserPairs } from '../metrics/homogenisation';
import { LogisticRanker } from '../models/logisticRanker';
import { MatrixFactorisation } from '../models/matrixFactorisation';
import { Random } from '../random';
import { rankingFeatureCount } from '../ranking/features';
import { topK } from '../retrieval/topK';
import type { FeedMachineParams } from '../scenarios/feedMachine';
import { DEFAULT_FEATURE_REFRESH, MAX_FEATURE_REFRESH, featureRefreshSchema } from '../scenarios/feedMachine';
import type { PolicyUpdate } from '../scenarios/policySchedule';
import { applyPolicy } from '../scenarios/policySchedule';
import { maxInterest, trueResponse, trueUtilityRow, applyWatch } from '../world/response';
import { createSyntheticWorld } from '../world/synthetic';
import { retrievalEmbeddingMap } from './embeddingMap';
import type { World } from '../world/types';
import type { PlannedFeed } from './feed';
import { FeedScratch, RETRIEVAL, planFeed } from './feed';
import { servedItem } from './servedItem';
import { TickAccumulator } from './tickAccumulator';
import { CatalogueScorer } from './catalogueScorer';
import type { Interventions } from './interventions';
import { NO_INTERVENTIONS, createCreatorCap, validateInterventions } from './interventions';
import { planReferenceFeed } from './referenceFeeds';
import type { CreatorExposureCap } from '../ranking/exposureCap';
import { playSession } from './session';
import type { CreatorHooks, ShareObjective } from './creatorHooks';
import { withInjectedItems } from './injectedSlots';
import { hideUnreleasedItems, releaseItems } from './itemRelease';
import type { EmbeddingMap, ServedItem, TickMetrics, TopicMixRow, UserFeedSnapshot } from './types';

/** Training set-up of both models at each retrain. */
export const TRAINING = {
  /** Events of the last `windowTicks` ticks train the retrieval model. */
  windowTicks: 20,
  /** At most this many of the newest events train each model. */
  maxSamples: 40_000,
  retrieval: { epochs: 3, batchSize: 1024, learningRate: 0.05, l2: 1e-4 },
  ranker: { epochs: 3, batchSize: 512, learningRate: 0.02, l2: 1e-5 },
  /** User pairs sampled once for the homogenisation metric. */
  homogenisationPairs: 500,
};

/** Active users scored together in one matrix product; bounds the [block, items] buffers. */
const SERVING_BLOCK = 256;

/** Options of a simulation that are not Lab 1's parameters. */
export interface SimulationOptions {
  /**
   * Ticks between two refreshes of the batch features the ranker reads (user
   * profiles and item statistics), an integer ≥ 1. With 1 (the default) the
   * ranker reads them live, updated by every event. With N > 1 it reads a
   * copy taken at the start of ticks 1, N + 1, 2N + 1, …, so they are up to
   * N − 1 ticks old. Trend counts are real-time features and stay live.
   */
  featureRefresh?: number;
  /** Recommender and remedies of Lab 8; {@link NO_INTERVENTIONS} (Lab 1's loop) when absent. */
  interventions?: Interventions;
  /** Lab 9's creator mechanics (follow feed, shares, releases, share objective); none when absent. */
  creators?: CreatorHooks;
}

export interface StepOptions {
  /** Fraction of the retrain done, in [0, 1]. */
  onTrainingProgress?: (fraction: number) => void;
  /**
   * Throws when the backend has failed without an error of its own: a lost
   * WebGL context reads back zeros instead of throwing. Called after both
   * models trained and before their weights count, so a throw restores them.
   */
  checkBackend?: () => void;
}

interface PendingTick {
  tick: number;
  accumulator: TickAccumulator;
}

/**
 * The closed loop of Lab 1. One tick: each active user gets a feed of K
 * items, responds through the true response model, the platform logs the
 * events and updates its features, and every R ticks both models retrain on
 * the logs. All state lives in typed arrays and plain objects; TensorFlow.js
 * is used only inside the models' train() calls.
 */
export class FeedSimulation {
  /** Current parameters; the policy fields among them may change between ticks (see {@link setPolicy}). */
  get params(): FeedMachineParams {
    return this.currentParams;
  }
  private currentParams: FeedMachineParams;
  readonly world: World;
  readonly history: TickMetrics[] = [];
  readonly topicMixHistory: TopicMixRow[] = [];
  readonly log = new EventLog();
  /** The live feature store: every logged event updates it at once. */
  readonly store: FeatureStore;
  /**
   * The features the ranker and retrieval read when serving: `store` itself
   * when {@link featureRefresh} is 1, else a serving copy whose batch
   * features are refreshed every `featureRefresh` ticks.
   */
  readonly servingStore: FeatureStore;
  /** Ticks between refreshes of the served batch features; see {@link SimulationOptions.featureRefresh}. */
  readonly featureRefresh: number;
  readonly retrieval: MatrixFactorisation;
  readonly ranker: LogisticRanker;
  private readonly rankingLog: FeatureLog;
  private readonly root: Random;
  /** 1 where user u has been served item i, [users, items]. */
  private readonly seen: Uint8Array;
  /** Items each user watched past the skip threshold. */
  private readonly consumed: Set<number>[];
  private readonly pairs: Uint32Array;
  /** Fixed per-item tie-breaks for the trending list, in [0, 1e-3); they order a cold catalogue randomly. */
  private readonly trendTieBreak: Float32Array;
  private readonly scratch: FeedScratch;
  private readonly scorer: CatalogueScorer;
  private readonly lastFeed = new Map<number, { tick: number; items: ServedItem[] }>();
  private ticks = 0;
  /** Tick at whose start the served batch features were last copied; 0 before the first. */
  private batchRefreshTick = 0;
  private pending: PendingTick | null = null;
  private lastRankerLoss = Number.NaN;
  private lastRetrievalLoss = Number.NaN;
  /** Recommender and remedies of Lab 8; {@link NO_INTERVENTIONS} in Lab 1. */
  readonly interventions: Interventions;
  private readonly creatorCap: CreatorExposureCap | undefined;
  private readonly creatorHooks: CreatorHooks | undefined;

  private constructor(params: FeedMachineParams, world: World, options: SimulationOptions) {
    if (world.users * world.items > 50_000_000) {
      throw new Error(`A world of ${world.users} users × ${world.items} items is too large to simulate (at most 50,000,000 user-item pairs); use fewer users or items.`);
    }
    const featureRefresh = options.featureRefresh ?? DEFAULT_FEATURE_REFRESH;
    if (!featureRefreshSchema.safeParse(featureRefresh).success) {
      throw new Error(`featureRefresh=${featureRefresh} is invalid; use a whole number of ticks from 1 to ${MAX_FEATURE_REFRESH}.`);
    }
    this.currentParams = params;
    this.world = world;
    this.root = new Random(params.seed);
    this.store = new FeatureStore(world.users, world.items, world.topics);
    this.featureRefresh = featureRefresh;
    this.servingStore = featureRefresh === 1 ? this.store : FeatureStore.servingCopy(this.store);
    this.retrieval = new MatrixFactorisation(world.users, world.items, params.embeddingDim, this.root.fork('retrieval-init'));
    this.ranker = new LogisticRanker(rankingFeatureCount(world.topics));
    this.rankingLog = new FeatureLog(TRAINING.maxSamples, rankingFeatureCount(world.topics));
    this.seen = new Uint8Array(world.users * world.items);
    this.consumed = Array.from({ length: world.users }, () => new Set<number>());
    this.pairs = sampleUserPairs(world.users, TRAINING.homogenisationPairs, this.root.fork('pairs'));
    this.scratch = new FeedScratch(world.items, world.topics);
    this.scorer = new CatalogueScorer(world);
    const tieRng = this.root.fork('trend-ties');
    this.trendTieBreak = Float32Array.from({ length: world.items }, () => tieRng.next() * 1e-3);
    this.interventions = validateInterventions(options.interventions ?? NO_INTERVENTIONS);
    this.creatorCap = createCreatorCap(world.creators, this.interventions);
    this.creatorHooks = options.creators;
    if (options.creators?.releaseTick !== undefined) {
      hideUnreleasedItems(this.seen, world, options.creators.releaseTick);
    }
  }

  /**
   * Builds a simulation; the synthetic world is drawn from `params` unless
   * `world` is given. Without `options` it is Lab 1's loop. The caller must
   * have set the TensorFlow.js backend.
   *
   * @throws Error when `options.featureRefresh` is not a whole number from 1 to 200.
   */
  static async create(params: FeedMachineParams, world?: World, options: SimulationOptions = {}): Promise<FeedSimulation> {
    const built = world ?? createSyntheticWorld(params, new Random(params.seed).fork('world'));
    return new FeedSimulation(params, built, options);
  }

  get tick(): number {
    return this.ticks;
  }

  /**
   * Tick at whose start the served batch features were computed. With
   * `featureRefresh` 1 they are live, so this is the last served tick.
   */
  get batchFeaturesTick(): number {
    return this.servingStore === this.store ? this.ticks : this.batchRefreshTick;
  }

  /**
   * Changes policy parameters (exploration, diversity weight, retrain period,
   * drift rate, utility weights) from the next tick on. Users, items and logs
   * stay as they are, so a run with the same changes at the same ticks
   * repeats exactly.
   *
   * @throws Error for a field that cannot change mid-run or a value out of range; nothing changes then.
   */
  setPolicy(update: PolicyUpdate): FeedMachineParams {
    if (this.pending !== null) {
      throw new Error(`Cannot change the policy while tick ${this.pending.tick} is unfinished; retry the step first.`);
    }
    this.currentParams = applyPolicy(this.currentParams, update);
    return this.currentParams;
  }

  /**
   * Runs one tick. When a retrain throws, the served tick is kept as pending
   * and the error propagates. The next call then redoes only the retrain, from
   * the same weights and random stream, and returns the tick's row.
   */
  async step(options: StepOptions = {}): Promise<{ metrics: TickMetrics; topicMix: TopicMixRow }> {
    if (this.pending === null) {
      this.pending = this.serveTick(this.ticks + 1);
    }
    const { tick, accumulator } = this.pending;
    const retrainDue = this.params.retrainEvery > 0 && tick % this.params.retrainEvery === 0 && this.interventions.recommender === 'platform';
    if (retrainDue) {
      await this.retrain(tick, options);
    }

    const row = accumulator.finish(
      tick,
      this.world,
      { impressionsPerItem: this.store.impressions, consumed: this.consumed, pairs: this.pairs },
      { retrained: retrainDue, rankerLoss: this.lastRankerLoss, retrievalLoss: this.lastRetrievalLoss },
    );
    this.pending = null;
    this.ticks = tick;
    this.history.push(row.metrics);
    this.topicMixHistory.push(row.topicMix);
    return row;
  }

  /** Serving half of a tick: feeds, responses, logging, feature updates. */
  private serveTick(tick: number): PendingTick {
    const { world, store } = this;
    const activityRng = this.root.fork(`activity:${tick}`);
    const exploreRng = this.root.fork(`explore:${tick}`);
    const responseRng = this.root.fork(`response:${tick}`);
    const accumulator = new TickAccumulator(world.topics);
    const F = rankingFeatureCount(world.topics);
    const utilityRow = new Float32Array(world.items);

    const active: number[] = [];
    for (let user = 0; user < world.users; user += 1) {
      if (activityRng.bernoulli(world.userActivity[user])) {
        active.push(user);
      }
    }

    store.decay();
    if (this.servingStore !== store && (tick - 1) % this.featureRefresh === 0) {
      this.servingStore.copyBatchFeaturesFrom(store);
      this.batchRefreshTick = tick;
    }
    this.creatorCap?.startTick();
    if (this.creatorHooks?.releaseTick !== undefined) {
      releaseItems(this.seen, world, this.creatorHooks.releaseTick, tick);
    }
    this.creatorHooks?.startTick(tick);
    const inputs = { ...this.feedInputs(), trending: this.trendingList(), ...this.interventionInputs(), ...this.shareInputs() };
    const hooks = this.creatorHooks;

    for (let start = 0; start < active.length; start += SERVING_BLOCK) {
      const block = active.slice(start, start + SERVING_BLOCK);
      const scores = this.scorer.score(block, this.retrieval);
      block.forEach((user, b) => {
        const recommender = this.interventions.recommender;
        const planned =
          recommender === 'platform'
            ? planFeed(inputs, user, exploreRng, this.scratch, scores.retrieval?.subarray(b * world.items, (b + 1) * world.items))
            : planReferenceFeed(recommender, inputs, user, exploreRng, this.scratch, utilityRow);
        const plan = hooks === undefined ? planned : withInjectedItems(planned, hooks.injectedItems(user, tick), inputs, user);
        if (plan.slots.length === 0) {
          return;
        }
        const dots = scores.topics === undefined ? undefined : {
          interests: scores.topics.subarray(b * world.items, (b + 1) * world.items),
          recent: scores.topics.subarray((block.length + b) * world.items, (block.length + b + 1) * world.items),
        };
        trueUtilityRow(world, user, utilityRow, dots);
        const ideal = topK(utilityRow, plan.slots.length, this.seen, user * world.items);
        const idealSum = ideal.reduce((sum, item) => sum + utilityRow[item], 0);
        const served = this.respond(tick, user, plan, responseRng, accumulator, F);
        accumulator.addFeed(world, served.map((slot) => slot.item), idealSum, ideal.length);
        this.lastFeed.set(user, { tick, items: served });
      });
    }
    return { tick, accumulator };
  }

  /**
   * Plays the planned feed to the user. Expected responses come from the true
   * model at the start of the session, then actions are sampled, logged and
   * fed to the feature store, and true interests drift. With attention loss
   * the user may leave before the end of the feed.
   */
  private respond(tick: number, user: number, plan: PlannedFeed, rng: Random, accumulator: TickAccumulator, F: number): ServedItem[] {
    const { world, store, params } = this;
    const userMax = maxInterest(world, user);
    const expected = plan.slots.map((slot) => trueResponse(world, user, slot.item, store.visiblePopularity(slot.item), userMax));
    const served: ServedItem[] = [];

    playSession(plan.slots, expected, world.dynamics, rng).forEach(({ slot, observed }, position) => {
      const truth = expected[position];
      this.log.append({
        tick,
        user,
        item: slot.item,
        position,
        source: slot.source,
        ...observed,
        predictedClick: slot.predictedClick,
        predictedWatch: slot.predictedWatch,
      });
      this.rankingLog.push(plan.features, position * F, observed.click, observed.watch);
      store.record(user, slot.item, observed.watch, observed.click, world.itemTopics);
      this.seen[user * world.items + slot.item] = 1;
      this.creatorCap?.record(world.itemCreator[slot.item]);
      if (!observed.skip) {
        this.consumed[user].add(slot.item);
      }
      this.creatorHooks?.recordImpression(tick, user, slot.item, slot.source, observed);
      applyWatch(world, user, slot.item, observed.watch, params.driftRate);
      accumulator.addImpression(
        world,
        slot.item,
        slot.source,
        observed,
        { click: slot.predictedClick, watch: slot.predictedWatch },
        { click: truth.clickProb, watch: truth.expectedWatch, utility: truth.utility },
      );
      served.push(servedItem(world, slot, position, truth, observed));
    });
    return served;
  }

  /** Lab 8's re-ranking inputs; empty for Lab 1, so its feeds are planned as before. */
  private interventionInputs(): { calibrationWeight?: number; creatorCap?: CreatorExposureCap } {
    const { calibrationWeight } = this.interventions;
    return { ...(calibrationWeight > 0 ? { calibrationWeight } : {}), ...(this.creatorCap === undefined ? {} : { creatorCap: this.creatorCap }) };
  }

  /** Lab 9's share term of the ranking score; empty without creator hooks or with weight 0. */
  private shareInputs(): { shareObjective?: ShareObjective } {
    const objective = this.creatorHooks?.shareObjective();
    return objective === undefined || objective.weight === 0 ? {} : { shareObjective: objective };
  }

  /**
   * Retrains retrieval and ranking on the logs. Both models are restored if
   * either training throws, so a retry starts from the same weights.
   */
  private async retrain(tick: number, { onTrainingProgress: onProgress, checkBackend }: StepOptions): Promise<void> {
    const rng = this.root.fork(`train:${tick}`);
    const retrievalBefore = { ...this.retrieval };
    const rankerBefore = { weights: this.ranker.weights, bias: this.ranker.bias, trainings: this.ranker.trainings };
    try {
      const retrievalLoss = await this.retrieval.train(this.retrievalSamples(tick), {
        ...TRAINING.retrieval,
        rng: rng.fork('retrieval'),
        onProgress: (fraction) => onProgress?.(fraction / 2),
      });
      const rankerLoss = await this.ranker.train(this.rankingLog.samples(), {
        ...TRAINING.ranker,
        rng: rng.fork('ranker'),
        onProgress: (fraction) => onProgress?.(0.5 + fraction / 2),
      });
      checkBackend?.();
      this.lastRetrievalLoss = retrievalLoss;
      this.lastRankerLoss = rankerLoss.click;
    } catch (error) {
      Object.assign(this.retrieval, retrievalBefore);
      Object.assign(this.ranker, rankerBefore);
      throw error;
    }
  }

  /** (user, item, watch) of the newest events in the training window. */
  private retrievalSamples(tick: number): { user: Uint32Array; item: Uint32Array; target: Float32Array; length: number } {
    const from = Math.max(this.log.firstIndexAtTick(tick - TRAINING.windowTicks + 1), this.log.length - TRAINING.maxSamples);
    const to = this.log.length;
    return {
      user: this.log.user.slice(from, to),
      item: this.log.item.slice(from, to),
      target: this.log.watch.slice(from, to),
      length: to - from,
    };
  }

  /** Items by time-decayed engagement, best first; ties broken by a fixed random key. */
  private trendingList(): number[] {
    const score = new Float32Array(this.world.items);
    for (let i = 0; i < score.length; i += 1) {
      score[i] = this.store.trend[i] + this.trendTieBreak[i];
    }
    return topK(score, RETRIEVAL.trendingList);
  }

  private feedInputs() {
    return { params: this.params, world: this.world, store: this.servingStore, retrieval: this.retrieval, ranker: this.ranker, seen: this.seen };
  }

  /**
   * Returns one user's feed with the ground truth beside it: the feed served
   * at the user's last active tick or, if never served, the feed the platform
   * would serve now (a preview that changes no state).
   */
  snapshot(user: number): UserFeedSnapshot {
    const { world } = this;
    if (!Number.isInteger(user) || user < 0 || user >= world.users) {
      throw new Error(`User ${user} does not exist; choose a user from 0 to ${world.users - 1}.`);
    }
    const last = this.lastFeed.get(user);
    let feed: ServedItem[];
    if (last !== undefined) {
      feed = last.items;
    } else {
      const plan = planFeed({ ...this.feedInputs(), trending: this.trendingList() }, user, this.root.fork(`preview:${this.ticks}:${user}`), this.scratch);
      const userMax = maxInterest(world, user);
      feed = plan.slots.map((slot, position) => {
        return servedItem(world, slot, position, trueResponse(world, user, slot.item, this.store.visiblePopularity(slot.item), userMax));
      });
    }

    const T = world.topics;
    const profile = new Float32Array(T);
    this.store.normalisedProfile(user, profile);
    const utilityRow = new Float32Array(world.items);
    trueUtilityRow(world, user, utilityRow);
    const ideal = topK(utilityRow, Math.max(1, feed.length), this.seen, user * world.items);
    const mean = (values: number[]): number => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
    return {
      user,
      tick: last?.tick ?? this.ticks,
      feed,
      served: last !== undefined,
      trueInterests: Array.from(world.userInterests.subarray(user * T, (user + 1) * T)),
      initialInterests: Array.from(world.userInitialInterests.subarray(user * T, (user + 1) * T)),
      profile: Array.from(profile),
      feedUtility: mean(feed.map((item) => item.trueUtility)),
      idealUtility: mean(ideal.map((item) => utilityRow[item])),
    };
  }

  /** Users and items in the retrieval model's embedding space, projected to 2-D by PCA. */
  embeddingMap(): EmbeddingMap {
    return retrievalEmbeddingMap(this.world, this.retrieval, this.ticks);
  }
}
