import type { CreatorHooks, InjectedItem, ShareObjective } from '../loop/creatorHooks';
import type { CandidateSource } from '../loop/types';
import type { Random } from '../random';
import type { ObservedResponse } from '../world/response';
import type { World } from '../world/types';
import { ShareCascades, drawShareRecipients } from './cascades';
import type { FollowGraph } from './followGraph';
import { CreatorReach } from './reach';

/** Settings of the creator mechanics in one run. */
export interface CreatorLoopOptions {
  graph: FollowGraph;
  /**
   * Feed slots given to the follow-graph source, placed first: unseen items
   * of followed creators, newest release first. 0 is the algorithmic feed
   * alone; K (the feed size) is a pure follow feed.
   */
  followingSlots: number;
  /** Co-followers each share is sent to; 0 turns share cascades off. */
  shareFanout: number;
  /** Initial w_share of the ranking score; 0 leaves the ranking score as in Lab 1. */
  shareWeight: number;
  /** Tick from which each item can be served, [items]; absent when every item is there from tick 1. */
  releaseTick?: Uint32Array;
}

/**
 * Pseudo-count of the platform's share-rate estimate:
 * r̂_share(i) = (shares_i + a·r0) / (impressions_i + a), with prior rate r0.
 */
export const SHARE_RATE_PRIOR = { pseudoImpressions: 20, rate: 0.01 };

/**
 * Lab 9's creator mechanics, plugged into FeedSimulation through
 * {@link CreatorHooks}: the follow-graph feed source, share cascades, item
 * releases, the share term of the ranking score, and reach bookkeeping.
 * It keeps its own [users, items] seen mask so the follow source offers
 * only unseen items. With the reach masks that is about 1 + 5 · creators / items
 * bytes per user-item pair on top of the simulation's own state.
 */
export class CreatorLoop implements CreatorHooks {
  readonly world: World;
  readonly graph: FollowGraph;
  readonly reach: CreatorReach;
  readonly cascades = new ShareCascades();
  readonly releaseTick?: Uint32Array;
  /** Impressions and shares per item, [items], from the platform's own logs. */
  readonly itemImpressions: Float32Array;
  readonly itemShares: Float32Array;
  /** Impressions per source in the current tick. */
  readonly sourceCounts = new Map<CandidateSource, number>();
  private readonly options: CreatorLoopOptions;
  private readonly rng: Random;
  private readonly seen: Uint8Array;
  private readonly itemsByCreator: number[][];
  private readonly shareRate: Float32Array;
  private shareWeightValue: number;
  private tick = 0;

  constructor(world: World, options: CreatorLoopOptions, rng: Random) {
    if (!(Number.isInteger(options.followingSlots) && options.followingSlots >= 0)) {
      throw new Error(`followingSlots=${options.followingSlots} is invalid; use a whole number of feed slots of at least 0.`);
    }
    if (!(Number.isInteger(options.shareFanout) && options.shareFanout >= 0)) {
      throw new Error(`shareFanout=${options.shareFanout} is invalid; use a whole number of recipients of at least 0.`);
    }
    this.world = world;
    this.graph = options.graph;
    this.options = options;
    this.rng = rng;
    this.releaseTick = options.releaseTick;
    this.reach = new CreatorReach(world.creators, world.users);
    this.itemImpressions = new Float32Array(world.items);
    this.itemShares = new Float32Array(world.items);
    this.shareRate = new Float32Array(world.items).fill(SHARE_RATE_PRIOR.rate);
    this.seen = new Uint8Array(world.users * world.items);
    this.itemsByCreator = Array.from({ length: world.creators }, () => []);
    world.itemCreator.forEach((creator, item) => this.itemsByCreator[creator].push(item));
    this.shareWeightValue = 0;
    this.setShareWeight(options.shareWeight);
  }

  get shareWeight(): number {
    return this.shareWeightValue;
  }

  /**
   * Sets w_share from the next tick on.
   *
   * @throws Error for a weight that is negative or not finite.
   */
  setShareWeight(weight: number): void {
    if (!(weight >= 0 && Number.isFinite(weight))) {
      throw new Error(`shareWeight=${weight} is invalid; use a number of at least 0.`);
    }
    this.shareWeightValue = weight;
  }

  startTick(tick: number): void {
    this.tick = tick;
    this.reach.startTick();
    this.cascades.startTick();
    this.sourceCounts.clear();
    for (let item = 0; item < this.world.items; item += 1) {
      const a = SHARE_RATE_PRIOR.pseudoImpressions;
      this.shareRate[item] = (this.itemShares[item] + a * SHARE_RATE_PRIOR.rate) / (this.itemImpressions[item] + a);
    }
  }

  injectedItems(user: number, tick: number): InjectedItem[] {
    const shared: InjectedItem[] = this.cascades.due(user).map((delivery) => ({ item: delivery.item, source: 'shared' }));
    return [...shared, ...this.followingItems(user, tick, this.options.followingSlots)];
  }

  /**
   * Up to `limit` unseen, released items of creators the user follows:
   * newest release first, ties in a random order drawn per user and tick.
   */
  followingItems(user: number, tick: number, limit: number): InjectedItem[] {
    if (limit === 0) {
      return [];
    }
    const rng = this.rng.fork(`following:${tick}:${user}`);
    const candidates: { item: number; release: number; key: number }[] = [];
    for (const creator of this.graph.following[user]) {
      for (const item of this.itemsByCreator[creator]) {
        const release = this.releaseTick?.[item] ?? 0;
        if (release <= tick && this.seen[user * this.world.items + item] === 0) {
          candidates.push({ item, release, key: rng.next() });
        }
      }
    }
    candidates.sort((a, b) => b.release - a.release || a.key - b.key);
    return candidates.slice(0, limit).map(({ item }) => ({ item, source: 'following' }));
  }

  shareObjective(): ShareObjective | undefined {
    return this.shareWeightValue > 0 ? { weight: this.shareWeightValue, rate: this.shareRate } : undefined;
  }

  recordImpression(tick: number, user: number, item: number, source: CandidateSource, observed: ObservedResponse): void {
    this.seen[user * this.world.items + item] = 1;
    this.reach.record(tick, this.world.itemCreator[item], user);
    this.itemImpressions[item] += 1;
    this.sourceCounts.set(source, (this.sourceCounts.get(source) ?? 0) + 1);
    const cascade = source === 'shared' ? this.cascades.recordDelivery(user, item) : -1;
    if (!observed.share) {
      return;
    }

    this.itemShares[item] += 1;
    if (this.options.shareFanout > 0) {
      const recipients = drawShareRecipients(this.graph, user, this.options.shareFanout, this.rng.fork(`share:${tick}:${user}:${item}`));
      if (recipients.length > 0) {
        this.cascades.share(item, cascade, recipients);
      }
    }
  }

  /** Tick of the last {@link startTick}. */
  get currentTick(): number {
    return this.tick;
  }
}
