import { calibratedRerank } from '../ranking/calibrated';
import type { CreatorExposureCap } from '../ranking/exposureCap';
import { mmrRerank } from '../ranking/mmr';

/**
 * A creator cap seen from one feed being planned: the tick's counts so far
 * plus the items this feed has reserved. {@link place} reserves a slot,
 * and the simulation records the impression in the cap once it is served.
 */
export class FeedCreatorQuota {
  private readonly cap: CreatorExposureCap;
  private readonly itemCreator: Uint32Array;
  private readonly reserved = new Map<number, number>();

  constructor(cap: CreatorExposureCap, itemCreator: Uint32Array) {
    this.cap = cap;
    this.itemCreator = itemCreator;
  }

  /** True when the item's creator has room for one more impression this tick. */
  allows(item: number): boolean {
    const creator = this.itemCreator[item];
    return this.cap.counts[creator] + (this.reserved.get(creator) ?? 0) < this.cap.cap;
  }

  place(item: number): void {
    const creator = this.itemCreator[item];
    this.reserved.set(creator, (this.reserved.get(creator) ?? 0) + 1);
  }
}

/** Inputs of {@link rerankCandidates}; the arrays are those of `planFeed`. */
export interface RerankInputs {
  /** Ranking scores, [candidates]. */
  scores: Float32Array;
  /** Offsets of each candidate's row in `itemTopics`, [candidates]. */
  topicRows: Uint32Array;
  /** Topic mixes, [items, T]. */
  itemTopics: Float32Array;
  T: number;
  /** Slots the ranked list fills. */
  exploitCount: number;
  /** λ of MMR. */
  diversityWeight: number;
  /** λ of calibrated re-ranking; above 0 it replaces MMR. */
  calibrationWeight: number;
  /** The user's logged topic profile, [T], the calibration target. */
  profile: Float32Array;
  quota: FeedCreatorQuota | undefined;
  /** Item of each candidate, [candidates]. */
  candidates: readonly number[];
}

/** Ranked list length per feed slot when a creator cap may reject items of the greedy order. */
const CAP_OVERSAMPLING = 3;

/**
 * Orders candidates with calibrated re-ranking (when its weight is above 0)
 * or MMR, then, under a creator cap, keeps the first items whose creators
 * still have room, reserving a slot for each. Returns candidate indices and
 * the MMR penalty each paid (0 under calibration).
 *
 * NOTE: under a cap the greedy order is computed once, for up to
 * 3 × exploitCount items, and capped items are then dropped from it. So the
 * items after a dropped one were chosen as if it stayed in the list. If fewer
 * than exploitCount items remain, planFeed fills the rest with random unseen
 * items, labelled as exploration.
 */
export function rerankCandidates(inputs: RerankInputs): { order: number[]; penalties: number[] } {
  const { scores, topicRows, itemTopics, T, exploitCount, quota } = inputs;
  const length = quota === undefined ? exploitCount : Math.min(scores.length, CAP_OVERSAMPLING * exploitCount);
  let ranked: { order: number[]; penalties: number[] };
  if (inputs.calibrationWeight > 0) {
    const order = calibratedRerank(scores, topicRows, itemTopics, T, length, inputs.calibrationWeight, inputs.profile);
    ranked = { order, penalties: order.map(() => 0) };
  } else {
    ranked = mmrRerank(scores, topicRows, itemTopics, T, length, inputs.diversityWeight);
  }
  if (quota === undefined) {
    return ranked;
  }

  const order: number[] = [];
  const penalties: number[] = [];
  for (let k = 0; k < ranked.order.length && order.length < exploitCount; k += 1) {
    const item = inputs.candidates[ranked.order[k]];
    if (quota.allows(item)) {
      quota.place(item);
      order.push(ranked.order[k]);
      penalties.push(ranked.penalties[k]);
    }
  }
  return { order, penalties };
}
