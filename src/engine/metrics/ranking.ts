import { topK } from '../retrieval/topK';

/**
 * recall@k: the share of the relevant items found among the first k
 * retrieved, |top-k ∩ relevant| / |relevant|. NaN when nothing is relevant,
 * so callers can skip such users when they average.
 */
export function recallAtK(retrieved: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) {
    return Number.NaN;
  }
  let hits = 0;
  for (const id of retrieved.slice(0, k)) {
    if (relevant.has(id)) {
      hits += 1;
    }
  }
  return hits / relevant.size;
}

/**
 * NDCG@k with binary relevance:
 * DCG = Σ_{r=1..k} rel_r / log2(r + 1), divided by the DCG of the ideal
 * order, which puts min(k, |relevant|) relevant items first. NaN when
 * nothing is relevant.
 */
export function ndcgAtK(retrieved: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) {
    return Number.NaN;
  }
  let dcg = 0;
  retrieved.slice(0, k).forEach((id, rank) => {
    if (relevant.has(id)) {
      dcg += 1 / Math.log2(rank + 2);
    }
  });
  let ideal = 0;
  for (let rank = 0; rank < Math.min(k, relevant.size); rank += 1) {
    ideal += 1 / Math.log2(rank + 2);
  }
  return dcg / ideal;
}

/** Groups parallel (user, item) arrays into one item-id set per user, [users]. */
export function groupByUser(users: number, user: Uint32Array, item: Uint32Array, length = user.length): Set<number>[] {
  const groups = Array.from({ length: users }, () => new Set<number>());
  for (let k = 0; k < length; k += 1) {
    groups[user[k]].add(item[k]);
  }
  return groups;
}

/** Mean recall@k and NDCG@k over the users that have held-out positives. */
export interface HeldOutRanking {
  recall: number;
  ndcg: number;
  /** Users with at least one held-out positive, the ones averaged. */
  users: number;
}

/**
 * Ranks every item for each user with held-out positives, drops the user's
 * training positives (a model is not asked to re-find what it trained on),
 * and averages recall@k and NDCG@k of the top k against the held-out set.
 *
 * @param scoreUser writes the scores of all items for `user` into `out` ([items]).
 */
export function evaluateHeldOut(
  items: number,
  train: readonly Set<number>[],
  test: readonly Set<number>[],
  k: number,
  scoreUser: (user: number, out: Float32Array) => void,
): HeldOutRanking {
  const scores = new Float32Array(items);
  const exclude = new Uint8Array(items);
  let recallSum = 0;
  let ndcgSum = 0;
  let counted = 0;
  test.forEach((relevant, user) => {
    if (relevant.size === 0) {
      return;
    }
    scoreUser(user, scores);
    exclude.fill(0);
    for (const item of train[user] ?? []) {
      exclude[item] = 1;
    }
    const retrieved = topK(scores, k, exclude);
    recallSum += recallAtK(retrieved, relevant, k);
    ndcgSum += ndcgAtK(retrieved, relevant, k);
    counted += 1;
  });
  return counted === 0 ? { recall: Number.NaN, ndcg: Number.NaN, users: 0 } : { recall: recallSum / counted, ndcg: ndcgSum / counted, users: counted };
}
