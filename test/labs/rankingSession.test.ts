import type { Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import { RankingSession, SessionBusyError } from '../../src/labs/ranking/rankingSession';
import type { EngineLogger } from '../../src/worker/engineApi';
import { createRankingApi } from '../../src/worker/rankingApi';
import type { RankingClient } from '../../src/worker/rankingClient';
import type { TrainRequest } from '../../src/worker/rankingProtocol';

const SMALL = { seed: 3, samples: 2_000, users: 20, items: 40, creators: 8, topics: 4, feedSize: 4 };
const REQUEST: TrainRequest = { models: ['lr'], tasks: ['click'], seed: 1, options: { epochs: 1, embeddingDim: 4 } };

const quiet: EngineLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Creates clients around the real worker API, called in this thread, and lets the test trigger their crash. */
function inThreadClients() {
  const created: { crash(message: string): void; terminated: boolean }[] = [];
  const createClient = (): RankingClient => {
    const api = createRankingApi({ candidates: NODE_BACKENDS, log: quiet });
    // init('auto') would run the timed trial; the tests pin the WASM backend.
    const pinned = { ...api, init: () => api.init({ backend: 'wasm' }) };
    const listeners = new Set<(message: string) => void>();
    const handle = { crash: (message: string) => listeners.forEach((listener) => listener(message)), terminated: false };
    created.push(handle);
    return {
      api: pinned as unknown as Remote<typeof api>,
      terminate: () => {
        handle.terminated = true;
      },
      onCrash: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  };
  return { created, createClient };
}

describe('RankingSession', () => {
  it('starts, loads the data set and trains', async () => {
    const { createClient } = inThreadClients();
    const session = new RankingSession(createClient);
    await session.start(SMALL, 0.25);
    expect(session.store.getState().phase).toBe('ready');
    expect(session.store.getState().dataset?.samples).toBe(2_000);
    expect(session.store.getState().backend?.active).toBe('wasm');

    const result = await session.train(REQUEST);
    const state = session.store.getState();
    expect(result.scores).toHaveLength(1);
    expect(state.phase).toBe('ready');
    expect(state.result).toBe(result);
    expect(state.resultVersion).toBe(1);
    expect(state.notice).toBe('Trained 1 model-task pair.');
    session.dispose();
  });

  it('refuses a second run while one trains', async () => {
    const { createClient } = inThreadClients();
    const session = new RankingSession(createClient);
    await session.start(SMALL, 0.25);
    const first = session.train(REQUEST);
    await expect(session.train(REQUEST)).rejects.toBeInstanceOf(SessionBusyError);
    await first;
    session.dispose();
  });

  it('keeps the data set when a file is rejected', async () => {
    const { createClient } = inThreadClients();
    const session = new RankingSession(createClient);
    await session.start(SMALL, 0.25);
    const before = session.store.getState().dataset;

    await session.importFile(new File(['1\t2\n'], 'broken.txt'), 0.25);
    const state = session.store.getState();
    expect(state.importError).toMatch(/^Line 1, field /);
    expect(state.dataset).toBe(before);
    expect(state.phase).toBe('ready');
    session.dispose();
  });

  it('reports a crash and restarts with the last data set', async () => {
    const { created, createClient } = inThreadClients();
    const session = new RankingSession(createClient);
    await session.start(SMALL, 0.25);

    created[0].crash('Ranking worker error: out of memory');
    expect(session.store.getState().phase).toBe('crashed');
    expect(session.store.getState().error).toBe('Ranking worker error: out of memory. Restart the worker to go on; the settings are kept.');
    expect(created[0].terminated).toBe(true);
    await expect(session.rank(0, 'lr')).rejects.toThrow('The ranking worker is not running; restart it');

    await session.restart();
    expect(created).toHaveLength(2);
    expect(session.store.getState().phase).toBe('ready');
    expect(session.store.getState().dataset?.samples).toBe(2_000);
    session.dispose();
  });
});
