/**
 * Line chart of per-tick series (SVG). d3 builds the scales and path strings;
 * React renders them. Rows are decimated to about one point per 2 pixels, so
 * a redraw stays short however long the run.
 */
import { line, scaleLinear } from 'd3';
import { memo, useMemo } from 'react';
import { AxisBottom, AxisLeft } from './Axis';
import { decimate } from './decimate';
import { GRID_COLOR } from './palette';
import { TickAnnotations, type TickAnnotation } from './TickAnnotations';
import { useElementWidth } from './useElementWidth';

export interface LineSeries<Row> {
  key: string;
  label: string;
  color: string;
  /** Dashed stroke, used for ground-truth series that share an axis with measured ones. */
  dashed?: boolean;
  /** SVG stroke-dasharray in px, for example `'2 3'`. It overrides `dashed` and tells apart two series of one colour family. */
  dashArray?: string;
  value: (row: Row) => number;
}

interface LineChartProps<Row> {
  rows: readonly Row[];
  /** Changes when `rows` grew in place; the chart redraws on it. */
  version: number;
  x: (row: Row) => number;
  series: readonly LineSeries<Row>[];
  /** Fixed y range; otherwise [min(0, data), max(data)] with a little headroom. */
  yDomain?: [number, number];
  yFormat?: (value: number) => string;
  /** Text before the chart for screen readers, for example "Click rate and mean watch fraction by tick". */
  ariaLabel: string;
  /** Ticks to mark with a thin vertical line (retrains); skipped when more than 60. */
  markers?: readonly number[];
  /** Ticks to mark with a labelled line (policy changes); see {@link TickAnnotations}. */
  annotations?: readonly TickAnnotation[];
  height?: number;
}

const NO_ANNOTATIONS: readonly TickAnnotation[] = [];

const MARGIN = { top: 20, right: 16, bottom: 40, left: 52 };

function LineChartInner<Row>({ rows, version, x, series, yDomain, yFormat, ariaLabel, markers = [], annotations = NO_ANNOTATIONS, height = 220 }: LineChartProps<Row>) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const plotWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const markerCount = markers.length;

  const drawing = useMemo(() => {
    const points = decimate(rows, Math.ceil(plotWidth / 2));
    const xValues = points.map(x);
    const xScale = scaleLinear()
      .domain([Math.min(1, ...xValues), Math.max(2, ...xValues)])
      .range([0, plotWidth]);

    let domain = yDomain;
    if (!domain) {
      const values = points.flatMap((row) => series.map((s) => s.value(row))).filter(Number.isFinite);
      const low = Math.min(0, ...values);
      const high = Math.max(...values, low + 1e-6);
      domain = [low, high + (high - low) * 0.05];
    }
    const yScale = scaleLinear().domain(domain).range([plotHeight, 0]).nice();

    const paths = series.map((s) => {
      const path = line<Row>()
        .defined((row) => Number.isFinite(s.value(row)))
        .x((row) => xScale(x(row)))
        .y((row) => yScale(s.value(row)));
      return { key: s.key, color: s.color, dashArray: s.dashArray ?? (s.dashed ? '7 4' : undefined), d: path(points as Row[]) ?? '' };
    });

    const markerTicks = markerCount <= 60 ? markers.filter((tick) => tick >= xScale.domain()[0] && tick <= xScale.domain()[1]) : [];
    return { xScale, yScale, paths, markerTicks };
    // `version` stands for in-place growth of `rows` and `markers`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, version, plotWidth, plotHeight, series, yDomain, markerCount]);

  return (
    <div ref={containerRef} className="line-chart">
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisLeft scale={drawing.yScale} format={yFormat} gridLength={plotWidth} />
          {drawing.markerTicks.map((tick) => (
            <line key={tick} x1={drawing.xScale(tick)} x2={drawing.xScale(tick)} y1={0} y2={plotHeight} stroke={GRID_COLOR} strokeDasharray="2 3" />
          ))}
          {drawing.paths.map((path) => (
            <path key={path.key} d={path.d} fill="none" stroke={path.color} strokeWidth={2.5} strokeDasharray={path.dashArray} />
          ))}
          <TickAnnotations annotations={annotations} xScale={drawing.xScale} height={plotHeight} />
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={drawing.xScale} label="tick" format={(value) => String(value)} integer />
          </g>
        </g>
      </svg>
    </div>
  );
}

export const LineChart = memo(LineChartInner) as typeof LineChartInner;
