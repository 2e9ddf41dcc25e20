import type { RankingSamples } from '../models/logisticRanker';

/**
 * Ring buffer of ranking examples as logged at serving time: the feature row
 * the ranker saw, [capacity, F], and the labels observed afterwards. Training
 * on serving-time features avoids training/serving skew; the oldest rows are
 * overwritten once the buffer is full.
 */
export class FeatureLog {
  readonly capacity: number;
  readonly width: number;
  private readonly features: Float32Array;
  private readonly click: Float32Array;
  private readonly watch: Float32Array;
  /** Rows written so far, including overwritten ones. */
  written = 0;

  constructor(capacity: number, width: number) {
    this.capacity = capacity;
    this.width = width;
    this.features = new Float32Array(capacity * width);
    this.click = new Float32Array(capacity);
    this.watch = new Float32Array(capacity);
  }

  push(features: Float32Array, offset: number, click: boolean, watch: number): void {
    const row = this.written % this.capacity;
    this.features.set(features.subarray(offset, offset + this.width), row * this.width);
    this.click[row] = click ? 1 : 0;
    this.watch[row] = watch;
    this.written += 1;
  }

  /** The rows held, oldest first, as training samples (copies). */
  samples(): RankingSamples {
    const length = Math.min(this.written, this.capacity);
    const start = this.written > this.capacity ? this.written % this.capacity : 0;
    const features = new Float32Array(length * this.width);
    const click = new Float32Array(length);
    const watch = new Float32Array(length);
    for (let k = 0; k < length; k += 1) {
      const row = (start + k) % this.capacity;
      features.set(this.features.subarray(row * this.width, (row + 1) * this.width), k * this.width);
      click[k] = this.click[row];
      watch[k] = this.watch[row];
    }
    return { features, click, watch, length };
  }
}
