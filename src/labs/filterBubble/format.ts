/**
 * Number and pipeline wording shared by Lab 8's panels. The page's metric
 * values, intervals and captions go through these functions, so signs and
 * rounding read the same everywhere.
 */
import type { Pipeline } from '../../engine/scenarios/filterBubble';
import { MINUS, formatDecimal } from '../../viz/formatNumber';

export { MINUS, formatDecimal };

/** Formats a metric value with 3 decimals (none from 100 up); see {@link formatDecimal}. */
export function formatMetric(value: number): string {
  return formatDecimal(value, Number.isFinite(value) && Math.abs(value) >= 100 ? 0 : 3);
}

/**
 * Formats a difference such as B − A with its sign, +0.012 or −0.012. A
 * difference that rounds to zero prints as 0.000, without a sign.
 */
export function formatDifference(value: number): string {
  const text = formatMetric(value);
  if (text === 'n/a' || text.startsWith(MINUS) || Number(text) === 0) {
    return text;
  }
  return `+${text}`;
}

/** Formats an interval's ends as "[low, high]"; `difference` signs both ends. */
export function formatInterval(low: number, high: number, difference = false): string {
  const format = difference ? formatDifference : formatMetric;
  return `[${format(low)}, ${format(high)}]`;
}

/**
 * Formats one end of a difference's interval with its sign, using as many
 * decimals (3 to 6) as it takes for a non-zero end not to print as 0.000, so
 * +0.0001 is not misread as 0. Values below 10⁻⁶ in size print as 0.000000.
 */
export function formatIntervalEnd(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  let digits = 3;
  while (digits < 6 && value !== 0 && Number(Math.abs(value).toFixed(digits)) === 0) {
    digits += 1;
  }
  const text = formatDecimal(value, digits);
  return text.startsWith(MINUS) || Number(text) === 0 ? text : `+${text}`;
}

/** Formats a difference's interval as "[low, high]" with {@link formatIntervalEnd} at each end. */
export function formatDifferenceInterval(low: number, high: number): string {
  return `[${formatIntervalEnd(low)}, ${formatIntervalEnd(high)}]`;
}

/** Formats a share in [0, 1] as a percentage with one decimal: 0.123 becomes "12.3%". */
export function formatPercent(share: number): string {
  const text = formatDecimal(100 * share, 1);
  return text === 'n/a' ? text : `${text}%`;
}

/** Describes a pipeline in a few words, for legends: "platform, ε = 0.1, creator cap 30". */
export function describePipeline(pipeline: Pipeline): string {
  if (pipeline.recommender !== 'platform') {
    return pipeline.recommender === 'ideal' ? 'ideal recommender' : 'random recommender';
  }
  const parts = ['platform'];
  if (pipeline.epsilon > 0) {
    parts.push(`ε = ${pipeline.epsilon}`);
  }
  if (pipeline.calibrationWeight > 0) {
    parts.push(`calibrated λ = ${pipeline.calibrationWeight}`);
  } else if (pipeline.diversityWeight > 0) {
    parts.push(`MMR λ = ${pipeline.diversityWeight}`);
  }
  if (pipeline.creatorCap > 0) {
    parts.push(`creator cap ${pipeline.creatorCap}`);
  }
  return parts.length === 1 ? 'platform, no remedy' : parts.join(', ');
}
