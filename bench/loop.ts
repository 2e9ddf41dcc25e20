/**
 * Closed-loop benchmark of Lab 1 in Node: 1,000 users × 1,000 items × 20
 * topics, 100 ticks, on the WASM backend, once without retraining
 * (`retrainEvery: 0`) and once retraining every 10 ticks. Prints the seconds
 * to build the world and to run the ticks, as a Markdown table.
 *
 * Run with `npm run bench -- loop`. Results are recorded in bench/RESULTS.md.
 */
import { availableParallelism, cpus } from 'node:os';
import { useNodeBackend } from '../cli/backend';
import { FeedSimulation } from '../src/engine/loop/simulation';
import { parseFeedMachineParams } from '../src/engine/scenarios/feedMachine';

const SIZE = { users: 1_000, items: 1_000, topics: 20 };
const TICKS = 100;
/** Runs per configuration; the table shows the median and the range. */
const REPEATS = 3;

interface LoopTiming {
  /** Seconds for `FeedSimulation.create`, which builds the synthetic world. */
  createSeconds: number;
  /** Seconds for `TICKS` calls of `step()`. */
  tickSeconds: number;
  /** Ticks whose row has `retrained` = 1. */
  retrains: number;
}

async function timeLoop(retrainEvery: number, seed: number): Promise<LoopTiming> {
  const params = parseFeedMachineParams({ ...SIZE, retrainEvery, seed });

  const createStart = performance.now();
  const simulation = await FeedSimulation.create(params);
  const createSeconds = (performance.now() - createStart) / 1000;

  const tickStart = performance.now();
  let retrains = 0;
  for (let tick = 0; tick < TICKS; tick++) {
    const { metrics } = await simulation.step();
    retrains += metrics.retrained;
  }
  const tickSeconds = (performance.now() - tickStart) / 1000;

  return { createSeconds, tickSeconds, retrains };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function seconds(values: number[]): string {
  const low = Math.min(...values).toFixed(2);
  const high = Math.max(...values).toFixed(2);
  return `${median(values).toFixed(2)} (${low}-${high})`;
}

/** Runs the benchmark and prints the machine and a Markdown table to stdout. */
export async function run(): Promise<void> {
  await useNodeBackend('wasm');

  console.log(`machine: ${availableParallelism()} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  console.log(`world: ${SIZE.users} users × ${SIZE.items} items × ${SIZE.topics} topics, ${TICKS} ticks, backend wasm, ${REPEATS} runs each (seeds 1-${REPEATS})`);
  console.log('');
  console.log('| retrainEvery | retrains | create world, s | 100 ticks, s |');
  console.log('|---|---|---|---|');

  for (const retrainEvery of [0, 10]) {
    const timings: LoopTiming[] = [];
    for (let repeat = 1; repeat <= REPEATS; repeat++) {
      timings.push(await timeLoop(retrainEvery, repeat));
    }
    const create = seconds(timings.map((timing) => timing.createSeconds));
    const ticks = seconds(timings.map((timing) => timing.tickSeconds));
    console.log(`| ${retrainEvery} | ${timings[0].retrains} | ${create} | ${ticks} |`);
  }
}
