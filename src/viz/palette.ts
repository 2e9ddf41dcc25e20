/**
 * Chart colours. Charts set colours as SVG attributes (not CSS variables) so
 * an exported SVG or PNG looks like the page.
 *
 * The page's one visual rule: what the platform measures is blue and solid.
 * The ground truth it cannot see is orange, and dashed where lines share an axis.
 */
import { schemeDark2, schemePaired, schemeSet1, schemeSet2, schemeTableau10 } from 'd3';

export const MEASURED_COLOR = '#1f5fa8';
export const MEASURED_COLOR_LIGHT = '#6f9fd8';
export const TRUTH_COLOR = '#b34700';
export const TRUTH_COLOR_LIGHT = '#e0903c';
export const DIVERSITY_COLOR = '#2e7d32';
export const PENALTY_COLOR = '#8e244d';
export const TEXT_COLOR = '#1a1a1a';
export const MUTED_TEXT_COLOR = '#4d4d4d';
export const GRID_COLOR = '#d9d9d9';
export const BACKGROUND_COLOR = '#ffffff';

/** 47 distinct categorical colours (Tableau 10, Paired, Set 2, Dark 2, Set 1), enough for the 40-topic maximum. */
const TOPIC_PALETTE: readonly string[] = [...schemeTableau10, ...schemePaired, ...schemeSet2, ...schemeDark2, ...schemeSet1];

/** Colour of topic `topic` (0-based); wraps around past the palette. */
export function topicColor(topic: number): string {
  return TOPIC_PALETTE[topic % TOPIC_PALETTE.length];
}
