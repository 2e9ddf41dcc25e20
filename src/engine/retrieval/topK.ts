/**
 * Exact top-k: indices of the k largest `scores`, best first, skipping
 * indices where `exclude[excludeOffset + i]` is 1. Ties go to the lower index.
 *
 * O(n log k) with a binary min-heap of size k whose root is the worst kept
 * entry. Scanning indices in increasing order means a later index never
 * beats an equal score already kept, so the hot loop is one comparison
 * against the root.
 */
export function topK(scores: Float32Array, k: number, exclude?: Uint8Array, excludeOffset = 0): number[] {
  const capacity = Math.max(0, Math.min(k, scores.length));
  const heapIndex = new Int32Array(capacity);
  const heapValue = new Float64Array(capacity);
  let size = 0;

  for (let i = 0; i < scores.length; i += 1) {
    if (exclude !== undefined && exclude[excludeOffset + i] === 1) {
      continue;
    }
    const value = scores[i];
    if (size < capacity) {
      siftUp(heapIndex, heapValue, size, i, value);
      size += 1;
    } else if (capacity > 0 && value > heapValue[0]) {
      siftDown(heapIndex, heapValue, size, i, value);
    }
  }

  const result = Array.from(heapIndex.subarray(0, size));
  return result.sort((a, b) => scores[b] - scores[a] || a - b);
}

/**
 * Reusable bounded top-k selection for callers that score candidates one at a
 * time and in no particular index order (an IVF scan over its probed cells).
 * It keeps the k best (index, value) pairs by the same rule as {@link topK}:
 * a higher value first, and the lower index on ties. Reusing one instance
 * across queries avoids allocating per query.
 */
export class TopKHeap {
  private heapIndex: Int32Array;
  private heapValue: Float64Array;
  private capacity = 0;
  private size = 0;

  constructor(initialCapacity = 16) {
    this.heapIndex = new Int32Array(Math.max(1, initialCapacity));
    this.heapValue = new Float64Array(Math.max(1, initialCapacity));
  }

  /** Number of pairs kept so far, at most the capacity of the last {@link reset}. */
  get length(): number {
    return this.size;
  }

  /** Empties the heap and sets how many pairs it keeps. Grows the buffers when k exceeds them. */
  reset(k: number): void {
    this.capacity = Math.max(0, Math.floor(k));
    if (this.capacity > this.heapIndex.length) {
      this.heapIndex = new Int32Array(this.capacity);
      this.heapValue = new Float64Array(this.capacity);
    }
    this.size = 0;
  }

  /** Offers one candidate, which is kept when the heap is not full or it ranks above the worst kept pair. */
  push(index: number, value: number): void {
    if (this.size < this.capacity) {
      siftUp(this.heapIndex, this.heapValue, this.size, index, value);
      this.size += 1;
    } else if (this.capacity > 0 && ranksBelow(this.heapIndex[0], this.heapValue[0], index, value)) {
      siftDown(this.heapIndex, this.heapValue, this.size, index, value);
    }
  }

  /** Writes the kept indices into `out`, best first, and returns how many it wrote. */
  drainSorted(out: Int32Array | number[]): number {
    const count = this.size;
    // Popping the root (the worst kept pair) count times fills `out` from the back.
    for (let position = count - 1; position >= 0; position -= 1) {
      out[position] = this.heapIndex[0];
      this.size -= 1;
      if (this.size > 0) {
        siftDown(this.heapIndex, this.heapValue, this.size, this.heapIndex[this.size], this.heapValue[this.size]);
      }
    }
    return count;
  }
}

/** True when entry (ia, va) ranks below (ib, vb): a lower score, or an equal score at a higher index. */
function ranksBelow(ia: number, va: number, ib: number, vb: number): boolean {
  return va < vb || (va === vb && ia > ib);
}

/** Inserts (index, value) at position `size` of the heap and restores the heap order. */
function siftUp(heapIndex: Int32Array, heapValue: Float64Array, size: number, index: number, value: number): void {
  let child = size;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!ranksBelow(index, value, heapIndex[parent], heapValue[parent])) {
      break;
    }
    heapIndex[child] = heapIndex[parent];
    heapValue[child] = heapValue[parent];
    child = parent;
  }
  heapIndex[child] = index;
  heapValue[child] = value;
}

/** Replaces the root with (index, value) and restores the heap order. */
function siftDown(heapIndex: Int32Array, heapValue: Float64Array, size: number, index: number, value: number): void {
  let parent = 0;
  for (;;) {
    const left = 2 * parent + 1;
    if (left >= size) {
      break;
    }
    const right = left + 1;
    let lowest = left;
    if (right < size && ranksBelow(heapIndex[right], heapValue[right], heapIndex[left], heapValue[left])) {
      lowest = right;
    }
    if (!ranksBelow(heapIndex[lowest], heapValue[lowest], index, value)) {
      break;
    }
    heapIndex[parent] = heapIndex[lowest];
    heapValue[parent] = heapValue[lowest];
    parent = lowest;
  }
  heapIndex[parent] = index;
  heapValue[parent] = value;
}
