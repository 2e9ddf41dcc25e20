/** Number formats of the feed-machine page. Non-finite values (for example a loss before the first retrain) show as an em dash. */

export function formatNumber(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** English ordinal of a positive integer: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) {
    return `${n}th`;
  }
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** Formats a share in [0, 1] as a percentage, for example `42.5%`. */
export function formatPercent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : '—';
}

/** Mean of `value` over the rows with index in [from, to), skipping non-finite values; NaN when none. */
export function meanOver<Row>(rows: readonly Row[], value: (row: Row) => number, from = 0, to = rows.length): number {
  let sum = 0;
  let count = 0;
  for (let index = Math.max(0, from); index < Math.min(to, rows.length); index++) {
    const v = value(rows[index]);
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}

/**
 * Label of topic `topic` (0-based): the world's name for it (`comedy`, or
 * `taste 1` for a world fitted to ratings), or `topic N` when no world is
 * loaded or the world has no name at that index.
 */
export function topicLabel(topic: number, names?: readonly string[] | null): string {
  return names?.[topic] ?? `topic ${topic}`;
}
