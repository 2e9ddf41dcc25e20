import { describe, expect, it } from 'vitest';
import { TopKHeap, topK } from '../../src/engine/retrieval/topK';
import { Random } from '../../src/engine/random';

describe('topK', () => {
  it('returns the k largest, best first', () => {
    expect(topK(Float32Array.of(0.1, 0.9, 0.5, 0.7, 0.3), 3)).toEqual([1, 3, 2]);
  });

  it('gives ties to the lower index', () => {
    expect(topK(Float32Array.of(1, 2, 2, 1, 2), 2)).toEqual([1, 2]);
    expect(topK(Float32Array.of(1, 1, 1), 2)).toEqual([0, 1]);
  });

  it('skips excluded entries at the offset', () => {
    const exclude = Uint8Array.of(9, 9, 0, 1, 0);
    expect(topK(Float32Array.of(0.5, 0.9, 0.7), 2, exclude, 2)).toEqual([2, 0]);
  });

  it('returns fewer than k when too few remain', () => {
    expect(topK(Float32Array.of(3, 1), 5)).toEqual([0, 1]);
    expect(topK(Float32Array.of(3, 1), 0)).toEqual([]);
    expect(topK(new Float32Array(0), 3)).toEqual([]);
  });

  it('matches a full sort on random scores with ties', () => {
    const rng = new Random(5);
    for (let trial = 0; trial < 50; trial += 1) {
      const scores = Float32Array.from({ length: 200 }, () => rng.int(40) / 40);
      const expected = Array.from(scores.keys())
        .sort((a, b) => scores[b] - scores[a] || a - b)
        .slice(0, 17);
      expect(topK(scores, 17)).toEqual(expected);
    }
  });
});

describe('TopKHeap', () => {
  const drain = (heap: TopKHeap): number[] => {
    const out: number[] = [];
    heap.drainSorted(out);
    return out;
  };

  it('matches topK when fed in shuffled order', () => {
    const rng = new Random(7);
    const heap = new TopKHeap(4);
    for (let trial = 0; trial < 50; trial += 1) {
      const scores = Float32Array.from({ length: 300 }, () => rng.int(60) / 60);
      const order = Uint32Array.from(scores.keys());
      rng.shuffle(order);
      heap.reset(23);
      for (const i of order) {
        heap.push(i, scores[i]);
      }
      expect(drain(heap)).toEqual(topK(scores, 23));
    }
  });

  it('gives ties to the lower index in any order', () => {
    const heap = new TopKHeap();
    heap.reset(2);
    for (const index of [4, 1, 3, 0, 2]) {
      heap.push(index, 5);
    }
    expect(drain(heap)).toEqual([0, 1]);
  });

  it('starts empty after reset and keeps at most k', () => {
    const heap = new TopKHeap(1);
    heap.reset(3);
    heap.push(0, 1);
    expect(heap.length).toBe(1);
    heap.reset(3);
    expect(heap.length).toBe(0);
    for (let i = 0; i < 10; i += 1) {
      heap.push(i, i);
    }
    expect(heap.length).toBe(3);
    expect(drain(heap)).toEqual([9, 8, 7]);
    expect(heap.length).toBe(0);
  });

  it('keeps nothing when k is 0', () => {
    const heap = new TopKHeap();
    heap.reset(0);
    heap.push(0, 1);
    expect(drain(heap)).toEqual([]);
  });
});
