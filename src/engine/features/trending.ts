import { topK } from '../retrieval/topK';
import { maxInterest, trueResponse } from '../world/response';
import type { World } from '../world/types';
import type { FeatureStore } from './store';

/** Most user-item pairs that {@link trueAppeal} scores; beyond it users are taken at a fixed stride. */
export const TRUE_APPEAL_MAX_PAIRS = 2_000_000;

/**
 * Returns measured trending: the `count` items of largest trend_i, the
 * decayed sum of logged watch fractions. Each tick trend_i ← 0.8 · trend_i,
 * and each impression adds its watch fraction w (half-life ≈ 3.1 ticks).
 * Ties go to the lower item index. The count covers only what was shown,
 * so it mixes appeal with exposure.
 */
export function measuredTrending(store: FeatureStore, count: number): number[] {
  return topK(store.trend, count);
}

/**
 * Ground truth of trending: each item's appeal, the mean true expected watch
 * fraction E[w_ui] over users u under their current true interests, with
 * visible popularity fixed at ½ so the view counter adds nothing, [items].
 * Users are taken at stride ⌈users · items / 2,000,000⌉ (every user up to
 * that size), so it stays about a second of work on the largest worlds.
 */
export function trueAppeal(world: World): Float32Array {
  const stride = Math.max(1, Math.ceil((world.users * world.items) / TRUE_APPEAL_MAX_PAIRS));
  const sum = new Float64Array(world.items);
  let counted = 0;
  for (let user = 0; user < world.users; user += stride) {
    const userMax = maxInterest(world, user);
    for (let item = 0; item < world.items; item += 1) {
      sum[item] += trueResponse(world, user, item, 0.5, userMax).expectedWatch;
    }
    counted += 1;
  }
  return Float32Array.from(sum, (value) => value / counted);
}

/** Share of the items of `a` that are also in `b`, in [0, 1]; NaN when `a` is empty. */
export function overlapShare(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0) {
    return Number.NaN;
  }
  const inB = new Set(b);
  return a.filter((item) => inB.has(item)).length / a.length;
}

/** Rank (1 = highest) of every item by `scores`, [items]; ties go to the lower index. */
export function ranksOf(scores: Float32Array): Uint32Array {
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  const ranks = new Uint32Array(scores.length);
  order.forEach((item, position) => {
    ranks[item] = position + 1;
  });
  return ranks;
}
