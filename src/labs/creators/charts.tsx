/**
 * Lab 9's charts (SVG, drawn by React from d3 scales): lines over ticks with
 * an optional change marker and reference line, the reach scatter on log
 * scales, and paired bars of the cascade-size histogram. Each one sits in a
 * ChartFigure, which gives it a data table.
 */
import { line, scaleBand, scaleLinear, scaleLog } from 'd3';
import { useMemo } from 'react';
import { AxisBottom, AxisLeft } from '../../viz/Axis';
import { Legend } from '../../viz/Legend';
import { GRID_COLOR, MUTED_TEXT_COLOR } from '../../viz/palette';
import { TWIN_COLORS } from '../../viz/TwinChart';
import { useElementWidth } from '../../viz/useElementWidth';

export { TWIN_COLORS };

const MARGIN = { top: 26, right: 16, bottom: 40, left: 56 };

/** One line over ticks. */
export interface TickSeries {
  key: string;
  label: string;
  color: string;
  dashArray?: string;
  /** Values by tick; NaN leaves a gap. */
  points: readonly { tick: number; value: number }[];
}

interface TickChartProps {
  series: readonly TickSeries[];
  ariaLabel: string;
  /** Last tick of the x axis, so the axis does not rescale while a run grows. */
  maxTick: number;
  /** A vertical dashed line after this tick, e.g. the objective change; none when 0. */
  markerTick?: number;
  markerLabel?: string;
  /** A horizontal dashed line, e.g. a reach target. */
  reference?: { value: number; label: string };
  yLabel?: string;
  height?: number;
}

/** Lines of a few series over ticks, starting at 0. */
export function TickChart({ series, ariaLabel, maxTick, markerTick = 0, markerLabel, reference, yLabel, height = 240 }: TickChartProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(420);
  const plotWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;

  const drawing = useMemo(() => {
    const last = Math.max(2, maxTick, ...series.flatMap((s) => s.points.map((point) => point.tick)));
    const x = scaleLinear().domain([1, last]).range([0, plotWidth]);
    const values = series.flatMap((s) => s.points.map((point) => point.value)).filter(Number.isFinite);
    const high = Math.max(1, reference?.value ?? 0, ...values);
    const y = scaleLinear().domain([0, high * 1.05]).range([plotHeight, 0]).nice();
    const paths = series.map((s) => ({
      ...s,
      d:
        line<{ tick: number; value: number }>()
          .defined((point) => Number.isFinite(point.value))
          .x((point) => x(point.tick))
          .y((point) => y(point.value))([...s.points]) ?? '',
    }));
    return { x, y, paths };
  }, [series, maxTick, plotWidth, plotHeight, reference?.value]);

  const { x, y, paths } = drawing;
  const markerX = markerTick > 0 ? x(markerTick + 0.5) : null;
  return (
    <div ref={containerRef} className="line-chart">
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisLeft scale={y} gridLength={plotWidth} ticks={4} label={yLabel} />
          {reference && (
            <g className="reference-line">
              <line x1={0} x2={plotWidth} y1={y(reference.value)} y2={y(reference.value)} stroke={MUTED_TEXT_COLOR} strokeDasharray="3 3" />
              <text x={plotWidth} y={y(reference.value) - 4} textAnchor="end" fill={MUTED_TEXT_COLOR} fontSize={12}>
                {reference.label}
              </text>
            </g>
          )}
          {markerX !== null && markerX <= plotWidth && (
            <g className="change-marker">
              <line x1={markerX} x2={markerX} y1={0} y2={plotHeight} stroke={MUTED_TEXT_COLOR} strokeDasharray="5 3" />
              <text x={markerX + 4} y={10} fill={MUTED_TEXT_COLOR} fontSize={12}>
                {markerLabel}
              </text>
            </g>
          )}
          {paths.map((path) => (
            <path key={path.key} className={`series-${path.key}`} d={path.d} fill="none" stroke={path.color} strokeWidth={2.5} strokeDasharray={path.dashArray} />
          ))}
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={x} label="tick" integer />
          </g>
        </g>
      </svg>
      <Legend items={series.map((s) => ({ key: s.key, label: s.label, color: s.color, dashArray: s.dashArray }))} />
    </div>
  );
}

