import { describe, expect, it } from 'vitest';
import { auc, calibrationTable, logLoss } from '../../src/engine/metrics/classification';

describe('auc', () => {
  it.each([
    { labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.8, 0.9], expected: 1 },
    { labels: [1, 1, 0, 0], scores: [0.1, 0.2, 0.8, 0.9], expected: 0 },
    // Pairs (positive, negative): (0.35 vs 0.1) win, (0.35 vs 0.4) lose, (0.8 vs both) win: 3 of 4.
    { labels: [0, 1, 0, 1], scores: [0.1, 0.35, 0.4, 0.8], expected: 0.75 },
    // Every score tied: each pair counts one half.
    { labels: [0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.5], expected: 0.5 },
    // One tie between a positive and a negative: (0.5 vs 0.5) half, (0.5 vs 0.2) win: 1.5 of 2.
    { labels: [1, 0, 0], scores: [0.5, 0.5, 0.2], expected: 0.75 },
  ])('of $labels with $scores is $expected', ({ labels, scores, expected }) => {
    expect(auc(labels, scores)).toBeCloseTo(expected, 12);
  });

  it('is NaN for a one-class label set', () => {
    expect(Number.isNaN(auc([1, 1, 1], [0.2, 0.5, 0.9]))).toBe(true);
    expect(Number.isNaN(auc([0, 0], [0.2, 0.5]))).toBe(true);
    expect(Number.isNaN(auc([], []))).toBe(true);
  });

  it('rejects bad labels and mismatched lengths', () => {
    expect(() => auc([0, 2], [0.1, 0.2])).toThrow('Label 1 is 2; expected 0 or 1');
    expect(() => auc([0, 1], [0.1])).toThrow('Labels and predictions differ in length: 2 labels, 1 predictions');
  });
});

describe('logLoss', () => {
  it('matches hand-computed values', () => {
    // −(ln 0.8 + ln(1 − 0.3)) / 2
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(logLoss([1], [0.5])).toBeCloseTo(Math.log(2), 12);
  });

  it('clips certain mistakes to a finite cost', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 6);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true);
  });

  it('is NaN for no predictions', () => {
    expect(Number.isNaN(logLoss([], []))).toBe(true);
  });
});

describe('calibrationTable', () => {
  it('bins predictions and reports observed rates', () => {
    const table = calibrationTable([0, 1, 1, 0, 1], [0.05, 0.15, 0.12, 0.95, 1], 10);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ count: 1, observedRate: 0 });
    expect(table[1].count).toBe(2);
    expect(table[1].meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[1].observedRate).toBe(1);
    expect(table[9]).toMatchObject({ count: 2, observedRate: 0.5 });
    expect(Number.isNaN(table[5].meanPredicted)).toBe(true);
  });
});
