import { Worker } from 'node:worker_threads';
import type { SeedRun } from '../src/engine/experiments/seeds';
import type { FilterBubbleConfig } from '../src/engine/scenarios/filterBubble';
import type { CliBackendChoice } from './backend';

/** Set-up of one thread: Lab 8's twins, the ticks per seed and the backend. */
export interface SeedThreadSetup {
  config: FilterBubbleConfig;
  ticks: number;
  /** The backend the main thread chose, so that every thread computes with the same arithmetic. */
  backend: CliBackendChoice;
}

/** A thread's reply to one seed: the seed's rows, or the message of the error that stopped it. */
export type SeedReply = { run: SeedRun } | { error: string };

/**
 * Runs Lab 8's twins on each seed in up to `threads` worker threads and
 * returns the runs in the order of `seeds`. Each thread loads TensorFlow.js
 * once and then runs one seed after another as the main thread sends them.
 * A seed computes the same rows in a thread as in the main thread, because
 * each seed draws from its own generator and every thread uses `backend`.
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

  /** Sends `seed` to `worker` and waits for its rows; a thread that fails or exits rejects. */
  const runSeed = (worker: Worker, seed: number): Promise<SeedRun> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: SeedReply): void => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        if ('run' in reply) {
          resolve(reply.run);
        } else {
          reject(new Error(`seed ${seed} failed in its thread: ${reply.error}`));
        }
      };
      const onError = (error: Error): void => reject(new Error(`seed ${seed} failed in its thread: ${error.message}`));
      const onExit = (code: number): void => reject(new Error(`the thread of seed ${seed} exited with code ${code}`));
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(seed);
    });

  const lane = async (): Promise<void> => {
    const worker = new Worker(new URL('./seedThread.mjs', import.meta.url), { workerData: { config, ticks, backend: options.backend } satisfies SeedThreadSetup });
    workers.add(worker);
    try {
      for (let seed = waiting.shift(); seed !== undefined; seed = waiting.shift()) {
        const run = await runSeed(worker, seed);
        runs.set(seed, run);
        options.onSeedDone?.(run);
      }
    } finally {
      workers.delete(worker);
      await worker.terminate();
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
