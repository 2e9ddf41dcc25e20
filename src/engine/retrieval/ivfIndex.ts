import type { Random } from '../random';
import { TopKHeap, topK } from './topK';

/**
 * Inverted-file (IVF) index for maximum inner product search, the
 * approximate nearest-neighbour structure of Jégou, Douze and Schmid (2011,
 * "Product quantization for nearest neighbor search", without the
 * quantisation; Faiss calls it IndexIVFFlat).
 *
 * Build: spherical k-means splits the vectors into `lists` cells, each with
 * a unit-length centroid; every vector goes to the cell whose centroid has
 * the largest cosine with it. Query: score the centroids by q · c, scan only
 * the vectors of the best `probes` cells exactly, and return their top-k by
 * q · v. More probes raise recall and cost; probes = lists is exact search.
 *
 * The index keeps its own copy of the vectors, reordered so that each cell's
 * rows are contiguous (size × dim × 4 bytes, 12.8 MB for 100,000 × 32). It
 * reuses per-instance scratch buffers, so a query allocates only its result
 * array. That is safe because `search` is synchronous and never reentered.
 */
export class IvfIndex {
  readonly dim: number;
  readonly size: number;
  readonly lists: number;
  /** Unit-length centroids, [lists, dim]. */
  readonly centroids: Float32Array;
  /** Vector ids grouped by cell: the ids of cell c are `members[offsets[c]..offsets[c + 1])`, ascending. */
  readonly members: Uint32Array;
  readonly offsets: Uint32Array;
  /**
   * Copy of the vectors reordered by cell, [size, dim]: row r is vector
   * `members[r]`, so a probe reads one contiguous block instead of gathering
   * rows scattered over the whole matrix.
   */
  private readonly listVectors: Float32Array;
  /** Per-query scratch reused by {@link search}, so a query allocates only its result array. */
  private readonly queryScratch: Float32Array;
  private readonly cellHeap: TopKHeap;
  private readonly probedCells: Int32Array;
  private readonly resultHeap = new TopKHeap();
  private resultIds = new Int32Array(16);

  private constructor(vectors: Float32Array, dim: number, centroids: Float32Array, assignment: Uint32Array, lists: number) {
    this.dim = dim;
    this.size = vectors.length / dim;
    this.lists = lists;
    this.centroids = centroids;

    const counts = new Uint32Array(lists + 1);
    for (const cell of assignment) {
      counts[cell + 1] += 1;
    }
    for (let c = 0; c < lists; c += 1) {
      counts[c + 1] += counts[c];
    }
    this.offsets = counts.slice();
    this.members = new Uint32Array(this.size);
    this.listVectors = new Float32Array(vectors.length);
    const next = counts.slice(0, lists);
    for (let id = 0; id < this.size; id += 1) {
      const row = next[assignment[id]];
      this.members[row] = id;
      this.listVectors.set(vectors.subarray(id * dim, (id + 1) * dim), row * dim);
      next[assignment[id]] += 1;
    }

    this.queryScratch = new Float32Array(dim);
    this.cellHeap = new TopKHeap(lists);
    this.probedCells = new Int32Array(lists);
  }

  /**
   * Builds the index over `vectors` ([size, dim], row-major).
   *
   * @param lists number of cells. √size to 4√size is the usual range. On the
   *   clustered 100,000 × 32 vectors of bench/ann.ts, 632 (2√size) measured best.
   * @param iterations k-means iterations.
   * @param sample at most this many vectors train the centroids; all are assigned.
   */
  static build(vectors: Float32Array, dim: number, lists: number, rng: Random, iterations = 8, sample = 20_000): IvfIndex {
    const size = vectors.length / dim;
    if (!Number.isInteger(size) || size === 0) {
      throw new Error(`IVF index needs a non-empty [size, ${dim}] matrix; received ${vectors.length} values`);
    }
    if (!Number.isInteger(lists) || lists < 1 || lists > size) {
      throw new Error(`Invalid number of IVF lists ${lists}: expected a whole number from 1 to ${size}`);
    }

    const order = Uint32Array.from({ length: size }, (_, id) => id);
    rng.shuffle(order);
    const training = order.subarray(0, Math.max(lists, Math.min(size, sample)));
    const centroids = new Float32Array(lists * dim);
    for (let c = 0; c < lists; c += 1) {
      centroids.set(vectors.subarray(training[c] * dim, (training[c] + 1) * dim), c * dim);
    }
    normaliseRows(centroids, dim);

    const trainingCells = new Uint32Array(training.length);
    for (let iteration = 0; iteration < iterations; iteration += 1) {
      training.forEach((id, row) => {
        trainingCells[row] = bestCentroid(vectors, id * dim, centroids, lists, dim);
      });
      const sums = new Float64Array(lists * dim);
      const counts = new Uint32Array(lists);
      training.forEach((id, row) => {
        const cell = trainingCells[row];
        counts[cell] += 1;
        for (let k = 0; k < dim; k += 1) {
          sums[cell * dim + k] += vectors[id * dim + k];
        }
      });
      for (let c = 0; c < lists; c += 1) {
        // An empty cell keeps its centroid rather than collapsing to zero.
        if (counts[c] > 0) {
          for (let k = 0; k < dim; k += 1) {
            centroids[c * dim + k] = sums[c * dim + k];
          }
        }
      }
      normaliseRows(centroids, dim);
    }

    const assignment = new Uint32Array(size);
    for (let id = 0; id < size; id += 1) {
      assignment[id] = bestCentroid(vectors, id * dim, centroids, lists, dim);
    }
    return new IvfIndex(vectors, dim, centroids, assignment, lists);
  }

