/**
 * Entry point of one worker thread of `runSeedsInThreads`: sets the backend
 * the main thread chose once, then runs each seed it is sent through Lab 8's
 * twins and posts the seed's rows back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useNodeBackend } from './backend';
import type { SeedReply, SeedThreadSetup } from './seedThreads';

if (parentPort === null) {
  throw new Error('cli/seedThread.ts runs only as a worker thread of cli/seedThreads.ts');
}
const port = parentPort;
const setup = workerData as SeedThreadSetup;
const ready = useNodeBackend(setup.backend).then(() => import('../src/engine/experiments/seeds'));

/** Runs one seed; an error becomes the reply's message, so the main thread can name the seed. */
async function runSeed(seed: number): Promise<SeedReply> {
  try {
    const { runSeeds } = await ready;
    const [run] = await runSeeds(setup.config, [seed], setup.ticks);
    return { run };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

port.on('message', (seed: number) => {
  void runSeed(seed).then((reply) => port.postMessage(reply));
});
