/**
 * Line chart of a few short series over a numeric x (SVG), for example the
 * training loss of each model per epoch. Unlike {@link LineChart}, which
 * plots per-tick rows of the simulation, each series brings its own points.
 */
import { line, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { AxisBottom, AxisLeft } from './Axis';
import { useElementWidth } from './useElementWidth';

export interface PointSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  points: readonly { x: number; y: number }[];
}

interface SeriesChartProps {
  series: readonly PointSeries[];
  xLabel: string;
  yLabel?: string;
  /** Whole-number ticks on x (epochs). */
  integerX?: boolean;
  yFormat?: (value: number) => string;
  ariaLabel: string;
  height?: number;
}

const MARGIN = { top: 24, right: 16, bottom: 40, left: 56 };

export function SeriesChart({ series, xLabel, yLabel, integerX = false, yFormat, ariaLabel, height = 220 }: SeriesChartProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const plotWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;

  const drawing = useMemo(() => {
    const points = series.flatMap((s) => s.points).filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y));
    const xs = points.map((point) => point.x);
    const ys = points.map((point) => point.y);
    const xScale = scaleLinear()
      .domain([Math.min(1, ...xs), Math.max(2, ...xs)])
      .range([0, plotWidth]);
    const low = ys.length > 0 ? Math.min(...ys) : 0;
    const high = ys.length > 0 ? Math.max(...ys) : 1;
    const pad = Math.max((high - low) * 0.08, 1e-3);
    const yScale = scaleLinear()
      .domain([low - pad, high + pad])
      .range([plotHeight, 0])
      .nice();
    const paths = series.map((s) => {
      const path = line<{ x: number; y: number }>()
        .defined((point) => Number.isFinite(point.y))
        .x((point) => xScale(point.x))
        .y((point) => yScale(point.y));
      return { key: s.key, color: s.color, dashed: s.dashed ?? false, d: path([...s.points]) ?? '', points: s.points };
    });
    return { xScale, yScale, paths };
  }, [series, plotWidth, plotHeight]);

  return (
    <div ref={containerRef} className="line-chart">
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisLeft scale={drawing.yScale} format={yFormat} gridLength={plotWidth} label={yLabel} />
          {drawing.paths.map((path) => (
            <g key={path.key}>
              <path d={path.d} fill="none" stroke={path.color} strokeWidth={2.5} strokeDasharray={path.dashed ? '7 4' : undefined} />
              {path.points.map((point) => (
                <circle key={point.x} cx={drawing.xScale(point.x)} cy={drawing.yScale(point.y)} r={3} fill={path.color} />
              ))}
            </g>
          ))}
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={drawing.xScale} label={xLabel} integer={integerX} />
          </g>
        </g>
      </svg>
    </div>
  );
}
