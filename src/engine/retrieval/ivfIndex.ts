import type { Random } from '../random';
import { topK } from './topK';

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
 */
export class IvfIndex {
  readonly dim: number;
  readonly size: number;
  readonly lists: number;
  /** Unit-length centroids, [lists, dim]. */
  readonly centroids: Float32Array;
  /** Vector ids grouped by cell: the ids of cell c are `members[offsets[c]..offsets[c + 1])`. */
  readonly members: Uint32Array;
  readonly offsets: Uint32Array;
  private readonly vectors: Float32Array;

  private constructor(vectors: Float32Array, dim: number, centroids: Float32Array, assignment: Uint32Array, lists: number) {
    this.vectors = vectors;
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
    const next = counts.slice(0, lists);
    assignment.forEach((cell, id) => {
      this.members[next[cell]] = id;
      next[cell] += 1;
    });
  }

  /**
   * Builds the index over `vectors` ([size, dim], row-major).
   *
   * @param lists number of cells; about √size is the usual choice.
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

  /** Ids of the (approximately) k largest q · v, best first, scanning the `probes` best cells. */
  search(query: Float32Array, k: number, probes: number): number[] {
    const cellScores = new Float32Array(this.lists);
    for (let c = 0; c < this.lists; c += 1) {
      cellScores[c] = dot(query, 0, this.centroids, c * this.dim, this.dim);
    }
    const cells = topK(cellScores, Math.min(this.lists, Math.max(1, probes)));

    let candidates = 0;
    for (const cell of cells) {
      candidates += this.offsets[cell + 1] - this.offsets[cell];
    }
    const ids = new Uint32Array(candidates);
    const scores = new Float32Array(candidates);
    let n = 0;
    for (const cell of cells) {
      for (let m = this.offsets[cell]; m < this.offsets[cell + 1]; m += 1) {
        const id = this.members[m];
        ids[n] = id;
        scores[n] = dot(query, 0, this.vectors, id * this.dim, this.dim);
        n += 1;
      }
    }
    return topK(scores, k).map((position) => ids[position]);
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
