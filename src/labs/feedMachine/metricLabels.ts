/** Readable names of the per-tick metrics, for legends and table headers. The CSV keeps the field names. */
import type { TickMetrics } from '../../engine/loop/types';

export const METRIC_LABELS: Record<keyof TickMetrics, string> = {
  tick: 'Tick',
  activeUsers: 'Active users',
  impressions: 'Impressions',
  meanWatch: 'Mean watch fraction',
  clickRate: 'Click rate',
  likeRate: 'Like rate',
  shareRate: 'Share rate',
  skipRate: 'Skip rate',
  trueUtility: 'True utility per item',
  idealUtility: 'Ideal feed’s utility per item',
  utilityRatio: 'Utility ratio (true / ideal)',
  intraListDiversity: 'Intra-list diversity',
  topicEntropy: 'Topic entropy (nats)',
  exposureGini: 'Exposure Gini',
  coverage: 'Catalogue coverage',
  homogenisation: 'Homogenisation (Jaccard)',
  interestShift: 'Interest shift (L1)',
  meanPredictedClick: 'Mean predicted click',
  meanTrueClick: 'Mean true click probability',
  meanPredictedWatch: 'Mean predicted watch',
  meanTrueWatch: 'Mean true expected watch',
  sharePopularity: 'Share from popularity',
  shareEmbedding: 'Share from embedding',
  shareExploration: 'Share from exploration',
  retrained: 'Retrained',
  rankerLoss: 'Ranker log loss',
  retrievalLoss: 'Retrieval loss',
};

/** Metrics the platform cannot observe: computed from the simulator's ground truth. */
export const TRUTH_METRICS: ReadonlySet<keyof TickMetrics> = new Set([
  'trueUtility',
  'idealUtility',
  'utilityRatio',
  'interestShift',
  'meanTrueClick',
  'meanTrueWatch',
]);
