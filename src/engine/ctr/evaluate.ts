import { log } from '../math';
import { auc, calibrationTable, logLoss, type CalibrationBin } from '../metrics/classification';
import { taskLabels, taskRows } from './split';
import type { CtrDataset, CtrTask } from './types';

/** One bin of the calibration plot: mean prediction against mean label, over predictions in [lower, upper). */
export type CalibrationRow = CalibrationBin;

/** A soft label (watch fraction) counts as a positive for the AUC above this value. */
export const SOFT_LABEL_POSITIVE = 0.5;

/**
 * AUC, log loss and a calibration table of `predictions` on rows `rows`.
 *
 * `labels` is indexed by dataset row ([samples]) and `predictions` is
 * aligned with `rows` ([rows.length]), as `CtrModel.predict(data, rows)`
 * returns it. Labels in {0, 1} use src/engine/metrics/classification.ts.
 * Soft labels y ∈ [0, 1] (the watch fraction) get the cross-entropy
 * −(y ln p + (1 − y) ln(1 − p)), a calibration table of mean y per bin, and
 * the AUC of y > 0.5 ("watched more than half").
 *
 * @returns auc NaN when the rows hold only one class.
 * @throws Error when predictions and rows differ in length.
 */
export function evaluatePredictions(labels: Float32Array, predictions: Float32Array, rows: Int32Array, bins = 10): { auc: number; logLoss: number; calibration: CalibrationRow[] } {
  if (predictions.length !== rows.length) {
    throw new Error(`Got ${predictions.length} predictions for ${rows.length} rows; predictions must be aligned with rows`);
  }
  const y = Float32Array.from(rows, (row) => labels[row]);
  const binary = y.every((value) => value === 0 || value === 1);
  if (binary) {
    return { auc: auc(y, predictions), logLoss: logLoss(y, predictions), calibration: calibrationTable(y, predictions, bins) };
  }
  const positives = y.map((value) => (value > SOFT_LABEL_POSITIVE ? 1 : 0));
  return { auc: auc(positives, predictions), logLoss: softLogLoss(y, predictions), calibration: softCalibration(y, predictions, bins) };
}

/**
 * AUC and log loss of the simulator's true probabilities on `rows` (only
 * clicked rows for conversion). No model beats them in expectation, because
 * the truth also uses the users' hidden interests; on a finite test set a
 * model can exceed them slightly by chance.
 *
 * @returns null when the data set has no truth for the task (an imported file).
 */
export function bayesOptimal(data: CtrDataset, task: CtrTask, rows: Int32Array): { auc: number; logLoss: number } | null {
  const truth = data.truth?.[task];
  const labels = data.labels[task];
  if (truth === undefined || labels === undefined) {
    return null;
  }
  const evaluated = taskRows(data, task, rows);
  const predictions = Float32Array.from(evaluated, (row) => truth[row]);
  const { auc: bayesAuc, logLoss: bayesLogLoss } = evaluatePredictions(taskLabels(data, task), predictions, evaluated, 1);
  return { auc: bayesAuc, logLoss: bayesLogLoss };
}

/** Mean cross-entropy of soft labels y ∈ [0, 1], p clipped to [1e-15, 1 − 1e-15] as in `logLoss`. */
export function softLogLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  if (labels.length === 0) {
    return Number.NaN;
  }
  let total = 0;
  for (let k = 0; k < labels.length; k += 1) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[k]));
    total -= labels[k] * log(p) + (1 - labels[k]) * log(1 - p);
  }
  return total / labels.length;
}

/** Reliability table with the mean soft label as the observed rate, same bins as `calibrationTable`. */
function softCalibration(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins: number): CalibrationRow[] {
  const counts = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let k = 0; k < labels.length; k += 1) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(probabilities[k] * bins)));
    counts[bin] += 1;
    predicted[bin] += probabilities[k];
    observed[bin] += labels[k];
  }
  return Array.from({ length: bins }, (_, bin) => ({
    lower: bin / bins,
    upper: (bin + 1) / bins,
    count: counts[bin],
    meanPredicted: counts[bin] > 0 ? predicted[bin] / counts[bin] : Number.NaN,
    observedRate: counts[bin] > 0 ? observed[bin] / counts[bin] : Number.NaN,
  }));
}
