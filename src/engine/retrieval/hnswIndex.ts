import { log } from '../math';
import type { Random } from '../random';

/**
 * Hierarchical navigable small world graph for maximum inner product search
 * (Malkov and Yashunin 2018, "Efficient and robust approximate nearest
 * neighbor search using hierarchical navigable small world graphs").
 *
 * Each vector gets a random top layer (geometric, with mL = 1 / ln M). A
 * query walks greedily down the upper layers and then runs a best-first
 * search of width `ef` on layer 0. The distance is −q · v, which is not a
 * metric but ranks by inner product.
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
  private entryPoint = -1;
  private maxLevel = -1;
  private readonly visited: Uint32Array;
  private visitTag = 0;
  private count = 0;

  private constructor(vectors: Float32Array, dim: number, m: number, efConstruction: number) {
    this.vectors = vectors;
    this.dim = dim;
    this.m = m;
    this.efConstruction = efConstruction;
    const size = vectors.length / dim;
    this.levels = new Uint8Array(size);
    this.visited = new Uint32Array(size);
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
      entry = this.greedyClosest(query, entry, layer);
    }
    const found = this.searchLayer(query, [entry], Math.max(ef, k), 0);
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
    let entry = this.entryPoint;
    for (let layer = this.maxLevel; layer > level; layer -= 1) {
      entry = this.greedyClosest(query, entry, layer);
    }
    let entries = [entry];
    for (let layer = Math.min(level, this.maxLevel); layer >= 0; layer -= 1) {
      const candidates = this.searchLayer(query, entries, this.efConstruction, layer);
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
    const scored = this.links[layer][id].map((neighbour) => ({ id: neighbour, distance: this.distance(base, neighbour) }));
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
      if (selected.every((other) => this.distance(vector, other) > candidate.distance)) {
        selected.push(candidate.id);
      }
    }
    return selected;
  }

  /** Greedy walk on one layer to the node closest to the query. */
  private greedyClosest(query: Float32Array, start: number, layer: number): number {
    let current = start;
    let currentDistance = this.distance(query, current);
    for (let improved = true; improved; ) {
      improved = false;
      for (const neighbour of this.links[layer][current] ?? []) {
        const distance = this.distance(query, neighbour);
        if (distance < currentDistance) {
          currentDistance = distance;
          current = neighbour;
          improved = true;
        }
      }
    }
    return current;
  }

  /** Best-first search of width `ef` on one layer; returns the found nodes, closest first. */
  private searchLayer(query: Float32Array, entries: number[], ef: number, layer: number): { id: number; distance: number }[] {
    this.visitTag += 1;
    const candidates = new MinHeap();
    const results = new MinHeap();
    for (const entry of entries) {
      if (this.visited[entry] === this.visitTag) {
        continue;
      }
      this.visited[entry] = this.visitTag;
      const distance = this.distance(query, entry);
      candidates.push(distance, entry);
      // The result heap keeps the ef best by storing negated distances: its root is the worst kept.
      results.push(-distance, entry);
    }
    while (results.length > ef) {
      results.pop();
    }

    while (candidates.length > 0) {
      const closest = candidates.pop();
      if (results.length >= ef && closest.key > -results.peekKey()) {
        break;
      }
      for (const neighbour of this.links[layer][closest.id] ?? []) {
        if (this.visited[neighbour] === this.visitTag) {
          continue;
        }
        this.visited[neighbour] = this.visitTag;
        const distance = this.distance(query, neighbour);
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
      const entry = results.pop();
      found.push({ id: entry.id, distance: -entry.key });
    }
    return found.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  /** −q · v for vector `id`. */
  private distance(query: Float32Array, id: number): number {
    const offset = id * this.dim;
    let dot = 0;
    for (let k = 0; k < this.dim; k += 1) {
      dot += query[k] * this.vectors[offset + k];
    }
    return -dot;
  }
}

/** Binary min-heap of (key, id) pairs, ties broken by the lower id. */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly ids: number[] = [];

  get length(): number {
    return this.keys.length;
  }

  peekKey(): number {
    return this.keys[0];
  }

  push(key: number, id: number): void {
    let child = this.keys.length;
    this.keys.push(key);
    this.ids.push(id);
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) {
        break;
      }
      this.swap(child, parent);
      child = parent;
    }
  }

  pop(): { key: number; id: number } {
    const top = { key: this.keys[0], id: this.ids[0] };
    const lastKey = this.keys.pop() as number;
    const lastId = this.ids.pop() as number;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.ids[0] = lastId;
      let parent = 0;
      for (;;) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let first = parent;
        if (left < this.keys.length && this.before(left, first)) {
          first = left;
        }
        if (right < this.keys.length && this.before(right, first)) {
          first = right;
        }
        if (first === parent) {
          break;
        }
        this.swap(first, parent);
        parent = first;
      }
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    return this.keys[a] < this.keys[b] || (this.keys[a] === this.keys[b] && this.ids[a] < this.ids[b]);
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.ids[a], this.ids[b]] = [this.ids[b], this.ids[a]];
  }
}
