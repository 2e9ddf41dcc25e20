import type { Random } from '../random';

/**
 * Jaccard index |A ∩ B| / |A ∪ B| of two sets of item ids; 0 when both are empty
 * (two users who consumed nothing share nothing).
 */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) {
    return 0;
  }
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let intersection = 0;
  for (const item of small) {
    if (large.has(item)) {
      intersection += 1;
    }
  }
  return intersection / (a.size + b.size - intersection);
}

/**
 * Homogenisation of consumption (Chaney, Stewart and Engelhardt 2018, "How
 * algorithmic confounding in recommendation systems increases homogeneity and
 * decreases utility"): the mean Jaccard index of the sets of consumed items
 * over user pairs. 0 for no pairs.
 */
export function homogenisation(consumed: readonly ReadonlySet<number>[], pairs: Uint32Array): number {
  const count = pairs.length / 2;
  if (count === 0) {
    return 0;
  }
  let sum = 0;
  for (let p = 0; p < count; p += 1) {
    sum += jaccard(consumed[pairs[2 * p]], consumed[pairs[2 * p + 1]]);
  }
  return sum / count;
}

/**
 * A fixed sample of distinct user pairs (u < v), flattened [pairs, 2].
 * All pairs when there are at most `maxPairs` of them, else `maxPairs` drawn
 * without replacement.
 */
export function sampleUserPairs(users: number, maxPairs: number, rng: Random): Uint32Array {
  const total = (users * (users - 1)) / 2;
  if (total <= maxPairs) {
    const all = new Uint32Array(total * 2);
    let k = 0;
    for (let u = 0; u < users; u += 1) {
      for (let v = u + 1; v < users; v += 1) {
        all[k] = u;
        all[k + 1] = v;
        k += 2;
      }
    }
    return all;
  }
  const seen = new Set<number>();
  const pairs = new Uint32Array(maxPairs * 2);
  let k = 0;
  while (k < maxPairs * 2) {
    const u = rng.int(users);
    const v = rng.int(users);
    if (u === v) {
      continue;
    }
    const [a, b] = u < v ? [u, v] : [v, u];
    const key = a * users + b;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    pairs[k] = a;
    pairs[k + 1] = b;
    k += 2;
  }
  return pairs;
}
