/**
 * One metric of two twins over ticks (SVG): an upper panel with A and B and a
 * lower panel with B − A around a zero line. With a summary over seeds, each
 * line is the mean and a shaded band is its 95% interval.
 */
import { area, line, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { AxisBottom, AxisLeft } from './Axis';
import { Legend } from './Legend';
import { MUTED_TEXT_COLOR } from './palette';
import { useElementWidth } from './useElementWidth';

/** Colours of twin A, twin B and their difference B − A. */
export const TWIN_COLORS = { a: '#1f5fa8', b: '#2e7d32', difference: '#8e244d' } as const;

export type TwinSeriesName = keyof typeof TWIN_COLORS;

/** One tick of a metric: the value of each series, with an optional [low, high] band (95% interval over seeds). */
export interface TwinPoint {
  tick: number;
  values: Record<TwinSeriesName, number>;
  bands?: Record<TwinSeriesName, [number, number]>;
}

interface TwinChartProps {
  points: readonly TwinPoint[];
  ariaLabel: string;
  /** Names shown in the legend, for example "A: ε = 0". */
  labels: Record<TwinSeriesName, string>;
  yFormat?: (value: number) => string;
  /** Last tick of the x axis, so the axis does not rescale while a run grows. */
  maxTick?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 40, left: 56 };
const TOP_HEIGHT = 150;
const GAP = 22;
const BOTTOM_HEIGHT = 80;

function extent(values: number[], fallback: [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) {
    return fallback;
  }
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const pad = Math.max((high - low) * 0.08, 1e-4);
  return [low - pad, high + pad];
}

export function TwinChart({ points, ariaLabel, labels, yFormat, maxTick }: TwinChartProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(420);
  const plotWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
  const height = MARGIN.top + TOP_HEIGHT + GAP + BOTTOM_HEIGHT + MARGIN.bottom;

  const drawing = useMemo(() => {
    const last = Math.max(maxTick ?? 2, ...points.map((point) => point.tick));
    const x = scaleLinear().domain([1, Math.max(2, last)]).range([0, plotWidth]);
    const twinValues = points.flatMap((point) => [point.values.a, point.values.b, ...(point.bands ? [...point.bands.a, ...point.bands.b] : [])]);
    const differenceValues = points.flatMap((point) => [point.values.difference, ...(point.bands ? point.bands.difference : []), 0]);
    const yTop = scaleLinear().domain(extent(twinValues, [0, 1])).range([TOP_HEIGHT, 0]).nice();
    const yBottom = scaleLinear().domain(extent(differenceValues, [-0.1, 0.1])).range([BOTTOM_HEIGHT, 0]).nice();

    const path = (name: TwinSeriesName, y: typeof yTop) =>
      line<TwinPoint>()
        .defined((point) => Number.isFinite(point.values[name]))
        .x((point) => x(point.tick))
        .y((point) => y(point.values[name]))([...points]) ?? '';
    const band = (name: TwinSeriesName, y: typeof yTop) =>
      area<TwinPoint>()
        .defined((point) => point.bands !== undefined && Number.isFinite(point.bands[name][0]) && Number.isFinite(point.bands[name][1]))
        .x((point) => x(point.tick))
        .y0((point) => y(point.bands?.[name][0] ?? 0))
        .y1((point) => y(point.bands?.[name][1] ?? 0))([...points]) ?? '';
    const hasBands = points.some((point) => point.bands !== undefined);
    return { x, yTop, yBottom, path, band, hasBands };
  }, [points, plotWidth, maxTick]);

  const { x, yTop, yBottom, path, band, hasBands } = drawing;
  return (
    <div ref={containerRef} className="line-chart">
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisLeft scale={yTop} format={yFormat} gridLength={plotWidth} ticks={4} />
          {hasBands && <path d={band('a', yTop)} fill={TWIN_COLORS.a} opacity={0.18} />}
          {hasBands && <path d={band('b', yTop)} fill={TWIN_COLORS.b} opacity={0.18} />}
          <path className="twin-line-a" d={path('a', yTop)} fill="none" stroke={TWIN_COLORS.a} strokeWidth={2.5} />
          <path className="twin-line-b" d={path('b', yTop)} fill="none" stroke={TWIN_COLORS.b} strokeWidth={2.5} strokeDasharray="7 4" />
        </g>
        <g transform={`translate(${MARGIN.left},${MARGIN.top + TOP_HEIGHT + GAP})`}>
          <AxisLeft scale={yBottom} format={yFormat} gridLength={plotWidth} ticks={3} />
          <line x1={0} x2={plotWidth} y1={yBottom(0)} y2={yBottom(0)} stroke={MUTED_TEXT_COLOR} strokeWidth={1} />
          {hasBands && <path d={band('difference', yBottom)} fill={TWIN_COLORS.difference} opacity={0.18} />}
          <path className="twin-line-difference" d={path('difference', yBottom)} fill="none" stroke={TWIN_COLORS.difference} strokeWidth={2.5} />
          <text x={plotWidth} y={-6} textAnchor="end" fill={MUTED_TEXT_COLOR} fontSize={12}>
            B − A
          </text>
          <g transform={`translate(0,${BOTTOM_HEIGHT})`}>
            <AxisBottom scale={x} label="tick" integer />
          </g>
        </g>
      </svg>
      <Legend
        items={[
          { key: 'a', label: labels.a, color: TWIN_COLORS.a },
          { key: 'b', label: labels.b, color: TWIN_COLORS.b, dashed: true },
          { key: 'difference', label: labels.difference, color: TWIN_COLORS.difference },
        ]}
      />
    </div>
  );
}
