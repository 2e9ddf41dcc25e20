import { transfer } from 'comlink';
import { BackendSwitcher } from '../engine/backend/fallback';
import { errorMessage } from '../engine/backend/activate';
import { selectBackend, type TrialLimits } from '../engine/backend/selectBackend';
import type { BackendFallback, BackendName, BackendReport, BackendTrial } from '../engine/backend/types';
import { RatingsImportError, parseRatings, type RatingsData } from '../engine/io/movielens';
import { FeedSimulation } from '../engine/loop/simulation';
import type { EmbeddingMap, TickMetrics, TopicMixRow, UserFeedSnapshot } from '../engine/loop/types';
import { parseFeedMachineParams, type FeedMachineParams } from '../engine/scenarios/feedMachine';
import type { PolicyUpdate } from '../engine/scenarios/policySchedule';
import { buildWorldFromRatings } from '../engine/world/fromRatings';
import type { World } from '../engine/world/types';
import { ProgressThrottle } from './progressThrottle';
import type { AdvanceProgress, AdvanceResult, InitResult, RatingsFile, WorldSummary } from './protocol';
import { SerialQueue } from './serialQueue';
import { yieldToEventLoop } from './yieldToEventLoop';

/** Logger of the worker boundary. The engine itself logs nothing. */
export type EngineLogger = Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;

/**
 * Runtime-specific parts of the engine API: the backends that exist, and the
 * WebGL parts that need a canvas (browser worker only).
 */
export interface EngineEnvironment {
  /** Backends this runtime offers, in fallback order. */
  candidates: readonly BackendName[];
  /** Returns the WebGL renderer string, or undefined without WebGL. */
  readWebGLRenderer?(): string | undefined;
  /** Calls `onLost` when the active WebGL backend's context is lost; returns a function that stops listening. */
  watchWebGLContext?(onLost: (reason: string) => void): () => void;
  /** Returns true when the active WebGL backend's context is lost; checked synchronously during training. */
  isWebGLContextLost?(): boolean;
  /** Loses the active WebGL backend's context through WEBGL_lose_context; false when there is none. */
  loseWebGLContext?(): boolean;
  log: EngineLogger;
  /** Overrides of the backend trial's limits (tests use short ones). */
  trialLimits?: Partial<TrialLimits>;
}

export interface InitOptions {
  /** A MovieLens ratings file to build the world from, instead of a synthetic one. */
  ratings?: RatingsFile;
  /** Backend to use; 'auto' (the default) runs the measured trial. */
  backend?: BackendName | 'auto';
}

/** Progress is sent at most this often, in milliseconds, plus once at the end of a call. */
const PROGRESS_INTERVAL_MS = 100;

/** Cancelled run ids kept for advances not yet started; the oldest is dropped beyond this. */
const MAX_PENDING_CANCELS = 100;

/**
 * Builds the worker's API: the object that `engine.worker.ts` exposes with
 * comlink, and that tests call directly in Node.
 *
 * `init` and `advance` run one at a time in call order, so a simulation is
 * never stepped by two calls at once and never replaced mid-advance. `cancel`,
 * `snapshot`, `embeddingMap` and `backendReport` bypass that queue: they run
 * between two ticks of a running advance, which yields to the event loop
 * after every tick.
 */
