import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatRho, formatSignedCount, formatSignedPercent } from '../../src/labs/creators/format';

describe('Lab 9 number format', () => {
  it('uses U+2212 for negative numbers', () => {
    expect(formatRho(-0.14)).toBe('\u22120.14');
    expect(formatPercent(-0.1)).toBe('\u221210.0%');
    expect(formatSignedCount(-3)).toBe('\u22123');
    expect(formatSignedPercent(-0.4)).toBe('\u221240.0%');
  });

  it('never prints a negative zero', () => {
    expect(formatRho(-0.001)).toBe('0.00');
    expect(formatCount(-0.01)).toBe('0.0');
    expect(formatPercent(-0.0001)).toBe('0.0%');
  });

  it('signs gains and prints n/a for NaN', () => {
    expect(formatSignedPercent(0.25)).toBe('+25.0%');
    expect(formatSignedCount(10.8)).toBe('+10.8');
    expect(formatCount(Number.NaN)).toBe('n/a');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('n/a');
  });
});
