/**
 * The run controller of Lab 1: the only code that talks to the engine worker.
 * It turns the page's intents (Play, Pause, Step, Reset, a policy change, a
 * guided step, a ratings file) into worker calls, and writes their results
 * into the store. The worker mechanics (queue, generations, crash recovery)
 * live in `engineSession.ts`.
 *
 * - Play advances in batches of at most `speed / UPDATES_PER_SECOND` ticks,
 *   which caps store updates (and React renders) at about five per second,
 *   and of at most about 200 ms of engine time, so Pause stops soon.
 * - Every advance follows the store's policy schedule (`scheduledAdvance.ts`):
 *   a live change, the replay of a shared link and the replay after a crash
 *   apply the same changes at the same ticks.
 */
import type { FeedMachineParams } from '../engine/scenarios/feedMachine';
import { applyPolicy, type PolicyChange, type PolicyUpdate } from '../engine/scenarios/policySchedule';
import { createEngineClient, type EngineClient } from '../worker/client';
import type { RatingsFile } from '../worker/protocol';
import { EngineSession, errorMessage } from './engineSession';
import { mergePolicyChange, policyAt } from './policyChanges';
import { syncPolicy } from './scheduledAdvance';
import type { FeedLabState, FeedLabStore } from './store';

/** Maximum engine time of one Play batch, in milliseconds, as measured on the last batch. */
const BATCH_MS = 200;

/** Store updates per second while playing; each carries up to `speed / 5` ticks (see playLoop). */
const UPDATES_PER_SECOND = 5;

export interface RunControllerOptions {
  /** Builds a worker client; tests pass a fake. */
  createClient?: () => EngineClient;
  /** Waits between play batches; tests may pass a faster one. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RunController extends EngineSession {
  private readonly sleep: (ms: number) => Promise<void>;
  private unsubscribe: (() => void) | null = null;

  constructor(store: FeedLabStore, options: RunControllerOptions = {}) {
    super(store, options.createClient ?? createEngineClient);
    this.sleep = options.sleep ?? defaultSleep;
  }

  /**
   * Builds the first simulation from the store's parameters, replays it to the
   * URL's `tick` (applying the URL's policy changes on the way) when one was
   * given, and follows later parameter changes.
   */
  start(): Promise<void> {
    this.unsubscribe = this.store.subscribe((state, previous) => this.onStoreChange(state, previous));
    return this.restartAndReplay(this.state.view.tick);
  }

  /**
   * Rebuilds the simulation and, for a link with a `tick`, replays to it.
   * The restart cancels whatever was running, a replay of an earlier link included.
   */
  private restartAndReplay(replayTo: number): Promise<void> {
    const started = this.restart();
    if (replayTo === 0) {
      return started;
    }
    const generation = this.generation;
    return started.then(async () => {
      await this.advance(replayTo, generation);
      if (generation === this.generation) {
        this.store.getState().setView({ tick: 0 });
      }
    });
  }

  /** Stops the worker and unsubscribes from the store. The controller cannot be used afterwards. */
  dispose(): void {
    this.unsubscribe?.();
    this.stopEngine();
  }

  play(): void {
    if (this.state.playing || this.disposed) {
      return;
    }
    this.store.getState().patchRun({ playing: true, runError: null });
    void this.playLoop(++this.playToken, this.generation);
  }

  pause(): void {
    this.playToken++;
    this.store.getState().patchRun({ playing: false });
    this.cancelActive();
  }

  /** Advances one tick; ignored while playing. */
  step(): Promise<void> {
    if (this.state.playing) {
      return Promise.resolve();
    }
    return this.advance(1, this.generation).then(() => undefined);
  }

  /**
   * Rebuilds the simulation at tick 0 (keeps Play on if it was on). The
   * parameters in force now become the new parameters at tick 0, and the
   * schedule is cleared.
   */
  reset(): Promise<void> {
    const { params, changes, tick } = this.state;
    return this.restartWith(policyAt(params, changes, tick), []);
  }

  /**
   * Changes policy fields (see `POLICY_FIELDS`) while the run goes on: the
   * worker applies them from the next tick, and the store records them as a
   * change at the current tick (merged with an earlier change at the same
   * tick). At tick 0 the values become the parameters at tick 0 instead,
   * which restarts the world. Queued behind a running advance, so Play keeps
   * playing and the change lands between two batches.
   *
   * @returns null once applied, else why the change was rejected.
   */
  async changePolicy(update: PolicyUpdate): Promise<string | null> {
    const { params, changes, tick } = this.state;
    try {
      applyPolicy(policyAt(params, changes, tick), update);
    } catch (error) {
      return errorMessage(error);
    }
    const generation = this.generation;

    return this.enqueue(async () => {
      const state = this.state;
      if (state.tick === 0) {
        return this.store.getState().setParams(update);
      }
      if (generation !== this.generation || this.disposed || this.enginePolicy === null) {
        return 'The run restarted before the change was applied; set the value again';
      }

      try {
        const next = mergePolicyChange(state.params, state.changes, state.tick, update);
        this.enginePolicy = await syncPolicy(this.client.api, this.enginePolicy, { base: state.params, changes: next }, state.tick);
        if (generation === this.generation) {
          this.writeChanges(next);
        }
        return null;
      } catch (error) {
        return `The change was not applied: ${errorMessage(error)}`;
      }
    });
  }

