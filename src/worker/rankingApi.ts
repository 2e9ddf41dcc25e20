import type { BackendSwitcher } from '../engine/backend/fallback';
import { errorMessage } from '../engine/backend/activate';
import type { BackendName, BackendReport } from '../engine/backend/types';
import { bayesOptimal, evaluatePredictions } from '../engine/ctr/evaluate';
import { createCtrModel, ctrTrainingRandom } from '../engine/ctr/models';
import { taskLabels, taskRows, timeSplit } from '../engine/ctr/split';
import { generateCtrDataset, parseSyntheticCtrOptions, type SyntheticCtrOptions } from '../engine/ctr/synthetic';
import type { CtrDataset, CtrModel, CtrModelKind, CtrTask, EpochReport } from '../engine/ctr/types';
import { CriteoImportError, parseCriteo } from '../engine/io/criteo';
import { chooseBackend } from './backendChoice';
import type { EngineEnvironment } from './engineApi';
import { ProgressThrottle } from './progressThrottle';
import { buildContexts, candidatesOf, describeDataset, type LoadedDataset } from './rankingData';
import type { CandidateList, DatasetSummary, ImportProgress, ModelScore, TrainProgress, TrainRequest, TrainResult, TrainingJob } from './rankingProtocol';
import { SerialQueue } from './serialQueue';

/** Progress is sent at most this often, in milliseconds, plus once at the end of a call. */
const PROGRESS_INTERVAL_MS = 100;

/** Cancelled run ids kept for runs not yet started; the oldest is dropped beyond this. */
const MAX_PENDING_CANCELS = 100;

/** Default share of the rows, latest in time, held out for testing. */
export const DEFAULT_TEST_SHARE = 0.2;

/** Thrown from the epoch callback to stop a fit when its run was cancelled. */
class RunCancelled extends Error {
  constructor(runId: number) {
    super(`Run ${runId} was cancelled`);
    this.name = 'RunCancelled';
  }
}

/** A file picked in the page; a `File` crosses the worker boundary without being read on the main thread. */
export interface CtrFile {
  name: string;
  text(): Promise<string>;
}

/**
 * Builds Lab 4's worker API: the object that `ranking.worker.ts` exposes with
 * comlink, and that tests call directly in Node.
 *
 * `init`, `loadSynthetic`, `importCriteo`, `train` and `rankCandidates` run one
 * at a time in call order, so a data set is never replaced under a running
 * training. `cancel` bypasses that queue: the models yield to the event loop
 * between epochs, and the next epoch report stops the run.
 */
