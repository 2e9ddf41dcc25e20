/**
 * Paired effects over seeds: each seed runs both twins on the same users,
 * items and visits, so the per-seed differences B − A remove the variation
 * between seeds that the twins share. Their mean with a 95% t interval shows
 * whether an effect holds over seeds or could be noise.
 */
import { clipInterval, compareWithZero, meanInterval, type MeanInterval, type ValueRange, type ZeroComparison } from '../stats/interval';

export interface PairedEffect {
  /** One value per seed, in seed order. */
  perSeed: number[];
  /** Mean and 95% t interval of `perSeed`, the ends clipped to the range of the difference. */
  interval: MeanInterval;
  /** Position of the interval relative to 0; `includes` means no clear difference. */
  direction: ZeroComparison;
}

/**
 * Summarises per-seed differences: their mean, 95% t interval (clipped to
 * `range`, for example [−1, 1] for a difference of shares) and direction.
 * Clipping never moves 0 into or out of the interval, because `range`
 * contains 0, so the direction is the same as the unclipped interval's.
 */
export function pairedEffect(differences: readonly number[], range: ValueRange): PairedEffect {
  const interval = clipInterval(meanInterval(differences), range);
  return { perSeed: [...differences], interval, direction: compareWithZero(interval) };
}