  /**
   * Sets the parameters at tick 0 and the schedule, starts from tick 0 (even
   * when neither changed) and advances `ticks` ticks through the schedule.
   * Used by the guided steps.
   *
   * @returns the run's metrics rows, tick 1 first; empty if a newer run replaced it.
   * @throws Error with the parser's message when the parameters or the schedule are invalid.
   */
  async runSchedule(params: Partial<FeedMachineParams>, changes: PolicyChange[], ticks: number): Promise<FeedLabState['metrics']> {
    this.pause();
    await this.restartWith(params, changes, true);
    const generation = this.generation;
    await this.advance(ticks, generation);
    return generation === this.generation ? this.state.metrics : [];
  }

  /** {@link runSchedule} without policy changes. */
  runFromStart(params: Partial<FeedMachineParams>, ticks: number): Promise<FeedLabState['metrics']> {
    return this.runSchedule(params, [], ticks);
  }

  /**
   * Builds a new world from a ratings file. When the worker rejects the file,
   * its message goes to `importError` and the run on screen is kept.
   *
   * @returns true when the new world replaced the old one.
   */
  importRatings(file: RatingsFile): Promise<boolean> {
    this.pause();
    return this.enqueue(async () => {
      this.patch({ importError: null, notice: `Reading ${file.name}…` });
      const { params, view } = this.state;
      try {
        const result = await this.client.api.init(params, { ratings: file, backend: view.backend });
        this.generation++;
        this.ratings = file;
        this.enginePolicy = params;
        this.writeChanges([]);
        this.store.getState().clearResults();
        this.patch({ world: result.world, backend: result.backend, tick: result.tick, ratingsFileName: file.name, notice: null, phase: 'ready' });
        if (view.user >= result.world.users) {
          this.store.getState().setView({ user: 0 });
        }
        await this.refreshViews(true);
        return true;
      } catch (error) {
        this.patch({ importError: errorMessage(error), notice: null });
        return false;
      }
    });
  }

  /** Drops the ratings file and the schedule, and rebuilds the synthetic world from the parameters at tick 0. */
  useSyntheticWorld(): Promise<void> {
    this.ratings = null;
    this.patch({ ratingsFileName: null, importError: null });
    this.writeChanges([]);
    return this.restart();
  }

  /**
   * Sets the parameters at tick 0 and the schedule, and restarts from tick 0,
   * through the store subscription when either changed, else directly.
   * Resolves once the restart is done.
   *
   * @param strict throw the store's message when the values are rejected, instead of showing it as the run error.
   */
  private async restartWith(params: Partial<FeedMachineParams>, changes: PolicyChange[], strict = false): Promise<void> {
    const before = this.state;
    const message = this.store.getState().setRun(params, changes);
    if (message !== null) {
      if (strict) {
        throw new Error(message);
      }
      this.patch({ runError: `Could not reset the run: ${message}` });
      return;
    }
    if (this.state.params === before.params && this.state.changes === before.changes) {
      await this.restart();
    }
    await this.queue;
  }

  private onStoreChange(state: FeedLabState, previous: FeedLabState): void {
    const scheduleEdited = state.changes !== previous.changes && state.changes !== this.writtenChanges;
    const linkTick = state.view.tick !== previous.view.tick ? state.view.tick : 0;
    if (state.params !== previous.params || state.view.backend !== previous.view.backend || scheduleEdited || linkTick > 0) {
      void this.restartAndReplay(linkTick);
    } else if (state.view.user !== previous.view.user) {
      void this.enqueue(() => this.refreshViews(false));
    }
  }

  /**
   * Advances in batches until Pause. A batch is `speed / 5` ticks, but never
   * more than the engine did in about 200 ms last time, so a large world
   * that runs slower than the chosen speed still stops soon after Pause.
   */
  private async playLoop(token: number, generation: number): Promise<void> {
    let msPerTick = 0;
    while (token === this.playToken && generation === this.generation && !this.disposed) {
      const speed = this.state.view.speed;
      const bySpeed = Math.max(1, Math.round(speed / UPDATES_PER_SECOND));
      const byMeasure = msPerTick > 0 ? Math.max(1, Math.floor(BATCH_MS / msPerTick)) : 1;
      const ticks = Math.min(bySpeed, byMeasure);
      const started = performance.now();
      const outcome = await this.advance(ticks, generation);
      if (!outcome || outcome.cancelled) {
        break;
      }
      const worked = performance.now() - started;
      msPerTick = worked / ticks;
      const wait = (ticks * 1000) / speed - worked;
      if (wait > 0) {
        await this.sleep(wait);
      }
      if (token === this.playToken) {
        this.patch({ measuredSpeed: (ticks * 1000) / (performance.now() - started) });
      }
    }
    if (token === this.playToken && !this.disposed) {
      this.patch({ playing: false });
    }
  }
}