export function createRankingApi(environment: EngineEnvironment) {
  const { log } = environment;
  const queue = new SerialQueue();
  const cancelledRuns = new Set<number>();
  let loaded: LoadedDataset | undefined;
  let switcher: BackendSwitcher | undefined;
  /** Trained models of the last run, by `${kind}/${task}`. */
  let trained = new Map<string, CtrModel>();

  function requireDataset(): LoadedDataset {
    if (loaded === undefined) {
      throw new Error('No data set is loaded yet: call loadSynthetic or importCriteo first');
    }
    return loaded;
  }

  function requireBackend(): BackendSwitcher {
    if (switcher === undefined) {
      throw new Error('No backend chosen yet: call init first');
    }
    return switcher;
  }

  function disposeModels(): void {
    for (const model of trained.values()) {
      model.dispose();
    }
    trained = new Map();
  }

  /** Replaces the loaded data set; the models trained on the old one no longer fit its vocabulary. */
  function replaceDataset(data: CtrDataset, source: LoadedDataset['source'], testShare: number, extra: Pick<LoadedDataset, 'fileName' | 'synthetic'>): DatasetSummary {
    const split = timeSplit(data, testShare);
    disposeModels();
    loaded = { data, source, split, testShare, contexts: buildContexts(data, split.test), ...extra };
    return describeDataset(loaded);
  }

  const api = {
    /**
     * Chooses the TensorFlow.js backend: a measured trial for 'auto' (the
     * default), else the one requested. Models already trained stay on the
     * backend that made them, so a new choice drops them.
     */
    async init(options: { backend?: BackendName | 'auto' } = {}): Promise<BackendReport> {
      return queue.run(async () => {
        const chosen = await chooseBackend(environment, options.backend ?? 'auto', { unit: 'job' });
        disposeModels();
        switcher = chosen;
        return switcher.report();
      });
    },

    /**
     * Generates a synthetic click log and makes it the current data set.
     * Invalid options reject with a message naming each one and
     * leave the current data set as it was.
     */
    async loadSynthetic(options: Partial<SyntheticCtrOptions>, testShare = DEFAULT_TEST_SHARE): Promise<DatasetSummary> {
      return queue.run(async () => {
        const started = performance.now();
        const checked = parseSyntheticCtrOptions(options);
        const data = generateCtrDataset(checked);
        const summary = replaceDataset(data, 'synthetic', testShare, { synthetic: checked });
        log.info(`loadSynthetic: ${data.length} rows, seed ${checked.seed}, in ${elapsedMs(started)} ms`);
        return summary;
      });
    },

    /**
     * Reads and parses a Criteo-style file (tab-separated: label, 13 integer
     * fields, 26 hashed categorical fields) in the worker and makes it the
     * current data set. `onProgress` gets the parsed fraction at
     * most every 100 ms. A file that cannot be parsed rejects with the
     * parser's message (line and field) and leaves the current data set and
     * trained models as they were.
     */
    async importCriteo(file: CtrFile, testShare = DEFAULT_TEST_SHARE, onProgress?: (progress: ImportProgress) => unknown): Promise<DatasetSummary> {
      return queue.run(async () => {
        const started = performance.now();
        const progress = new ProgressThrottle<ImportProgress>((value) => void Promise.resolve(onProgress?.(value)).catch(() => undefined), PROGRESS_INTERVAL_MS);
        try {
          const text = await file.text();
          const data = parseCriteo(text, { onProgress: (fraction) => progress.report({ fileName: file.name, fraction }) });
          progress.flush({ fileName: file.name, fraction: 1 });
          const summary = replaceDataset(data, 'criteo', testShare, { fileName: file.name });
          log.info(`importCriteo: ${file.name}, ${data.length} rows, in ${elapsedMs(started)} ms`);
          return summary;
        } catch (error) {
          // A rejected file is the user's input, shown in the page; other failures are warnings.
          const message = `importCriteo failed for ${file.name} after ${elapsedMs(started)} ms: ${errorMessage(error)}`;
          if (error instanceof CriteoImportError) {
            log.info(message);
          } else {
            log.warn(message);
          }
          throw error;
        }
      });
    },

    /**
     * Trains every requested model on every requested task, one after another
     * (every model on the first task, then on the next),
     * on the training split, and scores each on the test split as soon as it
     * is done. `onProgress` (a `comlink.proxy` from the page) gets the whole
     * state so far, at most every 100 ms and once at the end. `cancel(runId)`
     * stops the run after the current epoch; it then resolves with
     * `cancelled: true` and the jobs finished before. A backend that fails
     * during a job is replaced by the next one, and the job retrains there.
     */
    async train(request: TrainRequest, runId: number, onProgress?: (progress: TrainProgress) => unknown): Promise<TrainResult> {
      checkRequest(request);
      return queue.run(async () => {
        const { data, split } = requireDataset();
        const backends = requireBackend();
        const started = performance.now();
        disposeModels();

        // Task by task, so a stopped run leaves whole tasks untrained rather than a few models of each.
        const jobs: TrainingJob[] = request.tasks.flatMap((task) =>
          request.models.map((model): TrainingJob => ({ model, task, status: 'waiting', epochs: [], totalEpochs: request.options.epochs ?? Number.NaN })),
        );
        const scores: ModelScore[] = [];
        const crosses = (request.options.crosses ?? []).map((cross) => ({ ...cross }));
        const snapshot = (): TrainProgress => ({ runId, jobs: jobs.map((job) => ({ ...job, epochs: [...job.epochs] })), scores: [...scores], crosses });
        const progress = new ProgressThrottle<TrainProgress>((value) => void Promise.resolve(onProgress?.(value)).catch(() => undefined), PROGRESS_INTERVAL_MS);
        let cancelled = false;

        try {
          for (const [index, job] of jobs.entries()) {
            if (cancelledRuns.has(runId)) {
              cancelled = true;
              break;
            }
            job.status = 'training';
            progress.flush(snapshot());
            const jobStarted = performance.now();
            const model = await backends.run(() => fitJob(data, split, job, request, runId, () => progress.report(snapshot())), index);
            trained.set(modelKey(job.model, job.task), model);
            scores.push(await scoreModel(data, split.test, job, model, (performance.now() - jobStarted) / 1000));
            job.status = 'done';
            progress.flush(snapshot());
          }
        } catch (error) {
          const job = jobs.find((candidate) => candidate.status === 'training');
          if (error instanceof RunCancelled) {
            cancelled = true;
          } else {
            if (job) {
              job.status = 'failed';
            }
            log.error(`train ${runId} failed on ${job?.model ?? '?'} / ${job?.task ?? '?'} (${backends.active}): ${errorMessage(error)}`);
            throw error;
          }
        } finally {
          cancelledRuns.delete(runId);
        }

        if (cancelled) {
          for (const job of jobs) {
            if (job.status === 'waiting' || job.status === 'training') {
              job.status = 'cancelled';
            }
          }
        }
        const bayes = request.tasks.flatMap((task) => {
          const optimal = bayesOptimal(data, task, split.test);
          return optimal === null ? [] : [{ task, ...optimal }];
        });
        const result: TrainResult = { ...snapshot(), bayes, cancelled, backend: backends.report() };
        progress.flush(snapshot());
        log.info(`train ${runId}: ${scores.length}/${jobs.length} jobs in ${elapsedMs(started)} ms on ${backends.active}${cancelled ? ', cancelled' : ''}`);
        return result;
      });
    },

    /** Stops the training run `runId` after its current epoch, or before it starts when it is still queued. */
    async cancel(runId: number): Promise<void> {
      cancelledRuns.add(runId);
      if (cancelledRuns.size > MAX_PENDING_CANCELS) {
        cancelledRuns.delete(cancelledRuns.values().next().value as number);
      }
    },

    /**
     * Returns the candidates of one context (a user's test impressions, or a
     * block of test rows) with the predictions of `model` for every task it
     * was trained on, the truth when known, and what was logged.
     */
    async rankCandidates(contextId: number, model: CtrModelKind): Promise<CandidateList> {
      return queue.run(async () => {
        const dataset = requireDataset();
        const context = dataset.contexts.find((candidate) => candidate.id === contextId);
        if (context === undefined) {
          throw new Error(`rankCandidates: context ${contextId} does not exist; choose one of the ${dataset.contexts.length} listed`);
        }
        const models = new Map<CtrTask, CtrModel>();
        for (const task of ['click', 'conversion', 'watch'] as const) {
          const found = trained.get(modelKey(model, task));
          if (found) {
            models.set(task, found);
          }
        }
        if (models.size === 0) {
          throw new Error(`rankCandidates: ${model} has not been trained on this data set yet; train it first`);
        }
        return { context: { id: context.id, label: context.label }, model, candidates: await candidatesOf(dataset, context, models) };
      });
    },

    async backendReport(): Promise<BackendReport> {
      return requireBackend().report();
    },
  };

  /** Trains one fresh model for one job; throws {@link RunCancelled} from its epoch callback when the run is cancelled. */
  async function fitJob(data: CtrDataset, split: { train: Int32Array; test: Int32Array }, job: TrainingJob, request: TrainRequest, runId: number, onReport: () => void): Promise<CtrModel> {
    job.epochs = [];
    const model = createCtrModel(job.model, data, request.options);
    const rng = ctrTrainingRandom(request.seed, job.model);
    try {
      const onEpoch = (report: EpochReport) => {
        job.epochs.push(report);
        onReport();
        if (cancelledRuns.has(runId)) {
          throw new RunCancelled(runId);
        }
      };
      // The test split doubles as the validation set of the curves: the page shows, not tunes, on it.
      await model.fit(data, taskRows(data, job.task, split.train), job.task, rng, onEpoch, split.test);
      return model;
    } catch (error) {
      model.dispose();
      throw error;
    }
  }

  return api;
}