/** One creator of the reach scatter. */
export interface ScatterPoint {
  creator: number;
  followers: number;
  reach: number;
  micro: boolean;
}

type ScatterTwins = readonly { key: 'a' | 'b'; label: string; points: readonly ScatterPoint[] }[];

interface ReachScatterProps {
  twins: ScatterTwins;
  /** Follower count from which a creator is macro. */
  threshold: number;
  ariaLabel: string;
}

/** Log ticks 1, 3, 10, 30, 100, … up to `high`. */
function powersOfTen(low: number, high: number): number[] {
  const ticks: number[] = [];
  for (let value = 1; value <= high * 1.0001; value *= 10) {
    for (const tick of [value, value * 3]) {
      if (tick >= low && tick <= high * 1.0001) {
        ticks.push(tick);
      }
    }
  }
  return ticks;
}

/**
 * Reach against followers, both on log10 scales of count + 1 so creators
 * with 0 show. Twin A is drawn as circles, B as squares; micro creators
 * hollow, macro creators filled; a dashed line marks the threshold.
 */
export function ReachScatter({ twins, threshold, ariaLabel }: ReachScatterProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(420);
  const height = 320;
  const plotWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const all = twins.flatMap((twin) => twin.points);
  // The domains end 10% past the largest count on the log scale, not at the next power of ten, so the points fill the plot.
  const maxX = Math.max(10, ...all.map((point) => point.followers + 1)) * 1.1;
  const maxY = Math.max(10, ...all.map((point) => point.reach + 1)) * 1.1;
  const x = scaleLog().domain([1, maxX]).range([0, plotWidth]);
  const y = scaleLog().domain([1, maxY]).range([plotHeight, 0]);
  const [, xHigh] = x.domain();
  const [, yHigh] = y.domain();
  const thresholdX = x(threshold + 1);

  return (
    <div ref={containerRef} className="line-chart">
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {powersOfTen(1, yHigh).map((value) => (
            <g key={`y${value}`} transform={`translate(0,${y(value)})`}>
              <line x1={0} x2={plotWidth} stroke={GRID_COLOR} />
              <text x={-8} dy="0.32em" textAnchor="end" fill={MUTED_TEXT_COLOR}>
                {value}
              </text>
            </g>
          ))}
          <text x={0} y={-4} fill={MUTED_TEXT_COLOR}>
            distinct users reached + 1
          </text>
          <line x1={thresholdX} x2={thresholdX} y1={0} y2={plotHeight} stroke={MUTED_TEXT_COLOR} strokeDasharray="5 3" />
          <text x={thresholdX + 4} y={plotHeight - 6} fill={MUTED_TEXT_COLOR} fontSize={12}>
            macro from {threshold}
          </text>
          {twins.map((twin) =>
            twin.points.map((point) => {
              const cx = x(point.followers + 1);
              const cy = y(point.reach + 1);
              const fill = point.micro ? 'none' : TWIN_COLORS[twin.key];
              return twin.key === 'a' ? (
                <circle key={`a${point.creator}`} className="point-a" cx={cx} cy={cy} r={4} fill={fill} stroke={TWIN_COLORS.a} strokeWidth={1.5} />
              ) : (
                <rect key={`b${point.creator}`} className="point-b" x={cx - 3.5} y={cy - 3.5} width={7} height={7} fill={fill} stroke={TWIN_COLORS.b} strokeWidth={1.5} />
              );
            }),
          )}
          <g transform={`translate(0,${plotHeight})`}>
            <line x1={0} x2={plotWidth} stroke={MUTED_TEXT_COLOR} />
            {powersOfTen(1, xHigh).map((value) => (
              <text key={`x${value}`} x={x(value)} y={18} textAnchor="middle" fill={MUTED_TEXT_COLOR}>
                {value}
              </text>
            ))}
            <text x={plotWidth} y={34} textAnchor="end" fill={MUTED_TEXT_COLOR}>
              followers + 1
            </text>
          </g>
        </g>
      </svg>
      <MarkerLegend twins={twins} />
    </div>
  );
}

