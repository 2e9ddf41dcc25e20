import { describe, expect, it } from 'vitest';
import { exp, log, log1p, pow, sigmoid } from '../../src/engine/math';
import { Random } from '../../src/engine/random';

/** Relative error allowed against Math: a few units in the last place. */
const ULPS = 4 * Number.EPSILON;

describe('exp', () => {
  it('matches Math.exp to a few ulp across its range', () => {
    const rng = new Random(1);
    for (let k = 0; k < 20_000; k += 1) {
      const x = (rng.next() - 0.5) * 1400;
      const expected = Math.exp(x);
      if (expected === 0 || !Number.isFinite(expected)) {
        continue;
      }
      expect(Math.abs(exp(x) - expected) / expected, `exp(${x})`).toBeLessThanOrEqual(ULPS);
    }
  });

  it('handles the special values', () => {
    expect(exp(0)).toBe(1);
    expect(exp(1)).toBeCloseTo(Math.E, 15);
    expect(exp(800)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(-800)).toBe(0);
    expect(Number.isNaN(exp(Number.NaN))).toBe(true);
  });
});

describe('log', () => {
  it('matches Math.log to a few ulp from subnormals to huge values', () => {
    const rng = new Random(2);
    for (let k = 0; k < 20_000; k += 1) {
      const x = Math.exp((rng.next() - 0.5) * 1400);
      const expected = Math.log(x);
      expect(Math.abs(log(x) - expected), `log(${x})`).toBeLessThanOrEqual(ULPS * Math.max(1, Math.abs(expected)));
    }
    expect(log(5e-324)).toBeCloseTo(Math.log(5e-324), 10);
  });

  it('handles the special values', () => {
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(log(-1))).toBe(true);
    expect(log(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('log1p, pow and sigmoid', () => {
  it('agree with Math on the engine inputs', () => {
    expect(log1p(0)).toBe(0);
    expect(log1p(99)).toBeCloseTo(Math.log1p(99), 14);
    expect(pow(0.3, 1 / 0.7)).toBeCloseTo(Math.pow(0.3, 1 / 0.7), 14);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
  });
});
