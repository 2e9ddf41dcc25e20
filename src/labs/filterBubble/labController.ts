/**
 * The page's side of Lab 8's worker: starts it, keeps both twins' rows and
 * bubble points, and restarts the worker after a crash. React components
 * read its state through {@link useTwinSelector}.
 */
import { proxy } from 'comlink';
import { planRun, useControllerSelector, WorkerLabController, type WorkerLabState } from '../workerLabController';
import type { TwinRow } from '../../engine/experiments/seeds';
import type { Twin } from '../../engine/experiments/twin';
import type { FilterBubbleApi } from '../../worker/filterBubble.worker';
import type { BubbleGroups, BubblePoints, FilterBubbleInit, LorenzCurve, SeedsProgress, SeedsResult, TwinExperiment } from '../../worker/filterBubbleApi';
import type { FilterBubbleConfig } from '../../engine/scenarios/filterBubble';
import { twinConfig, type FilterBubbleSettings } from './settings';

export interface TwinState extends WorkerLabState {
  init: FilterBubbleInit | null;
  tick: number;
  /** Tick the current or last run goes to, so the charts' x axis does not rescale during a run. */
  targetTick: number;
  /** True after Pause stopped a run before its target tick: the next Run resumes it to `targetTick`. */
  paused: boolean;
  /** One row per tick since the last reset. */
  rows: TwinRow[];
  bubbles: BubblePoints | null;
  /** Grouping of each twin's users' interests at the newest tick; null before the twins are built. */
  groups: BubbleGroups | null;
  lorenz: Record<Twin, LorenzCurve> | null;
}

const INITIAL: TwinState = { status: 'starting', message: 'Starting the worker…', error: null, init: null, tick: 0, targetTick: 0, paused: false, rows: [], bubbles: null, groups: null, lorenz: null };

export class FilterBubbleController extends WorkerLabController<TwinState, FilterBubbleApi, FilterBubbleSettings> {
  private nextRunId = 1;

  constructor(settings: FilterBubbleSettings) {
    super(settings, INITIAL, 'filter-bubble worker');
  }

  protected createWorker(): Worker {
    return new Worker(new URL('../../worker/filterBubble.worker.ts', import.meta.url), { type: 'module', name: 'feedlab-filter-bubble' });
  }

  /** Builds new twins from `settings` and drops the rows of the old run. */
  async reset(settings: FilterBubbleSettings): Promise<void> {
    this.settings = settings;
    this.stop();
    // Progress still in flight from the cancelled run must not reach the new run's rows.
    this.activeRun = null;
    this.update({ ...INITIAL, status: 'starting', message: 'Choosing a backend and building both twins…' });
    try {
      const init = await this.api().init(twinConfig(settings), settings.seed, settings.backend);
      this.update({ status: 'ready', message: `Ready at tick 0 on the ${init.backend.active} backend.`, init, bubbles: init.bubbles, groups: init.groups });
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Plays `ticks` ticks of both twins and streams their rows into the state,
   * or, after {@link stop} paused a run, resumes that run to its target tick
   * (see {@link planRun}). {@link stop} pauses after the current tick.
   */
  async run(ticks: number): Promise<void> {
    if (this.state.status !== 'ready') {
      return;
    }
    const runId = this.nextRunId++;
    this.activeRun = runId;
    const plan = planRun(this.state, ticks);
    const target = plan.target;
    this.update({ status: 'running', targetTick: target, paused: false, message: `Running to tick ${target}…` });
    const onProgress = proxy((progress: { tick: number; rows: TwinRow[]; bubbles: BubblePoints; groups: BubbleGroups }) => {
      if (this.activeRun !== runId || progress.rows.length === 0) {
        return;
      }
      this.update({ tick: progress.tick, rows: [...this.state.rows, ...progress.rows], bubbles: progress.bubbles, groups: progress.groups, message: `Running: tick ${progress.tick} of ${target}…` });
    });
    try {
      const result = await this.api().advance(plan.ticks, runId, onProgress);
      if (this.activeRun !== runId) {
        return;
      }
      this.activeRun = null;
      const known = new Set(this.state.rows.map((row) => row.tick));
      const rows = [...this.state.rows, ...result.rows.filter((row) => !known.has(row.tick))];
      const lorenz = await this.api().creatorLorenz();
      const paused = result.cancelled && result.tick < target;
      this.update({ status: 'ready', tick: result.tick, rows, bubbles: result.bubbles, groups: result.groups, lorenz, paused, message: paused ? `Paused at tick ${result.tick} of ${target}; press Resume to continue.` : `Done: tick ${result.tick}.` });
    } catch (error) {
      this.fail(error);
    }
  }

  /** Runs the current set-up on `seeds` for `ticks` ticks each, beside the page's twins. */
  async runSeeds(seeds: number[], ticks: number, onProgress: (progress: SeedsProgress) => void): Promise<SeedsResult> {
    return this.api().runSeeds(seeds, ticks, this.nextRunId++, proxy(onProgress));
  }

  /** Runs fresh twins of `config` headless, for a guided step. */
  async experiment(config: FilterBubbleConfig, seed: number, ticks: number, onProgress: (tick: number) => void): Promise<TwinExperiment> {
    return this.api().experiment(config, seed, ticks, this.nextRunId++, proxy(onProgress));
  }
}

/** Returns one part of the controller's state, so the component re-renders only when that part changes (Object.is). */
export function useTwinSelector<T>(controller: FilterBubbleController, select: (state: TwinState) => T): T {
  return useControllerSelector(controller, select);
}
