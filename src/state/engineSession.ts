/**
 * The engine-worker side of the run controller: one worker client, the queue
 * its calls run through, the run generation, and the three ways a run reaches
 * a tick (restart at tick 0, advance through the schedule, replay after a
 * crash). `RunController` (`controller.ts`) builds the page's intents on it.
 *
 * - Worker calls run one at a time through a queue, so a snapshot never
 *   interleaves with an advance; only `cancel` bypasses the queue.
 * - Every (re)start bumps `generation`; results of an older generation are
 *   dropped, so a late result never lands in a newer run.
 * - A crashed worker is replaced: the new one is initialised with the same
 *   parameters and advanced through the same schedule to the same tick (the
 *   engine is deterministic), and the metrics already on screen are kept.
 */
import type { FeedMachineParams } from '../engine/scenarios/feedMachine';
import type { PolicyChange } from '../engine/scenarios/policySchedule';
import type { EngineClient } from '../worker/client';
import type { RatingsFile } from '../worker/protocol';
import { advanceWithSchedule, syncPolicy, type PolicySchedule, type ScheduledAdvanceOutcome } from './scheduledAdvance';
import type { FeedLabState, FeedLabStore } from './store';

/** Crash recoveries allowed within {@link CRASH_WINDOW_MS} before the controller gives up. */
const MAX_RECOVERIES = 3;
const CRASH_WINDOW_MS = 60_000;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export abstract class EngineSession {
  protected readonly store: FeedLabStore;
  private readonly createClient: () => EngineClient;

  protected client: EngineClient;
  private stopCrashListener: () => void;
  protected queue: Promise<unknown> = Promise.resolve();
  protected generation = 0;
  private nextRunId = 1;
  private activeRunId: number | null = null;
  /** Identifies the current play loop; Pause or a new loop makes older loops stop. */
  protected playToken = 0;
  /** Ratings file the world was built from; null for a synthetic world. */
  protected ratings: RatingsFile | null = null;
  /** Parameters in force in the worker for its next tick; null before the first init. */
  protected enginePolicy: FeedMachineParams | null = null;
  /** The schedule this controller last wrote to the store; any other new schedule came from the URL and restarts the run. */
  protected writtenChanges: PolicyChange[] | null = null;
  private recoveries: number[] = [];
  protected disposed = false;

  constructor(store: FeedLabStore, createClient: () => EngineClient) {
    this.store = store;
    this.createClient = createClient;
    this.client = this.createClient();
    this.stopCrashListener = this.client.onCrash((message) => void this.recover(message));
  }

  /** Starts playing; called when a restart or a crash recovery resumes a run that was playing. */
  abstract play(): void;

  /** Stops the worker and the crash listener; later results are dropped. */
  protected stopEngine(): void {
    this.disposed = true;
    this.playToken++;
    this.generation++;
    this.stopCrashListener();
    this.client.terminate();
  }

  protected get state(): FeedLabState {
    return this.store.getState();
  }

  protected patch(partial: Parameters<FeedLabState['patchRun']>[0]): void {
    if (!this.disposed) {
      this.store.getState().patchRun(partial);
    }
  }

  /** Replaces the store's schedule without restarting the run. */
  protected writeChanges(changes: PolicyChange[]): void {
    this.writtenChanges = changes;
    this.store.getState().setPolicyChanges(changes);
  }

  protected schedule(): PolicySchedule {
    return { base: this.state.params, changes: this.state.changes };
  }

  /** Runs `task` after every queued worker call; a failed task does not block later ones. */
  protected enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  protected cancelActive(): void {
    if (this.activeRunId !== null) {
      void this.client.api.cancel(this.activeRunId);
    }
  }

  /** Builds the simulation from the store's current parameters, at tick 0. */
  protected restart(): Promise<void> {
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
        // A change at tick 0 (from a link) applies before the first tick.
        this.enginePolicy = await syncPolicy(this.client.api, params, this.schedule(), 0);
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
   * Advances `ticks` ticks through the schedule and appends the results.
   * Returns null when the generation changed before or during the call, or
   * when the engine failed.
   */
  protected advance(ticks: number, generation: number): Promise<ScheduledAdvanceOutcome | null> {
    return this.enqueue(async () => {
      if (generation !== this.generation || this.disposed || this.enginePolicy === null) {
        return null;
      }
      const runId = this.nextRunId++;
      this.activeRunId = runId;
      this.patch({ phase: 'busy' });
      let retrained = false;

      try {
        const outcome = await advanceWithSchedule({
          api: this.client.api,
          ticks,
          runId,
          tick: this.state.tick,
          policy: this.enginePolicy,
          schedule: () => this.schedule(),
          // Progress arrives through its own message channel and can land after the call returned: drop it then.
          onProgress: (progress) => {
            if (generation === this.generation && this.activeRunId === runId) {
              this.patch({ progress });
            }
          },
          onPolicy: (policy) => {
            if (generation === this.generation) {
              this.enginePolicy = policy;
            }
          },
          onPiece: (result) => {
            if (generation !== this.generation) {
              return false;
            }
            retrained ||= result.retrainedAt.length > 0;
            this.store.getState().appendResults(result.metrics, result.topicMix, result.retrainedAt);
            this.patch({ tick: result.tick, backend: result.backend });
            return true;
          },
        });
        if (generation !== this.generation) {
          return null;
        }
        this.patch({ progress: null, phase: 'ready' });
        await this.refreshViews(retrained);
        return outcome;
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
  protected async refreshViews(withMap: boolean): Promise<void> {
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

  /**
   * Replaces a crashed worker: a new client is initialised with the same
   * parameters and ratings and advanced through the same schedule to the tick
   * on screen. The metrics on screen are kept; only the worker's state is rebuilt.
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
        const replay = await advanceWithSchedule({
          api: this.client.api,
          ticks: tick,
          runId: this.nextRunId++,
          tick: 0,
          policy: params,
          schedule: () => this.schedule(),
          onProgress: (progress) => {
            if (generation === this.generation && replaying) {
              this.patch({ progress });
            }
          },
          onPiece: () => generation === this.generation,
        });
        replaying = false;
        if (generation !== this.generation || replay.stopped) {
          return;
        }
        this.enginePolicy = replay.policy;
        const backend = await this.client.api.backendReport();
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
