import { describe, expect, it } from 'vitest';
import { Random } from '../../src/engine/random';
import { IvfIndex, exactSearch, recallAtK } from '../../src/engine/retrieval/ivfIndex';

const DIM = 8;

function randomVectors(count: number, rng: Random): Float32Array {
  return Float32Array.from({ length: count * DIM }, () => rng.normal());
}

describe('IvfIndex', () => {
  const rng = new Random(3);
  const vectors = randomVectors(2_000, rng.fork('items'));
  const queries = randomVectors(30, rng.fork('queries'));
  const index = IvfIndex.build(vectors, DIM, 40, rng.fork('ivf'));
  const queryAt = (q: number) => queries.subarray(q * DIM, (q + 1) * DIM);

  it('puts every vector in exactly one cell', () => {
    expect(index.offsets[index.lists]).toBe(2_000);
    expect(new Set(index.members).size).toBe(2_000);
  });

  it('lists cell members in ascending id order', () => {
    for (let cell = 0; cell < index.lists; cell += 1) {
      const ids = Array.from(index.members.subarray(index.offsets[cell], index.offsets[cell + 1]));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  });

  it('matches a brute-force scan of the probed cells', () => {
    const query = queryAt(5);
    const score = (id: number) => Math.fround(query.reduce((sum, value, k) => sum + value * vectors[id * DIM + k], 0));
    const cellScores = Array.from({ length: index.lists }, (_, cell) => query.reduce((sum, value, k) => sum + value * index.centroids[cell * DIM + k], 0));
    const probed = Array.from(cellScores.keys())
      .sort((a, b) => Math.fround(cellScores[b]) - Math.fround(cellScores[a]) || a - b)
      .slice(0, 3);
    const candidates = probed.flatMap((cell) => Array.from(index.members.subarray(index.offsets[cell], index.offsets[cell + 1])));
    const expected = candidates.sort((a, b) => score(b) - score(a) || a - b).slice(0, 10);
    expect(index.search(query, 10, 3)).toEqual(expected);
  });

  it('returns the same ids when a query is repeated', () => {
    const first = index.search(queryAt(1), 10, 4);
    index.search(queryAt(2), 50, 40);
    expect(index.search(queryAt(1), 10, 4)).toEqual(first);
  });

  it('clamps k to the candidates and probes to 1..lists', () => {
    expect(index.search(queryAt(0), 5_000, 40)).toHaveLength(2_000);
    expect(index.search(queryAt(0), 0, 4)).toEqual([]);
    expect(index.search(queryAt(0), 10, 0)).toEqual(index.search(queryAt(0), 10, 1));
    expect(index.search(queryAt(0), 10, 500)).toEqual(exactSearch(vectors, DIM, queryAt(0), 10));
  });

  it('equals exact search when every cell is probed', () => {
    for (let q = 0; q < 30; q += 1) {
      expect(index.search(queryAt(q), 10, 40)).toEqual(exactSearch(vectors, DIM, queryAt(q), 10));
    }
  });

  it('gains recall with more probes', () => {
    const recall = (probes: number) => {
      let sum = 0;
      for (let q = 0; q < 30; q += 1) {
        sum += recallAtK(exactSearch(vectors, DIM, queryAt(q), 10), index.search(queryAt(q), 10, probes));
      }
      return sum / 30;
    };
    const one = recall(1);
    const eight = recall(8);
    expect(one).toBeGreaterThan(0);
    expect(eight).toBeGreaterThan(one);
    expect(recall(40)).toBe(1);
  });

  it('rejects a query shorter than dim', () => {
    expect(() => index.search(new Float32Array(DIM - 1), 10, 4)).toThrow(/query of 8 values; received 7/);
  });

  it.each([0, 2.5, 3_000])('rejects %s lists', (lists) => {
    expect(() => IvfIndex.build(vectors, DIM, lists, new Random(1))).toThrow(/Invalid number of IVF lists/);
  });
});

describe('recallAtK', () => {
  it('counts the share of exact ids found', () => {
    expect(recallAtK([1, 2, 3, 4], [4, 9, 1, 8])).toBe(0.5);
    expect(Number.isNaN(recallAtK([], [1]))).toBe(true);
  });
});
