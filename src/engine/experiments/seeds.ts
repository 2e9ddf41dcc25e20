import type { FilterBubbleConfig } from '../scenarios/filterBubble';
import type { MeanInterval } from '../stats/interval';
import { meanInterval } from '../stats/interval';
import type { BubbleMetricName, BubbleMetrics } from './bubbleMetrics';
import { BUBBLE_METRIC_NAMES } from './bubbleMetrics';
import { TwinSimulation } from './twin';

/** Rows of both twins and their difference per tick; a {@link TwinTick} without bubble points. */
export interface TwinRow {
  tick: number;
  a: BubbleMetrics;
  b: BubbleMetrics;
  difference: BubbleMetrics;
}

/** One seed's run: a row per tick. */
export interface SeedRun {
  seed: number;
  rows: TwinRow[];
}

/** The three series a chart draws: each twin and B − A. */
export const SERIES = ['a', 'b', 'difference'] as const;
export type Series = (typeof SERIES)[number];

/** Mean and 95% interval over seeds of every metric of every series at one tick. */
export interface SummaryTick {
  tick: number;
  /** `difference` is the interval of the per-seed differences (paired), not the difference of the intervals. */
  series: Record<Series, Record<BubbleMetricName, MeanInterval>>;
}

/** Called after each tick of each seed, for progress lines. */
export type SeedProgress = (seed: number, row: TwinRow) => void;

/**
 * Parses a seed list such as `1-20`, `3`, or `1-5,9,12-13` into distinct
 * seeds in the order given.
 *
 * @throws Error naming the part at fault and the accepted form.
 */
export function parseSeedList(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',').map((piece) => piece.trim())) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    const first = match === null ? Number.NaN : Number(match[1]);
    const last = match?.[2] === undefined ? first : Number(match[2]);
    if (match === null || last < first || last > 2 ** 31 - 1) {
      throw new Error(`Invalid seed list "${text}": "${part}" is not a seed or a range FIRST-LAST of seeds from 0 to 2147483647, as in 1-20 or 1-5,9`);
    }
    for (let seed = first; seed <= last; seed += 1) {
      if (!seeds.includes(seed)) {
        seeds.push(seed);
      }
    }
  }
  if (seeds.length > 1000) {
    throw new Error(`Invalid seed list "${text}": ${seeds.length} seeds; at most 1000 are allowed`);
  }
  return seeds;
}

/**
 * Runs the twins for `ticks` ticks on each seed, one seed after the other,
 * and returns every row. The caller must have set the TensorFlow.js backend.
 */
export async function runSeeds(config: FilterBubbleConfig, seeds: readonly number[], ticks: number, onProgress?: SeedProgress): Promise<SeedRun[]> {
  const runs: SeedRun[] = [];
  for (const seed of seeds) {
    const twin = await TwinSimulation.create(config, seed);
    const rows: TwinRow[] = [];
    for (let tick = 1; tick <= ticks; tick += 1) {
      const tick = await twin.step({ withoutBubbles: true });
      const row: TwinRow = { tick: tick.tick, a: tick.a, b: tick.b, difference: tick.difference };
      rows.push(row);
      onProgress?.(seed, row);
    }
    runs.push({ seed, rows });
  }
  return runs;
}

/**
 * Summarises runs tick by tick: the mean and 95% t interval over seeds of
 * each metric of A, B and B − A. Runs must have the same number of ticks.
 *
 * @throws Error when the runs differ in length.
 */
export function summariseSeeds(runs: readonly SeedRun[]): SummaryTick[] {
  if (runs.length === 0) {
    return [];
  }
  const ticks = runs[0].rows.length;
  const uneven = runs.find((run) => run.rows.length !== ticks);
  if (uneven !== undefined) {
    throw new Error(`Cannot summarise seeds: seed ${uneven.seed} has ${uneven.rows.length} ticks and seed ${runs[0].seed} has ${ticks}; run every seed for the same ticks`);
  }

  const summary: SummaryTick[] = [];
  for (let index = 0; index < ticks; index += 1) {
    const series = {} as SummaryTick['series'];
    for (const name of SERIES) {
      const metrics = {} as Record<BubbleMetricName, MeanInterval>;
      for (const metric of BUBBLE_METRIC_NAMES) {
        metrics[metric] = meanInterval(runs.map((run) => run.rows[index][name][metric]));
      }
      series[name] = metrics;
    }
    summary.push({ tick: runs[0].rows[index].tick, series });
  }
  return summary;
}
