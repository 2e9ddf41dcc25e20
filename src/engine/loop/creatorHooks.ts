import type { ObservedResponse } from '../world/response';
import type { CandidateSource } from './types';

/** An item placed at the top of one user's feed ahead of the recommender's slots. */
export interface InjectedItem {
  item: number;
  source: CandidateSource;
}

/** The share term of the ranking score: weight w_share and the platform's share-rate estimate per item, [items]. */
export interface ShareObjective {
  weight: number;
  rate: Float32Array;
}

/**
 * Lab 9's creator mechanics, as the interface the closed loop calls. The loop calls
 * these at fixed points of a tick and never reads the creators' state itself.
 * Without hooks (the default) the loop is Lab 1's loop, draw for draw.
 */
export interface CreatorHooks {
  /**
   * Tick from which each item can be served, [items]. An item with release
   * tick r > 1 counts as seen by every user until the start of tick r, so no
   * recommender and no ideal feed picks it before then.
   */
  readonly releaseTick?: Uint32Array;
  /** Called at the start of each served tick, before any feed is planned. */
  startTick(tick: number): void;
  /**
   * Items to place first in `user`'s feed this tick, in order (follow-graph
   * items, shared items). The loop drops items the user has seen and
   * duplicates, and keeps at most K.
   */
  injectedItems(user: number, tick: number): InjectedItem[];
  /** The share term of the ranking score, or undefined when its weight is 0. */
  shareObjective(): ShareObjective | undefined;
  /** Called once per served impression after the user responded. */
  recordImpression(tick: number, user: number, item: number, source: CandidateSource, observed: ObservedResponse): void;
}
