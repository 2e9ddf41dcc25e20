/**
 * Plain-data shapes that cross Lab 4's worker boundary. The API's function
 * signatures are not written here: the page derives them from the worker
 * module (`typeof api` in `ranking.worker.ts`).
 */
import type { BackendReport } from '../engine/backend/types';
import type { CtrField, CtrModelKind, CtrTask, CtrTrainOptions, EpochReport, FieldCross } from '../engine/ctr/types';
import type { CalibrationRow } from '../engine/ctr/evaluate';
import type { FormulaInputs } from '../engine/ranking/utilityFormula';

export type { BackendReport, CalibrationRow, CtrField, CtrModelKind, CtrTask, CtrTrainOptions, EpochReport, FieldCross };

/** Summary of the data set loaded in the worker. */
export interface DatasetSummary {
  source: 'synthetic' | 'criteo';
  /** Name of the imported file; absent for synthetic data. */
  fileName?: string;
  samples: number;
  fields: CtrField[];
  /** Tasks with labels in this data set, in the order click, conversion, watch. */
  tasks: CtrTask[];
  /** True when the data set carries the simulator's true probabilities. */
  hasTruth: boolean;
  /** Mean label per task over all rows (conversion: over clicked rows). */
  baseRates: Partial<Record<CtrTask, number>>;
  /** Mean true probability per task over all rows, when the truth is known. */
  trueMeans?: Partial<Record<CtrTask, number>>;
  /** Rows in the training and test splits of the time split. */
  trainRows: number;
  testRows: number;
  /** Share of the rows, latest in time, held out for testing. */
  testShare: number;
  /** Bayes-optimal AUC and log loss per task on the test split; empty without the truth. */
  bayes: BayesScore[];
  /** Contexts (users, or blocks of test rows) for which the page can show a ranked list. */
  contexts: RankingContext[];
}

/** A set of candidates from the test split that the page ranks with the utility formula. */
export interface RankingContext {
  id: number;
  /** For example "user 17 (9 impressions)". */
  label: string;
}

/** Training request: every model on every task, one after another. */
export interface TrainRequest {
  models: CtrModelKind[];
  tasks: CtrTask[];
  options: Partial<CtrTrainOptions>;
  /** Seed of the models' initialisation and shuffling; the same seed trains the same weights. */
  seed: number;
}

/** Held-out metrics of one model on one task. For the watch task the AUC is that of "watched more than half" (see `evaluatePredictions`). */
export interface ModelScore {
  model: CtrModelKind;
  task: CtrTask;
  auc: number;
  logLoss: number;
  calibration: CalibrationRow[];
  /** Rows the metrics were computed on (conversion: clicked test rows). */
  rows: number;
  /** Mean prediction over those rows, against the mean label. */
  meanPredicted: number;
  meanObserved: number;
  /** Mean of √prediction over the same rows: the deliberately miscalibrated pCTR of Lab 4's calibration step. */
  meanSqrtPredicted: number;
  trainSeconds: number;
}

/** Bayes-optimal metrics on the same rows: those of predicting with the true probability. */
export interface BayesScore {
  task: CtrTask;
  auc: number;
  logLoss: number;
}

/** One (model, task) training job and its epoch curve so far. */
export interface TrainingJob {
  model: CtrModelKind;
  task: CtrTask;
  status: 'waiting' | 'training' | 'done' | 'failed' | 'cancelled';
  epochs: EpochReport[];
  /** Planned epochs. */
  totalEpochs: number;
}

/** Sent at most every 100 ms while training, and once at the end; each one is complete, so a dropped one loses nothing. */
export interface TrainProgress {
  runId: number;
  jobs: TrainingJob[];
  scores: ModelScore[];
  /** Crosses of the run's wide part (LR, Wide & Deep); absent or empty without crosses. */
  crosses?: FieldCross[];
}

export interface TrainResult {
  runId: number;
  jobs: TrainingJob[];
  scores: ModelScore[];
  /** Crosses of the run's wide part (LR, Wide & Deep); absent or empty without crosses. */
  crosses?: FieldCross[];
  /** Per task; empty without the truth. */
  bayes: BayesScore[];
  /** True when `cancel(runId)` stopped the run; the jobs done before are kept. */
  cancelled: boolean;
  backend: BackendReport;
}

/** One candidate of a ranked list, with what a model predicts for it and, for synthetic data, what is true. */
export interface RankedCandidate {
  row: number;
  /** Field values of the row, for example "item 412 · item_topic 3". */
  description: string;
  predicted: FormulaInputs;
  /** True probabilities, for synthetic data. */
  truth?: FormulaInputs;
  /** Labels logged for this impression. */
  observed: { click: number; conversion?: number; watch?: number };
}

export interface CandidateList {
  context: RankingContext;
  model: CtrModelKind;
  candidates: RankedCandidate[];
}

/** Progress of an import, from 0 to 1. */
export interface ImportProgress {
  fileName: string;
  fraction: number;
}
