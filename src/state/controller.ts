/**
 * The run controller of Lab 1: the only code that talks to the engine worker.
 * It turns the page's intents (Play, Pause, Step, Reset, a guided step, a
 * ratings file) into worker calls, and writes their results into the store.
 *
 * - Worker calls run one at a time through a queue, so a snapshot never
 *   interleaves with an advance; only `cancel` bypasses the queue.
 * - Every (re)start bumps `generation`; results of an older generation are
 *   dropped, so a late result never lands in a newer run.
 * - Play advances in batches of `speed / UPDATES_PER_SECOND` ticks, which
 *   caps store updates (and React renders) at about five per second.
 * - A crashed worker is replaced: the new one is initialised with the same
 *   parameters and advanced to the same tick (the engine is deterministic),
 *   and the metrics already on screen are kept.
 */
import { proxy } from 'comlink';
import type { FeedMachineParams } from '../engine/scenarios/feedMachine';
import { createEngineClient, type EngineClient } from '../worker/client';
import type { AdvanceProgress, AdvanceResult, RatingsFile } from '../worker/protocol';
import type { FeedLabState, FeedLabStore } from './store';

/** Store updates per second while playing; each carries `speed / 5` ticks. */
const UPDATES_PER_SECOND = 5;

/** Crash recoveries allowed within {@link CRASH_WINDOW_MS} before the controller gives up. */
const MAX_RECOVERIES = 3;
const CRASH_WINDOW_MS = 60_000;

