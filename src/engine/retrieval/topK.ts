/**
 * Exact top-k: indices of the k largest `scores`, best first, skipping
 * indices where `exclude[i]` is 1. Ties go to the lower index.
 * O(n log k) with a binary min-heap of size k.
 */
export function topK(scores: Float32Array, k: number, exclude?: Uint8Array, excludeOffset = 0): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);

  for (let i = 0; i < scores.length; i += 1) {
    if (exclude !== undefined && exclude[excludeOffset + i] === 1) {
      continue;
    }
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap, heap.length - 1, less);
    } else if (k > 0 && less(heap[0], i)) {
      heap[0] = i;
      siftDown(heap, 0, less);
    }
  }
  return heap.sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0));
}

function siftUp(heap: number[], index: number, less: (a: number, b: number) => boolean): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!less(heap[child], heap[parent])) {
      return;
    }
    [heap[child], heap[parent]] = [heap[parent], heap[child]];
    child = parent;
  }
}

function siftDown(heap: number[], index: number, less: (a: number, b: number) => boolean): void {
  let parent = index;
  for (;;) {
    const left = 2 * parent + 1;
    const right = left + 1;
    let smallest = parent;
    if (left < heap.length && less(heap[left], heap[smallest])) {
      smallest = left;
    }
    if (right < heap.length && less(heap[right], heap[smallest])) {
      smallest = right;
    }
    if (smallest === parent) {
      return;
    }
    [heap[smallest], heap[parent]] = [heap[parent], heap[smallest]];
    parent = smallest;
  }
}
