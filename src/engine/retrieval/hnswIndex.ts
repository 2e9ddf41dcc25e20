import { log } from '../math';
import type { Random } from '../random';

/**
 * Hierarchical navigable small world graph for maximum inner product search
 * (Malkov and Yashunin 2018, "Efficient and robust approximate nearest
 * neighbor search using hierarchical navigable small world graphs").
 *
 * Each vector gets a random top layer (geometric, with mL = 1 / ln M). A
 * query walks greedily down the upper layers and then runs a best-first
 * search of width `ef` on layer 0. A query ranks nodes by −q · v.
 *
 * The graph itself is built on a metric. Inside a tight cluster, raw inner
 * products between items rank mostly by norm, so every node would link to
 * the same few large-norm hubs, and the heuristic below would prune most
 * other links. On the clustered 100,000 × 32 vectors of bench/ann.ts that
 * gives a median layer-0 degree of 1. Instead each item gets the extra
 * coordinate √(maxNorm² − |v|²), the order-preserving transformation of
 * Bachrach et al. (RecSys 2014, "Speeding up the Xbox recommender system
 * using a Euclidean transformation for inner-product spaces"). All augmented
 * items have norm maxNorm, so the build distance −(v · w + extra_v · extra_w)
 * is an angle, and a query augmented with 0 still ranks items by q · v.
 *
 * Neighbours are chosen by the paper's heuristic: a candidate is kept only if
 * it is closer to the new node than to every neighbour already selected. That
 * keeps the long links between clusters which nearest-first selection drops.
 * Each node has at most M neighbours per layer, and 2M on layer 0.
 */
export class HnswIndex {
  readonly dim: number;
  readonly m: number;
  readonly efConstruction: number;
  /** Top layer of each vector, [size]. */
  readonly levels: Uint8Array;
  /** Neighbour lists: `links[layer][id]` is the id list of vector `id` on that layer. */
  readonly links: number[][][] = [];
  private readonly vectors: Float32Array;
  /**
   * Extra coordinate √(maxNorm² − |v|²) of each vector, [size]. With it every
   * item has norm maxNorm, so the item-to-item distance used while building
   * is an angle (a metric), and ranking by it for a query augmented with 0
   * still ranks by q · v.
   */
  private readonly extra: Float32Array;
  private entryPoint = -1;
  private maxLevel = -1;
  private readonly visited: Uint32Array;
  private visitTag = 0;
  /** Heaps reused by every `searchLayer` call, which runs synchronously and is never reentered. */
  private readonly candidateHeap = new MinHeap();
  private readonly resultHeap = new MinHeap();
  private count = 0;

  private constructor(vectors: Float32Array, dim: number, m: number, efConstruction: number) {
    this.vectors = vectors;
    this.dim = dim;
    this.m = m;
    this.efConstruction = efConstruction;
    const size = vectors.length / dim;
    this.levels = new Uint8Array(size);
    this.visited = new Uint32Array(size);
    this.extra = augmentingCoordinate(vectors, dim);
  }

  /**
   * Builds the graph over `vectors` ([size, dim], row-major), inserting them in id order.
   *
   * @param m neighbours per node on the upper layers (2m on layer 0).
   * @param efConstruction search width while inserting.
   */
  static build(vectors: Float32Array, dim: number, rng: Random, m = 16, efConstruction = 100): HnswIndex {
    const size = vectors.length / dim;
    if (!Number.isInteger(size) || size === 0) {
      throw new Error(`HNSW index needs a non-empty [size, ${dim}] matrix; received ${vectors.length} values`);
    }
    if (!Number.isInteger(m) || m < 2) {
      throw new Error(`Invalid HNSW m ${m}: expected a whole number of at least 2`);
    }
    const index = new HnswIndex(vectors, dim, m, efConstruction);
    const levelScale = 1 / log(m);
    for (let id = 0; id < size; id += 1) {
      const level = Math.min(255, Math.floor(-log(1 - rng.next()) * levelScale));
      index.insert(id, level);
    }
    return index;
  }

  get size(): number {
    return this.count;
  }

  /** Ids of the (approximately) k largest q · v, best first; `ef` ≥ k widens the layer-0 search. */
  search(query: Float32Array, k: number, ef: number): number[] {
    if (this.entryPoint < 0) {
      return [];
    }
    let entry = this.entryPoint;
    for (let layer = this.maxLevel; layer > 0; layer -= 1) {
      entry = this.greedyClosest(query, 0, entry, layer);
    }
    const found = this.searchLayer(query, 0, [entry], Math.max(ef, k), 0);
    return found.slice(0, k).map((candidate) => candidate.id);
  }