export interface RunControllerOptions {
  /** Builds a worker client; tests pass a fake. */
  createClient?: () => EngineClient;
  /** Waits between play batches; tests may pass a faster one. */
  sleep?: (ms: number) => Promise<void>;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RunController {
  private readonly store: FeedLabStore;
  private readonly createClient: () => EngineClient;
  private readonly sleep: (ms: number) => Promise<void>;

  private client: EngineClient;
  private stopCrashListener: () => void;
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private nextRunId = 1;
  private activeRunId: number | null = null;
  /** Identifies the current play loop; Pause or a new loop makes older loops stop. */
  private playToken = 0;
  private ratings: RatingsFile | null = null;
  private recoveries: number[] = [];
  private unsubscribe: (() => void) | null = null;
  private disposed = false;

  constructor(store: FeedLabStore, options: RunControllerOptions = {}) {
    this.store = store;
    this.createClient = options.createClient ?? createEngineClient;
    this.sleep = options.sleep ?? defaultSleep;
    this.client = this.createClient();
    this.stopCrashListener = this.client.onCrash((message) => void this.recover(message));
  }

  /**
   * Builds the first simulation from the store's parameters, replays it to the
   * URL's `tick` when one was given, and follows later parameter changes.
   */
  start(): Promise<void> {
    this.unsubscribe = this.store.subscribe((state, previous) => this.onStoreChange(state, previous));
    const replayTo = this.state.view.tick;
    const started = this.restart();
    if (replayTo === 0) {
      return started;
    }
    return started.then(async () => {
      await this.advance(replayTo, this.generation);
      this.store.getState().setView({ tick: 0 });
    });
  }

  /** Stops the worker and unsubscribes from the store. The controller cannot be used afterwards. */
  dispose(): void {
    this.disposed = true;
    this.playToken++;
    this.generation++;
    this.unsubscribe?.();
    this.stopCrashListener();
    this.client.terminate();
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

  /** Rebuilds the simulation from the current parameters at tick 0 (keeps Play on if it was on). */
  reset(): Promise<void> {
    return this.restart();
  }

  /**
   * Sets `params`, starts from tick 0 (even when the parameters did not change)
   * and advances `ticks` ticks. Used by the guided steps.
   *
   * @returns the run's metrics rows, tick 1 first; empty if a newer run replaced it.
   */
  async runFromStart(params: Partial<FeedMachineParams>, ticks: number): Promise<FeedLabState['metrics']> {
    this.pause();
    const before = this.state.params;
    const message = this.store.getState().setParams(params);
    if (message !== null) {
      throw new Error(message);
    }
    // A changed value restarts the run through the store subscription; otherwise restart here.
    if (this.state.params === before) {
      await this.restart();
    }
    await this.queue;
    const generation = this.generation;
    await this.advance(ticks, generation);
    return generation === this.generation ? this.state.metrics : [];
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

  /** Drops the ratings file and rebuilds the synthetic world from the parameters. */
  useSyntheticWorld(): Promise<void> {
    this.ratings = null;
    this.patch({ ratingsFileName: null, importError: null });
    return this.restart();
  }

  private get state(): FeedLabState {
    return this.store.getState();
  }

  private patch(partial: Parameters<FeedLabState['patchRun']>[0]): void {
    if (!this.disposed) {
      this.store.getState().patchRun(partial);
    }
  }

  private onStoreChange(state: FeedLabState, previous: FeedLabState): void {
    if (state.params !== previous.params || state.view.backend !== previous.view.backend) {
      void this.restart();
    } else if (state.view.user !== previous.view.user) {
      void this.enqueue(() => this.refreshViews(false));
    }
  }

  /** Runs `task` after every queued worker call; a failed task does not block later ones. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private cancelActive(): void {
    if (this.activeRunId !== null) {
      void this.client.api.cancel(this.activeRunId);
    }
  }

  /** Builds the simulation from the store's current parameters, at tick 0. */
  private restart(): Promise<void> {
    const resume = this.state.playing;
    this.playToken++;
    this.cancelActive();
    const generation = ++this.generation;
    this.patch({ phase: 'starting', progress: null });

    return this.enqueue(async () => {
      // A newer restart was requested while this one waited: let that one build.
      if (generation !== this.generation || this.disposed) {
        return;
      }
      const { params, view } = this.state;
      try {
        const result = await this.client.api.init(params, { ratings: this.ratings ?? undefined, backend: view.backend });
        if (generation !== this.generation) {
          return;
        }
        this.store.getState().clearResults();
        this.patch({ phase: 'ready', tick: result.tick, world: result.world, backend: result.backend, runError: null, playing: false });
        await this.refreshViews(true);
      } catch (error) {
        if (generation === this.generation) {
          this.patch({ phase: this.state.world ? 'ready' : 'failed', playing: false, runError: `Could not start the run: ${errorMessage(error)}` });
        }
        return;
      }
      if (resume) {
        this.play();
      }
    });
  }

  /**
   * Advances `ticks` ticks and appends the results. Returns null when the
   * generation changed before or during the call, or when the engine failed.
   */
  private advance(ticks: number, generation: number): Promise<AdvanceResult | null> {
    return this.enqueue(async () => {
      if (generation !== this.generation || this.disposed) {
        return null;
      }
      const runId = this.nextRunId++;
      this.activeRunId = runId;
      this.patch({ phase: 'busy' });
      // Progress arrives through its own message channel and can land after the call returned: drop it then.
      const onProgress = (progress: AdvanceProgress) => {
        if (generation === this.generation && this.activeRunId === runId) {
          this.patch({ progress });
        }
      };

      try {
        const result = await this.client.api.advance(ticks, runId, proxy(onProgress));
        if (generation !== this.generation) {
          return null;
        }
        this.store.getState().appendResults(result.metrics, result.topicMix, result.retrainedAt);
        this.patch({ tick: result.tick, backend: result.backend, progress: null, phase: 'ready' });
        await this.refreshViews(result.retrainedAt.length > 0);
        return result;
      } catch (error) {
        if (generation === this.generation) {
          this.playToken++;
          this.patch({ phase: 'ready', progress: null, playing: false, runError: `The simulation stopped at tick ${this.state.tick}: ${errorMessage(error)}` });
        }
        return null;
      } finally {
        this.activeRunId = null;
      }
    });
  }

  /** Fetches the chosen user's snapshot and, when asked, a new embedding map. Call from inside the queue. */
  private async refreshViews(withMap: boolean): Promise<void> {
    const generation = this.generation;
    const users = this.state.world?.users ?? this.state.params.users;
    const user = Math.min(this.state.view.user, users - 1);
    const snapshot = await this.client.api.snapshot(user);
    const map = withMap || !this.state.embeddingMap ? await this.client.api.embeddingMap() : null;
    if (generation !== this.generation || this.disposed) {
      return;
    }
    this.store.getState().setSnapshot(snapshot);
    if (map) {
      this.store.getState().setEmbeddingMap(map);
    }
  }

  private async playLoop(token: number, generation: number): Promise<void> {
    while (token === this.playToken && generation === this.generation && !this.disposed) {
      const speed = this.state.view.speed;
      const ticks = Math.max(1, Math.round(speed / UPDATES_PER_SECOND));
      const started = performance.now();
      const result = await this.advance(ticks, generation);
      if (!result || result.cancelled) {
        break;
      }
      const wait = (ticks * 1000) / speed - (performance.now() - started);
      if (wait > 0) {
        await this.sleep(wait);
      }
    }
    if (token === this.playToken && !this.disposed) {
      this.patch({ playing: false });
    }
  }

  /**
   * Replaces a crashed worker: a new client is initialised with the same
   * parameters and ratings and advanced to the tick on screen. The metrics on
   * screen are kept; only the worker's state is rebuilt.
   */
  private async recover(message: string): Promise<void> {
    if (this.disposed) {
      return;
    }
    const now = performance.now();
    this.recoveries = this.recoveries.filter((time) => now - time < CRASH_WINDOW_MS);
    this.recoveries.push(now);
    const wasPlaying = this.state.playing;
    const tick = this.state.tick;

    // Calls in flight on the dead worker never settle: abandon them with the old queue.
    const token = ++this.playToken;
    const generation = ++this.generation;
    this.activeRunId = null;
    this.queue = Promise.resolve();
    this.stopCrashListener();
    this.client.terminate();

    if (this.recoveries.length > MAX_RECOVERIES) {
      this.patch({ phase: 'failed', playing: false, runError: `The engine worker crashed ${this.recoveries.length} times within a minute (last: ${message}). Reload the page to start again.` });
      return;
    }

    this.client = this.createClient();
    this.stopCrashListener = this.client.onCrash((next) => void this.recover(next));
    this.patch({ phase: 'starting', playing: false, progress: null, notice: `The engine worker stopped (${message}). Starting a new one and replaying to tick ${tick}…` });

    await this.enqueue(async () => {
      const { params, view } = this.state;
      try {
        await this.client.api.init(params, { ratings: this.ratings ?? undefined, backend: view.backend });
        // The replay is not `activeRunId`, so Pause cannot cut it short of the tick on screen.
        let replaying = true;
        const onProgress = (progress: AdvanceProgress) => {
          if (generation === this.generation && replaying) {
            this.patch({ progress });
          }
        };
        const replay = tick > 0 ? await this.client.api.advance(tick, this.nextRunId++, proxy(onProgress)) : null;
        replaying = false;
        if (generation !== this.generation) {
          return;
        }
        const backend = replay ? replay.backend : await this.client.api.backendReport();
        this.patch({ phase: 'ready', tick, backend, progress: null, notice: `The engine worker stopped (${message}). A new worker replayed the run to tick ${tick}; the numbers on screen are kept.` });
        await this.refreshViews(true);
      } catch (error) {
        if (generation === this.generation) {
          this.patch({ phase: 'failed', runError: `The engine worker stopped (${message}) and could not be restarted: ${errorMessage(error)}` });
        }
      }
    });

    // Resume only if nothing (Pause, Reset, another crash) happened during the replay.
    if (wasPlaying && token === this.playToken && generation === this.generation && this.state.phase === 'ready') {
      this.play();
    }
  }
}
