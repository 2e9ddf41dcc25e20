/**
 * The page's side of a lab worker, shared by the labs whose pages keep their
 * run state outside React: it starts the worker, keeps a state object that
 * components subscribe to, and restarts the worker after a crash. A subclass
 * creates its worker (so Vite sees the literal worker URL), builds its run
 * in {@link reset}, and adds the lab's own calls.
 */
import type { Remote } from 'comlink';
import { useSyncExternalStore } from 'react';
import { createWorkerClient, type WorkerClient } from '../worker/client';

/** Fields every lab worker state has. */
export interface WorkerLabState {
  status: 'starting' | 'ready' | 'running' | 'crashed';
  /** Status line: the worker's current work, or why it stopped. */
  message: string;
  /** Error of a crashed worker or a failed call, which the page shows with a restart button. */
  error: string | null;
}

/** Progress of a run: the tick reached, the tick it was asked to reach, and whether Pause stopped it early. */
export interface RunProgress {
  tick: number;
  targetTick: number;
  paused: boolean;
}

/** Ticks to play and the tick they reach: a paused run resumes to its old target, any other run plays `ticks` more. */
export function planRun(state: RunProgress, ticks: number): { ticks: number; target: number } {
  if (state.paused && state.targetTick > state.tick) {
    return { ticks: state.targetTick - state.tick, target: state.targetTick };
  }
  return { ticks, target: state.tick + ticks };
}

/** The call every lab worker offers to stop a running call after its current tick. */
export interface CancellableApi {
  cancel(runId: number): Promise<void>;
}

export abstract class WorkerLabController<State extends WorkerLabState, Api extends CancellableApi, Settings> {
  protected state: State;
  protected client: WorkerClient<Api> | null = null;
  protected settings: Settings;
  /** Id of the run whose progress may still change the state; null when none may. */
  protected activeRun: number | null = null;
  /** Set by {@link dispose}: calls still in flight when the page closed must not change the state. */
  protected disposed = false;
  private readonly listeners = new Set<() => void>();

  /** `label` names the worker in messages, for example "filter-bubble worker". */
  protected constructor(
    settings: Settings,
    initial: State,
    private readonly label: string,
  ) {
    this.settings = settings;
    this.state = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): State => this.state;

  /** Builds the lab's run in the worker from `settings`, dropping the old run's rows. */
  abstract reset(settings: Settings): Promise<void>;

  /** Starts the lab's module worker; a literal `new URL(…, import.meta.url)` there lets Vite bundle it. */
  protected abstract createWorker(): Worker;

  protected update(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) {
      listener();
    }
  }

  protected api(): Remote<Api> {
    if (this.client === null) {
      throw new Error(`The ${this.label} is not running; press Restart the worker.`);
    }
    return this.client.api;
  }

  /** Starts the worker when none runs, then builds the run from `settings`. */
  async open(settings: Settings): Promise<void> {
    if (this.client === null) {
      this.startWorker();
    }
    await this.reset(settings);
  }

  /** Stops the worker, whatever it is doing, and starts a new one from tick 0. */
  async restart(): Promise<void> {
    this.client?.terminate();
    this.client = null;
    await this.open(this.settings);
  }

  /** Asks the running call to stop after its current tick. */
  stop(): void {
    if (this.activeRun !== null && this.client !== null) {
      void this.client.api.cancel(this.activeRun);
    }
  }

  /**
   * Shows a failed call: the page keeps the worker when it still runs
   * ('ready') and offers a restart when it crashed. A crash already reported,
   * or a page already closed, keeps its state.
   */
  protected fail(error: unknown): void {
    if (this.disposed || this.state.status === 'crashed') {
      return;
    }
    this.activeRun = null;
    const message = error instanceof Error ? error.message : String(error);
    this.update({ status: this.client === null ? 'crashed' : 'ready', error: message, message: 'The last call failed.' } as Partial<State>);
  }

  /** Stops the worker and forgets every subscriber; the page calls it when it closes. */
  dispose(): void {
    this.disposed = true;
    this.client?.terminate();
    this.client = null;
    this.listeners.clear();
  }

  private startWorker(): void {
    const client = createWorkerClient<Api>(this.createWorker(), this.label);
    client.onCrash((message) => {
      if (this.client === client) {
        client.terminate();
        this.client = null;
        this.activeRun = null;
        this.update({ status: 'crashed', error: `${message}. Press Restart the worker to start again from tick 0.`, message: 'The worker stopped.' } as Partial<State>);
      }
    });
    this.client = client;
  }
}

/** Subscribes a component to one value selected from a controller's state. */
export function useControllerSelector<State extends WorkerLabState, T>(controller: WorkerLabController<State, CancellableApi, unknown>, select: (state: State) => T): T {
  return useSyncExternalStore(controller.subscribe, () => select(controller.getState()));
}
