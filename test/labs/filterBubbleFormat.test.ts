import { describe, expect, it } from 'vitest';
import { formatDecimal, formatDifference, formatDifferenceInterval, formatInterval, formatIntervalEnd, formatMetric, formatPercent, MINUS } from '../../src/labs/filterBubble/format';

describe('filter-bubble number format', () => {
  it('uses a true minus sign', () => {
    expect(MINUS).toBe('\u2212');
    expect(formatMetric(-0.25)).toBe('\u22120.250');
    expect(formatMetric(-0.25)).not.toContain('-');
  });

  it('never prints minus zero', () => {
    expect(formatMetric(-0.0001)).toBe('0.000');
    expect(formatMetric(-0)).toBe('0.000');
    expect(formatDecimal(-0.04, 1)).toBe('0.0');
    expect(formatDifference(-0.0004)).toBe('0.000');
    expect(formatDifference(0)).toBe('0.000');
  });

  it('signs every nonzero difference', () => {
    expect(formatDifference(0.012)).toBe('+0.012');
    expect(formatDifference(-0.012)).toBe('\u22120.012');
    expect(formatDifference(0.0006)).toBe('+0.001');
  });

  it('drops decimals from 100 up', () => {
    expect(formatMetric(1234.56)).toBe('1235');
    expect(formatMetric(-250)).toBe('\u2212250');
    expect(formatMetric(99.9)).toBe('99.900');
  });

  it('prints n/a for NaN and infinities', () => {
    expect(formatMetric(Number.NaN)).toBe('n/a');
    expect(formatDifference(Number.POSITIVE_INFINITY)).toBe('n/a');
    expect(formatPercent(Number.NaN)).toBe('n/a');
  });

  it('formats intervals and percentages', () => {
    expect(formatInterval(-0.02, 0.5)).toBe('[\u22120.020, 0.500]');
    expect(formatInterval(-0.02, 0.5, true)).toBe('[\u22120.020, +0.500]');
    expect(formatPercent(0.1234)).toBe('12.3%');
  });

  it('never prints a nonzero interval end as 0.000', () => {
    expect(formatIntervalEnd(0.0001)).toBe('+0.0001');
    expect(formatIntervalEnd(-0.00004)).toBe(`${MINUS}0.00004`);
    expect(formatIntervalEnd(0.0312)).toBe('+0.031');
    expect(formatIntervalEnd(0)).toBe('0.000');
    expect(formatDifferenceInterval(-0.154, 0.0001)).toBe(`[${MINUS}0.154, +0.0001]`);
  });
});
