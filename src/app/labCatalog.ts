/**
 * The twelve labs of FeedLab, in teaching order, with their route ids. A lab
 * whose `built` is false is listed on the landing page as "Not built yet",
 * without a link.
 */
export interface LabEntry {
  number: number;
  /** Route id: `#/lab/<id>`. */
  id: string;
  title: string;
  /** One line on what the lab covers. */
  summary: string;
  built: boolean;
}

export const LABS: readonly LabEntry[] = [
  { number: 1, id: 'feed-machine', title: 'The feed machine', summary: 'The whole pipeline live, end to end, one tick at a time: retrieval, ranking, serving, logging, retraining.', built: true },
  { number: 2, id: 'events-features', title: 'Events and features', summary: 'The event stream, long-term profile against session features, and trends.', built: true },
  { number: 3, id: 'embeddings-retrieval', title: 'Embeddings and retrieval', summary: 'Matrix factorisation and two-tower models, exact against approximate nearest-neighbour search, the embedding map.', built: true },
  { number: 4, id: 'ranking', title: 'Ranking', summary: 'LR, FM, Wide & Deep and DeepFM for pCTR, pCVR and watch time; AUC, log loss and calibration against the Bayes-optimal; a utility formula you edit.', built: true },
  { number: 5, id: 'exploration', title: 'Exploration', summary: 'Epsilon-greedy, UCB, Thompson sampling and LinUCB; regret, cold start, off-policy evaluation against the known true value.', built: false },
  { number: 6, id: 'ads-marketplace', title: 'Ads marketplace', summary: 'First-price, second-price, GSP and VCG auctions; eCPM; reserve prices; autobidding with budget pacing.', built: false },
  { number: 7, id: 'creative-optimisation', title: 'Creative optimisation', summary: 'Combinatorial creatives, A/B test against bandit allocation, time to a validated winner.', built: false },
  { number: 8, id: 'feedback-loops', title: 'Feedback loops and filter bubbles', summary: 'Retraining on own logs, homogenisation, popularity bias, exposure inequality, and the interventions against them.', built: true },
  { number: 9, id: 'creators', title: 'Creators and platform dependency', summary: 'Reach against follower count, micro and macro creators, a new creator’s cold start, and one creator’s or advertiser’s traffic when the ranking objective changes.', built: true },
  { number: 10, id: 'measurement', title: 'Measurement and attribution', summary: 'Last-click, first-click, linear, time-decay and data-driven attribution against incrementality from a holdout.', built: false },
  { number: 11, id: 'privacy', title: 'Privacy and regulation', summary: 'Consent, data minimisation, erasure of one user, randomized response, DP-SGD, federated training, and what each costs.', built: false },
  { number: 12, id: 'fairness', title: 'Fairness and transparency', summary: 'Exposure fairness across creator groups, “why am I seeing this” explanations, an audit view.', built: false },
];

export function findLab(id: string): LabEntry | undefined {
  return LABS.find((lab) => lab.id === id);
}
