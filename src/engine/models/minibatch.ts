import type { Random } from '../random';

export interface EpochOptions {
  epochs: number;
  batchSize: number;
  /** Shuffles the sample order at the start of every epoch. */
  rng: Random;
  /** Called after each epoch with the fraction of epochs done, in [0, 1], and the epoch's mean losses (as `step` returns them). */
  onProgress?: (fraction: number, losses: readonly number[]) => void;
}

/**
 * Runs `epochs` passes over `length` samples in shuffled mini-batches, the
 * loop every model here trains with. `step` trains on one batch of sample
 * indices and returns its losses; the result is their mean over the batches
 * of the last epoch, one entry per loss (NaN for each when there was no
 * batch). Between epochs it yields to the event loop so a cancel message can
 * arrive.
 */
export async function trainEpochs(length: number, options: EpochOptions, step: (batch: Uint32Array) => readonly number[]): Promise<number[]> {
  const order = Uint32Array.from({ length }, (_, k) => k);
  let means: number[] = [];

  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    options.rng.shuffle(order);
    const sums: number[] = [];
    let batches = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const losses = step(order.subarray(start, Math.min(order.length, start + options.batchSize)));
      losses.forEach((loss, index) => {
        sums[index] = (sums[index] ?? 0) + loss;
      });
      batches += 1;
    }
    means = sums.map((sum) => sum / batches);
    options.onProgress?.((epoch + 1) / options.epochs, means);
    await yieldToEventLoop();
  }
  return means;
}

/** Lets queued messages (a cancel, a progress read) run between epochs. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
