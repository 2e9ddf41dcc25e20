import { log } from '../math';

/**
 * Metrics of a probabilistic binary classifier (pCTR, pCVR): AUC, log loss
 * and a reliability table for calibration plots. Labels are 0 or 1.
 */

/**
 * Area under the ROC curve: the probability that a random positive scores
 * above a random negative, ties counting one half (the Mann-Whitney U
 * statistic divided by n⁺ · n⁻). O(n log n).
 *
 * @returns NaN when the labels contain only one class, because the AUC is then undefined.
 * @throws Error when the arrays differ in length or a label is not 0 or 1.
 */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkInputs(labels, scores);
  const n = labels.length;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => scores[a] - scores[b]);

  let positives = 0;
  let rankSum = 0;
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) {
      end += 1;
    }
    // Tied scores share the mean of their 1-based ranks.
    const meanRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) {
      if (labels[order[k]] === 1) {
        positives += 1;
        rankSum += meanRank;
      }
    }
    start = end + 1;
  }

  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    return Number.NaN;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Mean log loss −(y ln p + (1 − y) ln(1 − p)), with p clipped to
 * [1e-15, 1 − 1e-15] so a confident mistake costs about 34.5 nats, not ∞.
 *
 * @returns NaN for empty input.
 */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkInputs(labels, probabilities);
  if (labels.length === 0) {
    return Number.NaN;
  }
  let total = 0;
  for (let k = 0; k < labels.length; k += 1) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[k]));
    total -= labels[k] === 1 ? log(p) : log(1 - p);
  }
  return total / labels.length;
}

/** One bin of a reliability table. */
export interface CalibrationBin {
  /** Bin range of predicted probabilities, [lower, upper). The last bin includes 1. */
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin (NaN when empty). */
  meanPredicted: number;
  /** Observed positive rate in the bin (NaN when empty). */
  observedRate: number;
}

/** Reliability table over `bins` equal-width bins of predicted probability. */
export function calibrationTable(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): CalibrationBin[] {
  checkInputs(labels, probabilities);
  const counts = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const positives = new Float64Array(bins);
  for (let k = 0; k < labels.length; k += 1) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(probabilities[k] * bins)));
    counts[bin] += 1;
    predicted[bin] += probabilities[k];
    positives[bin] += labels[k];
  }
  return Array.from({ length: bins }, (_, bin) => ({
    lower: bin / bins,
    upper: (bin + 1) / bins,
    count: counts[bin],
    meanPredicted: counts[bin] > 0 ? predicted[bin] / counts[bin] : Number.NaN,
    observedRate: counts[bin] > 0 ? positives[bin] / counts[bin] : Number.NaN,
  }));
}

function checkInputs(labels: ArrayLike<number>, values: ArrayLike<number>): void {
  if (labels.length !== values.length) {
    throw new Error(`Labels and predictions differ in length: ${labels.length} labels, ${values.length} predictions`);
  }
  for (let k = 0; k < labels.length; k += 1) {
    if (labels[k] !== 0 && labels[k] !== 1) {
      throw new Error(`Label ${k} is ${labels[k]}; expected 0 or 1`);
    }
  }
}
