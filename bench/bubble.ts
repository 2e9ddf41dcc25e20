/**
 * Lab 8 benchmark in Node, WASM backend:
 * 1. the twin view: ticks per second of `TwinSimulation.step()` (both loops
 *    stepped, bubble points projected) at the default world of
 *    `filterBubbleWorldDefaults` with the default preset, retrains included;
 * 2. the headless CLI: wall-clock seconds of
 *    `npm run sim -- --lab filter-bubble --seeds 1-20 --ticks 300`, run as a child process.
 *
 * Run with `npm run bench -- bubble`. `BUBBLE_BENCH_SEEDS` and
 * `BUBBLE_BENCH_TICKS` shrink the CLI part (defaults 20 and 300), and
 * `BUBBLE_BENCH_THREADS` sets its `--threads` (default one per core). Results are
 * recorded in bench/RESULTS.md.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useNodeBackend } from '../cli/backend';
import { TwinSimulation } from '../src/engine/experiments/twin';
import { DEFAULT_FILTER_BUBBLE_PRESET, filterBubbleWorldDefaults, findPreset } from '../src/engine/scenarios/filterBubble';

/** Ticks of the twin view per timed run; 100 covers 10 retrains at the default retrain period. */
const TWIN_TICKS = 100;
/** Timed runs of the twin view (seeds 1 to REPEATS); the table shows the median and the range. */
const REPEATS = 3;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeTwin(seed: number): Promise<number> {
  const preset = findPreset(DEFAULT_FILTER_BUBBLE_PRESET);
  const twin = await TwinSimulation.create({ world: filterBubbleWorldDefaults, a: preset.a, b: preset.b }, seed);
  const started = performance.now();
  for (let tick = 0; tick < TWIN_TICKS; tick += 1) {
    await twin.step();
  }
  return TWIN_TICKS / ((performance.now() - started) / 1000);
}

function timeCli(seeds: number, ticks: number, threads: number): Promise<number> {
  const out = join(mkdtempSync(join(tmpdir(), 'feedlab-bench-bubble-')), 'bubble.csv');
  const argv = ['--import', 'tsx', 'cli/sim.ts', '--lab', 'filter-bubble', '--seeds', `1-${seeds}`, '--ticks', String(ticks), '--threads', String(threads), '--backend', 'wasm', '--out', out];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, argv, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) {
        reject(new Error(`filter-bubble CLI failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve((performance.now() - started) / 1000);
    });
  });
}

/** Runs the benchmark and prints the machine and Markdown tables to stdout. */
export async function run(): Promise<void> {
  await useNodeBackend('wasm');
  const world = filterBubbleWorldDefaults;
  console.log(`machine: ${availableParallelism()} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()[0].toFixed(2)} at start`);
  console.log(`world: ${world.users} users × ${world.items} items × ${world.topics} topics, retrain every ${world.retrainEvery} ticks, preset ${DEFAULT_FILTER_BUBBLE_PRESET}, backend wasm`);
  console.log('');

  const rates: number[] = [];
  for (let seed = 1; seed <= REPEATS; seed += 1) {
    rates.push(await timeTwin(seed));
  }
  console.log(`| twin view | ticks per run | runs | twin ticks/s, median (range) |`);
  console.log('|---|---|---|---|');
  console.log(`| both loops + bubble points | ${TWIN_TICKS} | ${REPEATS} | ${median(rates).toFixed(2)} (${Math.min(...rates).toFixed(2)}-${Math.max(...rates).toFixed(2)}) |`);
  console.log('');

  const seeds = Number(process.env.BUBBLE_BENCH_SEEDS ?? 20);
  const ticks = Number(process.env.BUBBLE_BENCH_TICKS ?? 300);
  const threads = Number(process.env.BUBBLE_BENCH_THREADS ?? Math.min(seeds, availableParallelism()));
  const seconds = await timeCli(seeds, ticks, threads);
  console.log('| CLI | seeds × ticks | threads | wall-clock s | s per seed |');
  console.log('|---|---|---|---|---|');
  console.log(`| npm run sim -- --lab filter-bubble | ${seeds} × ${ticks} | ${threads} | ${seconds.toFixed(1)} | ${(seconds / seeds).toFixed(1)} |`);
  console.log(`load average at end: ${loadavg()[0].toFixed(2)}`);
}
