/**
 * Lab 4's page-side session: owns the ranking worker, keeps what it reported
 * (data set, training progress and results) in a small store, and turns a
 * crashed worker into a message and a restart.
 */
import { proxy } from 'comlink';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SyntheticCtrOptions } from '../../engine/ctr/synthetic';
import type { RankingClient } from '../../worker/rankingClient';
import type { BackendReport, CandidateList, CtrModelKind, DatasetSummary, ImportProgress, TrainProgress, TrainRequest, TrainResult } from '../../worker/rankingProtocol';

export type SessionPhase = 'starting' | 'loading' | 'ready' | 'training' | 'crashed';

export interface RankingSessionState {
  phase: SessionPhase;
  backend?: BackendReport;
  dataset?: DatasetSummary;
  /** Live state of the current or last training run. */
  progress?: TrainProgress;
  /** The last finished (or cancelled) run. */
  result?: TrainResult;
  /** Short line on what the worker does now, for a status region. */
  notice: string;
  /** The last failure of a worker call, other than a rejected file. */
  error?: string;
  /** Message of the last rejected file; the data set on screen is unchanged. */
  importError?: string;
  importProgress?: ImportProgress;
  /** Run counter, bumped after every run, so the ranked list requests fresh predictions. */
  resultVersion: number;
  /** Origin of the current or last run, for example "step 3 (A cross for the wide part)"; absent for the Train button. */
  runOrigin?: string;
}

const INITIAL: RankingSessionState = { phase: 'starting', notice: 'Starting the ranking worker…', resultVersion: 0 };

