/**
 * Starts Lab 3's worker, reports its crashes, and restarts it on request.
 * The worker is created in an effect, so the page's first render does not
 * wait for it.
 */
import { useCallback, useEffect, useState } from 'react';
import { createWorkerClient, type WorkerClient } from '../../worker/client';
import type { RetrievalWorkerApi } from '../../worker/retrieval.worker';

export type RetrievalClient = WorkerClient<RetrievalWorkerApi>;

function startClient(): RetrievalClient {
  const worker = new Worker(new URL('../../worker/retrieval.worker.ts', import.meta.url), { type: 'module', name: 'feedlab-retrieval' });
  return createWorkerClient<RetrievalWorkerApi>(worker, 'retrieval worker');
}

export function useRetrievalWorker(): { client: RetrievalClient | undefined; crash: string | null; restart(): void; generation: number } {
  const [client, setClient] = useState<RetrievalClient>();
  const [crash, setCrash] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const started = startClient();
    const stop = started.onCrash((message) => setCrash(message));
    setClient(started);
    return () => {
      stop();
      started.terminate();
    };
  }, [generation]);

  const restart = useCallback(() => {
    setCrash(null);
    setClient(undefined);
    setGeneration((value) => value + 1);
  }, []);

  return { client, crash, restart, generation };
}
