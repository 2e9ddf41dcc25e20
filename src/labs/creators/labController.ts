/**
 * The page's side of Lab 9's worker: starts it, keeps both twins' rows and
 * snapshots, and restarts the worker after a crash. React components read
 * its state through {@link useCreatorsSelector}.
 */
import { proxy } from 'comlink';
import { planRun, useControllerSelector, WorkerLabController, type WorkerLabState } from '../workerLabController';
import type { CreatorsApi } from '../../worker/creators.worker';
import type { CreatorsExperiment, CreatorsInit, CreatorsPair, CreatorsProgress, CreatorsSnapshot, CreatorsTwin, CreatorsTwinRow } from '../../worker/creatorsApi';
import { twinPair, type CreatorsSettings } from './settings';

export interface CreatorsState extends WorkerLabState {
  init: CreatorsInit | null;
  tick: number;
  /** Tick the current or last run goes to, so the charts' x axis does not rescale during a run. */
  targetTick: number;
  /** True after Pause stopped a run before its target tick: the next Run resumes it to `targetTick`. */
  paused: boolean;
  /** One row per tick since the last reset. */
  rows: CreatorsTwinRow[];
  snapshots: Record<CreatorsTwin, CreatorsSnapshot> | null;
  /** Message of a cross-field check that keeps the settings from building twins, with the fix; null when they can. */
  settingsError: string | null;
}

const INITIAL: CreatorsState = { status: 'starting', message: 'Starting the worker…', error: null, settingsError: null, init: null, tick: 0, targetTick: 0, paused: false, rows: [], snapshots: null };

export class CreatorsController extends WorkerLabController<CreatorsState, CreatorsApi, CreatorsSettings> {
  private nextRunId = 1;

  constructor(settings: CreatorsSettings) {
    super(settings, INITIAL, 'creators worker');
  }

  protected createWorker(): Worker {
    return new Worker(new URL('../../worker/creators.worker.ts', import.meta.url), { type: 'module', name: 'feedlab-creators' });
  }

  /** Builds new twins from `settings` and drops the rows of the old run. */
  async reset(settings: CreatorsSettings): Promise<void> {
    this.settings = settings;
    this.stop();
    // Progress still in flight from the cancelled run must not reach the new run's rows.
    this.activeRun = null;
    this.update({ ...INITIAL, status: 'starting', message: 'Choosing a backend and building both twins…' });
    try {
      const init = await this.api().init(twinPair(settings), 'auto', settings.changeTick);
      this.update({ status: 'ready', message: `Ready at tick 0 on the ${init.backend.active} backend.`, init, snapshots: init.snapshots });
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
    if (this.state.status !== 'ready' || this.state.init === null) {
      return;
    }
    const runId = this.nextRunId++;
    this.activeRun = runId;
    const plan = planRun(this.state, ticks);
    const target = plan.target;
    this.update({ status: 'running', targetTick: target, paused: false, error: null, message: `Running to tick ${target}…` });
    const onProgress = proxy((progress: CreatorsProgress) => {
      if (this.activeRun !== runId || progress.rows.length === 0) {
        return;
      }
      this.update({ tick: progress.tick, rows: [...this.state.rows, ...progress.rows], snapshots: progress.snapshots, message: `Running: tick ${progress.tick} of ${target}…` });
    });
    try {
      const result = await this.api().advance(plan.ticks, runId, onProgress);
      if (this.activeRun !== runId) {
        return;
      }
      this.activeRun = null;
      const known = new Set(this.state.rows.map((row) => row.tick));
      const rows = [...this.state.rows, ...result.rows.filter((row) => !known.has(row.tick))];
      const paused = result.cancelled && result.tick < target;
      this.update({ status: 'ready', tick: result.tick, rows, snapshots: result.snapshots, paused, message: paused ? `Paused at tick ${result.tick} of ${target}; press Resume to continue.` : `Done: tick ${result.tick}.` });
    } catch (error) {
      this.fail(error);
    }
  }

  /** Returns one twin's CSV of every tick run so far. */
  async csv(twin: CreatorsTwin): Promise<string> {
    return this.api().csv(twin);
  }

  /** Runs fresh twins of `pair` headless, for a guided step. */
  async experiment(pair: CreatorsPair, ticks: number, onProgress: (tick: number) => void): Promise<CreatorsExperiment> {
    return this.api().experiment(pair, ticks, this.nextRunId++, proxy(onProgress));
  }

  /** Shows why the settings cannot build twins, and keeps the worker and the last run as they are. */
  rejectSettings(message: string): void {
    this.update({ settingsError: message });
  }

  /** Clears a settings error shown by {@link rejectSettings}. */
  acceptSettings(): void {
    if (this.state.settingsError !== null) {
      this.update({ settingsError: null });
    }
  }
}

/** Returns one part of the controller's state, so the component re-renders only when that part changes (Object.is). */
export function useCreatorsSelector<T>(controller: CreatorsController, select: (state: CreatorsState) => T): T {
  return useControllerSelector(controller, select);
}
