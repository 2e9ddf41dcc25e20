/**
 * Gini coefficient of non-negative values (exposure counts):
 *
 *   G = Σ_i (2i − n − 1) x_(i) / (n Σ_i x_i),   x sorted ascending, i = 1..n
 *
 * 0 when every value is equal, (n − 1)/n when one value holds everything.
 * Returns 0 for an empty array or an all-zero one (no exposure is equal exposure).
 */
export function gini(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i += 1) {
    if (sorted[i] < 0) {
      throw new Error(`gini needs non-negative values; received ${sorted[i]}`);
    }
    total += sorted[i];
    weighted += (2 * (i + 1) - n - 1) * sorted[i];
  }
  return total > 0 ? weighted / (n * total) : 0;
}

/** Share of entries with a positive value (catalogue coverage when the values are impressions). */
export function coverage(values: ArrayLike<number>): number {
  if (values.length === 0) {
    return 0;
  }
  let covered = 0;
  for (let i = 0; i < values.length; i += 1) {
    if (values[i] > 0) {
      covered += 1;
    }
  }
  return covered / values.length;
}
