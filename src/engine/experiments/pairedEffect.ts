/**
 * Paired effects over seeds: each seed runs both twins on the same users,
 * items and visits, so the per-seed differences B − A remove the variation
 * between seeds that the twins share. Their mean with a 95% t interval shows
 * whether an effect is consistent over seeds or could be noise.
 */
import { clipInterval, compareWithZero, meanInterval, type MeanInterval, type ValueRange, type ZeroComparison } from '../stats/interval';

/**
 * Share of the interval's half-width within which the end nearer 0 counts as
 * borderline: for [−0.137, −0.003] the half-width is 0.067, so an end within
 * 0.0067 of 0 is borderline, and a few more seeds could move it across.
 */
export const BORDERLINE_SHARE = 0.1;

export interface PairedEffect {
  /** One value per seed, in seed order. */
  perSeed: number[];
  /** Mean and 95% t interval of `perSeed`, the ends clipped to the range of the difference. */
  interval: MeanInterval;
  /** Position of the interval relative to 0; `includes` means no clear difference. */
  direction: ZeroComparison;
  /**
   * True when the interval's end nearer 0 lies within {@link BORDERLINE_SHARE}
   * of its half-width of 0, on either side, so the direction rests on a small
   * margin. Computed from the unrounded ends.
   */
  borderline: boolean;
}

/** Returns true when the end of `interval` nearer 0 is within {@link BORDERLINE_SHARE} of the half-width of 0. */
export function isBorderline(interval: MeanInterval): boolean {
  if (interval.n < 2 || !Number.isFinite(interval.low) || !Number.isFinite(interval.high)) {
    return false;
  }
  const halfWidth = (interval.high - interval.low) / 2;
  const nearer = Math.min(Math.abs(interval.low), Math.abs(interval.high));
  return halfWidth > 0 && nearer < BORDERLINE_SHARE * halfWidth;
}

/**
 * Summarises per-seed differences: their mean, 95% t interval (clipped to
 * `range`, for example [−1, 1] for a difference of shares), direction and
 * whether it is borderline. Clipping never moves 0 into or out of the
 * interval, because `range` contains 0, so the direction is the same as the
 * unclipped interval's. `borderline` is read from the unclipped interval.
 */
export function pairedEffect(differences: readonly number[], range: ValueRange): PairedEffect {
  const unclipped = meanInterval(differences);
  const interval = clipInterval(unclipped, range);
  return { perSeed: [...differences], interval, direction: compareWithZero(interval), borderline: isBorderline(unclipped) };
}
