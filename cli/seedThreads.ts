import { Worker } from 'node:worker_threads';
import type { SeedRun } from '../src/engine/experiments/seeds';
import type { FilterBubbleConfig } from '../src/engine/scenarios/filterBubble';
import type { CliBackendChoice } from './backend';

/** The work one thread is given: one seed of Lab 8's twins. */
export interface SeedJob {
  config: FilterBubbleConfig;
  seed: number;
  ticks: number;
  /** The backend the main thread chose, so that every thread computes with the same arithmetic. */
  backend: CliBackendChoice;
}

/** A thread's reply: the seed's rows, or the message of the error that stopped it. */
export type SeedReply = { run: SeedRun } | { error: string };

/**
 * Runs Lab 8's twins on each seed in up to `threads` worker threads, one seed
 * per thread at a time, and returns the runs in the order of `seeds`. A seed
 * computes the same rows in a thread as in the main thread, because each seed
 * draws from its own generator and every thread uses `backend`.
 *
 * @throws Error naming the seed whose thread failed; the other threads are stopped.
 */
export async function runSeedsInThreads(
  config: FilterBubbleConfig,
  seeds: readonly number[],
  ticks: number,
  options: { threads: number; backend: CliBackendChoice; onSeedDone?: (run: SeedRun) => void },
): Promise<SeedRun[]> {
  const runs = new Map<number, SeedRun>();
  const waiting = [...seeds];
  const workers = new Set<Worker>();

  const runOne = (seed: number): Promise<SeedRun> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./seedThread.mjs', import.meta.url), {
        workerData: { config, seed, ticks, backend: options.backend } satisfies SeedJob,
      });
      workers.add(worker);
      worker.once('message', (reply: SeedReply) => {
        if ('run' in reply) {
          resolve(reply.run);
        } else {
          reject(new Error(`seed ${seed} failed in its thread: ${reply.error}`));
        }
      });
      worker.once('error', (error) => reject(new Error(`seed ${seed} failed in its thread: ${error.message}`)));
      worker.once('exit', (code) => {
        workers.delete(worker);
        if (code !== 0) {
          reject(new Error(`the thread of seed ${seed} exited with code ${code}`));
        }
      });
    });

  const lane = async (): Promise<void> => {
    for (let seed = waiting.shift(); seed !== undefined; seed = waiting.shift()) {
      const run = await runOne(seed);
      runs.set(seed, run);
      options.onSeedDone?.(run);
    }
  };

  try {
    const lanes = Math.max(1, Math.min(options.threads, seeds.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  } catch (error) {
    waiting.length = 0;
    await Promise.all([...workers].map((worker) => worker.terminate()));
    throw error;
  }
  return seeds.map((seed) => runs.get(seed) as SeedRun);
}
