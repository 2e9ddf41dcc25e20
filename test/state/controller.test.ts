import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TICK_METRIC_COLUMNS, type TickMetrics, type UserFeedSnapshot } from '../../src/engine/loop/types';
import type { FeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { applyPolicy, type PolicyUpdate } from '../../src/engine/scenarios/policySchedule';
import { RunController } from '../../src/state/controller';
import { feedLabStore, resetStore } from '../../src/state/store';
import type { EngineClient } from '../../src/worker/client';
import type { AdvanceProgress, AdvanceResult, BackendReport, InitResult, RatingsFile } from '../../src/worker/protocol';

/**
 * A fake engine worker with the worker API's shapes and determinism: every
 * metric of a row is a function of (seed, tick), except `shareExploration`,
 * which is the ε in force, so a test can tell which policy served each tick,
 * and a replay gives the same rows. `crash()` makes pending calls hang, as calls
 * on a dead worker do.
 */
class FakeClient {
  static created: FakeClient[] = [];
  params: FeedMachineParams | null = null;
  tick = 0;
  dead = false;
  cancelled = new Set<number>();
  calls: string[] = [];
  private crashListeners = new Set<(message: string) => void>();
  private readonly backend: BackendReport = { active: 'cpu', trials: [{ backend: 'cpu', ok: true, msPerStep: 1 }], fallbacks: [] };

  constructor() {
    FakeClient.created.push(this);
  }

  static row(seed: number, tick: number, epsilon = 0.1): TickMetrics {
    const row = {} as Record<keyof TickMetrics, number>;
    TICK_METRIC_COLUMNS.forEach((column, index) => {
      row[column] = ((seed * 31 + tick * 17 + index * 7) % 101) / 101;
    });
    row.tick = tick;
    row.retrained = tick % 5 === 0 ? 1 : 0;
    row.shareExploration = epsilon;
    return row;
  }

  private hangIfDead<T>(value: () => T): Promise<T> {
    return this.dead ? new Promise<T>(() => {}) : Promise.resolve().then(value);
  }

  readonly api = {
    init: (params: FeedMachineParams, options: { ratings?: RatingsFile } = {}): Promise<InitResult> => {
      this.calls.push('init');
      if (options.ratings?.text.startsWith('bad')) {
        return Promise.reject(new Error(`${options.ratings.name} line 2: field rating has value "x"; expected a number`));
      }
      return this.hangIfDead(() => {
        this.params = params;
        this.tick = 0;
        const users = options.ratings ? 943 : params.users;
        const source = options.ratings ? 'movielens' : 'synthetic';
        const topicNames = Array.from({ length: params.topics }, (_, topic) => (options.ratings ? `taste ${topic + 1}` : `genre ${topic}`));
        return { backend: this.backend, world: { source, users, items: params.items, creators: 1, topics: params.topics, topicNames }, tick: 0 };
      });
    },
    advance: async (ticks: number, runId: number, onProgress?: (progress: AdvanceProgress) => void): Promise<AdvanceResult> => {
      this.calls.push(`advance ${ticks}`);
      const metrics: TickMetrics[] = [];
      let cancelled = false;
      for (let done = 0; done < ticks; done++) {
        await this.hangIfDead(() => undefined);
        if (this.cancelled.has(runId)) {
          cancelled = true;
          break;
        }
        this.tick++;
        metrics.push(FakeClient.row(this.params!.seed, this.tick, this.params!.epsilon));
        onProgress?.({ done: done + 1, total: ticks, tick: this.tick, phase: 'serving' });
      }
      return {
        metrics,
        topicMix: metrics.map((row) => ({ tick: row.tick, shares: [0.5, 0.5] })),
        tick: this.tick,
        cancelled,
        retrainedAt: metrics.filter((row) => row.retrained === 1).map((row) => row.tick),
        backend: this.backend,
      };
    },
    setPolicy: (update: PolicyUpdate): Promise<FeedMachineParams> => {
      this.calls.push(`setPolicy ${JSON.stringify(update)}`);
      return this.hangIfDead(() => {
        this.params = applyPolicy(this.params!, update);
        return this.params;
      });
    },
    cancel: async (runId: number) => {
      this.cancelled.add(runId);
    },
    snapshot: (user: number) => this.hangIfDead(() => ({ user, tick: this.tick, feed: [], served: false, trueInterests: [1, 0], initialInterests: [1, 0], profile: [0.5, 0.5], feedUtility: 0, idealUtility: 1 }) as UserFeedSnapshot),
    embeddingMap: () => this.hangIfDead(() => ({ tick: this.tick, users: 1, items: 1, points: new Float32Array(4), topic: new Uint8Array(2), explainedVariance: [0.5, 0.2] as [number, number] })),
    backendReport: () => this.hangIfDead(() => this.backend),
  };

  asClient(): EngineClient {
    return {
      api: this.api as unknown as EngineClient['api'],
      terminate: () => {
        this.dead = true;
      },
      onCrash: (listener) => {
        this.crashListeners.add(listener);
        return () => this.crashListeners.delete(listener);
      },
    };
  }

  crash(message: string) {
    this.dead = true;
    for (const listener of [...this.crashListeners]) {
      listener(message);
    }
  }
}

/** Resolves once `condition` holds, checking after each macrotask; fails after `limit` checks. */
async function until(condition: () => boolean, limit = 500): Promise<void> {
  for (let attempt = 0; attempt < limit; attempt++) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error('condition not reached');
}

const state = () => feedLabStore.getState();
let controller: RunController;

beforeEach(() => {
  resetStore();
  FakeClient.created = [];
  state().applyHash('#/lab/feed-machine?seed=3&users=50');
  controller = new RunController(feedLabStore, { createClient: () => new FakeClient().asClient(), sleep: () => new Promise((resolve) => setTimeout(resolve, 0)) });
});

afterEach(() => {
  controller.dispose();
});

describe('RunController', () => {
  it('builds the world at tick 0 with views', async () => {
    await controller.start();
    expect(state().phase).toBe('ready');
    expect(state().tick).toBe(0);
    expect(state().world?.users).toBe(50);
    expect(state().snapshot?.user).toBe(0);
    expect(state().embeddingMap).not.toBeNull();
  });

  it('appends one row per step', async () => {
    await controller.start();
    await controller.step();
    await controller.step();
    expect(state().tick).toBe(2);
    expect(state().metrics.map((row) => row.tick)).toEqual([1, 2]);
    expect(state().metrics[1]).toEqual(FakeClient.row(3, 2));
  });

  it('restarts from tick 0 when a parameter changes', async () => {
    await controller.start();
    await controller.step();
    const before = state().metrics;
    expect(state().setParams({ epsilon: 0.3 })).toBeNull();
    await until(() => state().phase === 'ready' && FakeClient.created[0].calls.filter((call) => call === 'init').length === 2);
    expect(state().tick).toBe(0);
    expect(state().metrics).toEqual([]);
    expect(before).toHaveLength(1);
  });

  it('replays to the URL tick on start', async () => {
    state().setView({ tick: 7 });
    await controller.start();
    expect(state().tick).toBe(7);
    expect(state().metrics).toHaveLength(7);
    expect(state().view.tick).toBe(0);
  });

  it('replays a new link opened in the same tab', async () => {
    await controller.start();
    await controller.step();
    state().applyHash('#/lab/feed-machine?seed=3&users=50&tick=4');
    await until(() => state().tick === 4 && state().view.tick === 0 && state().phase === 'ready');
    expect(state().metrics.map((row) => row.tick)).toEqual([1, 2, 3, 4]);
  });

  it('cancels a replay when another link arrives', async () => {
    state().setView({ tick: 100_000 });
    const started = controller.start();
    await until(() => state().tick > 0);
    state().applyHash('#/lab/feed-machine?seed=4&users=50&tick=3');
    await started;
    await until(() => state().phase === 'ready' && state().params.seed === 4 && state().tick === 3 && state().view.tick === 0);
    expect(state().metrics.map((row) => row.tick)).toEqual([1, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state().tick).toBe(3);
    expect(state().metrics).toHaveLength(3);
  });

  it('replays to the same tick after a crash', async () => {
    await controller.start();
    await controller.step();
    await controller.step();
    await controller.step();
    const rows = state().metrics.slice();

    FakeClient.created[0].crash('Engine worker error: out of memory');
    await until(() => state().phase === 'ready' && FakeClient.created.length === 2);

    const replacement = FakeClient.created[1];
    expect(replacement.calls).toEqual(['init', 'advance 3']);
    expect(replacement.tick).toBe(3);
    expect(state().tick).toBe(3);
    expect(state().metrics).toEqual(rows);
    expect(state().notice).toMatch(/out of memory.*replayed the run to tick 3/);

    await controller.step();
    expect(state().metrics[3]).toEqual(FakeClient.row(3, 4));
  });

  it('keeps the run when a ratings file is rejected', async () => {
    await controller.start();
    await controller.step();
    const accepted = await controller.importRatings({ name: 'u.data', text: 'bad file' });
    expect(accepted).toBe(false);
    expect(state().importError).toBe('u.data line 2: field rating has value "x"; expected a number');
    expect(state().tick).toBe(1);
    expect(state().metrics).toHaveLength(1);
    expect(state().ratingsFileName).toBeNull();
  });

  it('rebuilds the world from an accepted ratings file', async () => {
    await controller.start();
    await controller.step();
    const accepted = await controller.importRatings({ name: 'u.data', text: '1\t1\t5\t0\n' });
    expect(accepted).toBe(true);
    expect(state().world?.source).toBe('movielens');
    expect(state().world?.users).toBe(943);
    expect(state().ratingsFileName).toBe('u.data');
    expect(state().tick).toBe(0);
    expect(state().metrics).toEqual([]);
  });

  it('plays until paused', async () => {
    await controller.start();
    controller.play();
    expect(state().playing).toBe(true);
    await until(() => state().tick >= 3);
    controller.pause();
    expect(state().playing).toBe(false);
    await until(() => state().phase === 'ready');
    const stoppedAt = state().tick;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state().tick).toBe(stoppedAt);
    expect(state().metrics).toHaveLength(stoppedAt);
  });

  it('runs a guided step from tick 0', async () => {
    await controller.start();
    await controller.step();
    const rows = await controller.runFromStart({ seed: 3, users: 50 }, 6);
    expect(rows.map((row) => row.tick)).toEqual([1, 2, 3, 4, 5, 6]);
    const changed = await controller.runFromStart({ seed: 4 }, 2);
    expect(changed).toEqual([FakeClient.row(4, 1), FakeClient.row(4, 2)]);
    expect(state().params.seed).toBe(4);
  });

  it('rejects a guided step with invalid parameters', async () => {
    await controller.start();
    await expect(controller.runFromStart({ users: 5 }, 3)).rejects.toThrow(/users/);
  });
});

describe('RunController policy changes', () => {
  const exploration = () => state().metrics.map((row) => row.shareExploration);
  const inits = () => FakeClient.created[0].calls.filter((call) => call === 'init').length;

  it('applies a live change from the next tick', async () => {
    await controller.start();
    await controller.step();
    await controller.step();
    expect(await controller.changePolicy({ epsilon: 1 })).toBeNull();
    await controller.step();

    expect(exploration()).toEqual([0.1, 0.1, 1]);
    expect(state().changes).toEqual([{ tick: 2, update: { epsilon: 1 } }]);
    expect(state().params.epsilon).toBe(0.1);
    expect(FakeClient.created[0].calls).toEqual(['init', 'advance 1', 'advance 1', 'setPolicy {"epsilon":1}', 'advance 1']);
  });

  it('keeps playing through a live change', async () => {
    await controller.start();
    controller.play();
    await until(() => state().tick >= 2);
    expect(await controller.changePolicy({ epsilon: 0.7 })).toBeNull();
    const changedAt = state().changes[0].tick;
    expect(state().playing).toBe(true);
    await until(() => state().tick >= changedAt + 3);
    controller.pause();
    await until(() => state().phase === 'ready');

    expect(inits()).toBe(1);
    const rows = state().metrics;
    expect(rows.filter((row) => row.tick <= changedAt).every((row) => row.shareExploration === 0.1)).toBe(true);
    expect(rows.filter((row) => row.tick > changedAt).every((row) => row.shareExploration === 0.7)).toBe(true);
  });

  it('merges two changes at one tick', async () => {
    await controller.start();
    await controller.step();
    expect(await controller.changePolicy({ epsilon: 0.5 })).toBeNull();
    expect(await controller.changePolicy({ diversityWeight: 2 })).toBeNull();
    expect(state().changes).toEqual([{ tick: 1, update: { epsilon: 0.5, diversityWeight: 2 } }]);
    expect(FakeClient.created[0].params?.diversityWeight).toBe(2);
  });

  it('changes the base parameters at tick 0', async () => {
    await controller.start();
    expect(await controller.changePolicy({ epsilon: 0.4 })).toBeNull();
    await until(() => state().phase === 'ready' && inits() === 2);
    expect(state().params.epsilon).toBe(0.4);
    expect(state().changes).toEqual([]);
  });

  it('rejects an invalid change', async () => {
    await controller.start();
    await controller.step();
    expect(await controller.changePolicy({ epsilon: 2 })).toMatch(/epsilon=2/);
    expect(state().changes).toEqual([]);
    expect(FakeClient.created[0].calls.some((call) => call.startsWith('setPolicy'))).toBe(false);
  });

  it('replays a schedule from the URL', async () => {
    state().applyHash('#/lab/feed-machine?seed=3&users=50&changes=2:epsilon=1;4:epsilon=0.5&tick=6');
    await controller.start();
    expect(state().tick).toBe(6);
    expect(exploration()).toEqual([0.1, 0.1, 1, 1, 0.5, 0.5]);
    expect(FakeClient.created[0].calls).toEqual(['init', 'advance 2', 'setPolicy {"epsilon":1}', 'advance 2', 'setPolicy {"epsilon":0.5}', 'advance 2']);
  });

  it('applies a tick-0 change before the first tick', async () => {
    state().applyHash('#/lab/feed-machine?seed=3&users=50&changes=0:epsilon=1');
    await controller.start();
    await controller.step();
    expect(exploration()).toEqual([1]);
    expect(FakeClient.created[0].calls).toEqual(['init', 'setPolicy {"epsilon":1}', 'advance 1']);
  });

  it('follows a scheduled change while playing', async () => {
    state().applyHash('#/lab/feed-machine?seed=3&users=50&changes=3:epsilon=0.9&speed=60');
    await controller.start();
    controller.play();
    await until(() => state().tick >= 8);
    controller.pause();
    await until(() => state().phase === 'ready');
    expect(exploration().slice(0, 8)).toEqual([0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9]);
  });

  it('replays the schedule after a crash', async () => {
    await controller.start();
    await controller.step();
    await controller.step();
    expect(await controller.changePolicy({ epsilon: 1 })).toBeNull();
    await controller.step();
    const rows = state().metrics.slice();

    FakeClient.created[0].crash('Engine worker error: out of memory');
    await until(() => state().phase === 'ready' && FakeClient.created.length === 2);

    const replacement = FakeClient.created[1];
    expect(replacement.calls).toEqual(['init', 'advance 2', 'setPolicy {"epsilon":1}', 'advance 1']);
    expect(replacement.params?.epsilon).toBe(1);
    expect(state().metrics).toEqual(rows);

    await controller.step();
    expect(state().metrics[3]).toEqual(FakeClient.row(3, 4, 1));
  });

  it('resets to the values in force as the new base', async () => {
    await controller.start();
    await controller.step();
    expect(await controller.changePolicy({ epsilon: 1 })).toBeNull();
    await controller.step();
    await controller.reset();

    expect(state().tick).toBe(0);
    expect(state().params.epsilon).toBe(1);
    expect(state().changes).toEqual([]);
    await controller.step();
    expect(exploration()).toEqual([1]);
  });

  it('clears the schedule when a world field changes', async () => {
    await controller.start();
    await controller.step();
    expect(await controller.changePolicy({ epsilon: 1 })).toBeNull();
    expect(state().setParams({ users: 60 })).toBeNull();
    await until(() => state().phase === 'ready' && inits() === 2);
    expect(state().changes).toEqual([]);
    expect(state().tick).toBe(0);
  });

  it('restarts when the URL edits the schedule', async () => {
    await controller.start();
    await controller.step();
    await controller.step();
    state().applyHash('#/lab/feed-machine?seed=3&users=50&changes=1:epsilon=0.6');
    await until(() => state().phase === 'ready' && inits() === 2);
    expect(state().tick).toBe(0);
    await controller.step();
    await controller.step();
    expect(exploration()).toEqual([0.1, 0.6]);
  });

  it('runs a guided step with a schedule', async () => {
    await controller.start();
    const rows = await controller.runSchedule({ seed: 3, users: 50 }, [{ tick: 2, update: { epsilon: 1 } }], 4);
    expect(rows.map((row) => row.shareExploration)).toEqual([0.1, 0.1, 1, 1]);
    expect(state().changes).toEqual([{ tick: 2, update: { epsilon: 1 } }]);
  });
});

describe('applyHash', () => {
  it('gives a field left out of a link its default', () => {
    state().applyHash('#/lab/feed-machine?users=50&items=100');
    state().applyHash('#/lab/feed-machine?seed=8&users=300');
    expect(state().params.items).toBe(5_000);
    expect(state().params.users).toBe(300);
    expect(state().params.seed).toBe(8);
  });
});
