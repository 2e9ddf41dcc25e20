/**
 * Benchmarks approximate nearest-neighbour search (the IVF and HNSW indexes)
 * against exact search on 100,000 × 32 vectors: recall@10 and queries per second for several
 * probe counts and search widths. Run with `npm run bench -- ann`.
 *
 * The vectors are a mixture of 200 Gaussian clusters: unit-norm centres with
 * noise of standard deviation 0.35 / √32 per dimension around them. They
 * stand in for trained item embeddings, which cluster by topic.
 */
import { HnswIndex } from '../src/engine/retrieval/hnswIndex';
import { IvfIndex, exactSearch, recallAtK } from '../src/engine/retrieval/ivfIndex';
import { Random } from '../src/engine/random';

const SIZE = 100_000;
const DIM = 32;
const CLUSTERS = 200;
const QUERIES = 200;
const K = 10;
const LISTS = Number(process.env.IVF_LISTS ?? 316);

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

export async function run(): Promise<void> {
  const rng = new Random(1);
  const vectors = clusteredVectors(SIZE, rng.fork('items'));
  const queries = clusteredVectors(QUERIES, rng.fork('queries'));
  const queryAt = (q: number) => queries.subarray(q * DIM, (q + 1) * DIM);

  let started = performance.now();
  const index = IvfIndex.build(vectors, DIM, LISTS, rng.fork('ivf'));
  console.log(`IVF build: ${LISTS} lists over ${SIZE} × ${DIM} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const exact = Array.from({ length: QUERIES }, (_, q) => exactSearch(vectors, DIM, queryAt(q), K));
  const exactQps = QUERIES / ((performance.now() - started) / 1000);
  console.log('| search | setting | recall@10 | queries/s | speed-up |');
  console.log('|---|---|---|---|---|');
  console.log(`| exact | - | 1.000 | ${exactQps.toFixed(0)} | 1.0x |`);

  for (const probes of [1, 2, 4, 6, 8, 12, 16, 32]) {
    started = performance.now();
    const found = Array.from({ length: QUERIES }, (_, q) => index.search(queryAt(q), K, probes));
    const qps = QUERIES / ((performance.now() - started) / 1000);
    const recall = found.reduce((sum, ids, q) => sum + recallAtK(exact[q], ids), 0) / QUERIES;
    console.log(`| IVF | ${probes} probes | ${recall.toFixed(3)} | ${qps.toFixed(0)} | ${(qps / exactQps).toFixed(1)}x |`);
  }

  started = performance.now();
  const graph = HnswIndex.build(vectors, DIM, rng.fork('hnsw'));
  console.log(`HNSW build: m 16, efConstruction 100 over ${SIZE} × ${DIM} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const ef of [10, 20, 40, 80]) {
    started = performance.now();
    const found = Array.from({ length: QUERIES }, (_, q) => graph.search(queryAt(q), K, ef));
    const qps = QUERIES / ((performance.now() - started) / 1000);
    const recall = found.reduce((sum, ids, q) => sum + recallAtK(exact[q], ids), 0) / QUERIES;
    console.log(`| HNSW | ef ${ef} | ${recall.toFixed(3)} | ${qps.toFixed(0)} | ${(qps / exactQps).toFixed(1)}x |`);
  }
}
