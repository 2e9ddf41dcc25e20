import { formatCsvNumber } from '../io/csv';
import type { BubbleMetrics } from './bubbleMetrics';
import { BUBBLE_METRIC_COLUMNS, BUBBLE_METRIC_NAMES, BUBBLE_METRIC_DOC } from './bubbleMetrics';
import type { SeedRun, SummaryTick } from './seeds';
import { SERIES } from './seeds';

/** Key columns of the Lab 8 CSV; the metric columns follow them. */
const KEY_COLUMNS = ['seed', 'tick', 'series', 'statistic'] as const;

/**
 * Writes Lab 8's runs as one long-format CSV, with columns
 * `seed,tick,series,statistic` and then every metric of {@link BUBBLE_METRIC_COLUMNS}:
 * - per-seed rows: `seed` is the seed, `series` is `a`, `b` or `difference` (B − A), `statistic` is `value`;
 * - summary rows: `seed` is `all`, `statistic` is `mean`, `low` or `high` (the 95% t interval over seeds).
 * Numbers use {@link formatCsvNumber} (no rounding; NaN is an empty field), `\n`
 * line endings and a trailing newline, so the page and the CLI write the same bytes.
 */
export function bubbleRunsToCsv(runs: readonly SeedRun[], summary: readonly SummaryTick[]): string {
  const lines = [[...KEY_COLUMNS, ...BUBBLE_METRIC_NAMES].join(',')];

  for (const run of runs) {
    for (const row of run.rows) {
      for (const series of SERIES) {
        lines.push([String(run.seed), String(row.tick), series, 'value', ...metricFields(row[series])].join(','));
      }
    }
  }

  for (const tick of summary) {
    for (const series of SERIES) {
      for (const statistic of ['mean', 'low', 'high'] as const) {
        const fields = BUBBLE_METRIC_NAMES.map((metric) => formatCsvNumber(tick.series[series][metric][statistic]));
        lines.push(['all', String(tick.tick), series, statistic, ...fields].join(','));
      }
    }
  }
  return lines.join('\n') + '\n';
}

function metricFields(metrics: BubbleMetrics): string[] {
  return BUBBLE_METRIC_NAMES.map((metric) => formatCsvNumber(metrics[metric]));
}

/**
 * Formats the summary at one tick as a fixed-width text table: a row per
 * metric with A, B and B − A as `mean [low, high]`. For the CLI's stderr.
 */
export function summaryTable(tick: SummaryTick, seeds: number): string {
  const cell = (interval: { mean: number; low: number; high: number }): string => `${interval.mean.toFixed(4)} [${interval.low.toFixed(4)}, ${interval.high.toFixed(4)}]`;
  const header = `metric at tick ${tick.tick} (mean [95% interval] over ${seeds} seed${seeds === 1 ? '' : 's'})`;
  const { a, b, difference } = tick.series;
  const labelWidth = Math.max(...BUBBLE_METRIC_NAMES.map((metric) => BUBBLE_METRIC_DOC[metric].label.length));
  const cellWidth = Math.max(...BUBBLE_METRIC_NAMES.flatMap((metric) => [cell(a[metric]).length, cell(b[metric]).length]));
  const lines = [header, `${'metric'.padEnd(labelWidth)}  ${'A'.padEnd(cellWidth)}  ${'B'.padEnd(cellWidth)}  B − A`];
  for (const metric of BUBBLE_METRIC_NAMES) {
    lines.push(`${BUBBLE_METRIC_DOC[metric].label.padEnd(labelWidth)}  ${cell(a[metric]).padEnd(cellWidth)}  ${cell(b[metric]).padEnd(cellWidth)}  ${cell(difference[metric])}`);
  }
  return lines.join('\n');
}

/** The CSV's column names, for readers and tests. */
export const BUBBLE_CSV_COLUMNS: readonly string[] = [...KEY_COLUMNS, ...BUBBLE_METRIC_COLUMNS.filter((column) => column !== 'tick')];
