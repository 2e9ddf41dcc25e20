import { log } from '../math';

/**
 * Shannon entropy H = −Σ_k p_k ln p_k (nats), where p_k is weight k divided by
 * the sum of the weights (Shannon 1948, "A mathematical theory of communication").
 * 0 for a single non-zero weight; ln(n) for n equal weights; 0 when all are 0.
 */
export function entropy(weights: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < weights.length; k += 1) {
    total += weights[k];
  }
  if (total <= 0) {
    return 0;
  }
  let h = 0;
  for (let k = 0; k < weights.length; k += 1) {
    const p = weights[k] / total;
    if (p > 0) {
      h -= p * log(p);
    }
  }
  return h;
}

/**
 * Intra-list diversity of one list (Ziegler, McNee, Konstan and Lausen 2005,
 * "Improving recommendation lists through topic diversification"): the mean
 * pairwise dissimilarity 1 − cos(φ_a, φ_b) over all pairs of positions a < b,
 * where φ_a is the topic mix of the item at position a.
 *
 * @param items item indices of the list
 * @param topics row-major [items, T] topic mixes
 * @returns a value in [0, 1] for non-negative topic mixes; 0 for lists of fewer than two items.
 */
export function intraListDiversity(items: readonly number[], topics: Float32Array, T: number): number {
  const n = items.length;
  if (n < 2) {
    return 0;
  }
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < n; a += 1) {
    for (let b = a + 1; b < n; b += 1) {
      sum += 1 - cosine(topics, items[a] * T, items[b] * T, T);
      pairs += 1;
    }
  }
  return sum / pairs;
}

/** Cosine similarity of rows starting at offsets a and b of a row-major matrix; 0 if either row is zero. */
export function cosine(matrix: Float32Array, a: number, b: number, width: number): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let k = 0; k < width; k += 1) {
    dot += matrix[a + k] * matrix[b + k];
    normA += matrix[a + k] * matrix[a + k];
    normB += matrix[b + k] * matrix[b + k];
  }
  const denominator = Math.sqrt(normA * normB);
  return denominator > 0 ? dot / denominator : 0;
}
