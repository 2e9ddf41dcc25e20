/** Number formats of the ranking page. Non-finite values (an AUC on one class, a task not trained) show as an em dash. */

export function formatNumber(value: number | undefined, digits = 3): string {
  return value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** Signed difference, for example `+0.012` or `−0.004`. */
export function formatSigned(value: number, digits = 3): string {
  if (!Number.isFinite(value)) {
    return '—';
  }
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;
}

export function formatPercent(value: number | undefined, digits = 1): string {
  return value !== undefined && Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : '—';
}
