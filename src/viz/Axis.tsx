/**
 * Chart axes drawn by React from d3 scales: d3 computes the ticks and their
 * labels, React renders the lines and text.
 */
import type { ScaleBand, ScaleLinear } from 'd3';
import { GRID_COLOR, MUTED_TEXT_COLOR } from './palette';

interface LinearAxisProps {
  scale: ScaleLinear<number, number>;
  /** Approximate number of ticks (d3's `scale.ticks(count)`). */
  ticks?: number;
  format?: (value: number) => string;
  /** Length of the grid lines across the plot, 0 for none. */
  gridLength?: number;
  label?: string;
  /** Keep only whole-number ticks (for ticks of the simulation). */
  integer?: boolean;
}

/** Horizontal axis along the bottom of the plot area; place it with a `translate(0, height)`. */
export function AxisBottom({ scale, ticks = 6, format, gridLength = 0, label, integer = false }: LinearAxisProps) {
  const tickFormat = format ?? scale.tickFormat(ticks);
  const [start, end] = scale.range();
  const values = integer ? scale.ticks(ticks).filter(Number.isInteger) : scale.ticks(ticks);
  return (
    <g className="axis axis-bottom">
      <line x1={start} x2={end} stroke={MUTED_TEXT_COLOR} />
      {values.map((value) => (
        <g key={value} transform={`translate(${scale(value)},0)`}>
          {gridLength > 0 && <line y1={0} y2={-gridLength} stroke={GRID_COLOR} />}
          <line y2={5} stroke={MUTED_TEXT_COLOR} />
          <text y={18} textAnchor="middle" fill={MUTED_TEXT_COLOR}>
            {tickFormat(value)}
          </text>
        </g>
      ))}
      {label && (
        <text x={end} y={34} textAnchor="end" fill={MUTED_TEXT_COLOR}>
          {label}
        </text>
      )}
    </g>
  );
}

/** Vertical axis along the left of the plot area. */
export function AxisLeft({ scale, ticks = 5, format, gridLength = 0, label }: LinearAxisProps) {
  const tickFormat = format ?? scale.tickFormat(ticks);
  const [bottom, top] = scale.range();
  return (
    <g className="axis axis-left">
      <line y1={bottom} y2={top} stroke={MUTED_TEXT_COLOR} />
      {scale.ticks(ticks).map((value) => (
        <g key={value} transform={`translate(0,${scale(value)})`}>
          {gridLength > 0 && <line x1={0} x2={gridLength} stroke={GRID_COLOR} />}
          <line x2={-5} stroke={MUTED_TEXT_COLOR} />
          <text x={-8} dy="0.32em" textAnchor="end" fill={MUTED_TEXT_COLOR}>
            {tickFormat(value)}
          </text>
        </g>
      ))}
      {label && (
        <text x={0} y={top - 10} textAnchor="start" fill={MUTED_TEXT_COLOR}>
          {label}
        </text>
      )}
    </g>
  );
}

interface BandAxisProps {
  scale: ScaleBand<string>;
  /** Label of each band value. */
  format?: (value: string) => string;
}

/** Vertical axis of a band scale (one label per bar row). */
export function AxisLeftBand({ scale, format = (value) => value }: BandAxisProps) {
  return (
    <g className="axis axis-left">
      {scale.domain().map((value) => (
        <text key={value} x={-6} y={(scale(value) ?? 0) + scale.bandwidth() / 2} dy="0.32em" textAnchor="end" fill={MUTED_TEXT_COLOR}>
          {format(value)}
        </text>
      ))}
    </g>
  );
}
