/**
 * Lab 4's ranking-model training throughput per TensorFlow.js backend, in
 * Node (wasm, cpu) and in a Chromium Web Worker (wasm, cpu), for the lab's
 * own training code (`createCtrModel(kind).fit`) and for the same model
 * written directly with TF.js ops (`ranking/workload.ts`). The lab's
 * overhead is 1 − lab / bare, from the medians of samples per second.
 *
 * Run with `npm run bench -- ranking` or `npx tsx bench/ranking.ts`. It
 * builds a small page from bench/ranking/ with Vite, serves the built files
 * with a Node static server on 127.0.0.1:4183 and drives Chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium) through Playwright. Results are
 * recorded in bench/RESULTS.md; the raw runs go to bench/out/ranking.json.
 * REPEATS (environment, default 3) sets the timed runs per cell.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import type { Remote } from 'comlink';
import { build } from 'vite';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { activateBackend } from '../src/engine/backend/activate';
import type { BackendName } from '../src/engine/backend/types';
import { CTR_MODEL_KINDS } from '../src/engine/ctr/modelInfo';
import type { CtrModelKind } from '../src/engine/ctr/types';
import { serveStatic } from './ranking/serveStatic';
import type { RankingWorkerApi } from './ranking/ranking.worker';
import { BENCH_EPOCHS, BENCH_SAMPLES, makeBenchData, measure, type RankingRun, type Variant } from './ranking/workload';

const REPEATS = Number(process.env.REPEATS ?? 3);
const PORT = 4183;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const SITE_DIR = fileURLToPath(new URL('./ranking/', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));
const SITE_OUT_DIR = fileURLToPath(new URL('./out/ranking-site/', import.meta.url));
const RAW_RESULTS = fileURLToPath(new URL('./out/ranking.json', import.meta.url));

/** Timed runs of both variants of one model in one environment on one backend. */
interface Comparison {
  environment: 'Node' | 'Chromium worker';
  backend: BackendName;
  model: CtrModelKind;
  lab: RankingRun[];
  bare: RankingRun[];
}

type RunOnce = (kind: CtrModelKind, variant: Variant) => Promise<RankingRun>;

/** Runs each variant once untimed, then REPEATS timed runs of each, alternating. */
async function compareModels(environment: Comparison['environment'], backend: BackendName, runOnce: RunOnce): Promise<Comparison[]> {
  const comparisons: Comparison[] = [];
  for (const model of CTR_MODEL_KINDS) {
    await runOnce(model, 'lab');
    await runOnce(model, 'bare');
    const lab: RankingRun[] = [];
    const bare: RankingRun[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      lab.push(await runOnce(model, 'lab'));
      bare.push(await runOnce(model, 'bare'));
    }
    comparisons.push({ environment, backend, model, lab, bare });
    console.error(`${environment} ${backend} ${model}: lab ${Math.round(median(lab))} samples/s, bare ${Math.round(median(bare))} samples/s`);
  }
  return comparisons;
}

async function benchmarkNode(): Promise<Comparison[]> {
  const data = makeBenchData();
  const comparisons: Comparison[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await activateBackend(backend);
    comparisons.push(...(await compareModels('Node', backend, (kind, variant) => measure(kind, variant, data, BENCH_EPOCHS))));
  }
  return comparisons;
}

interface BenchmarkWindow {
  rankingWorker: Remote<RankingWorkerApi>;
}

async function benchmarkChromium(): Promise<{ comparisons: Comparison[]; version: string }> {
  await build({
    configFile: false,
    root: SITE_DIR,
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: SITE_OUT_DIR, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  });
  const server = await serveStatic(SITE_OUT_DIR, PORT);
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForFunction(() => 'rankingWorker' in window);

      const comparisons: Comparison[] = [];
      for (const backend of ['wasm', 'cpu'] as const) {
        const active = await page.evaluate((name) => (window as unknown as BenchmarkWindow).rankingWorker.setBackend(name), backend);
        if (active !== backend) {
          throw new Error(`Chromium worker runs ${active} after setBackend('${backend}')`);
        }
        comparisons.push(...(await compareModels('Chromium worker', backend, (kind, variant) => measureInWorker(page, kind, variant))));
      }
      return { comparisons, version: browser.version() };
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

function measureInWorker(page: Page, kind: CtrModelKind, variant: Variant): Promise<RankingRun> {
  return page.evaluate(([model, name, epochs]) => (window as unknown as BenchmarkWindow).rankingWorker.measure(model, name, epochs), [kind, variant, BENCH_EPOCHS] as const);
}

function median(runs: RankingRun[]): number {
  const sorted = runs.map((run) => run.samplesPerSecond).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function formatRate(runs: RankingRun[]): string {
  const rates = runs.map((run) => run.samplesPerSecond);
  const thousands = (value: number) => `${(value / 1000).toFixed(value < 10_000 ? 1 : 0)}k`;
  return `${thousands(median(runs))} (${thousands(Math.min(...rates))}-${thousands(Math.max(...rates))})`;
}

/** Prints the machine and one Markdown table row per environment, backend and model. */
function printTable(comparisons: Comparison[], chromiumVersion: string): void {
  console.log(`Machine: ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ${chromiumVersion}; TensorFlow.js ${tf.version.tfjs}`);
  console.log(`Workload: default synthetic log, ${BENCH_SAMPLES.toLocaleString('en-US')} impressions × ${BENCH_EPOCHS} epoch, click task; ${REPEATS} timed runs per cell`);
  console.log('');
  console.log('| where | backend | model | lab samples/s | bare TF.js samples/s | lab overhead | loss lab / bare |');
  console.log('|---|---|---|---|---|---|---|');
  for (const comparison of comparisons) {
    const overhead = `${(100 * (1 - median(comparison.lab) / median(comparison.bare))).toFixed(1)}%`;
    const loss = `${comparison.lab[0].loss.toFixed(4)} / ${comparison.bare[0].loss.toFixed(4)}`;
    console.log(`| ${comparison.environment} | ${comparison.backend} | ${comparison.model} | ${formatRate(comparison.lab)} | ${formatRate(comparison.bare)} | ${overhead} | ${loss} |`);
  }
}

/** Runs the benchmark and prints the machine and a Markdown table to stdout. */
export async function run(): Promise<void> {
  const node = await benchmarkNode();
  const chromiumRuns = await benchmarkChromium();
  const comparisons = [...node, ...chromiumRuns.comparisons];
  printTable(comparisons, `Chromium ${chromiumRuns.version}`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(RAW_RESULTS, `${JSON.stringify({ repeats: REPEATS, samples: BENCH_SAMPLES, epochs: BENCH_EPOCHS, comparisons }, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