  private insert(id: number, level: number): void {
    this.levels[id] = level;
    for (let layer = 0; layer <= level; layer += 1) {
      this.links[layer] ??= [];
      this.links[layer][id] = [];
    }
    this.count += 1;
    if (this.entryPoint < 0) {
      this.entryPoint = id;
      this.maxLevel = level;
      return;
    }

    const query = this.vectors.subarray(id * this.dim, (id + 1) * this.dim);
    const queryExtra = this.extra[id];
    let entry = this.entryPoint;
    for (let layer = this.maxLevel; layer > level; layer -= 1) {
      entry = this.greedyClosest(query, queryExtra, entry, layer);
    }
    let entries = [entry];
    for (let layer = Math.min(level, this.maxLevel); layer >= 0; layer -= 1) {
      const candidates = this.searchLayer(query, queryExtra, entries, this.efConstruction, layer);
      const cap = layer === 0 ? 2 * this.m : this.m;
      const neighbours = this.selectNeighbours(candidates, this.m);
      this.links[layer][id] = neighbours;
      for (const neighbour of neighbours) {
        const list = this.links[layer][neighbour];
        list.push(id);
        if (list.length > cap) {
          this.prune(neighbour, layer, cap);
        }
      }
      entries = candidates.map((candidate) => candidate.id);
    }
    if (level > this.maxLevel) {
      this.maxLevel = level;
      this.entryPoint = id;
    }
  }

  /** Re-selects the neighbours of `id` on `layer` by the heuristic, keeping at most `cap`. */
  private prune(id: number, layer: number, cap: number): void {
    const base = this.vectors.subarray(id * this.dim, (id + 1) * this.dim);
    const baseExtra = this.extra[id];
    const scored = this.links[layer][id].map((neighbour) => ({ id: neighbour, distance: this.distance(base, baseExtra, neighbour) }));
    scored.sort((a, b) => a.distance - b.distance || a.id - b.id);
    this.links[layer][id] = this.selectNeighbours(scored, cap);
  }

  /**
   * Selects neighbours by the paper's heuristic from candidates sorted closest
   * first: a candidate is skipped when a neighbour already selected is closer
   * to it than the base node is.
   */
  private selectNeighbours(sorted: { id: number; distance: number }[], cap: number): number[] {
    const selected: number[] = [];
    for (const candidate of sorted) {
      if (selected.length >= cap) {
        break;
      }
      const vector = this.vectors.subarray(candidate.id * this.dim, (candidate.id + 1) * this.dim);
      const extra = this.extra[candidate.id];
      if (selected.every((other) => this.distance(vector, extra, other) > candidate.distance)) {
        selected.push(candidate.id);
      }
    }
    return selected;
  }

  /** Greedy walk on one layer to the node closest to the query. */
  private greedyClosest(query: Float32Array, queryExtra: number, start: number, layer: number): number {
    let current = start;
    let currentDistance = this.distance(query, queryExtra, current);
    for (let improved = true; improved; ) {
      improved = false;
      for (const neighbour of this.links[layer][current] ?? []) {
        const distance = this.distance(query, queryExtra, neighbour);
        if (distance < currentDistance) {
          currentDistance = distance;
          current = neighbour;
          improved = true;
        }
      }
    }
    return current;
  }

