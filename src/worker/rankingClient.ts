import type { RankingWorkerApi } from './ranking.worker';
import { createWorkerClient, type WorkerClient } from './client';

/** The page's handle on Lab 4's ranking worker. */
export type RankingClient = WorkerClient<RankingWorkerApi>;

/** Starts Lab 4's ranking worker (a module worker that Vite bundles from `ranking.worker.ts`). */
export function createRankingClient(): RankingClient {
  const worker = new Worker(new URL('./ranking.worker.ts', import.meta.url), { type: 'module', name: 'feedlab-ranking' });
  return createWorkerClient<RankingWorkerApi>(worker, 'ranking worker');
}