  /**
   * Ids of the (approximately) k largest q · v, best first, scanning the
   * `probes` best cells. Scores are rounded to float32 and ties go to the
   * lower id, as in {@link exactSearch}, so probing every cell returns
   * exactly what exact search returns.
   */
  search(query: Float32Array, k: number, probes: number): number[] {
    const dim = this.dim;
    if (query.length < dim) {
      throw new Error(`IVF search needs a query of ${dim} values; received ${query.length}`);
    }
    const q = this.queryScratch;
    q.set(query.subarray(0, dim));

    const cellCount = Math.min(this.lists, Math.max(1, probes));
    this.cellHeap.reset(cellCount);
    for (let c = 0; c < this.lists; c += 1) {
      this.cellHeap.push(c, Math.fround(dotRow(q, this.centroids, c * dim, dim)));
    }
    this.cellHeap.drainSorted(this.probedCells);

    const heap = this.resultHeap;
    heap.reset(Math.min(k, this.size));
    const rows = this.listVectors;
    for (let p = 0; p < cellCount; p += 1) {
      const cell = this.probedCells[p];
      const end = this.offsets[cell + 1];
      for (let row = this.offsets[cell]; row < end; row += 1) {
        heap.push(this.members[row], Math.fround(dotRow(q, rows, row * dim, dim)));
      }
    }

    if (this.resultIds.length < heap.length) {
      this.resultIds = new Int32Array(heap.length);
    }
    const count = heap.drainSorted(this.resultIds);
    return Array.from(this.resultIds.subarray(0, count));
  }
}

/** Exact maximum inner product search: ids of the k largest q · v over all vectors, best first. */
export function exactSearch(vectors: Float32Array, dim: number, query: Float32Array, k: number): number[] {
  const size = vectors.length / dim;
  const scores = new Float32Array(size);
  for (let id = 0; id < size; id += 1) {
    scores[id] = dot(query, 0, vectors, id * dim, dim);
  }
  return topK(scores, k);
}

/** recall@k: the share of the exact top-k ids that the approximate result contains. */
export function recallAtK(exact: readonly number[], approximate: readonly number[]): number {
  if (exact.length === 0) {
    return Number.NaN;
  }
  const found = new Set(approximate);
  return exact.filter((id) => found.has(id)).length / exact.length;
}

function dot(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dim: number): number {
  let sum = 0;
  for (let k = 0; k < dim; k += 1) {
    sum += a[aOffset + k] * b[bOffset + k];
  }
  return sum;
}

/** q · matrix[offset..offset + dim), summed in index order like `dot`, so both give the same float64 result. */
function dotRow(q: Float32Array, matrix: Float32Array, offset: number, dim: number): number {
  let sum = 0;
  for (let k = 0; k < dim; k += 1) {
    sum += q[k] * matrix[offset + k];
  }
  return sum;
}

/** Cell whose centroid has the largest cosine with the vector at `offset` (centroids are unit length). */
function bestCentroid(vectors: Float32Array, offset: number, centroids: Float32Array, lists: number, dim: number): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < lists; c += 1) {
    const score = dot(vectors, offset, centroids, c * dim, dim);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

function normaliseRows(matrix: Float32Array, dim: number): void {
  for (let offset = 0; offset < matrix.length; offset += dim) {
    let norm = 0;
    for (let k = 0; k < dim; k += 1) {
      norm += matrix[offset + k] * matrix[offset + k];
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (let k = 0; k < dim; k += 1) {
        matrix[offset + k] /= norm;
      }
    }
  }
}
