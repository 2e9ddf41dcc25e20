/**
 * The page's side of Lab 2's worker: starts it, keeps the run's rows and the
 * chosen user's feature view, and restarts the worker after a crash. React
 * components read its state through {@link useLabSelector}.
 */
import { proxy } from 'comlink';
import { useControllerSelector, WorkerLabController, type WorkerLabState } from '../workerLabController';
import type { EventRates } from '../../engine/events/rates';
import type { EventWindow } from '../../engine/events/window';
import type { BingeProbeResult } from '../../engine/features/bingeProbe';
import type { UserFeatureView } from '../../engine/features/userView';
import type { TickMetrics } from '../../engine/loop/types';
import type { EventsFeaturesApi } from '../../worker/eventsFeatures.worker';
import type { EventsFeaturesInit, FreshnessComparison, FreshnessProgress, StreamProgress, TrendingSnapshot } from '../../worker/eventsFeaturesApi';
import { simulationParams, type EventsFeaturesSettings } from './settings';

export interface LabState extends WorkerLabState {
  init: EventsFeaturesInit | null;
  tick: number;
  eventCount: number;
  /** One row per tick since the last reset. */
  rates: EventRates[];
  metrics: TickMetrics[];
  view: UserFeatureView | null;
  /** Increases whenever new events were logged, so the event table refetches. */
  version: number;
  /** Ticks left of a paused run, which Resume plays; 0 when no run is paused. */
  pausedTicks: number;
  /** Increases with every reset, so the page can drop results of the discarded run. */
  resets: number;
}

const INITIAL: LabState = { status: 'starting', message: 'Starting the worker…', error: null, init: null, tick: 0, eventCount: 0, rates: [], metrics: [], view: null, version: 0, pausedTicks: 0, resets: 0 };

/** Fetches the user view at most this often during a run, in milliseconds. */
const VIEW_INTERVAL_MS = 2_000;

export class EventsFeaturesController extends WorkerLabController<LabState, EventsFeaturesApi, EventsFeaturesSettings> {
  private nextRunId = 1;
  private lastViewAt = 0;

  constructor(settings: EventsFeaturesSettings) {
    super(settings, INITIAL, 'events-features worker');
  }

  /** The settings of the world in the worker now. */
  readonly getSettings = (): EventsFeaturesSettings => this.settings;

  protected createWorker(): Worker {
    return new Worker(new URL('../../worker/eventsFeatures.worker.ts', import.meta.url), { type: 'module', name: 'feedlab-events-features' });
  }

  /** Builds a new simulation from `settings`; the rows of the old run are dropped. */
  async reset(settings: EventsFeaturesSettings): Promise<void> {
    this.settings = settings;
    this.stop();
    // Progress still in flight from the cancelled run must not reach the new run's rows.
    this.activeRun = null;
    this.update({ ...INITIAL, status: 'starting', message: 'Choosing a backend and building the world…', version: this.state.version + 1, resets: this.state.resets + 1 });
    try {
      const init = await this.api().init({ params: simulationParams(settings), featureRefresh: settings.featureRefresh });
      this.update({ status: 'ready', message: `Ready at tick 0 on the ${init.backend.active} backend.`, init });
      await this.refreshView();
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Plays `ticks` ticks, streaming rows into the state. {@link stop} pauses
   * after the current tick and keeps the ticks left for {@link resume}; a new
   * run drops them.
   */
  async run(ticks: number): Promise<void> {
    if (this.state.status !== 'ready') {
      return;
    }
    const runId = this.nextRunId++;
    this.activeRun = runId;
    this.update({ status: 'running', pausedTicks: 0, message: `Running ${ticks} ticks…` });
    const onProgress = proxy((progress: StreamProgress) => {
      if (this.activeRun !== runId || progress.rates.length === 0) {
        return;
      }
      this.update({
        tick: progress.tick,
        eventCount: progress.eventCount,
        rates: [...this.state.rates, ...progress.rates],
        metrics: [...this.state.metrics, ...progress.metrics],
        version: this.state.version + 1,
        message: `Tick ${progress.tick}: ${progress.done} of ${progress.total} ticks of this run.`,
      });
      if (performance.now() - this.lastViewAt > VIEW_INTERVAL_MS) {
        void this.refreshView();
      }
    });
    try {
      const result = await this.api().advance(ticks, runId, onProgress);
      if (this.activeRun === runId) {
        this.activeRun = null;
        const pausedTicks = result.cancelled ? ticks - result.metrics.length : 0;
        const message = result.cancelled ? `Paused at tick ${result.tick} with ${pausedTicks} of ${ticks} ticks left. Scroll the event table to inspect it, then press Resume.` : `Done: tick ${result.tick}, ${result.eventCount.toLocaleString('en')} events logged.`;
        this.update({ status: 'ready', tick: result.tick, eventCount: result.eventCount, version: this.state.version + 1, pausedTicks, message });
        await this.refreshView();
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Plays the ticks left of the paused run. */
  async resume(): Promise<void> {
    if (this.state.pausedTicks > 0) {
      await this.run(this.state.pausedTicks);
    }
  }

  /** Reads the chosen user's feature view again. */
  async refreshView(): Promise<void> {
    if (this.client === null || this.state.init === null) {
      return;
    }
    this.lastViewAt = performance.now();
    try {
      const user = Math.min(this.settings.user, this.state.init.users - 1);
      const view = await this.client.api.userView(user, this.settings.sessionLength);
      this.update({ view });
    } catch (error) {
      this.fail(error);
    }
  }

  /** Changes the user or session length shown, without a reset. */
  async showUser(settings: EventsFeaturesSettings): Promise<void> {
    this.settings = settings;
    await this.refreshView();
  }

  async events(start: number, count: number): Promise<EventWindow> {
    return this.api().events(start, count);
  }

  /** Runs the freshness experiment on fresh simulations; the page's run is left as it is. */
  async compareFreshness(refreshes: number[], ticks: number, onProgress: (progress: FreshnessProgress) => void): Promise<FreshnessComparison> {
    const runId = this.nextRunId++;
    return this.api().compareFreshness(refreshes, ticks, runId, proxy(onProgress));
  }

  /** Plays a fresh copy of the page's world from tick 0 to `ticks` and returns its trending overlap there. */
  async trendingAt(ticks: number): Promise<TrendingSnapshot> {
    return this.api().trendingAt(ticks);
  }

  async bingeProbe(topic: number, eventsPerTick: number, ticks: number): Promise<BingeProbeResult> {
    const user = Math.min(this.settings.user, (this.state.init?.users ?? 1) - 1);
    return this.api().bingeProbe(user, topic, this.settings.sessionLength, eventsPerTick, ticks);
  }
}

/**
 * Returns one part of the controller's state. The component re-renders only
 * when that part changes (compared with Object.is), so a progress update of
 * a run re-renders only the few components that show it.
 */
export function useLabSelector<T>(controller: EventsFeaturesController, select: (state: LabState) => T): T {
  return useControllerSelector(controller, select);
}
