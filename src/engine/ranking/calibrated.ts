import { log } from '../math';

/** Mixing weight α of the target into the list's distribution, so the KL divergence stays finite (Steck 2018 uses 0.01). */
export const CALIBRATION_ALPHA = 0.01;

/**
 * KL divergence of the user's topic distribution p from a list's topic
 * distribution q, with q smoothed toward p:
 *
 *   C_KL(p, q) = Σ_t p_t ln(p_t / q̃_t),   q̃ = (1 − α) q + α p
 *
 * in nats; 0 when q = p. Topics with p_t = 0 add nothing.
 */
export function calibrationKl(p: ArrayLike<number>, q: ArrayLike<number>, alpha = CALIBRATION_ALPHA): number {
  let kl = 0;
  for (let t = 0; t < p.length; t += 1) {
    if (p[t] > 0) {
      kl += p[t] * log(p[t] / ((1 - alpha) * q[t] + alpha * p[t]));
    }
  }
  return kl;
}

/**
 * Calibrated recommendation (Steck 2018, "Calibrated recommendations",
 * RecSys): greedily builds a list of `k` candidates maximising
 *
 *   (1 − λ) Σ_{i ∈ I} s_i − λ C_KL(p, q(I))
 *
 * where p is the topic mix of the user's history (`target`, summing to 1)
 * and q(I) the mean topic mix φ_i of the list. λ = 0 is plain sorting by
 * score; λ = 1 matches the history's topic mix and ignores the scores. The
 * greedy choice is the paper's own (the objective is submodular, so greedy
 * is within (1 − 1/e) of the best list).
 *
 * @param scores [candidates] relevance scores
 * @param topicRows [candidates] offsets of each candidate's row in `topics`
 * @param topics row-major [items, T] topic mixes, each row summing to 1
 * @param target [T] the user's history topic mix; an all-zero target (no history) gives plain sorting
 * @returns the chosen candidate indices in list order
 */
export function calibratedRerank(scores: ArrayLike<number>, topicRows: ArrayLike<number>, topics: Float32Array, T: number, k: number, lambda: number, target: ArrayLike<number>): number[] {
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new Error(`Invalid calibration weight λ = ${lambda}; expected a number in [0, 1]`);
  }
  const n = scores.length;
  const taken = new Uint8Array(n);
  const sums = new Float64Array(T);
  const mix = new Float64Array(T);
  const order: number[] = [];
  let scoreSum = 0;
  const hasTarget = Array.from({ length: T }, (_, t) => target[t]).some((value) => value > 0);

  for (let slot = 0; slot < Math.min(k, n); slot += 1) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < n; c += 1) {
      if (taken[c]) {
        continue;
      }
      let value = (1 - lambda) * (scoreSum + scores[c]);
      if (hasTarget && lambda > 0) {
        for (let t = 0; t < T; t += 1) {
          mix[t] = (sums[t] + topics[topicRows[c] + t]) / (slot + 1);
        }
        value -= lambda * calibrationKl(target, mix);
      }
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    taken[best] = 1;
    order.push(best);
    scoreSum += scores[best];
    for (let t = 0; t < T; t += 1) {
      sums[t] += topics[topicRows[best] + t];
    }
  }
  return order;
}
