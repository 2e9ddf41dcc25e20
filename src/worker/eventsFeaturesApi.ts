import { transfer } from 'comlink';
import { errorMessage } from '../engine/backend/activate';
import type { BackendSwitcher } from '../engine/backend/fallback';
import type { BackendName, BackendReport } from '../engine/backend/types';
import { ratesPerTick, type EventRates } from '../engine/events/rates';
import { eventWindow, windowBuffers, type EventWindow } from '../engine/events/window';
import { runBingeProbe, type BingeProbeResult } from '../engine/features/bingeProbe';
import { sessionWindowFromLog } from '../engine/features/session';
import { trueAppeal } from '../engine/features/trending';
import { buildUserFeatureView, type TrendingRow, type UserFeatureView } from '../engine/features/userView';
import { FeedSimulation } from '../engine/loop/simulation';
import type { TickMetrics } from '../engine/loop/types';
import { featureRefreshSchema, parseFeedMachineParams, type FeedMachineParams } from '../engine/scenarios/feedMachine';
import { chooseBackend } from './backendChoice';
import type { EngineEnvironment } from './engineApi';
import { ProgressThrottle } from './progressThrottle';
import { SerialQueue } from './serialQueue';
import { yieldToEventLoop } from './yieldToEventLoop';
import { checkTicks } from './tickCalls';

/** Setup of a run, sent by Lab 2's page to `init`. */
export interface EventsFeaturesSetup {
  /** Lab 1's parameters; missing fields take Lab 1's defaults. */
  params: Partial<FeedMachineParams>;
  /** Ticks between refreshes of the served batch features, 1 to 200. */
  featureRefresh: number;
  backend?: BackendName | 'auto';
}

export interface EventsFeaturesInit {
  backend: BackendReport;
  users: number;
  items: number;
  topicNames: string[];
  tick: number;
}

/** Progress of `advance`: rows of the ticks finished since the last report, for live charts. */
export interface StreamProgress {
  done: number;
  total: number;
  tick: number;
  /** Events in the log now. */
  eventCount: number;
  rates: EventRates[];
  metrics: TickMetrics[];
}

export interface StreamResult {
  /** Rows of every tick run by this call. */
  rates: EventRates[];
  metrics: TickMetrics[];
  tick: number;
  eventCount: number;
  /** True when `cancel(runId)` stopped the call early. */
  cancelled: boolean;
}

/** Per-tick outcome of one freshness setting. */
export interface FreshnessRun {
  featureRefresh: number;
  /** tick, click rate, mean true utility and utility ratio of every tick. */
  rows: Pick<TickMetrics, 'tick' | 'clickRate' | 'trueUtility' | 'utilityRatio'>[];
  meanClickRate: number;
  meanTrueUtility: number;
}

export interface FreshnessProgress {
  /** Index of the setting being run, and the ticks done of it. */
  run: number;
  runs: number;
  done: number;
  total: number;
}

export interface FreshnessComparison {
  runs: FreshnessRun[];
  cancelled: boolean;
  /** Ticks between retrains of the runs; the ranker reads no features before its first training, at this tick (0: never retrains). */
  retrainEvery: number;
}

/** Measured trending against true appeal at one tick, from `trendingAt`. */
export interface TrendingSnapshot {
  tick: number;
  /** Share of the top `TRENDING_COUNT` measured trending items that are in the true top `TRENDING_COUNT`. */
  overlap: number;
  /** The item of highest measured trend, with its rank by true appeal. */
  top: TrendingRow;
}

/**
 * Progress is sent at most this often, in milliseconds, plus once at the end
 * of a call. Each report re-renders the event table and the rates chart, so
 * four a second keep the page's main thread mostly idle during a run.
 */
const PROGRESS_INTERVAL_MS = 250;


/**
 * Builds Lab 2's worker API: one simulation whose event log and feature
 * store the page inspects, and what-if experiments beside it. `init`,
 * `advance` and `compareFreshness` run one at a time in call order. Reads
 * (`events`, `userView`, `bingeProbe`) and `cancel` bypass that queue, so
 * they run between two ticks of a running call, which yields to the event
 * loop after every tick.
 *
 * NOTE: unlike Lab 1's worker, this one does not watch for a lost WebGL
 * context, which reads back zeros without throwing; it skips software WebGL
 * in the backend trial and falls back only on errors that are thrown.
 */
