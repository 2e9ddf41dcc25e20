/** Upper 97.5% quantiles of Student's t distribution for 1-30 degrees of freedom (standard t-table values), for 95% intervals of a mean. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Returns t(0.975, df); beyond 30 degrees of freedom it uses the t-table rows for 40, 60 and 120, then the normal quantile 1.96. */
function tQuantile975(df: number): number {
  if (df <= 30) {
    return T_975[df - 1];
  }
  if (df <= 40) {
    return 2.021;
  }
  if (df <= 60) {
    return 2.0;
  }
  if (df <= 120) {
    return 1.98;
  }
  return 1.96;
}

/** Mean of n values with its 95% confidence interval. */
export interface MeanInterval {
  mean: number;
  /** Lower and upper end of the 95% interval; both equal the mean for n = 1 and NaN for n = 0. */
  low: number;
  high: number;
  n: number;
}

/**
 * Mean with the 95% t interval mean ± t(0.975, n − 1) · s / √n, where s is
 * the sample standard deviation. Used for metrics over seeds, which are
 * independent runs. For one value the interval has zero width (nothing is
 * known of the spread); for none, every field but n is NaN. NaN values are
 * skipped.
 */
export function meanInterval(values: ArrayLike<number>): MeanInterval {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i += 1) {
    if (!Number.isNaN(values[i])) {
      finite.push(values[i]);
    }
  }
  const n = finite.length;
  if (n === 0) {
    return { mean: Number.NaN, low: Number.NaN, high: Number.NaN, n };
  }
  const mean = finite.reduce((sum, value) => sum + value, 0) / n;
  if (n === 1) {
    return { mean, low: mean, high: mean, n };
  }
  const variance = finite.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half, n };
}
