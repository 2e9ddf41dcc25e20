import { describe, expect, it } from 'vitest';
import { evaluateHeldOut, ndcgAtK, recallAtK } from '../../src/engine/metrics/ranking';

describe('recallAtK', () => {
  it('counts relevant items in the top k', () => {
    expect(recallAtK([1, 2, 3, 4], new Set([2, 4, 9]), 4)).toBeCloseTo(2 / 3);
  });

  it('ignores items past k', () => {
    expect(recallAtK([1, 2, 3, 4], new Set([4]), 3)).toBe(0);
  });

  it('is NaN with nothing relevant', () => {
    expect(recallAtK([1], new Set(), 1)).toBeNaN();
  });
});

describe('ndcgAtK', () => {
  it('matches a hand-computed case', () => {
    // Hits at ranks 1 and 3: DCG = 1 + 1/log2(4) = 1.5; ideal with 2 relevant = 1 + 1/log2(3).
    expect(ndcgAtK([5, 6, 7], new Set([5, 7]), 3)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 10);
  });

  it('is 1 for the ideal order', () => {
    expect(ndcgAtK([1, 2, 3], new Set([1, 2]), 3)).toBe(1);
  });
});

describe('evaluateHeldOut', () => {
  it('skips training items and users without positives', () => {
    const scores = [Float32Array.of(3, 2, 1, 0), Float32Array.of(0, 0, 0, 0)];
    const result = evaluateHeldOut(4, [new Set([0]), new Set()], [new Set([2]), new Set()], 2, (user, out) => out.set(scores[user]));
    // User 0: item 0 is excluded, so the top 2 are items 1 and 2, and item 2 is found.
    expect(result.users).toBe(1);
    expect(result.recall).toBe(1);
    expect(result.ndcg).toBeCloseTo(1 / Math.log2(3), 10);
  });
});
