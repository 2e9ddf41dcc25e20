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
  /** 'both': stale lost click rate and utility; 'click': lost click rate only; 'none': no click loss above 2%. */
  supported: 'both' | 'click' | 'none';
}

/** Describes a relative loss in words: "10.2% lower with stale features", or "higher" for a gain. */
export function describeLoss(loss: number): string {
  if (!Number.isFinite(loss)) {
    return 'change unknown';
  }
  const size = `${(100 * Math.abs(loss)).toFixed(1)}%`;
  return loss >= 0 ? `${size} lower with stale features` : `${size} higher with stale features`;
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