export function createEngineApi(environment: EngineEnvironment) {
  const { log } = environment;
  const queue = new SerialQueue();
  const cancelledRuns = new Set<number>();
  let simulation: FeedSimulation | undefined;
  let switcher: BackendSwitcher | undefined;
  let requestedBackend: BackendName | 'auto' | undefined;
  let stopWatchingWebGL: (() => void) | undefined;

  function requireSimulation(): FeedSimulation {
    if (simulation === undefined) {
      throw new Error('The engine has no simulation yet: call init first');
    }
    return simulation;
  }

  async function ensureBackend(requested: BackendName | 'auto'): Promise<BackendSwitcher> {
    if (switcher !== undefined && requested === requestedBackend) {
      return switcher;
    }
    const started = performance.now();
    const renderer = environment.readWebGLRenderer?.();
    const selection = await selectBackend({ candidates: environment.candidates, requested, renderer, limits: environment.trialLimits });
    log.info(`backend: ${selection.report.active} chosen in ${elapsedMs(started)} ms; ranking ${selection.ranking.join(' > ')}; trials: ${describeTrials(selection.report.trials)}`);

    const chosen = new BackendSwitcher(selection, (fallback: BackendFallback) => {
      log.warn(`backend: fell back from ${fallback.from} to ${fallback.to} at tick ${fallback.tick}: ${fallback.reason}`);
    });
    stopWatchingWebGL?.();
    stopWatchingWebGL = undefined;
    if (chosen.active === 'webgl' && environment.watchWebGLContext !== undefined) {
      stopWatchingWebGL = environment.watchWebGLContext((reason) => {
        if (chosen.active === 'webgl') {
          log.warn(`backend: ${reason}; the next step runs on the next backend`);
          chosen.markLost('webgl', reason);
        }
      });
    }
    switcher = chosen;
    requestedBackend = requested;
    return chosen;
  }

  /**
   * Throws when the WebGL context is gone. TF.js 4.22 does not throw on a
   * lost context: reads return zeros, so a retrain that finished on it would
   * store zero weights. Thrown from the training-progress callback or from
   * the simulation's check before it keeps new weights, the error makes the
   * simulation restore its weights and the switcher redo the retrain on the
   * next backend.
   */
  function throwIfWebGLLost(backends: BackendSwitcher, tick: number): void {
    if (backends.active === 'webgl' && environment.isWebGLContextLost?.() === true) {
      const reason = `WebGL context lost during the retrain of tick ${tick}`;
      backends.markLost('webgl', reason);
      throw new Error(reason);
    }
  }

  function takeCancel(runId: number): boolean {
    return cancelledRuns.delete(runId);
  }

  const api = {
    /**
     * Chooses the backend (on the first call, or when `options.backend` is
     * given and differs from the last request), builds a world and a new
     * simulation, and only then replaces the current one. A ratings file
     * that cannot be parsed or built rejects with the parser's message (file,
     * line, field, value) and leaves the previous simulation as it was.
     */
    async init(params: FeedMachineParams, options: InitOptions = {}): Promise<InitResult> {
      return queue.run(async () => {
        const started = performance.now();
        try {
          const checked = parseFeedMachineParams(params);
          const ratings = options.ratings === undefined ? undefined : parseRatings(options.ratings.text, options.ratings.name);
          const backends = await ensureBackend(options.backend ?? requestedBackend ?? 'auto');

          const built = await backends.run(async () => {
            const world: World | undefined = ratings === undefined ? undefined : await buildWorldFromRatings(ratings, checked);
            return FeedSimulation.create(checked, world);
          }, 0);

          simulation = built;
          const world = summariseWorld(built.world, ratings);
          log.info(`init: ${world.source} world of ${world.users} users and ${world.items} items, seed ${checked.seed}, built in ${elapsedMs(started)} ms on ${backends.active}`);
          return { backend: backends.report(), world, tick: built.tick };
        } catch (error) {
          // A rejected file or parameter is the user's input, shown in the page; only other failures are warnings.
          const isInputError = error instanceof RatingsImportError || (error instanceof Error && error.message.startsWith('Invalid feed-machine parameters'));
          const message = `init failed after ${elapsedMs(started)} ms: ${errorMessage(error)}`;
          if (isInputError) {
            log.info(message);
          } else {
            log.warn(message);
          }
          throw error;
        }
      });
    },

    /**
     * Runs `ticks` ticks and returns their metric and topic-mix rows. After
     * every tick it yields to the event loop, so `cancel(runId)` can stop the
     * call: it then resolves early with `cancelled: true` and the rows done so
     * far. `onProgress` (a `comlink.proxy` from the page) is called at most
     * every 100 ms and once at the end. When the backend fails during a tick,
     * the tick is finished on the next backend from the same state.
     */
    async advance(ticks: number, runId: number, onProgress?: (progress: AdvanceProgress) => unknown): Promise<AdvanceResult> {
      if (!Number.isInteger(ticks) || ticks < 0) {
        throw new Error(`advance: ticks must be a non-negative integer; received ${ticks}`);
      }
      return queue.run(async () => {
        const sim = requireSimulation();
        const backends = switcher as BackendSwitcher;
        const started = performance.now();
        const metrics: TickMetrics[] = [];
        const topicMix: TopicMixRow[] = [];
        const retrainedAt: number[] = [];
        const sender = createProgressSender(onProgress, log);
        const progress = new ProgressThrottle<AdvanceProgress>(sender.send, PROGRESS_INTERVAL_MS);
        let cancelled = false;

        try {
          for (let done = 0; done < ticks; done += 1) {
            if (takeCancel(runId)) {
              cancelled = true;
              break;
            }
            const tick = sim.tick + 1;
            // The context-lost event may still be queued, and serving also runs
            // TF.js matrix products, so check the context itself first.
            if (backends.active === 'webgl' && environment.isWebGLContextLost?.() === true) {
              backends.markLost('webgl', 'WebGL context lost (isContextLost before the tick)');
            }
            const onTrainingProgress = () => {
              throwIfWebGLLost(backends, tick);
              progress.report({ done, total: ticks, tick, phase: 'training' });
            };
            const checkBackend = () => throwIfWebGLLost(backends, tick);
            const row = await backends.run(() => sim.step({ onTrainingProgress, checkBackend }), tick);
            metrics.push(row.metrics);
            topicMix.push(row.topicMix);
            if (row.metrics.retrained === 1) {
              retrainedAt.push(row.metrics.tick);
            }
            progress.report({ done: done + 1, total: ticks, tick: sim.tick, phase: 'serving' });
            await yieldToEventLoop();
          }
        } catch (error) {
          log.error(`advance ${runId} failed at tick ${sim.tick} on ${backends.active}: ${errorMessage(error)}`);
          throw error;
        } finally {
          takeCancel(runId);
        }

        progress.flush({ done: metrics.length, total: ticks, tick: sim.tick, phase: 'serving' });
        if (sender.failures() > 1) {
          log.warn(`advance ${runId}: ${sender.failures()} progress callbacks failed in all`);
        }
        log.debug(`advance ${runId}: ${metrics.length}/${ticks} ticks in ${elapsedMs(started)} ms${cancelled ? ', cancelled' : ''}, now at tick ${sim.tick}`);
        return { metrics, topicMix, tick: sim.tick, cancelled, retrainedAt, backend: backends.report() };
      });
    },

    /**
     * Changes policy parameters (ε, diversity weight, retrain period, drift
     * rate, utility weights) from the next tick on; queued behind any running
     * advance, so it lands between two ticks. Rejects an invalid update and
     * keeps the current parameters; returns the parameters now in force.
     */
    async setPolicy(update: PolicyUpdate): Promise<FeedMachineParams> {
      return queue.run(async () => {
        const sim = requireSimulation();
        const params = sim.setPolicy(update);
        log.info(`setPolicy at tick ${sim.tick}: ${JSON.stringify(update)}`);
        return params;
      });
    },

    /**
     * Stops the advance with this `runId` after its current tick, or before
     * its first tick when it is still queued. Unknown ids are remembered for
     * an advance that has not arrived yet, up to 100 of them.
     */
    async cancel(runId: number): Promise<void> {
      cancelledRuns.add(runId);
      if (cancelledRuns.size > MAX_PENDING_CANCELS) {
        const oldest = cancelledRuns.values().next().value as number;
        cancelledRuns.delete(oldest);
      }
    },

    /** Returns the ground truth and the last served feed of one user. */
    async snapshot(user: number): Promise<UserFeedSnapshot> {
      const sim = requireSimulation();
      if (!Number.isInteger(user) || user < 0 || user >= sim.world.users) {
        throw new Error(`snapshot: user must be an integer in [0, ${sim.world.users}); received ${user}`);
      }
      return sim.snapshot(user);
    },

    /** Returns the 2-D embedding map, its typed arrays transferred to the page instead of copied. */
    async embeddingMap(): Promise<EmbeddingMap> {
      const map = requireSimulation().embeddingMap();
      return transfer(map, [map.points.buffer, map.topic.buffer]);
    },

    /** Returns the active backend, the start-up trial and every fallback so far. */
    async backendReport(): Promise<BackendReport> {
      if (switcher === undefined) {
        throw new Error('No backend chosen yet: call init first');
      }
      return switcher.report();
    },

    /**
     * Test hook: loses the WebGL backend's context through WEBGL_lose_context,
     * as a GPU reset would. Returns false when WebGL is not the active backend.
     */
    async loseWebGLContext(): Promise<boolean> {
      if (switcher?.active !== 'webgl' || environment.loseWebGLContext === undefined) {
        return false;
      }
      const lost = environment.loseWebGLContext();
      log.warn(`loseWebGLContext: ${lost ? 'context lost on request' : 'WEBGL_lose_context is not available'}`);
      return lost;
    },
  };
  return api;
}

