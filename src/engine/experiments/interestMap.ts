import { principalAxes2 } from '../metrics/pca';

/**
 * A fixed 2-D map of the topic space for the bubble view: the first two
 * principal axes of users' true interests at tick 0. Every later tick is
 * projected onto the same axes, so a point moves only when that user's
 * interests move.
 */
export class InterestMap {
  readonly topics: number;
  private readonly mean: Float64Array;
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  /** Share of the tick-0 variance each axis explains. */
  readonly explainedVariance: [number, number];

  /** Fits the axes to `initialInterests`, [users, topics]. */
  constructor(initialInterests: Float32Array, users: number, topics: number) {
    const axes = principalAxes2(initialInterests, users, topics);
    this.topics = topics;
    this.mean = axes.mean;
    this.first = axes.first;
    this.second = axes.second;
    this.explainedVariance = axes.explained;
  }

  /** Projects interests [users, topics] to points [users, 2], row-major; a fresh, transferable array. */
  project(interests: Float32Array, users: number): Float32Array {
    const T = this.topics;
    const points = new Float32Array(users * 2);
    for (let u = 0; u < users; u += 1) {
      let x = 0;
      let y = 0;
      for (let t = 0; t < T; t += 1) {
        const centred = interests[u * T + t] - this.mean[t];
        x += centred * this.first[t];
        y += centred * this.second[t];
      }
      points[2 * u] = x;
      points[2 * u + 1] = y;
    }
    return points;
  }
}
