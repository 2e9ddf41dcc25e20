import { describe, expect, it } from 'vitest';
import { parseUtilityFormula } from '../../src/engine/ranking/utilityFormula';
import { overconfidentClick } from '../../src/labs/ranking/guidedSteps';
import { describeNonFiniteTerm, findNonFiniteTerm, missingVariables, scoreCandidates, topKUtilityShare } from '../../src/labs/ranking/rankedList';
import { modelLabel } from '../../src/labs/ranking/rankingUrl';
import type { RankedCandidate } from '../../src/worker/rankingProtocol';
import { waterfallSteps } from '../../src/viz/Waterfall';

function candidate(row: number, predicted: RankedCandidate['predicted'], truth?: RankedCandidate['truth']): RankedCandidate {
  return { row, description: `item ${row}`, predicted, truth, observed: { click: 0 } };
}

const formula = parseUtilityFormula('watch * 10 + pCTR * pCVR * 50');

describe('scoreCandidates', () => {
  it('ranks by the formula, best first, with its parts', () => {
    const scored = scoreCandidates(formula, [
      candidate(1, { pCTR: 0.1, pCVR: 0.2, watch: 0.3 }),
      candidate(2, { pCTR: 0.5, pCVR: 0.5, watch: 0.1 }),
      candidate(3, { pCTR: 0.01, pCVR: 0.1, watch: 0.6 }),
    ]);
    expect(scored.map((entry) => entry.candidate.row)).toEqual([2, 3, 1]);
    expect(scored.map((entry) => entry.rank)).toEqual([1, 2, 3]);
    expect(scored[0].score).toBeCloseTo(1 + 12.5, 12);
    expect(scored[0].parts.map((part) => part.text)).toEqual(['watch * 10', 'pCTR * pCVR * 50']);
    expect(scored[0].parts[0].value + scored[0].parts[1].value).toBeCloseTo(scored[0].score, 12);
  });

  it('ranks by the truth when every candidate has it', () => {
    const scored = scoreCandidates(formula, [candidate(1, { pCTR: 0.1, pCVR: 0.2, watch: 0.3 }, { pCTR: 0.1, pCVR: 0.2, watch: 0.9 }), candidate(2, { pCTR: 0.5, pCVR: 0.5, watch: 0.1 }, { pCTR: 0.1, pCVR: 0.1, watch: 0.1 })]);
    expect(scored.map((entry) => [entry.candidate.row, entry.rank, entry.trueRank])).toEqual([
      [2, 1, 2],
      [1, 2, 1],
    ]);
  });

  it('leaves the true rank out without truth', () => {
    const scored = scoreCandidates(formula, [candidate(1, { pCTR: 0.1, pCVR: 0.2, watch: 0.3 })]);
    expect(scored[0].trueRank).toBeUndefined();
    expect(scored[0].trueScore).toBeUndefined();
  });

  it('reorders when pCTR is inflated although its order is kept', () => {
    const candidates = [candidate(1, { pCTR: 0.04, pCVR: 0.5, watch: 0.5 }), candidate(2, { pCTR: 0.01, pCVR: 0.5, watch: 0.6 })];
    expect(scoreCandidates(formula, candidates).map((entry) => entry.candidate.row)).toEqual([2, 1]);
    expect(scoreCandidates(formula, candidates, overconfidentClick).map((entry) => entry.candidate.row)).toEqual([1, 2]);
  });

  it('throws when a prediction is missing', () => {
    expect(() => scoreCandidates(formula, [candidate(1, { pCTR: 0.1, watch: 0.3 })])).toThrow('The formula uses pCVR');
  });
});

describe('topKUtilityShare', () => {
  it('compares model top k with best', () => {
    const scored = scoreCandidates(parseUtilityFormula('watch'), [
      candidate(1, { watch: 0.9 }, { watch: 0.1 }),
      candidate(2, { watch: 0.5 }, { watch: 0.4 }),
      candidate(3, { watch: 0.1 }, { watch: 0.5 }),
    ]);
    expect(topKUtilityShare(scored, 1)).toBeCloseTo(0.1 / 0.5, 12);
    expect(topKUtilityShare(scored, 2)).toBeCloseTo(0.5 / 0.9, 12);
    expect(topKUtilityShare(scored, 3)).toBeCloseTo(1, 12);
  });

  it('is NaN without truth', () => {
    expect(topKUtilityShare(scoreCandidates(parseUtilityFormula('watch'), [candidate(1, { watch: 0.9 })]), 1)).toBeNaN();
  });
});

describe('waterfallSteps', () => {
  it('starts each part where the previous ended', () => {
    const { steps, total } = waterfallSteps([
      { label: 'a', value: 2 },
      { label: 'b', value: -0.5 },
      { label: 'c', value: 1 },
    ]);
    expect(steps).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 1.5 },
      { start: 1.5, end: 2.5 },
    ]);
    expect(total).toBe(2.5);
  });
});

describe('findNonFiniteTerm', () => {
  const candidates = [candidate(1, { pCTR: 0.1, pCVR: 0.2, watch: 0.3 }), candidate(2, { pCTR: 0.5, pCVR: 0.5, watch: 0.1 })];

  it('returns nothing when every score is finite', () => {
    expect(findNonFiniteTerm(scoreCandidates(formula, candidates))).toBeUndefined();
  });

  it('names the term that divides by zero', () => {
    const found = findNonFiniteTerm(scoreCandidates(parseUtilityFormula('watch * 10 + 1/0'), candidates));
    expect(found?.term).toBe('1/0');
    expect(found?.value).toBe(Number.POSITIVE_INFINITY);
  });

  it('finds a divisor that is zero for every item', () => {
    const found = findNonFiniteTerm(scoreCandidates(parseUtilityFormula('pCTR / (pCVR - pCVR)'), candidates));
    expect(found?.term).toBe('pCTR / (pCVR - pCVR)');
    expect(found?.value).toBe(Number.POSITIVE_INFINITY);
  });

  it('describes the fix and the fallback', () => {
    const found = findNonFiniteTerm(scoreCandidates(parseUtilityFormula('1/0'), candidates));
    const message = describeNonFiniteTerm(found as NonNullable<typeof found>, 'pCTR * 10');
    expect(message).toContain('The term 1/0 is Infinity for item 1');
    expect(message).toContain('for example (pCVR + 0.01)');
    expect(message).toContain('The list below still uses pCTR * 10.');
  });
});

describe('missingVariables', () => {
  it('lists the predictions no candidate has', () => {
    const clickOnly = [candidate(1, { pCTR: 0.1 }), candidate(2, { pCTR: 0.2 })];
    expect(missingVariables(formula.variables, clickOnly)).toEqual(['watch', 'pCVR']);
    expect(missingVariables(parseUtilityFormula('pCTR * 3').variables, clickOnly)).toEqual([]);
  });
});

describe('modelLabel', () => {
  it('names the crosses of the wide models only', () => {
    const crosses = [{ a: 'user', b: 'item_topic' }];
    expect(modelLabel('lr', crosses)).toBe('LR + user×item_topic');
    expect(modelLabel('wide-deep', crosses)).toBe('Wide & Deep + user×item_topic');
    expect(modelLabel('fm', crosses)).toBe('FM');
    expect(modelLabel('lr', [])).toBe('LR');
  });
});
