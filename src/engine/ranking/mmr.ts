/**
 * Maximal marginal relevance re-ranking (Carbonell and Goldstein 1998):
 * greedily picks, for each of `k` slots, the candidate maximising
 *
 *   score_i − λ · max_{j ∈ placed} cos(φ_i, φ_j)
 *
 * where φ are topic mixes. λ = 0 is plain sorting by score.
 *
 * @param scores [candidates] relevance scores
 * @param topicRows [candidates] offsets of each candidate's row in `topics`
 * @param topics row-major [items, T] topic mixes
 * @returns the chosen candidate indices in order, and the penalty each paid (≤ 0).
 */
export function mmrRerank(scores: Float32Array, topicRows: Uint32Array, topics: Float32Array, T: number, k: number, lambda: number): { order: number[]; penalties: number[] } {
  const n = scores.length;
  const taken = new Uint8Array(n);
  const maxSimilarity = new Float32Array(n);
  const norms = new Float32Array(n);
  for (let c = 0; c < n; c += 1) {
    let sum = 0;
    for (let t = 0; t < T; t += 1) {
      const v = topics[topicRows[c] + t];
      sum += v * v;
    }
    norms[c] = Math.sqrt(sum);
  }

  const order: number[] = [];
  const penalties: number[] = [];
  for (let slot = 0; slot < Math.min(k, n); slot += 1) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < n; c += 1) {
      if (taken[c] === 1) {
        continue;
      }
      const value = scores[c] - lambda * maxSimilarity[c];
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    taken[best] = 1;
    order.push(best);
    penalties.push(-lambda * maxSimilarity[best]);

    if (lambda === 0) {
      continue;
    }
    for (let c = 0; c < n; c += 1) {
      if (taken[c] === 1) {
        continue;
      }
      let dot = 0;
      for (let t = 0; t < T; t += 1) {
        dot += topics[topicRows[c] + t] * topics[topicRows[best] + t];
      }
      const denominator = norms[c] * norms[best];
      const similarity = denominator > 0 ? dot / denominator : 0;
      if (similarity > maxSimilarity[c]) {
        maxSimilarity[c] = similarity;
      }
    }
  }
  return { order, penalties };
}
