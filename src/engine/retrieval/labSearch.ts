import type { Random } from '../random';
import { HnswIndex } from './hnswIndex';
import { IvfIndex, exactSearch, recallAtK } from './ivfIndex';

export type IndexKind = 'ivf' | 'hnsw';

/** One setting of an index on the recall/time curve. */
export interface RecallTimeRow {
  kind: IndexKind | 'exact';
  /** nprobe for IVF, ef for HNSW, 0 for exact search. */
  parameter: number;
  /** Mean recall@k against exact inner-product search. */
  recall: number;
  /** Mean wall-clock time of one query, in milliseconds. */
  msPerQuery: number;
}

export const IVF_PROBES = [1, 2, 4, 8, 16, 32] as const;
export const HNSW_EFS = [10, 20, 40, 80, 160] as const;

/**
 * Sweeps an index's search parameter and measures recall@k against exact
 * search and the time per query, over `queries` ([count, dim]). The first
 * row is exact search itself, whose recall is 1 by definition.
 */
export function recallTimeCurve(kind: IndexKind, index: IvfIndex | HnswIndex, items: Float32Array, dim: number, queries: Float32Array, k: number): RecallTimeRow[] {
  const count = queries.length / dim;
  const query = (q: number): Float32Array => queries.subarray(q * dim, (q + 1) * dim);
  let started = performance.now();
  const exact = Array.from({ length: count }, (_, q) => exactSearch(items, dim, query(q), k));
  const rows: RecallTimeRow[] = [{ kind: 'exact', parameter: 0, recall: 1, msPerQuery: (performance.now() - started) / count }];

  const parameters: readonly number[] = kind === 'ivf' ? IVF_PROBES.filter((probes) => probes <= (index as IvfIndex).lists) : HNSW_EFS;
  for (const parameter of parameters) {
    started = performance.now();
    const found = Array.from({ length: count }, (_, q) => (kind === 'ivf' ? (index as IvfIndex).search(query(q), k, parameter) : (index as HnswIndex).search(query(q), k, Math.max(k, parameter))));
    const msPerQuery = (performance.now() - started) / count;
    const recall = found.reduce((sum, ids, q) => sum + recallAtK(exact[q], ids), 0) / count;
    rows.push({ kind, parameter, recall, msPerQuery });
  }
  return rows;
}

/** Builds an index over item vectors; IVF gets about √items cells. */
export function buildIndex(kind: IndexKind, items: Float32Array, dim: number, rng: Random, lists?: number): IvfIndex | HnswIndex {
  const size = items.length / dim;
  if (kind === 'ivf') {
    return IvfIndex.build(items, dim, lists ?? Math.max(1, Math.round(Math.sqrt(size))), rng);
  }
  return HnswIndex.build(items, dim, rng, 12, 80);
}
