/**
 * Ranking-model training throughput per TensorFlow.js backend, in Node and
 * in a Chromium Web Worker, for the lab's own training code
 * (`LogisticRanker.train`) and for the same model written directly with
 * TF.js ops (`worker-training/workload.ts`). The lab's overhead is
 * 1 − lab / bare, from the medians of samples per second.
 *
 * Run with `npx tsx bench/worker-training.ts` (or `npm run bench --
 * worker-training` once bench/run.ts lists it). It builds a small page from
 * bench/worker-training/ with Vite, serves it on 127.0.0.1:4181 and drives
 * Chromium (CHROMIUM_PATH, default /usr/bin/chromium) through Playwright.
 * Results are recorded in bench/RESULTS.md; the raw runs go to
 * bench/out/worker-training.json.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import type { Remote } from 'comlink';
import { build, preview } from 'vite';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { activateBackend } from '../src/engine/backend/activate';
import { isSoftwareRenderer } from '../src/engine/backend/selectBackend';
import type { BackendName } from '../src/engine/backend/types';
import type { TrainingWorkerApi } from './worker-training/training.worker';
import { LAB_WORKLOAD, makeRankingSamples, measure, type TrainingRun, type Variant, type WorkloadSize } from './worker-training/workload';

/** Timed runs per variant and backend, alternating lab and bare; each is one retrain. */
const REPEATS = 5;

/**
 * WebGL in headless Chromium without a GPU runs on SwiftShader, which was
 * about 10x slower than WASM on this model, so it gets a smaller workload:
 * 16 batches of 512.
 */
const WEBGL_WORKLOAD: WorkloadSize = { samples: 8_192, epochs: 1 };

const PORT = 4181;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const SITE_DIR = fileURLToPath(new URL('./worker-training/', import.meta.url));
const SITE_OUT_DIR = fileURLToPath(new URL('./out/worker-training-site/', import.meta.url));
const RAW_RESULTS = fileURLToPath(new URL('./out/worker-training.json', import.meta.url));

/** Timed runs of both variants in one environment on one backend. */
interface Comparison {
  environment: 'Node' | 'Chromium worker';
  backend: BackendName;
  /** WebGL renderer string, for the WebGL rows. */
  renderer?: string;
  workload: WorkloadSize;
  lab: TrainingRun[];
  bare: TrainingRun[];
}

type RunOnce = (variant: Variant, workload: WorkloadSize) => Promise<TrainingRun>;

/** Runs each variant once untimed, then `repeats` timed runs of each, alternating. */
async function compare(runOnce: RunOnce, workload: WorkloadSize, repeats: number): Promise<{ lab: TrainingRun[]; bare: TrainingRun[] }> {
  await runOnce('lab', workload);
  await runOnce('bare', workload);
  const lab: TrainingRun[] = [];
  const bare: TrainingRun[] = [];
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    lab.push(await runOnce('lab', workload));
    bare.push(await runOnce('bare', workload));
  }
  return { lab, bare };
}

