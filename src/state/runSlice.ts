/**
 * The run-status slice: what the engine worker is doing, on which backend and
 * world, and the notices and errors the page shows. Only the run controller
 * (`controller.ts`) writes it.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { AdvanceProgress, BackendReport, WorldSummary } from '../worker/protocol';
import type { FeedLabState } from './store';

/**
 * `starting`: the worker is building the world; `ready`: idle at a tick;
 * `busy`: advancing (playing or a guided step); `failed`: the last init failed
 * and there is no simulation to show.
 */
export type RunPhase = 'starting' | 'ready' | 'busy' | 'failed';

export interface RunSlice {
  phase: RunPhase;
  /** True while Play is on (the controller keeps advancing until Pause). */
  playing: boolean;
  /** Ticks served so far by the simulation on screen. */
  tick: number;
  /** Ticks per second that Play achieved in its last batch; null before the first. */
  measuredSpeed: number | null;
  /** Progress of the advance call in flight, throttled by the worker. */
  progress: AdvanceProgress | null;
  backend: BackendReport | null;
  world: WorldSummary | null;
  /** Name of the ratings file the world was built from; null for a synthetic world. */
  ratingsFileName: string | null;
  /** Informational notice, for example after the worker crashed and the run was replayed. */
  notice: string | null;
  /** Engine failure that stopped the run. */
  runError: string | null;
  /** Why the last ratings file was rejected (the run on screen is kept). */
  importError: string | null;

  patchRun(partial: Partial<Omit<RunSlice, 'patchRun'>>): void;
}

/** The run slice's values before any run; `clearRun` restores them. */
export const initialRun: Omit<RunSlice, 'patchRun'> = {
  phase: 'starting',
  playing: false,
  tick: 0,
  measuredSpeed: null,
  progress: null,
  backend: null,
  world: null,
  ratingsFileName: null,
  notice: null,
  runError: null,
  importError: null,
};

export const createRunSlice: StateCreator<FeedLabState, [], [], RunSlice> = (set) => ({
  ...initialRun,

  patchRun(partial) {
    set(partial);
  },
});
