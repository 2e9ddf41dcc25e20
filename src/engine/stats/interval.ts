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

/** Closed range [min, max] of a metric's possible values; an end may be ±Infinity when the metric has no bound there. */
export type ValueRange = readonly [min: number, max: number];

/**
 * Returns the range of a difference x − y of two values that each lie in
 * `range`: [min − max, max − min], for example [−1, 1] for shares in [0, 1].
 */
export function differenceRange(range: ValueRange): ValueRange {
  return [range[0] - range[1], range[1] - range[0]];
}

/**
 * Clips the interval's ends to `range`, for display. A t interval of few
 * values can leave the metric's range (a share below 0 with two seeds),
 * which no run can produce. The mean and n are kept as they are.
 */
export function clipInterval(interval: MeanInterval, range: ValueRange): MeanInterval {
  const clip = (value: number) => (Number.isNaN(value) ? value : Math.min(range[1], Math.max(range[0], value)));
  return { ...interval, low: clip(interval.low), high: clip(interval.high) };
}

/** Position of an interval relative to 0: wholly `below`, wholly `above`, or it `includes` 0. */
export type ZeroComparison = 'below' | 'above' | 'includes';

/**
 * Compares an interval (usually of paired differences) with 0. An interval
 * of fewer than 2 values, or with NaN ends, counts as `includes`: it carries
 * no information about the spread, so it supports no direction.
 */
export function compareWithZero(interval: MeanInterval): ZeroComparison {
  if (interval.n < 2 || Number.isNaN(interval.low) || Number.isNaN(interval.high)) {
    return 'includes';
  }
  if (interval.high < 0) {
    return 'below';
  }
  return interval.low > 0 ? 'above' : 'includes';
}
