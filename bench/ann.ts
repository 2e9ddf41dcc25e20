/**
 * Benchmarks approximate nearest-neighbour search (the IVF and HNSW indexes)
 * against exact search on 100,000 × 32 vectors: recall@10 and queries per
 * second for several probe counts and search widths. Run with
 * `npm run bench -- ann`.
 *
 * The vectors are a mixture of 200 Gaussian clusters: unit-norm centres with
 * noise of standard deviation 0.35 / √32 per dimension around them. They
 * stand in for trained item embeddings, which cluster by topic. The 200
 * queries come from the same generator with their own 200 centres, so a
 * query is not a copy of an item cluster.
 *
 * Environment: `IVF_LISTS` sets the IVF cell counts to sweep
 * (comma-separated, default 632, about 2√100,000, which measured best of
 * 316, 632 and 1,265), and `ANN_SKIP_HNSW=1` skips the HNSW build.
 */
import { HnswIndex } from '../src/engine/retrieval/hnswIndex';
import { IvfIndex, exactSearch, recallAtK } from '../src/engine/retrieval/ivfIndex';
import { Random } from '../src/engine/random';

const SIZE = 100_000;
const DIM = 32;
const CLUSTERS = 200;
const QUERIES = 200;
const K = 10;
const LIST_COUNTS = parseListCounts(process.env.IVF_LISTS ?? '632');
const PROBES = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64];
const EFS = [10, 20, 40, 80, 160, 320, 640, 1280];
/** Each setting's query set is repeated until this much CPU time has passed, so fast settings are not timed over a few milliseconds. */
const MIN_TIMED_MS = 400;

function parseListCounts(text: string): number[] {
  const counts = text.split(',').map((part) => Number(part.trim()));
  const invalid = counts.find((count) => !Number.isInteger(count) || count < 1 || count > SIZE);
  if (invalid !== undefined) {
    throw new Error(`Invalid IVF_LISTS "${text}": expected comma-separated whole numbers from 1 to ${SIZE}, for example 316,632`);
  }
  return counts;
}

function clusteredVectors(count: number, rng: Random): Float32Array {
  const centres = new Float32Array(CLUSTERS * DIM);
  for (let c = 0; c < CLUSTERS; c += 1) {
    let norm = 0;
    for (let k = 0; k < DIM; k += 1) {
      const value = rng.normal();
      centres[c * DIM + k] = value;
      norm += value * value;
    }
    for (let k = 0; k < DIM; k += 1) {
      centres[c * DIM + k] /= Math.sqrt(norm);
    }
  }
  const vectors = new Float32Array(count * DIM);
  for (let id = 0; id < count; id += 1) {
    const c = rng.int(CLUSTERS);
    for (let k = 0; k < DIM; k += 1) {
      vectors[id * DIM + k] = centres[c * DIM + k] + rng.normal(0, 0.35 / Math.sqrt(DIM));
    }
  }
  return vectors;
}

/** CPU time (user + system) of this process so far, in milliseconds. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Runs `search` once over every query (a warm-up whose results are kept for
 * recall), then times whole passes until MIN_TIMED_MS of CPU time has
 * passed. Queries per second are per CPU second, which other processes on a
 * shared machine disturb less than wall-clock time.
 */
function measure(search: (q: number) => number[]): { found: number[][]; qps: number } {
  const found = Array.from({ length: QUERIES }, (_, q) => search(q));
  let passes = 0;
  const started = cpuMs();
  let elapsed = 0;
  while (elapsed < MIN_TIMED_MS) {
    for (let q = 0; q < QUERIES; q += 1) {
      search(q);
    }
    passes += 1;
    elapsed = cpuMs() - started;
  }
  return { found, qps: (passes * QUERIES) / (elapsed / 1000) };
}

function meanRecall(exact: number[][], found: number[][]): number {
  return found.reduce((sum, ids, q) => sum + recallAtK(exact[q], ids), 0) / QUERIES;
}

function row(search: string, setting: string, recall: number, qps: number, exactQps: number): string {
  return `| ${search} | ${setting} | ${recall.toFixed(3)} | ${qps.toFixed(0)} | ${(qps / exactQps).toFixed(1)}x |`;
}

export async function run(): Promise<void> {
  const rng = new Random(1);
  const vectors = clusteredVectors(SIZE, rng.fork('items'));
  const queries = clusteredVectors(QUERIES, rng.fork('queries'));
  const queryAt = (q: number) => queries.subarray(q * DIM, (q + 1) * DIM);

  const exactRun = measure((q) => exactSearch(vectors, DIM, queryAt(q), K));
  const exact = exactRun.found;
  const exactQps = exactRun.qps;
  console.log(`exact search: ${exactQps.toFixed(0)} queries/s`);

  for (const lists of LIST_COUNTS) {
    const started = performance.now();
    const index = IvfIndex.build(vectors, DIM, lists, rng.fork('ivf'));
    console.log(`IVF build: ${lists} lists over ${SIZE} × ${DIM} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log('| search | setting | recall@10 | queries/s | speed-up |');
    console.log('|---|---|---|---|---|');
    console.log(row('exact', '-', 1, exactQps, exactQps));
    for (const probes of PROBES.filter((p) => p <= lists)) {
      const { found, qps } = measure((q) => index.search(queryAt(q), K, probes));
      console.log(row('IVF', `${lists} lists, ${probes} probe${probes === 1 ? '' : 's'}`, meanRecall(exact, found), qps, exactQps));
    }
  }

  if (process.env.ANN_SKIP_HNSW === '1') {
    return;
  }
  const started = performance.now();
  const graph = HnswIndex.build(vectors, DIM, rng.fork('hnsw'));
  console.log(`HNSW build: m 16, efConstruction 100 over ${SIZE} × ${DIM} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const ef of EFS) {
    const { found, qps } = measure((q) => graph.search(queryAt(q), K, ef));
    console.log(row('HNSW', `ef ${ef}`, meanRecall(exact, found), qps, exactQps));
  }
}
