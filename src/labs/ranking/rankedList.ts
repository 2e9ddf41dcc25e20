/**
 * Scores candidates with the utility formula and ranks them, on the page:
 * the formula is the student's, so it is evaluated here, from the three
 * predictions the worker returned.
 */
import { evaluateTerms, evaluateUtility, type FormulaInputs, type UtilityFormula } from '../../engine/ranking/utilityFormula';
import type { RankedCandidate } from '../../worker/rankingProtocol';

export interface ScoredCandidate {
  candidate: RankedCandidate;
  /** The formula's top-level terms on the predictions; they add up to `score`. */
  parts: { text: string; value: number }[];
  score: number;
  /** The formula on the true probabilities; absent without the truth. */
  trueScore?: number;
  /** 1-based rank by `score`, and by `trueScore` when known. */
  rank: number;
  trueRank?: number;
}

function rankBy(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value || a.index - b.index);
  const ranks = new Array<number>(values.length);
  order.forEach((entry, position) => {
    ranks[entry.index] = position + 1;
  });
  return ranks;
}

/**
 * Scores and ranks `candidates`, best first. `transform` rewrites the
 * predictions before scoring (a guided step distorts pCTR with it).
 *
 * @throws Error from the formula when it uses a prediction that no trained model provides.
 */
export function scoreCandidates(formula: UtilityFormula, candidates: readonly RankedCandidate[], transform: (inputs: FormulaInputs) => FormulaInputs = (inputs) => inputs): ScoredCandidate[] {
  const scored = candidates.map((candidate) => {
    const inputs = transform(candidate.predicted);
    const parts = evaluateTerms(formula, inputs);
    return { candidate, parts, score: evaluateUtility(formula, inputs), trueScore: candidate.truth === undefined ? undefined : evaluateUtility(formula, candidate.truth) };
  });
  const ranks = rankBy(scored.map((entry) => (Number.isNaN(entry.score) ? Number.NEGATIVE_INFINITY : entry.score)));
  const trueRanks = scored.every((entry) => entry.trueScore !== undefined) ? rankBy(scored.map((entry) => entry.trueScore as number)) : undefined;
  return scored.map((entry, index) => ({ ...entry, rank: ranks[index], trueRank: trueRanks?.[index] })).sort((a, b) => a.rank - b.rank);
}

/**
 * Share of the true utility of the best possible order that the model's
 * order reaches in its top `k`: Σ true score of the model's top k over Σ true
 * score of the true top k. NaN without the truth or when the best sum is 0.
 */
export function topKUtilityShare(scored: readonly ScoredCandidate[], k: number): number {
  if (scored.some((entry) => entry.trueScore === undefined)) {
    return Number.NaN;
  }
  const byModel = scored.slice(0, k).reduce((sum, entry) => sum + (entry.trueScore as number), 0);
  const best = [...scored]
    .map((entry) => entry.trueScore as number)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, value) => sum + value, 0);
  return best === 0 ? Number.NaN : byModel / best;
}
