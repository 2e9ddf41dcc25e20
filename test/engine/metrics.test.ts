import { describe, expect, it } from 'vitest';
import { cosine, entropy, intraListDiversity } from '../../src/engine/metrics/diversity';
import { homogenisation, jaccard, sampleUserPairs } from '../../src/engine/metrics/homogenisation';
import { coverage, gini } from '../../src/engine/metrics/inequality';
import { pca2 } from '../../src/engine/metrics/pca';
import { Random } from '../../src/engine/random';

describe('gini', () => {
  it.each([
    { values: [1, 1, 1, 1], expected: 0 },
    { values: [0, 0, 0, 4], expected: 0.75 },
    // Sorted 1, 2, 3, 4: Σ(2i − n − 1)x = −3 − 2 + 3 + 12 = 10; 10 / (4 · 10) = 0.25.
    { values: [4, 1, 3, 2], expected: 0.25 },
    { values: [0, 0, 0], expected: 0 },
    { values: [], expected: 0 },
    { values: [5], expected: 0 },
  ])('of $values is $expected', ({ values, expected }) => {
    expect(gini(values)).toBeCloseTo(expected, 10);
  });

  it('rejects negative exposure', () => {
    expect(() => gini([1, -1])).toThrow(/non-negative/);
  });
});

describe('coverage', () => {
  it('counts the share of positive entries', () => {
    expect(coverage([0, 2, 0, 1])).toBe(0.5);
    expect(coverage([])).toBe(0);
  });
});

describe('entropy', () => {
  it.each([
    { weights: [1, 0, 0], expected: 0 },
    { weights: [1, 1], expected: Math.log(2) },
    { weights: [2, 2, 2, 2], expected: Math.log(4) },
    // p = (0.5, 0.25, 0.25): −(0.5 ln 0.5 + 2 · 0.25 ln 0.25) = 1.5 ln 2.
    { weights: [2, 1, 1], expected: 1.5 * Math.log(2) },
    { weights: [0, 0], expected: 0 },
  ])('of $weights is $expected', ({ weights, expected }) => {
    expect(entropy(weights)).toBeCloseTo(expected, 10);
  });
});

describe('intraListDiversity', () => {
  // Three items over two topics: pure topic 0, pure topic 1, and an even mix.
  const topics = Float32Array.of(1, 0, 0, 1, 0.5, 0.5);

  it('is 1 for orthogonal items', () => {
    expect(intraListDiversity([0, 1], topics, 2)).toBeCloseTo(1, 6);
  });

  it('is 0 for identical items and for short lists', () => {
    expect(intraListDiversity([0, 0], topics, 2)).toBeCloseTo(0, 6);
    expect(intraListDiversity([2], topics, 2)).toBe(0);
    expect(intraListDiversity([], topics, 2)).toBe(0);
  });

  it('averages 1 − cosine over all pairs', () => {
    // Pairs: (0,1) → 1; (0,2) and (1,2) → 1 − 1/√2 each.
    const expected = (1 + 2 * (1 - Math.SQRT1_2)) / 3;
    expect(intraListDiversity([0, 1, 2], topics, 2)).toBeCloseTo(expected, 6);
  });

  it('treats a zero row as dissimilar to everything', () => {
    expect(cosine(Float32Array.of(0, 0, 1, 0), 0, 2, 2)).toBe(0);
  });
});

describe('homogenisation', () => {
  it('computes Jaccard on hand-made sets', () => {
    expect(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4]))).toBeCloseTo(0.5, 10);
    expect(jaccard(new Set([1]), new Set([2]))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(jaccard(new Set([7]), new Set([7]))).toBe(1);
  });

  it('averages Jaccard over the given pairs', () => {
    const consumed = [new Set([1, 2]), new Set([2, 3]), new Set([1, 2])];
    // Pairs (0,1): 1/3, (0,2): 1, (1,2): 1/3.
    const pairs = Uint32Array.of(0, 1, 0, 2, 1, 2);
    expect(homogenisation(consumed, pairs)).toBeCloseTo((1 / 3 + 1 + 1 / 3) / 3, 10);
  });

  it('is 0 with no pairs or empty histories', () => {
    expect(homogenisation([new Set(), new Set()], new Uint32Array(0))).toBe(0);
    expect(homogenisation([new Set(), new Set()], Uint32Array.of(0, 1))).toBe(0);
  });

  it('samples all pairs of a small population and distinct pairs of a large one', () => {
    expect(Array.from(sampleUserPairs(3, 10, new Random(1)))).toEqual([0, 1, 0, 2, 1, 2]);
    const pairs = sampleUserPairs(100, 50, new Random(1));
    const keys = new Set<string>();
    for (let p = 0; p < 50; p += 1) {
      expect(pairs[2 * p]).toBeLessThan(pairs[2 * p + 1]);
      keys.add(`${pairs[2 * p]}-${pairs[2 * p + 1]}`);
    }
    expect(keys.size).toBe(50);
  });
});

describe('pca2', () => {
  it('finds the direction of largest variance', () => {
    // Points on the line y = 2x in 3-D with a tiny z spread: PC1 carries almost all variance.
    const rows = 50;
    const data = new Float32Array(rows * 3);
    for (let r = 0; r < rows; r += 1) {
      data[3 * r] = r;
      data[3 * r + 1] = 2 * r;
      data[3 * r + 2] = (r % 2) * 0.01;
    }
    const { points, explained } = pca2(data, rows, 3);
    expect(explained[0]).toBeGreaterThan(0.999);
    expect(explained[1]).toBeLessThan(0.001);
    // Distances along PC1 match distances along the line: √5 per step.
    expect(Math.abs(points[2] - points[0])).toBeCloseTo(Math.sqrt(5), 3);
  });
});