function summariseWorld(world: World, ratings: RatingsData | undefined): WorldSummary {
  const summary: WorldSummary = { source: world.source, users: world.users, items: world.items, creators: world.creators, topics: world.topics, topicNames: world.topicNames };
  if (ratings !== undefined) {
    summary.fileName = ratings.fileName;
    summary.ratings = ratings.rating.length;
  }
  return summary;
}

/**
 * Wraps the page's progress callback: calls it without waiting, and logs the
 * first failed call (a rejected or throwing callback) instead of throwing
 * into the run. Later failures are only counted.
 */
function createProgressSender(onProgress: ((progress: AdvanceProgress) => unknown) | undefined, log: EngineLogger) {
  let failures = 0;
  const fail = (error: unknown) => {
    failures += 1;
    if (failures === 1) {
      log.warn(`progress callback failed: ${errorMessage(error)}`);
    }
  };

  const send = (value: AdvanceProgress): void => {
    if (onProgress === undefined) {
      return;
    }
    try {
      void Promise.resolve(onProgress(value)).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
  return { send, failures: () => failures };
}

function describeTrials(trials: readonly BackendTrial[]): string {
  return trials.map((trial) => `${trial.backend} ${trial.msPerStep === undefined ? '' : `${trial.msPerStep} ms/step `}${trial.note ?? ''}`.trim()).join('; ');
}

function elapsedMs(start: number): number {
  return Math.round(performance.now() - start);
}