async function benchmarkNode(): Promise<Comparison[]> {
  const samplesBySize = new Map<number, ReturnType<typeof makeRankingSamples>>();
  const runOnce: RunOnce = (variant, workload) => {
    const samples = samplesBySize.get(workload.samples) ?? makeRankingSamples(workload.samples);
    samplesBySize.set(workload.samples, samples);
    return measure(variant, samples, workload.epochs);
  };

  const comparisons: Comparison[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await activateBackend(backend);
    comparisons.push({ environment: 'Node', backend, workload: LAB_WORKLOAD, ...(await compare(runOnce, LAB_WORKLOAD, REPEATS)) });
  }
  return comparisons;
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
  const server = await preview({ configFile: false, root: SITE_DIR, logLevel: 'warn', build: { outDir: SITE_OUT_DIR }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForFunction(() => 'trainingWorker' in window);

      const comparisons: Comparison[] = [];
      for (const backend of ['wasm', 'cpu', 'webgl'] as const) {
        const { active, renderer } = await setWorkerBackend(page, backend);
        if (active !== backend) {
          throw new Error(`Chromium worker runs ${active} after setBackend('${backend}')`);
        }
        const workload = backend === 'webgl' ? WEBGL_WORKLOAD : LAB_WORKLOAD;
        const runOnce: RunOnce = (variant, size) => measureInWorker(page, variant, size);
        comparisons.push({ environment: 'Chromium worker', backend, renderer, workload, ...(await compare(runOnce, workload, REPEATS)) });
      }
      return { comparisons, version: browser.version() };
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

interface BenchmarkWindow {
  trainingWorker: Remote<TrainingWorkerApi>;
}

/** Sets the backend of the page's benchmark worker. The callbacks run in the page. */
function setWorkerBackend(page: Page, backend: BackendName): Promise<{ active: string; renderer?: string }> {
  return page.evaluate((name) => (window as unknown as BenchmarkWindow).trainingWorker.setBackend(name), backend);
}

function measureInWorker(page: Page, variant: Variant, workload: WorkloadSize): Promise<TrainingRun> {
  return page.evaluate(
    ([name, samples, epochs]) => (window as unknown as BenchmarkWindow).trainingWorker.measure(name, samples, epochs),
    [variant, workload.samples, workload.epochs] as const,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function formatRate(runs: TrainingRun[]): string {
  const rates = runs.map((run) => run.samplesPerSecond);
  const thousands = (value: number) => `${Math.round(value / 1000).toLocaleString('en-US')}k`;
  if (rates.length === 1) {
    return value(rates[0]);
  }
  return `${thousands(median(rates))} (${thousands(Math.min(...rates))}-${thousands(Math.max(...rates))})`;

  function value(rate: number): string {
    return rate >= 10_000 ? thousands(rate) : Math.round(rate).toLocaleString('en-US');
  }
}

/** Prints the machine and one Markdown table row per environment and backend. */
function printTable(comparisons: Comparison[], chromiumVersion: string): void {
  console.log(`Machine: ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ${chromiumVersion}; TensorFlow.js ${tf.version.tfjs}`);
  const renderers = new Set(comparisons.flatMap((comparison) => (comparison.renderer === undefined ? [] : [comparison.renderer])));
  for (const renderer of renderers) {
    console.log(`WebGL renderer: ${renderer}`);
  }
  console.log('');
  console.log('| where | backend | samples × epochs | lab samples/s | bare TF.js samples/s | lab overhead | click loss lab / bare |');
  console.log('|---|---|---|---|---|---|---|');
  for (const comparison of comparisons) {
    const lab = median(comparison.lab.map((run) => run.samplesPerSecond));
    const bare = median(comparison.bare.map((run) => run.samplesPerSecond));
    const overhead = `${(100 * (1 - lab / bare)).toFixed(1)}%`;
    const software = comparison.renderer !== undefined && isSoftwareRenderer(comparison.renderer);
    const backend = software ? `${comparison.backend} (software renderer)` : comparison.backend;
    const workload = `${comparison.workload.samples.toLocaleString('en-US')} × ${comparison.workload.epochs}`;
    const loss = `${comparison.lab[0].clickLoss.toFixed(5)} / ${comparison.bare[0].clickLoss.toFixed(5)}`;
    console.log(`| ${comparison.environment} | ${backend} | ${workload} | ${formatRate(comparison.lab)} | ${formatRate(comparison.bare)} | ${overhead} | ${loss} |`);
  }
}

/** Runs the benchmark and prints the machine and a Markdown table to stdout. */
export async function run(): Promise<void> {
  const node = await benchmarkNode();
  const chromiumRuns = await benchmarkChromium();
  const comparisons = [...node, ...chromiumRuns.comparisons];
  printTable(comparisons, `Chromium ${chromiumRuns.version}`);
  writeFileSync(RAW_RESULTS, `${JSON.stringify({ repeats: REPEATS, comparisons }, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
