/**
 * Stacked area chart of shares over ticks (SVG), for the topic mix: each
 * band is one topic's share of what was watched, so one band growing to fill
 * the chart is a filter bubble forming. d3.stack builds the bands.
 */
import { area, scaleLinear, stack, stackOrderNone, stackOffsetNone, type SeriesPoint } from 'd3';
import { memo, useMemo } from 'react';
import { AxisBottom, AxisLeft } from './Axis';
import { decimate } from './decimate';
import { topicColor } from './palette';
import { TickAnnotations, type TickAnnotation } from './TickAnnotations';
import { useElementWidth } from './useElementWidth';

/** One stacked row: an x value and shares, [bands]. */
export interface ShareRow {
  tick: number;
  shares: readonly number[];
}

interface StackedAreaChartProps {
  rows: readonly ShareRow[];
  /** Changes when `rows` grew in place. */
  version: number;
  /** Number of bands (topics). */
  bands: number;
  ariaLabel: string;
  /** Ticks to mark with a labelled line (policy changes); see {@link TickAnnotations}. */
  annotations?: readonly TickAnnotation[];
  height?: number;
}

const NO_ANNOTATIONS: readonly TickAnnotation[] = [];

const MARGIN = { top: 12, right: 16, bottom: 40, left: 52 };

function StackedAreaChartInner({ rows, version, bands, ariaLabel, annotations = NO_ANNOTATIONS, height = 240 }: StackedAreaChartProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const plotWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;

  const layers = useMemo(() => {
    const points = decimate(rows, Math.ceil(plotWidth / 3));
    const keys = Array.from({ length: bands }, (_, band) => band);
    const series = stack<ShareRow, number>()
      .keys(keys)
      .value((row, band) => row.shares[band] ?? 0)
      .order(stackOrderNone)
      .offset(stackOffsetNone)(points as ShareRow[]);

    const ticks = points.map((row) => row.tick);
    const xScale = scaleLinear()
      .domain([Math.min(1, ...ticks), Math.max(2, ...ticks)])
      .range([0, plotWidth]);
    const yScale = scaleLinear().domain([0, 1]).range([plotHeight, 0]);
    const shape = area<SeriesPoint<ShareRow>>()
      .x((point) => xScale(point.data.tick))
      .y0((point) => yScale(point[0]))
      .y1((point) => yScale(point[1]));

    return { xScale, yScale, paths: series.map((layer) => ({ band: layer.key, d: shape(layer) ?? '' })) };
    // `version` stands for in-place growth of `rows`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, version, bands, plotWidth, plotHeight]);

  return (
    <div ref={containerRef}>
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {layers.paths.map((path) => (
            <path key={path.band} d={path.d} fill={topicColor(path.band)} stroke="#ffffff" strokeWidth={0.5} />
          ))}
          <TickAnnotations annotations={annotations} xScale={layers.xScale} height={plotHeight} />
          <AxisLeft scale={layers.yScale} format={(value) => `${Math.round(value * 100)}%`} />
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={layers.xScale} label="tick" format={(value) => String(value)} integer />
          </g>
        </g>
      </svg>
    </div>
  );
}

export const StackedAreaChart = memo(StackedAreaChartInner);
