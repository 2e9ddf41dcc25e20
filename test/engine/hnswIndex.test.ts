import { describe, expect, it } from 'vitest';
import { Random } from '../../src/engine/random';
import { HnswIndex } from '../../src/engine/retrieval/hnswIndex';
import { exactSearch, recallAtK } from '../../src/engine/retrieval/ivfIndex';

const DIM = 8;

describe('HnswIndex', () => {
  const rng = new Random(3);
  const vectors = Float32Array.from({ length: 2_000 * DIM }, () => rng.normal());
  const queries = Float32Array.from({ length: 40 * DIM }, () => rng.normal());
  const index = HnswIndex.build(vectors, DIM, rng.fork('hnsw'), 8, 64);
  const queryAt = (q: number) => queries.subarray(q * DIM, (q + 1) * DIM);
  const meanRecall = (ef: number) => {
    let sum = 0;
    for (let q = 0; q < 40; q += 1) {
      sum += recallAtK(exactSearch(vectors, DIM, queryAt(q), 10), index.search(queryAt(q), 10, ef));
    }
    return sum / 40;
  };

  it('indexes every vector with bounded neighbour lists', () => {
    expect(index.size).toBe(2_000);
    for (const list of index.links[0]) {
      expect(list.length).toBeLessThanOrEqual(16);
    }
  });

  it('returns k distinct ids, best first', () => {
    const ids = index.search(queryAt(0), 10, 50);
    expect(new Set(ids).size).toBe(10);
    const scores = ids.map((id) => queryAt(0).reduce((sum, value, k) => sum + value * vectors[id * DIM + k], 0));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds most true neighbours, more with a wider search', () => {
    const narrow = meanRecall(10);
    const wide = meanRecall(100);
    expect(wide).toBeGreaterThanOrEqual(narrow);
    expect(wide).toBeGreaterThan(0.95);
  });

  it('keeps layer-0 degrees up on clustered data', () => {
    // Within a tight cluster, v · w between items ranks mostly by norm. A
    // graph built on the raw inner product links every node to the same few
    // large-norm hubs and the heuristic prunes the rest: median degree 2 here
    // instead of 8.
    const clusterRng = new Random(11);
    const clusters = 10;
    const centres = Float32Array.from({ length: clusters * DIM }, () => clusterRng.normal() / Math.sqrt(DIM));
    const clustered = Float32Array.from({ length: 2_000 * DIM }, (_, i) => centres[(Math.floor(i / DIM) % clusters) * DIM + (i % DIM)] + clusterRng.normal(0, 0.35 / Math.sqrt(DIM)));
    const graph = HnswIndex.build(clustered, DIM, clusterRng.fork('hnsw'), 8, 64);
    const degrees = graph.links[0].map((list) => list.length).sort((a, b) => a - b);
    expect(degrees[Math.floor(degrees.length / 2)]).toBeGreaterThanOrEqual(4);
  });

  it('rejects an empty matrix and a bad m', () => {
    expect(() => HnswIndex.build(new Float32Array(0), DIM, new Random(1))).toThrow(/non-empty/);
    expect(() => HnswIndex.build(vectors, DIM, new Random(1), 1)).toThrow(/Invalid HNSW m 1/);
  });
});
