/**
 * Entry point of one worker thread of `runSeedsInThreads`: sets the backend
 * the main thread chose, runs one seed of Lab 8's twins and posts its rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useNodeBackend } from './backend';
import type { SeedJob, SeedReply } from './seedThreads';

async function main(job: SeedJob): Promise<SeedReply> {
  try {
    await useNodeBackend(job.backend);
    const { runSeeds } = await import('../src/engine/experiments/seeds');
    const [run] = await runSeeds(job.config, [job.seed], job.ticks);
    return { run };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort === null) {
  throw new Error('cli/seedThread.ts runs only as a worker thread of cli/seedThreads.ts');
}
const port = parentPort;
void main(workerData as SeedJob).then((reply) => port.postMessage(reply));
