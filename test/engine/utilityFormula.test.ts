import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UTILITY_FORMULA,
  FormulaError,
  MAX_FORMULA_LENGTH,
  evaluateTerms,
  evaluateUtility,
  parseUtilityFormula,
  tryParseUtilityFormula,
} from '../../src/engine/ranking/utilityFormula';

const inputs = { pCTR: 0.2, pCVR: 0.5, watch: 0.4 };

describe('parseUtilityFormula', () => {
  it('evaluates the default formula', () => {
    const formula = parseUtilityFormula(DEFAULT_UTILITY_FORMULA);
    expect(evaluateUtility(formula, inputs)).toBeCloseTo(0.4 * 10 + 0.2 * 0.5 * 50, 12);
    expect(formula.variables).toEqual(['watch', 'pCTR', 'pCVR']);
  });

  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['8 / 4 / 2', 1],
    ['10 - 4 - 3', 3],
    ['-2 * 3', -6],
    ['- -2', 2],
    ['+pCTR', 0.2],
    ['2 * -pCTR', -0.4],
    ['1.5e1 * watch', 6],
    ['.5 * 4', 2],
    ['  watch*pCVR  ', 0.2],
    ['((pCTR))', 0.2],
    ['watch × 10 \u2212 pCTR', 3.8],
    ['pCTR ÷ 2 \u2212 \u22121', 1.1],
  ])('computes %s as %d', (source, expected) => {
    expect(evaluateUtility(parseUtilityFormula(source), inputs)).toBeCloseTo(expected, 12);
  });

  it('divides by zero as IEEE arithmetic does', () => {
    expect(evaluateUtility(parseUtilityFormula('pCTR / 0'), inputs)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(evaluateUtility(parseUtilityFormula('0 / 0'), inputs))).toBe(true);
  });

  it.each([
    ['', 0, /empty/],
    ['   ', 0, /empty/],
    ['pctr * 2', 0, /Unknown name "pctr" at column 1\. Did you mean "pCTR"\?/],
    ['watch + value', 8, /Unknown name "value" at column 9\. Use one of pCTR, pCVR, watch/],
    ['watch · 2', 6, /Invalid character "·" at column 7/],
    ['watch ^ 2', 6, /no power operator/],
    ['watch +', 7, /Expected a number.*at column 8, found the end of the formula/],
    ['* watch', 0, /Expected a number.*at column 1, found "\*"/],
    ['(watch + 1', 10, /Missing "\)" for the "\(" at column 1/],
    ['watch + 1)', 9, /Unexpected "\)" at column 10: remove it or add a matching "\("/],
    ['watch 2', 6, /Unexpected the number 2 at column 7: join it to the formula with an operator/],
    ['()', 1, /Expected a number.*found "\)"/],
    ['Math.max(1)', 0, /Unknown name "Math"/],
  ])('rejects %j at index %d', (source, position, message) => {
    const result = tryParseUtilityFormula(source);
    expect(result.error).toBeInstanceOf(FormulaError);
    expect(result.error?.position).toBe(position);
    expect(result.error?.message).toMatch(message);
  });

  it('rejects a formula over the length limit', () => {
    const source = `${'1 + '.repeat(MAX_FORMULA_LENGTH / 4)}1`;
    expect(() => parseUtilityFormula(source)).toThrow(/shorten it to at most 200/);
  });
});

describe('evaluateTerms', () => {
  it('splits the default formula into its two terms', () => {
    const formula = parseUtilityFormula(DEFAULT_UTILITY_FORMULA);
    const terms = evaluateTerms(formula, inputs);
    expect(terms.map((term) => term.text)).toEqual(['watch * 10', 'pCTR * pCVR * 50']);
    expect(terms[0].value).toBeCloseTo(4, 12);
    expect(terms[1].value).toBeCloseTo(5, 12);
  });

  it('gives subtracted terms a negative value', () => {
    const terms = evaluateTerms(parseUtilityFormula('watch - pCTR * 2 + 1'), inputs);
    expect(terms.map((term) => term.text)).toEqual(['watch', '− pCTR * 2', '1']);
    expect(terms.map((term) => term.value)).toEqual([0.4, -0.4, 1]);
  });

  it('keeps a parenthesised sum as one term', () => {
    const terms = evaluateTerms(parseUtilityFormula('(watch + pCTR) * 2 - (pCVR - 1)'), inputs);
    expect(terms.map((term) => term.text)).toEqual(['(watch + pCTR) * 2', '− (pCVR - 1)']);
    expect(terms[0].value).toBeCloseTo(1.2, 12);
    expect(terms[1].value).toBeCloseTo(0.5, 12);
  });

  it.each(['watch * 10 + pCTR * pCVR * 50', '-watch + 3 - (pCTR - pCVR) / 2', 'pCTR', '1 - 2 - 3 + watch * pCVR'])('adds up to the formula value for %s', (source) => {
    const formula = parseUtilityFormula(source);
    const sum = evaluateTerms(formula, inputs).reduce((total, term) => total + term.value, 0);
    expect(sum).toBeCloseTo(evaluateUtility(formula, inputs), 12);
  });

  it('names the missing prediction and the task to train', () => {
    const formula = parseUtilityFormula('watch + pCVR');
    expect(() => evaluateUtility(formula, { pCTR: 0.1, watch: 0.2 })).toThrow('The formula uses pCVR, but no model predicts it here: train the conversion task or remove pCVR from the formula.');
  });
});