  /**
   * Best-first search of width `ef` on one layer. Returns the found nodes, closest first.
   *
   * NOTE: each inner product here reads a row of `vectors` at a random place.
   * On the 100,000 × 32 bench one costs about 450-600 ns, heap upkeep
   * included, against about 60 ns in the IVF index's contiguous scan. So
   * HNSW must compute far fewer inner products than IVF to match its speed.
   */
  private searchLayer(query: Float32Array, queryExtra: number, entries: number[], ef: number, layer: number): { id: number; distance: number }[] {
    this.visitTag += 1;
    const candidates = this.candidateHeap;
    const results = this.resultHeap;
    candidates.clear();
    results.clear();
    for (const entry of entries) {
      if (this.visited[entry] === this.visitTag) {
        continue;
      }
      this.visited[entry] = this.visitTag;
      const distance = this.distance(query, queryExtra, entry);
      candidates.push(distance, entry);
      // The result heap keeps the ef best by storing negated distances: its root is the worst kept.
      results.push(-distance, entry);
    }
    while (results.length > ef) {
      results.pop();
    }

    while (candidates.length > 0) {
      const closestDistance = candidates.peekKey();
      const closest = candidates.pop();
      if (results.length >= ef && closestDistance > -results.peekKey()) {
        break;
      }
      for (const neighbour of this.links[layer][closest] ?? []) {
        if (this.visited[neighbour] === this.visitTag) {
          continue;
        }
        this.visited[neighbour] = this.visitTag;
        const distance = this.distance(query, queryExtra, neighbour);
        if (results.length < ef || distance < -results.peekKey()) {
          candidates.push(distance, neighbour);
          results.push(-distance, neighbour);
          if (results.length > ef) {
            results.pop();
          }
        }
      }
    }

    const found: { id: number; distance: number }[] = [];
    while (results.length > 0) {
      const distance = -results.peekKey();
      found.push({ id: results.pop(), distance });
    }
    return found.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  /**
   * −(q · v + queryExtra · extra[id]) for vector `id`: the augmented inner
   * product. A search passes queryExtra 0, which leaves −q · v.
   */
  private distance(query: Float32Array, queryExtra: number, id: number): number {
    const offset = id * this.dim;
    let dot = queryExtra * this.extra[id];
    for (let k = 0; k < this.dim; k += 1) {
      dot += query[k] * this.vectors[offset + k];
    }
    return -dot;
  }
}

/** √(maxNorm² − |v|²) for each row of `vectors` ([size, dim]), where maxNorm is the largest row norm. */
function augmentingCoordinate(vectors: Float32Array, dim: number): Float32Array {
  const size = vectors.length / dim;
  const squaredNorms = new Float64Array(size);
  let maxSquaredNorm = 0;
  for (let id = 0; id < size; id += 1) {
    let sum = 0;
    for (let k = 0; k < dim; k += 1) {
      sum += vectors[id * dim + k] * vectors[id * dim + k];
    }
    squaredNorms[id] = sum;
    maxSquaredNorm = Math.max(maxSquaredNorm, sum);
  }
  return Float32Array.from(squaredNorms, (squaredNorm) => Math.sqrt(Math.max(0, maxSquaredNorm - squaredNorm)));
}

/**
 * Binary min-heap of (key, id) pairs, ties broken by the lower id, on
 * growable typed arrays. `pop` returns only the id, so a search allocates no
 * object per visited node. Read the key with `peekKey` before popping.
 */
class MinHeap {
  private keys = new Float64Array(64);
  private ids = new Int32Array(64);
  private size = 0;

  get length(): number {
    return this.size;
  }

  clear(): void {
    this.size = 0;
  }

  peekKey(): number {
    return this.keys[0];
  }

  push(key: number, id: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(2 * this.size);
      const ids = new Int32Array(2 * this.size);
      keys.set(this.keys);
      ids.set(this.ids);
      this.keys = keys;
      this.ids = ids;
    }
    let child = this.size;
    this.size += 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!before(key, id, this.keys[parent], this.ids[parent])) {
        break;
      }
      this.keys[child] = this.keys[parent];
      this.ids[child] = this.ids[parent];
      child = parent;
    }
    this.keys[child] = key;
    this.ids[child] = id;
  }

  /** Removes the root and returns its id. */
  pop(): number {
    const top = this.ids[0];
    this.size -= 1;
    const key = this.keys[this.size];
    const id = this.ids[this.size];
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= this.size) {
        break;
      }
      const right = left + 1;
      let first = left;
      if (right < this.size && before(this.keys[right], this.ids[right], this.keys[left], this.ids[left])) {
        first = right;
      }
      if (!before(this.keys[first], this.ids[first], key, id)) {
        break;
      }
      this.keys[parent] = this.keys[first];
      this.ids[parent] = this.ids[first];
      parent = first;
    }
    if (this.size > 0) {
      this.keys[parent] = key;
      this.ids[parent] = id;
    }
    return top;
  }
}

/** True when (keyA, idA) comes before (keyB, idB) in a min-heap: a lower key, or an equal key and a lower id. */
function before(keyA: number, idA: number, keyB: number, idB: number): boolean {
  return keyA < keyB || (keyA === keyB && idA < idB);
}
