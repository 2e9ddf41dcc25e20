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
  /** Median wall-clock time of one query, in milliseconds (see {@link medianMsPerQuery}). */
  msPerQuery: number;
}

/** Minimum wall-clock time spent timing one setting, in milliseconds. */
export const MIN_TIMING_MS = 50;
const MIN_SAMPLES = 5;
/** Minimum length of one timed sample, in milliseconds, well above the timer's resolution. */
const MIN_SAMPLE_MS = 1;
const MAX_BATCH = 1 << 16;

/** Runs `pass` `batch` times and returns the mean time of one pass, in milliseconds. */
function timeBatch(pass: () => void, batch: number): number {
  const started = performance.now();
  for (let run = 0; run < batch; run += 1) {
    pass();
  }
  return (performance.now() - started) / batch;
}

/**
 * Times `pass`, which runs `queries` queries, and returns the median time of
 * one query in milliseconds. One untimed warm-up pass comes first. Browsers
 * coarsen `performance.now()` (Chromium to 0.1 ms without cross-origin
 * isolation), so each sample runs `pass` as many times as it takes to last
 * at least 1 ms. Samples repeat at least 5 times and until `minMs` of wall
 * time have passed. The median keeps a single slow sample, such as one with
 * a garbage collection or another busy process, from moving the result.
 */
export function medianMsPerQuery(pass: () => void, queries: number, minMs = MIN_TIMING_MS): number {
  pass();
  let batch = 1;
  while (batch < MAX_BATCH && timeBatch(pass, batch) * batch < MIN_SAMPLE_MS) {
    batch *= 2;
  }

  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < MIN_SAMPLES || performance.now() - started < minMs) {
    samples.push(timeBatch(pass, batch));
  }

  samples.sort((a, b) => a - b);
  const middle = samples.length >> 1;
  const median = samples.length % 2 === 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
  return median / Math.max(1, queries);
}

export const IVF_PROBES = [1, 2, 4, 8, 16, 32] as const;
export const HNSW_EFS = [10, 20, 40, 80, 160] as const;

/**
 * Sweeps an index's search parameter and measures recall@k against exact
 * search and the median time per query, over `queries` ([count, dim]). The first
 * row is exact search itself, whose recall is 1 by definition.
 */
export function recallTimeCurve(kind: IndexKind, index: IvfIndex | HnswIndex, items: Float32Array, dim: number, queries: Float32Array, k: number): RecallTimeRow[] {
  const count = queries.length / dim;
  const query = (q: number): Float32Array => queries.subarray(q * dim, (q + 1) * dim);
  const exact = Array.from({ length: count }, (_, q) => exactSearch(items, dim, query(q), k));
  const exactMs = medianMsPerQuery(() => {
    for (let q = 0; q < count; q += 1) {
      exactSearch(items, dim, query(q), k);
    }
  }, count);
  const rows: RecallTimeRow[] = [{ kind: 'exact', parameter: 0, recall: 1, msPerQuery: exactMs }];

  const parameters: readonly number[] = kind === 'ivf' ? IVF_PROBES.filter((probes) => probes <= (index as IvfIndex).lists) : HNSW_EFS;
  for (const parameter of parameters) {
    const search = (q: number): number[] => (kind === 'ivf' ? (index as IvfIndex).search(query(q), k, parameter) : (index as HnswIndex).search(query(q), k, Math.max(k, parameter)));
    const found = Array.from({ length: count }, (_, q) => search(q));
    const msPerQuery = medianMsPerQuery(() => {
      for (let q = 0; q < count; q += 1) {
        search(q);
      }
    }, count);
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
