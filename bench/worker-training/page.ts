import { wrap } from 'comlink';
import type { TrainingWorkerApi } from './training.worker';

// The benchmark driver calls this API through page.evaluate.
const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training-benchmark' });
(window as unknown as { trainingWorker: unknown }).trainingWorker = wrap<TrainingWorkerApi>(worker);
document.body.textContent = 'training benchmark worker ready';
