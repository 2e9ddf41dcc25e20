/** Number wording shared by Lab 9's panels; NaN and infinities read "n/a", and negative numbers use U+2212. */
import { MINUS, formatDecimal } from '../../viz/formatNumber';

/** Formats a count or a mean of counts: whole numbers as they are, others with 1 decimal. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  return formatDecimal(value, Number.isInteger(value) ? 0 : 1);
}

/** Formats a mean per tick with 1 decimal, whole values included, so a column of means reads alike: 1 as "1.0". */
export function formatMean(value: number): string {
  return formatDecimal(value, 1);
}

/** Formats a rank correlation with 2 decimals. */
export function formatRho(value: number): string {
  return formatDecimal(value, 2);
}

/** Formats a share as a percentage with 1 decimal: 0.254 as "25.4%", −0.1 as "−10.0%". */
export function formatPercent(value: number): string {
  const text = formatDecimal(value * 100, 1);
  return Number.isFinite(value) ? `${text}%` : text;
}

/** Formats a probability or rate with 3 decimals. */
export function formatRate(value: number): string {
  return formatDecimal(value, 3);
}

/** Formats a relative change as a signed percentage: 0.25 as "+25.0%", −0.1 as "−10.0%", and 0 as "0.0%". */
export function formatSignedPercent(value: number): string {
  const text = formatPercent(value);
  return Number.isFinite(value) && value > 0 ? `+${text}` : text;
}

/** Formats a difference of counts with its sign: 10.8 as "+10.8", −3 as "−3", and 0 as "0". */
export function formatSignedCount(value: number): string {
  const text = formatCount(Math.abs(value));
  if (!Number.isFinite(value) || value === 0) {
    return text;
  }
  return value > 0 ? `+${text}` : `${MINUS}${text}`;
}

/** Formats a difference of means per tick with its sign and 1 decimal: 10.8 as "+10.8", −3 as "−3.0". */
export function formatSignedMean(value: number): string {
  const text = formatMean(value);
  return Number.isFinite(value) && Number(text) > 0 ? `+${text}` : text;
}
