/** Number and pipeline wording shared by Lab 8's panels. */
import type { Pipeline } from '../../engine/scenarios/filterBubble';

/** Formats a metric value with 3 decimals (none from 100 up), and NaN as "n/a". */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3);
}

/** Formats a difference with its sign, for B − A. */
export function formatDifference(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  const text = formatMetric(Math.abs(value));
  return value < 0 ? `−${text}` : `+${text}`;
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
