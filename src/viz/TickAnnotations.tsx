/**
 * Labelled vertical markers at given ticks of a chart over ticks, for events
 * such as a policy change ("ε → 0.2"). Each marker is a dark line with a
 * white casing, so it stays visible over coloured areas, and a label near
 * the top of the plot. Labels that would overlap move down a row. Past
 * {@link LABEL_ROWS} rows a marker keeps its line but drops its label, so the
 * chart's caption or a list beside it must carry the text.
 */
import type { ScaleLinear } from 'd3';
import { BACKGROUND_COLOR, TEXT_COLOR } from './palette';

export interface TickAnnotation {
  tick: number;
  /** Short text drawn beside the marker, for example "ε → 0.2". */
  label: string;
}

interface TickAnnotationsProps {
  annotations: readonly TickAnnotation[];
  xScale: ScaleLinear<number, number>;
  /** Height of the plot area in pixels; markers run from its top to its bottom. */
  height: number;
}

/** Rows of labels below the top of the plot. */
const LABEL_ROWS = 3;
/**
 * Row height and estimated width of one label character, in pixels. They fit
 * the largest chart font, which the page's CSS sets to 16 px in presentation
 * mode, so at the normal 12 px labels are spaced a little wider than needed.
 */
const ROW_HEIGHT = 18;
const CHAR_WIDTH = 9.5;

interface PlacedAnnotation {
  key: string;
  x: number;
  label: string;
  /** Label row, or null when every row was taken. */
  row: number | null;
  anchor: 'start' | 'end';
}

/** Places labels left to right: right of the marker, or left of it near the right edge, in the first row where the last label has ended. */
function placeLabels(annotations: readonly TickAnnotation[], xScale: ScaleLinear<number, number>): PlacedAnnotation[] {
  const [domainStart, domainEnd] = xScale.domain();
  const plotRight = xScale.range()[1];
  const rowEnds: number[] = Array.from({ length: LABEL_ROWS }, () => Number.NEGATIVE_INFINITY);
  const placed: PlacedAnnotation[] = [];

  const visible = annotations.filter((annotation) => annotation.tick >= domainStart && annotation.tick <= domainEnd).sort((a, b) => a.tick - b.tick);
  for (const annotation of visible) {
    const x = xScale(annotation.tick);
    const width = annotation.label.length * CHAR_WIDTH + 8;
    const anchor = x + width > plotRight ? 'end' : 'start';
    const left = anchor === 'start' ? x : x - width;
    const row = rowEnds.findIndex((end) => end < left);
    if (row >= 0) {
      rowEnds[row] = left + width;
    }
    placed.push({ key: `${annotation.tick}`, x, label: annotation.label, row: row >= 0 ? row : null, anchor });
  }
  return placed;
}

/** Draws the markers inside a chart's plot group (the group already translated by the chart's margins). */
export function TickAnnotations({ annotations, xScale, height }: TickAnnotationsProps) {
  if (annotations.length === 0) {
    return null;
  }
  const placed = placeLabels(annotations, xScale);
  return (
    <g className="tick-annotations">
      {placed.map((annotation) => (
        <g key={annotation.key}>
          <line x1={annotation.x} x2={annotation.x} y1={0} y2={height} stroke={BACKGROUND_COLOR} strokeWidth={3.5} />
          <line x1={annotation.x} x2={annotation.x} y1={0} y2={height} stroke={TEXT_COLOR} strokeWidth={1.5} />
          {annotation.row !== null && (
            <text
              x={annotation.x + (annotation.anchor === 'start' ? 4 : -4)}
              y={14 + annotation.row * ROW_HEIGHT}
              textAnchor={annotation.anchor}
              fontWeight={600}
              fill={TEXT_COLOR}
              stroke={BACKGROUND_COLOR}
              strokeWidth={3}
              paintOrder="stroke"
            >
              {annotation.label}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}
