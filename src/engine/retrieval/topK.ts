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
