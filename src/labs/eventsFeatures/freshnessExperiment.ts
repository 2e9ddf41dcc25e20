/** The freshness experiment's outcome, read from its own runs. */
import type { FreshnessComparison } from '../../worker/eventsFeaturesApi';

/** Relative changes below this (2%) count as "no real change" in the step's verdict. */
export const NEGLIGIBLE_CHANGE = 0.02;

export interface FreshnessVerdict {
  freshClick: number;
  staleClick: number;
  freshUtility: number;
  staleUtility: number;
  /** (fresh − stale) / fresh: positive when staleness lost click rate. */
  clickLoss: number;
  utilityLoss: number;
  /** 'both': stale lost 2% or more of click rate and of utility; 'click': of click rate only; 'none': less than 2% of click rate. */
  supported: 'both' | 'click' | 'none';
}

/**
 * Describes the relative change from `fresh` to `stale` in words, with both
 * values: "fell 5.7% relative with stale features, i.e. from 22.94% to 21.62%".
 */
export function describeChange(fresh: number, stale: number, format: (value: number) => string): string {
  const change = (stale - fresh) / fresh;
  if (!Number.isFinite(change)) {
    return `went from ${format(fresh)} to ${format(stale)}`;
  }
  if (change === 0) {
    return `did not change with stale features (${format(fresh)})`;
  }
  const verb = change < 0 ? 'fell' : 'rose';
  return `${verb} ${(100 * Math.abs(change)).toFixed(1)}% relative with stale features, i.e. from ${format(fresh)} to ${format(stale)}`;
}

/** Describes whether click rate and true utility moved the same way, which click rate alone cannot show. */
export function describeAgreement(verdict: FreshnessVerdict): string {
  const clickFell = verdict.clickLoss > 0;
  const utilityFell = verdict.utilityLoss > 0;
  if (clickFell && utilityFell) {
    return 'Both fell: by the platform’s measure and by the one only the simulator knows, stale features made the feeds worse in this run.';
  }
  if (clickFell) {
    return 'They disagree in this run: the click rate fell but true utility did not, so judging by clicks alone would overstate what staleness cost the users.';
  }
  if (utilityFell) {
    return 'They disagree in this run: the click rate did not fall but true utility did, a loss the platform could not see in its own metric.';
  }
  return 'Neither fell in this run.';
}

/** Compares the first run (fresh) with the second (stale) of a comparison. */
export function judgeFreshness(comparison: FreshnessComparison): FreshnessVerdict {
  const [fresh, stale] = comparison.runs;
  if (fresh === undefined || stale === undefined) {
    throw new Error('The freshness experiment needs two finished runs; it was cancelled or failed. Run it again.');
  }
  const clickLoss = (fresh.meanClickRate - stale.meanClickRate) / fresh.meanClickRate;
  const utilityLoss = (fresh.meanTrueUtility - stale.meanTrueUtility) / fresh.meanTrueUtility;
  let supported: FreshnessVerdict['supported'] = 'none';
  if (clickLoss >= NEGLIGIBLE_CHANGE) {
    supported = utilityLoss >= NEGLIGIBLE_CHANGE ? 'both' : 'click';
  }
  return { freshClick: fresh.meanClickRate, staleClick: stale.meanClickRate, freshUtility: fresh.meanTrueUtility, staleUtility: stale.meanTrueUtility, clickLoss, utilityLoss, supported };
}

/**
 * Explains why the fresh and stale runs coincide until the first retrain. The
 * ranker starts with zero feature weights and retrieval has no embeddings
 * before that training, so no batch feature changes a feed before tick
 * `retrainEvery` (0: never retrains). `ticks` is the comparison's length.
 */
export function describeSharedStart(retrainEvery: number, ticks: number): string {
  if (retrainEvery <= 0) {
    return 'Both runs draw the same lines, because the models never retrain in this world, so the ranker never gives its features any weight.';
  }
  if (ticks <= retrainEvery) {
    return `Both runs draw the same lines, because the comparison ends by tick ${retrainEvery}, the ranker’s first training. Until then its feature weights are 0, so the batch features change no feed.`;
  }
  return `Both runs draw the same lines up to tick ${retrainEvery}, because until the ranker’s first training at that tick its feature weights are 0, so the batch features change no feed. After it, fresh and stale features give different feeds.`;
}
