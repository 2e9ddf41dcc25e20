/**
 * Formats a time per query for the page: milliseconds with three decimals
 * from 0.01 ms up, microseconds below that, and "under 1 µs" for a
 * measurement that rounds to zero (the browser's timer is coarse, so such a
 * query is only known to be very fast).
 */
export function formatQueryTime(ms: number): string {
  if (ms >= 0.01) {
    return `${ms.toFixed(3)} ms`;
  }
  const microseconds = ms * 1000;
  if (microseconds >= 1) {
    return `${microseconds.toFixed(1)} µs`;
  }
  return 'under 1 µs';
}
