import { FeedSimulation } from '../loop/simulation';
import { gini } from '../metrics/inequality';
import { Random } from '../random';
import type { CreatorsParams } from '../scenarios/creators';
import { parseFeedMachineParams } from '../scenarios/feedMachine';
import { argmaxRow, createSyntheticWorld } from '../world/synthetic';
import type { World } from '../world/types';
import { summariseCascades } from './cascades';
import { CreatorLoop } from './creatorLoop';
import { creatorTrafficChanges, type CreatorTrafficChange } from './dependency';
import { DEFAULT_FOLLOW_GRAPH, drawFollowGraph, followerCounts } from './followGraph';
import type { ReachRow } from './reach';
import { meanReachByGroup, microCreatorShare, reachRows, ticksToReach } from './reach';

/** One tick of Lab 9's per-tick creator metrics; every field is a number, for CSV. */
export interface CreatorTickRow {
  tick: number;
  /** Impressions served this tick, all creators. */
  impressions: number;
  /** Share of this tick's impressions from followed creators' recent items, and from shares. */
  followingShare: number;
  sharedShare: number;
  /** Gini coefficient of this tick's impressions over creators, in [0, 1]. */
  creatorGini: number;
  /** Share of this tick's impressions that went to micro creators (followers below the median). */
  microShare: number;
  /** Focus creator: impressions served by the platform this tick, and distinct users reached this tick. */
  focusImpressions: number;
  focusUsers: number;
  /** Focus creator: views from channels the platform does not control (fixed per tick). */
  focusExternalViews: number;
  /** focusImpressions + focusExternalViews. */
  focusTraffic: number;
  /** focusExternalViews / focusTraffic; NaN when the traffic is 0. */
  focusOffPlatformShare: number;
  /** New creator: impressions this tick and distinct users reached since its release. */
  newCreatorImpressions: number;
  newCreatorUsers: number;
  /** Share cascades started so far, their mean and maximum size (impressions delivered by shares). */
  cascades: number;
  meanCascadeSize: number;
  maxCascadeSize: number;
  /** Ranking weights in force this tick. */
  clickWeight: number;
  watchWeight: number;
  shareWeight: number;
}

export const CREATOR_TICK_COLUMNS: readonly (keyof CreatorTickRow)[] = [
  'tick',
  'impressions',
  'followingShare',
  'sharedShare',
  'creatorGini',
  'microShare',
  'focusImpressions',
  'focusUsers',
  'focusExternalViews',
  'focusTraffic',
  'focusOffPlatformShare',
  'newCreatorImpressions',
  'newCreatorUsers',
  'cascades',
  'meanCascadeSize',
  'maxCascadeSize',
  'clickWeight',
  'watchWeight',
  'shareWeight',
];

/**
 * Makes the last creator a new one: its platform-wide follower count is 0,
 * it owns exactly the last `count` items (their topic mixes stay as drawn),
 * and its main topic is the dominant topic of its first item. Items it owned
 * before move to creator `item mod (creators − 1)`. Returns the new creator.
 */
export function makeNewCreator(world: World, count: number): number {
  const creator = world.creators - 1;
  const first = world.items - count;
  for (let item = 0; item < world.items; item += 1) {
    if (item >= first) {
      world.itemCreator[item] = creator;
    } else if (world.itemCreator[item] === creator) {
      world.itemCreator[item] = item % creator;
    }
  }
  world.creatorFollowers[creator] = 0;
  world.creatorTopic[creator] = argmaxRow(world.itemTopics, first, world.topics);
  return creator;
}

/**
 * One run of Lab 9: FeedSimulation with the creator mechanics plugged in.
 * The objective change (click, watch and share weights) takes effect from
 * tick `changeTick + 1`.
 */
export class CreatorsRun {
  readonly params: CreatorsParams;
  readonly simulation: FeedSimulation;
  readonly loop: CreatorLoop;
  readonly newCreator: number;
  /** Followers of each creator in the follow graph, [creators]. */
  readonly followers: Uint32Array;
  readonly rows: CreatorTickRow[] = [];
  /** Follower count from which a creator counts as macro: the median over creators. */
  readonly microThreshold: number;
  /**
   * Tick after which {@link impressionsAfterChange} counts: `changeTick`
   * unless `create` was given another, so that a twin without the change can
   * be split at its sibling's change tick. 0 counts every tick as before.
   */
  readonly trafficSplitTick: number;
  /** Platform impressions per creator summed over ticks 1..trafficSplitTick, and over the ticks after it, [creators]. */
  readonly impressionsBeforeChange: Float64Array;
  readonly impressionsAfterChange: Float64Array;

  private constructor(params: CreatorsParams, simulation: FeedSimulation, loop: CreatorLoop, newCreator: number, trafficSplitTick: number) {
    this.params = params;
    this.trafficSplitTick = trafficSplitTick;
    this.simulation = simulation;
    this.loop = loop;
    this.newCreator = newCreator;
    this.followers = followerCounts(loop.graph);
    const sorted = Array.from(this.followers).sort((a, b) => a - b);
    this.microThreshold = sorted[Math.floor(sorted.length / 2)];
    this.impressionsBeforeChange = new Float64Array(simulation.world.creators);
    this.impressionsAfterChange = new Float64Array(simulation.world.creators);
  }