/** Type of the worker's API; the page calls it as `Remote<RankingApi>` through `comlink.wrap`. */
export type RankingApi = ReturnType<typeof createRankingApi>;

function modelKey(model: CtrModelKind, task: CtrTask): string {
  return `${model}/${task}`;
}

function checkRequest(request: TrainRequest): void {
  if (request.models.length === 0) {
    throw new Error('train: choose at least one model');
  }
  if (request.tasks.length === 0) {
    throw new Error('train: choose at least one task');
  }
  if (!Number.isInteger(request.seed) || request.seed < 0) {
    throw new Error(`train: seed must be a non-negative integer; received ${request.seed}`);
  }
}

/** Scores a trained model on the test rows of its task. */
async function scoreModel(data: CtrDataset, test: Int32Array, job: TrainingJob, model: CtrModel, trainSeconds: number): Promise<ModelScore> {
  const rows = taskRows(data, job.task, test);
  const labels = taskLabels(data, job.task);
  const predictions = await model.predict(data, rows);
  const evaluation = evaluatePredictions(labels, predictions, rows);
  let predictedSum = 0;
  let sqrtPredictedSum = 0;
  let observedSum = 0;
  rows.forEach((row, k) => {
    predictedSum += predictions[k];
    sqrtPredictedSum += Math.sqrt(predictions[k]);
    observedSum += labels[row];
  });
  return {
    model: job.model,
    task: job.task,
    auc: evaluation.auc,
    logLoss: evaluation.logLoss,
    calibration: evaluation.calibration,
    rows: rows.length,
    meanPredicted: rows.length > 0 ? predictedSum / rows.length : Number.NaN,
    meanObserved: rows.length > 0 ? observedSum / rows.length : Number.NaN,
    meanSqrtPredicted: rows.length > 0 ? sqrtPredictedSum / rows.length : Number.NaN,
    trainSeconds,
  };
}

function elapsedMs(start: number): number {
  return Math.round(performance.now() - start);
}