/** Draws one scatter marker of a twin (A a circle, B a square) centred in a 14 px box. */
function Marker({ twin, filled }: { twin: 'a' | 'b'; filled: boolean }) {
  const fill = filled ? TWIN_COLORS[twin] : 'none';
  return (
    <svg width="14" height="14" aria-hidden="true">
      {twin === 'a' ? <circle cx={7} cy={7} r={4} fill={fill} stroke={TWIN_COLORS[twin]} strokeWidth={1.5} /> : <rect x={3.5} y={3.5} width={7} height={7} fill={fill} stroke={TWIN_COLORS[twin]} strokeWidth={1.5} />}
    </svg>
  );
}

/**
 * Draws the scatter's legend: each twin's marker, filled for macro and hollow for micro creators.
 * NOTE: a PNG export redraws legend entries from their data attributes, so it shows line swatches here.
 */
function MarkerLegend({ twins }: { twins: ScatterTwins }) {
  return (
    <ul className="legend">
      {twins.map((twin) => (
        <li key={twin.key} data-label={twin.label} data-color={TWIN_COLORS[twin.key]}>
          <Marker twin={twin.key} filled /> <Marker twin={twin.key} filled={false} /> {twin.label}: filled macro, hollow micro
        </li>
      ))}
    </ul>
  );
}

interface PairedHistogramProps {
  /** `counts[twin][s]`: cascades of size s. */
  counts: Record<'a' | 'b', readonly number[]>;
  labels: Record<'a' | 'b', string>;
  ariaLabel: string;
}

/** Bars of both twins' cascade counts per size, side by side. */
export function PairedHistogram({ counts, labels, ariaLabel }: PairedHistogramProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(420);
  const height = 240;
  const plotWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const sizes = Array.from({ length: Math.max(1, counts.a.length, counts.b.length) }, (_, size) => String(size));
  const x = scaleBand().domain(sizes).range([0, plotWidth]).padding(0.2);
  const inner = scaleBand<'a' | 'b'>().domain(['a', 'b']).range([0, x.bandwidth()]).padding(0.05);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...counts.a, ...counts.b)])
    .range([plotHeight, 0])
    .nice();
  return (
    <div ref={containerRef} className="line-chart">
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisLeft scale={y} gridLength={plotWidth} ticks={4} label="cascades" />
          {(['a', 'b'] as const).map((twin) =>
            counts[twin].map((count, size) => (
              <rect key={`${twin}${size}`} className={`bar-${twin}`} x={(x(String(size)) ?? 0) + (inner(twin) ?? 0)} y={y(count)} width={inner.bandwidth()} height={plotHeight - y(count)} fill={TWIN_COLORS[twin]} />
            )),
          )}
          <g transform={`translate(0,${plotHeight})`}>
            <line x1={0} x2={plotWidth} stroke={MUTED_TEXT_COLOR} />
            {sizes.map((size) => (
              <text key={size} x={(x(size) ?? 0) + x.bandwidth() / 2} y={18} textAnchor="middle" fill={MUTED_TEXT_COLOR}>
                {size}
              </text>
            ))}
            <text x={plotWidth} y={34} textAnchor="end" fill={MUTED_TEXT_COLOR}>
              cascade size (impressions)
            </text>
          </g>
        </g>
      </svg>
      <Legend items={(['a', 'b'] as const).map((twin) => ({ key: twin, label: labels[twin], color: TWIN_COLORS[twin] }))} />
    </div>
  );
}
