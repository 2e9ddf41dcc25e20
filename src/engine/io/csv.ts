import { TICK_METRIC_COLUMNS, type TickMetrics } from '../loop/types';

/**
 * Writes per-tick metrics as CSV: a header row of {@link TICK_METRIC_COLUMNS},
 * then one row per tick in the order given, `\n` line endings and a trailing
 * newline. The page's "Download CSV" and the CLI both call this; an
 * end-to-end test checks that they write byte-identical files for the same
 * seed, parameters and backend.
 *
 * Numbers are written with {@link formatCsvNumber}: no rounding, so a file
 * read back gives exactly the float64 values of the rows.
 *
 * @throws Error when a row lacks a column or contains a non-number in it.
 */
export function metricsToCsv(rows: readonly TickMetrics[]): string {
  const lines = [TICK_METRIC_COLUMNS.join(',')];

  for (const row of rows) {
    const fields = TICK_METRIC_COLUMNS.map((column) => {
      const value: unknown = row[column];
      if (typeof value !== 'number') {
        throw new Error(`Cannot write metrics CSV: tick ${String(row.tick)} has ${column}=${String(value)}; expected a number in every column`);
      }
      return formatCsvNumber(value);
    });
    lines.push(fields.join(','));
  }

  return lines.join('\n') + '\n';
}

/**
 * Formats one number for CSV: the shortest decimal that reads back to the same
 * float64 (ECMAScript Number::toString, so identical in every engine), e.g.
 * `0.1`, `1e-7`, `42`. NaN is an empty field, infinities are `inf` and `-inf`
 * (as Python's float() reads them), and -0 is `0`.
 */
export function formatCsvNumber(value: number): string {
  if (Number.isNaN(value)) {
    return '';
  }
  if (value === Infinity) {
    return 'inf';
  }
  if (value === -Infinity) {
    return '-inf';
  }
  return String(value);
}
