/** Names and scores of the models `--lab retrieval` compares; no TensorFlow.js here, so the CLI's help loads fast. */

/** The models `--lab retrieval` compares. */
export const RETRIEVAL_MODELS = ['biased-mf', 'bpr', 'two-tower'] as const;
export type RetrievalModelName = (typeof RETRIEVAL_MODELS)[number];

/** Cut-off of the ranking metrics. */
export const RANKING_CUTOFF = 10;

/** One model on one test fold. RMSE and MAE are NaN for models that predict no rating. */
export interface FoldScore {
  model: RetrievalModelName;
  fold: number;
  rmse: number;
  mae: number;
  /** recall@10 and NDCG@10 of held-out positives (test ratings of 4 stars or more). */
  recall: number;
  ndcg: number;
  trainRatings: number;
  testRatings: number;
}

/** Mean of each metric over the folds of one model, NaN where the model has none. */
export function meanScores(scores: readonly FoldScore[], model: RetrievalModelName): { rmse: number; mae: number; recall: number; ndcg: number } {
  const rows = scores.filter((score) => score.model === model);
  const mean = (pick: (score: FoldScore) => number): number => rows.reduce((sum, row) => sum + pick(row), 0) / rows.length;
  return { rmse: mean((row) => row.rmse), mae: mean((row) => row.mae), recall: mean((row) => row.recall), ndcg: mean((row) => row.ndcg) };
}
