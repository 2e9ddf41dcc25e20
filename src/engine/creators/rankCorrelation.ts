/**
 * Ranks of `values`, 1-based, with tied values sharing the mean of the ranks
 * they span (fractional ranking): [10, 20, 20, 30] gives [1, 2.5, 2.5, 4].
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, index) => index).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) {
      end += 1;
    }

    // Positions start..end − 1 hold one tied value; their 1-based ranks are start + 1..end.
    const rank = (start + 1 + end) / 2;
    for (let position = start; position < end; position += 1) {
      ranks[order[position]] = rank;
    }
    start = end;
  }
  return ranks;
}

/**
 * Spearman's rank correlation ρ of paired samples: the Pearson correlation
 * of their average ranks, so ties are handled as in most statistics
 * packages (for example `scipy.stats.spearmanr`). Returns NaN for fewer
 * than 2 pairs or when either sample is constant, where ρ is undefined.
 *
 * @throws Error when the two samples differ in length.
 */
export function spearmanCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) {
    throw new Error(`spearmanCorrelation needs paired samples; received ${x.length} and ${y.length} values.`);
  }
  const n = x.length;
  if (n < 2) {
    return Number.NaN;
  }
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const mean = (n + 1) / 2;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < n; index += 1) {
    const dx = rx[index] - mean;
    const dy = ry[index] - mean;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) {
    return Number.NaN;
  }
  return covariance / Math.sqrt(varianceX * varianceY);
}
