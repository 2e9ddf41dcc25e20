import { wrap } from 'comlink';
import type { RankingWorkerApi } from './ranking.worker';

// The benchmark driver calls this API through page.evaluate.
const worker = new Worker(new URL('./ranking.worker.ts', import.meta.url), { type: 'module', name: 'ranking-benchmark' });
(window as unknown as { rankingWorker: unknown }).rankingWorker = wrap<RankingWorkerApi>(worker);
document.body.textContent = 'ranking benchmark worker ready';
