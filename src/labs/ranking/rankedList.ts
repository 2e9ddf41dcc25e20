/**
 * Scores candidates with the utility formula and ranks them, on the page:
 * the formula is the student's, so it is evaluated here, from the three
 * predictions the worker returned.
 */
import { evaluateTerms, evaluateUtility, type FormulaInputs, type FormulaVariable, type UtilityFormula } from '../../engine/ranking/utilityFormula';
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

/** A formula term whose value is not finite (±Infinity or NaN) for one candidate. */
export interface NonFiniteTerm {
  term: string;
  value: number;
  candidate: RankedCandidate;
}

/** Returns the first term, best-ranked candidate first, whose value is not finite; undefined when every term of every candidate is finite. */
export function findNonFiniteTerm(scored: readonly ScoredCandidate[]): NonFiniteTerm | undefined {
  for (const entry of scored) {
    const part = entry.parts.find((candidate) => !Number.isFinite(candidate.value));
    if (part !== undefined) {
      return { term: part.text, value: part.value, candidate: entry.candidate };
    }
  }
  return undefined;
}

/** Explains a non-finite term and its fix, for example "The term 1/0 is Infinity for item 3 · …: a division by zero …". */
export function describeNonFiniteTerm(found: NonFiniteTerm, fallback: string): string {
  return (
    `The term ${found.term} is ${found.value} for ${found.candidate.description}, so the items cannot be ordered. ` +
    `Usually a divisor is 0 there: keep divisors away from 0, for example (pCVR + 0.01), or remove the division. The list below still uses ${fallback}.`
  );
}

/** Returns the formula variables that none of the candidates has a prediction for, in the formula's order. */
export function missingVariables(variables: readonly FormulaVariable[], candidates: readonly RankedCandidate[]): FormulaVariable[] {
  return variables.filter((variable) => candidates.every((candidate) => candidate.predicted[variable] === undefined));
}