export function createEventsFeaturesApi(environment: EngineEnvironment) {
  const { log } = environment;
  const queue = new SerialQueue();
  const cancelledRuns = new Set<number>();
  let simulation: FeedSimulation | undefined;
  let switcher: BackendSwitcher | undefined;
  let appealCache: { tick: number; appeal: Float32Array } | undefined;

  function requireSimulation(): FeedSimulation {
    if (simulation === undefined) {
      throw new Error('The events-features worker has no simulation yet: call init first');
    }
    return simulation;
  }

  async function ensureBackend(requested: BackendName | 'auto'): Promise<BackendSwitcher> {
    switcher ??= await chooseBackend(environment, requested, { skipSoftwareWebGL: true });
    return switcher;
  }

  function appealNow(sim: FeedSimulation): Float32Array {
    if (appealCache?.tick !== sim.tick) {
      appealCache = { tick: sim.tick, appeal: trueAppeal(sim.world) };
    }
    return appealCache.appeal;
  }

  const api = {
    /** Chooses the backend on the first call, then builds a new simulation and replaces the current one. */
    async init(setup: EventsFeaturesSetup): Promise<EventsFeaturesInit> {
      return queue.run(async () => {
        const params = parseFeedMachineParams(setup.params);
        const refresh = featureRefreshSchema.safeParse(setup.featureRefresh);
        if (!refresh.success) {
          throw new Error(`featureRefresh=${setup.featureRefresh} is invalid; use a whole number of ticks from 1 to 200.`);
        }
        const backends = await ensureBackend(setup.backend ?? 'auto');
        const built = await backends.run(() => FeedSimulation.create(params, undefined, { featureRefresh: refresh.data }), 0);
        simulation = built;
        appealCache = undefined;
        log.info(`init: ${params.users} users, ${params.items} items, seed ${params.seed}, featureRefresh ${refresh.data}`);
        return { backend: backends.report(), users: built.world.users, items: built.world.items, topicNames: built.world.topicNames, tick: 0 };
      });
    },

    /**
     * Runs `ticks` ticks and returns their event rates and metrics. After
     * every tick it yields, so `cancel(runId)` stops it early with the rows
     * done so far. `onProgress` gets the rows finished since its last call,
     * at most every 250 ms and once at the end.
     */
    async advance(ticks: number, runId: number, onProgress?: (progress: StreamProgress) => unknown): Promise<StreamResult> {
      checkTicks('advance', ticks);
      return queue.run(async () => {
        const sim = requireSimulation();
        const backends = switcher as BackendSwitcher;
        const rates: EventRates[] = [];
        const metrics: TickMetrics[] = [];
        let reported = 0;
        const progress = new ProgressThrottle<number>((done) => {
          void Promise.resolve(onProgress?.({ done, total: ticks, tick: sim.tick, eventCount: sim.log.length, rates: rates.slice(reported), metrics: metrics.slice(reported) })).catch((error: unknown) => log.warn(`advance ${runId}: progress callback failed: ${errorMessage(error)}`));
          reported = rates.length;
        }, PROGRESS_INTERVAL_MS);

        let cancelled = false;
        try {
          for (let done = 0; done < ticks; done += 1) {
            if (cancelledRuns.delete(runId)) {
              cancelled = true;
              break;
            }
            const tick = sim.tick + 1;
            const row = await backends.run(() => sim.step(), tick);
            metrics.push(row.metrics);
            rates.push(...ratesPerTick(sim.log, tick, tick));
            progress.report(done + 1);
            await yieldToEventLoop();
          }
        } catch (error) {
          log.error(`advance ${runId} failed at tick ${sim.tick}: ${errorMessage(error)}`);
          throw error;
        } finally {
          cancelledRuns.delete(runId);
        }
        progress.flush(metrics.length);
        return { rates, metrics, tick: sim.tick, eventCount: sim.log.length, cancelled };
      });
    },

    /** Stops the `advance` or `compareFreshness` call with this `runId` after its current tick. */
    async cancel(runId: number): Promise<void> {
      cancelledRuns.add(runId);
    },

    /** Returns log rows [start, start + count), clipped to the log, with their buffers transferred. */
    async events(start: number, count: number): Promise<EventWindow> {
      const sim = requireSimulation();
      const window = eventWindow(sim.log, start, Math.min(count, 5_000), sim.world.itemTopic);
      return transfer(window, windowBuffers(window));
    },

    /** Returns the feature-store view of one user, with the ground truth beside it. */
    async userView(user: number, sessionLength: number): Promise<UserFeatureView> {
      const sim = requireSimulation();
      return buildUserFeatureView(sim, user, sessionLength, appealNow(sim));
    },

    /**
     * Runs the binge what-if on a copy of one user's profile and session:
     * `eventsPerTick` videos of `topic` watched to the end for `ticks` ticks.
     * The simulation itself is not changed.
     */
    async bingeProbe(user: number, topic: number, sessionLength: number, eventsPerTick: number, ticks: number): Promise<BingeProbeResult> {
      const sim = requireSimulation();
      const T = sim.world.topics;
      if (!Number.isInteger(user) || user < 0 || user >= sim.world.users) {
        throw new Error(`bingeProbe: user must be a whole number from 0 to ${sim.world.users - 1}; received ${user}`);
      }
      const session = sessionWindowFromLog(sim.log, user, sessionLength, sim.world.itemTopics, T);
      const profile = sim.store.profile.subarray(user * T, (user + 1) * T);
      return runBingeProbe({ profile, session, topic, eventsPerTick, ticks });
    },

    /**
     * Builds a fresh simulation with the current parameters, seed and batch
     * refresh, plays it from tick 0 to `ticks`, and returns its trending
     * overlap there. The simulation that `advance` drives is not changed, so
     * a page whose run is past `ticks` can still read the value at `ticks`.
     */
    async trendingAt(ticks: number): Promise<TrendingSnapshot> {
      checkTicks('trendingAt', ticks);
      return queue.run(async () => {
        const current = requireSimulation();
        const backends = switcher as BackendSwitcher;
        const sim = await backends.run(() => FeedSimulation.create(current.params, undefined, { featureRefresh: current.featureRefresh }), 0);
        while (sim.tick < ticks) {
          await backends.run(() => sim.step(), sim.tick + 1);
          await yieldToEventLoop();
        }
        const view = buildUserFeatureView(sim, 0, 1, trueAppeal(sim.world));
        return { tick: sim.tick, overlap: view.trendingOverlap, top: view.measuredTrending[0] };
      });
    },

    /**
     * Runs one fresh simulation per `featureRefresh` value, each with the
     * current parameters and seed, for `ticks` ticks, and returns the click
     * rate and true utility of each. The simulation that `advance` drives is
     * not changed. Cancellable like `advance`.
     */
    async compareFreshness(refreshes: number[], ticks: number, runId: number, onProgress?: (progress: FreshnessProgress) => unknown): Promise<FreshnessComparison> {
      checkTicks('compareFreshness', ticks);
      for (const refresh of refreshes) {
        if (!featureRefreshSchema.safeParse(refresh).success) {
          throw new Error(`compareFreshness: featureRefresh=${refresh} is invalid; use whole numbers of ticks from 1 to 200.`);
        }
      }
      return queue.run(async () => {
        const params = requireSimulation().params;
        const backends = switcher as BackendSwitcher;
        const progress = new ProgressThrottle<FreshnessProgress>((value) => {
          void Promise.resolve(onProgress?.(value)).catch((error: unknown) => log.warn(`compareFreshness ${runId}: progress callback failed: ${errorMessage(error)}`));
        }, PROGRESS_INTERVAL_MS);
        const runs: FreshnessRun[] = [];
        let cancelled = false;
        try {
          for (let run = 0; run < refreshes.length && !cancelled; run += 1) {
            const sim = await backends.run(() => FeedSimulation.create(params, undefined, { featureRefresh: refreshes[run] }), 0);
            const rows: FreshnessRun['rows'] = [];
            for (let done = 0; done < ticks; done += 1) {
              if (cancelledRuns.delete(runId)) {
                cancelled = true;
                break;
              }
              const { metrics } = await backends.run(() => sim.step(), sim.tick + 1);
              rows.push({ tick: metrics.tick, clickRate: metrics.clickRate, trueUtility: metrics.trueUtility, utilityRatio: metrics.utilityRatio });
              progress.report({ run, runs: refreshes.length, done: done + 1, total: ticks });
              await yieldToEventLoop();
            }
            runs.push({ featureRefresh: refreshes[run], rows, meanClickRate: mean(rows.map((row) => row.clickRate)), meanTrueUtility: mean(rows.map((row) => row.trueUtility)) });
          }
        } finally {
          cancelledRuns.delete(runId);
        }
        log.info(`compareFreshness ${runId}: featureRefresh ${refreshes.join(', ')} over ${ticks} ticks${cancelled ? ', cancelled' : ''}`);
        return { runs, cancelled, retrainEvery: params.retrainEvery };
      });
    },
  };
  return api;
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
}
