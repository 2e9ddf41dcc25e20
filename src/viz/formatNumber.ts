/** The minus sign of every number on a lab page: U+2212, never a hyphen-minus. */
export const MINUS = '\u2212';

/**
 * Formats a number with `digits` decimals and a true minus sign (U+2212).
 * A value that rounds to zero prints without a sign (0.000, never −0.000),
 * and NaN or ±Infinity prints as "n/a".
 */
export function formatDecimal(value: number, digits: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  const text = Math.abs(value).toFixed(digits);
  const roundsToZero = Number(text) === 0;
  return value < 0 && !roundsToZero ? `${MINUS}${text}` : text;
}
