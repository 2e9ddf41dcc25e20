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
