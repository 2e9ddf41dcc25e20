import { formatCsvNumber } from '../io/csv';
import { CREATOR_TICK_COLUMNS, type CreatorTickRow } from './run';

/** Writes Lab 9's per-tick rows as CSV: a header of {@link CREATOR_TICK_COLUMNS}, one line per tick, NaN as an empty field. */
export function creatorRowsToCsv(rows: readonly CreatorTickRow[]): string {
  const lines = [CREATOR_TICK_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(CREATOR_TICK_COLUMNS.map((column) => formatCsvNumber(row[column])).join(','));
  }
  return lines.join('\n') + '\n';
}