/** "1 model-task pair", "9 model-task pairs". */
export function countPairs(count: number): string {
  return `${count} model-task ${count === 1 ? 'pair' : 'pairs'}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A training request that the session was asked to run while another one ran. */
export class SessionBusyError extends Error {
  constructor() {
    super('A training run is already in progress: stop it or wait for it to finish');
    this.name = 'SessionBusyError';
  }
}

export class RankingSession {
  readonly store: StoreApi<RankingSessionState> = createStore<RankingSessionState>()(() => ({ ...INITIAL }));
  private client: RankingClient | undefined;
  private stopCrashWatch: (() => void) | undefined;
  private nextRunId = 1;
  private currentRun: number | undefined;
  /** Data set options of the last synthetic load, reused after a restart. */
  private lastSynthetic: { options: Partial<SyntheticCtrOptions>; testShare: number } | undefined;

  /** @param createClient starts a worker; tests pass a client around the API object in Node. */
  constructor(private readonly createClient: () => RankingClient) {}

  private set(partial: Partial<RankingSessionState>): void {
    this.store.setState(partial);
  }

  private requireClient(): RankingClient {
    if (this.client === undefined) {
      throw new Error('The ranking worker is not running; restart it');
    }
    return this.client;
  }

  /** Starts the worker, chooses the backend and loads the synthetic data set. */
  async start(synthetic: Partial<SyntheticCtrOptions>, testShare: number): Promise<void> {
    this.client = this.createClient();
    this.stopCrashWatch = this.client.onCrash((message) => this.onCrash(message));
    this.set({ ...INITIAL, notice: 'Choosing a TensorFlow.js backend (a short timed trial)…' });
    try {
      const backend = await this.client.api.init({});
      this.set({ backend });
      await this.loadSynthetic(synthetic, testShare);
    } catch (error) {
      if (this.store.getState().phase !== 'crashed') {
        this.set({ phase: 'ready', error: `The worker could not start: ${messageOf(error)}`, notice: '' });
      }
    }
  }

  private onCrash(message: string): void {
    this.stopCrashWatch?.();
    this.client?.terminate();
    this.client = undefined;
    this.currentRun = undefined;
    this.set({ phase: 'crashed', error: `${message}. Restart the worker to go on; the settings are kept.`, notice: '' });
  }

  /** Stops a crashed or stuck worker and starts a new one with the last synthetic data set. */
  async restart(): Promise<void> {
    this.dispose();
    await this.start(this.lastSynthetic?.options ?? {}, this.lastSynthetic?.testShare ?? 0.2);
  }

  /** Generates a synthetic data set in the worker and replaces the current one (and its trained models). */
  async loadSynthetic(options: Partial<SyntheticCtrOptions>, testShare: number): Promise<void> {
    const client = this.requireClient();
    this.set({ phase: 'loading', notice: 'Generating the synthetic click log…', error: undefined });
    try {
      const dataset = await client.api.loadSynthetic(options, testShare);
      this.lastSynthetic = { options, testShare };
      this.set({ phase: 'ready', dataset, progress: undefined, result: undefined, notice: `Synthetic log ready: ${dataset.samples.toLocaleString('en')} impressions.` });
    } catch (error) {
      this.set({ phase: 'ready', error: `The synthetic data set was not generated: ${messageOf(error)}`, notice: '' });
    }
  }

  /**
   * Reads a Criteo-style file in the worker. A rejected file sets
   * `importError` with the parser's message and keeps the current data set
   * and trained models.
   */
  async importFile(file: File, testShare: number): Promise<void> {
    const client = this.requireClient();
    this.set({ phase: 'loading', notice: `Reading ${file.name} (${(file.size / 1e6).toFixed(1)} MB)…`, importError: undefined, importProgress: { fileName: file.name, fraction: 0 } });
    try {
      const dataset = await client.api.importCriteo(file, testShare, proxy((progress: ImportProgress) => this.set({ importProgress: progress })));
      this.set({ phase: 'ready', dataset, progress: undefined, result: undefined, importProgress: undefined, notice: `Imported ${file.name}: ${dataset.samples.toLocaleString('en')} rows.` });
    } catch (error) {
      this.set({ phase: 'ready', importError: messageOf(error), importProgress: undefined, notice: '' });
    }
  }

  /**
   * Trains the requested models one after another; the store follows the
   * epochs live. Resolves with the result, also when the run was stopped
   * (`cancelled: true`).
   *
   * @param origin what started the run, shown above the results; absent for the Train button.
   * @throws SessionBusyError while another run is in progress, and the worker's message when training fails.
   */
  async train(request: TrainRequest, origin?: string): Promise<TrainResult> {
    if (this.currentRun !== undefined) {
      throw new SessionBusyError();
    }
    const client = this.requireClient();
    const runId = this.nextRunId++;
    this.currentRun = runId;
    const models = request.models.length === 1 ? '1 model' : `${request.models.length} models`;
    this.set({ phase: 'training', error: undefined, notice: `Training ${models} on ${request.tasks.join(', ')}…`, progress: undefined, runOrigin: origin });
    try {
      const result = await client.api.train(
        request,
        runId,
        proxy((progress: TrainProgress) => {
          if (this.currentRun === runId) {
            this.set({ progress });
          }
        }),
      );
      const done = result.scores.length;
      this.set({
        phase: 'ready',
        progress: { runId, jobs: result.jobs, scores: result.scores, crosses: result.crosses },
        result,
        backend: result.backend,
        resultVersion: this.store.getState().resultVersion + 1,
        notice: result.cancelled ? `Stopped: ${done} of ${countPairs(result.jobs.length)} trained.` : `Trained ${countPairs(done)}.`,
      });
      return result;
    } catch (error) {
      if (this.store.getState().phase !== 'crashed') {
        this.set({ phase: 'ready', error: `Training failed: ${messageOf(error)}`, notice: '' });
      }
      throw error;
    } finally {
      if (this.currentRun === runId) {
        this.currentRun = undefined;
      }
    }
  }

  /** Stops the running training after its current epoch. */
  async stop(): Promise<void> {
    if (this.currentRun !== undefined && this.client !== undefined) {
      this.set({ notice: 'Stopping after the current epoch…' });
      await this.client.api.cancel(this.currentRun);
    }
  }

  /** Predictions of `model` for the candidates of one context. */
  async rank(contextId: number, model: CtrModelKind): Promise<CandidateList> {
    return this.requireClient().api.rankCandidates(contextId, model);
  }

  dispose(): void {
    this.stopCrashWatch?.();
    this.stopCrashWatch = undefined;
    this.client?.terminate();
    this.client = undefined;
    this.currentRun = undefined;
  }
}