  /** Builds the world, the new creator, the follow graph and the simulation. The caller must have set the TensorFlow.js backend. */
  static async create(params: CreatorsParams, options: { trafficSplitTick?: number } = {}): Promise<CreatorsRun> {
    const root = new Random(params.seed);
    const feedParams = parseFeedMachineParams({
      seed: params.seed,
      users: params.users,
      items: params.items,
      creators: params.creators,
      topics: params.topics,
      feedSize: params.feedSize,
      epsilon: params.epsilon,
      retrainEvery: params.retrainEvery,
      embeddingDim: params.embeddingDim,
      diversityWeight: 0,
    });
    const world = createSyntheticWorld(feedParams, root.fork('world'));
    const newCreator = makeNewCreator(world, params.newCreatorItems);
    const releaseTick = new Uint32Array(world.items);
    releaseTick.fill(params.newCreatorTick, world.items - params.newCreatorItems);

    const graph = drawFollowGraph(world, { ...DEFAULT_FOLLOW_GRAPH, followsPerUser: params.followsPerUser }, root.fork('follow-graph'));
    const loop = new CreatorLoop(world, { graph, followingSlots: params.followingSlots, shareFanout: params.shareFanout, shareWeight: 0, releaseTick }, root.fork('creators'));
    const simulation = await FeedSimulation.create(feedParams, world, { creators: loop });
    return new CreatorsRun(params, simulation, loop, newCreator, options.trafficSplitTick ?? params.changeTick);
  }

  /** Runs one tick, applying the objective change first when its tick has come, and returns the tick's row. */
  async step(): Promise<CreatorTickRow> {
    const { params, simulation, loop } = this;
    if (params.changeTick > 0 && simulation.tick === params.changeTick) {
      simulation.setPolicy({ clickWeight: params.clickWeightAfter, watchWeight: params.watchWeightAfter });
      loop.setShareWeight(params.shareWeightAfter);
    }
    const { metrics } = await simulation.step();

    const { reach } = loop;
    const focus = params.focusCreator;
    const focusImpressions = reach.impressions[focus];
    const focusTraffic = focusImpressions + params.externalViews;
    const perImpression = (count: number): number => (metrics.impressions > 0 ? count / metrics.impressions : Number.NaN);
    const cascades = summariseCascades(loop.cascades.sizes);
    const row: CreatorTickRow = {
      tick: metrics.tick,
      impressions: metrics.impressions,
      followingShare: perImpression(loop.sourceCounts.get('following') ?? 0),
      sharedShare: perImpression(loop.sourceCounts.get('shared') ?? 0),
      creatorGini: gini(reach.impressions),
      microShare: microCreatorShare(this.followers, reach.impressions, this.microThreshold),
      focusImpressions,
      focusUsers: reach.usersThisTick[focus],
      focusExternalViews: params.externalViews,
      focusTraffic,
      focusOffPlatformShare: focusTraffic > 0 ? params.externalViews / focusTraffic : Number.NaN,
      newCreatorImpressions: reach.impressions[this.newCreator],
      newCreatorUsers: reach.totalUsers[this.newCreator],
      cascades: cascades.count,
      meanCascadeSize: cascades.mean,
      maxCascadeSize: cascades.max,
      clickWeight: simulation.params.clickWeight,
      watchWeight: simulation.params.watchWeight,
      shareWeight: loop.shareWeight,
    };
    const changed = this.trafficSplitTick > 0 && metrics.tick > this.trafficSplitTick;
    const sums = changed ? this.impressionsAfterChange : this.impressionsBeforeChange;
    for (let creator = 0; creator < sums.length; creator += 1) {
      sums[creator] += reach.impressions[creator];
    }
    this.rows.push(row);
    return row;
  }

  /** Ticks from the new creator's release until it reached `reachTarget` distinct users (1 = in its first tick), or null. */
  newCreatorTicksToTarget(): number | null {
    const since = this.rows.filter((row) => row.tick >= this.params.newCreatorTick).map((row) => row.newCreatorUsers);
    return ticksToReach(since, this.params.reachTarget);
  }

  /** Reach against followers, one row per creator, from the ticks run so far. */
  reachRows(): ReachRow[] {
    return reachRows(this.followers, this.loop.reach);
  }

  /** Returns each creator's mean platform impressions per tick before and after {@link trafficSplitTick}; see {@link creatorTrafficChanges}. */
  trafficChanges(): CreatorTrafficChange[] {
    const split = this.trafficSplitTick;
    const ticksRun = this.rows.length;
    const ticksBefore = split > 0 ? Math.min(split, ticksRun) : ticksRun;
    return creatorTrafficChanges(this.followers, this.impressionsBeforeChange, this.impressionsAfterChange, ticksBefore, ticksRun - ticksBefore);
  }

  /** Mean distinct users reached so far by micro and by macro creators; see {@link microThreshold}. */
  reachByGroup(): { micro: number; macro: number } {
    return meanReachByGroup(this.reachRows(), this.microThreshold);
  }
}
