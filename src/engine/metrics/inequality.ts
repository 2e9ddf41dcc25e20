/**
 * Gini coefficient of non-negative values (exposure counts), Gini (1912),
 * "Variabilità e mutabilità":
 *
 *   G = Σ_i (2i − n − 1) x_(i) / (n Σ_i x_i),   i = 1..n
 *
 * where n is the number of values, x_i the values, and x_(i) the same values
 * sorted ascending. 0 when every value is equal, (n − 1)/n when one value has everything.
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

/**
 * Returns the Lorenz curve (Lorenz 1905, "Methods of measuring the
 * concentration of wealth") of non-negative values: points (x_i, y_i) with
 * x_i = i / n the share of entries and y_i the share of the total held by
 * the i entries with the smallest values, from (0, 0) to (1, 1); n + 1
 * points. The Gini coefficient is twice the area between it and the
 * diagonal. For an empty or all-zero input it is the diagonal (equal exposure).
 */
export function lorenzCurve(values: ArrayLike<number>): { x: Float64Array; y: Float64Array } {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    total += sorted[i];
  }
  let cumulative = 0;
  for (let i = 1; i <= n; i += 1) {
    cumulative += sorted[i - 1];
    x[i] = i / n;
    y[i] = total > 0 ? cumulative / total : i / n;
  }
  return { x, y };
}

/**
 * Returns the exposure share of the most exposed items, a measure of
 * popularity bias: the impressions of the top ⌈share · n⌉ items over all
 * impressions (share 0.01 gives the top 1%). The result is 0 for an empty
 * catalogue or no impressions, and 1 for a one-item catalogue with impressions.
 */
export function topExposureShare(impressions: ArrayLike<number>, share = 0.01): number {
  const n = impressions.length;
  if (n === 0) {
    return 0;
  }
  if (!(share > 0 && share <= 1)) {
    throw new Error(`Invalid share ${share} for topExposureShare; expected a number in (0, 1], such as 0.01 for the top 1%`);
  }
  const sorted = Float64Array.from(impressions).sort().reverse();
  const head = Math.ceil(share * n);
  let top = 0;
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    total += sorted[i];
    if (i < head) {
      top += sorted[i];
    }
  }
  return total > 0 ? top / total : 0;
}
