/**
 * Line chart of numeric series over a numeric x (epochs, milliseconds per
 * query), drawn as SVG from d3 scales. Each series has its own points, so
 * series of different lengths share one chart.
 */
import { line, scaleLinear, scaleLog } from 'd3';
import { AxisBottom, AxisLeft } from './Axis';
import { useElementWidth } from './useElementWidth';

export interface CurveSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  points: readonly { x: number; y: number }[];
}

interface CurveChartProps {
  series: readonly CurveSeries[];
  xLabel: string;
  /** Label of the y axis; none when omitted. */
  yLabel?: string;
  yDomain?: [number, number];
  /** Log-scaled x axis (query times). */
  logX?: boolean;
  ariaLabel: string;
  height?: number;
}

const MARGIN = { top: 16, right: 16, bottom: 40, left: 52 };

/** Top margin when the y axis has a label, which sits above the axis. */
const LABELLED_TOP = 26;

export function CurveChart({ series, xLabel, yLabel, yDomain, logX = false, ariaLabel, height = 220 }: CurveChartProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const plotWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
  const top = yLabel === undefined ? MARGIN.top : LABELLED_TOP;
  const plotHeight = height - top - MARGIN.bottom;
  const xs = series.flatMap((entry) => entry.points.map((point) => point.x)).filter((x) => Number.isFinite(x) && (!logX || x > 0));
  const ys = series.flatMap((entry) => entry.points.map((point) => point.y)).filter(Number.isFinite);
  const xMin = xs.length > 0 ? Math.min(...xs) : 1;
  const xMax = xs.length > 0 ? Math.max(...xs) : 2;
  const xScale = (logX ? scaleLog() : scaleLinear()).domain([xMin, xMax > xMin ? xMax : xMin * 2 + 1]).range([0, plotWidth]);
  const yScale = scaleLinear()
    .domain(yDomain ?? [Math.min(0, ...ys), Math.max(1e-6, ...ys) * 1.05])
    .range([plotHeight, 0])
    .nice();

  return (
    <div ref={containerRef} className="line-chart">
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${top})`}>
          <AxisLeft scale={yScale} gridLength={plotWidth} label={yLabel} />
          {series.map((entry) => {
            const path = line<{ x: number; y: number }>()
              .defined((point) => Number.isFinite(point.y) && Number.isFinite(point.x))
              .x((point) => xScale(point.x))
              .y((point) => yScale(point.y));
            return (
              <g key={entry.key}>
                <path d={path(entry.points as { x: number; y: number }[]) ?? ''} fill="none" stroke={entry.color} strokeWidth={2.5} strokeDasharray={entry.dashed ? '7 4' : undefined} />
                {entry.points.map((point, index) =>
                  Number.isFinite(point.y) ? <circle key={index} cx={xScale(point.x)} cy={yScale(point.y)} r={3} fill={entry.color} /> : null,
                )}
              </g>
            );
          })}
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={xScale as ReturnType<typeof scaleLinear<number, number>>} label={xLabel} ticks={logX ? 4 : 6} format={logX ? formatLogTick : undefined} />
          </g>
        </g>
      </svg>
    </div>
  );
}

/** Tick label of a log axis: two significant digits, no SI prefix (0.05, not 50m). */
function formatLogTick(value: number): string {
  return String(Number(value.toPrecision(2)));
}
