/**
 * Predicted against true values per row (SVG): a blue circle for the model's
 * prediction, an orange diamond for the ground truth, joined by a grey line
 * whose length is the error. Used for predicted vs true click and watch of
 * each served item.
 */
import { scaleBand, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { AxisBottom, AxisLeftBand } from './Axis';
import { GRID_COLOR, MEASURED_COLOR, TRUTH_COLOR } from './palette';
import { useElementWidth } from './useElementWidth';

export interface DumbbellRow {
  key: string;
  label: string;
  predicted: number;
  truth: number;
}

interface DumbbellChartProps {
  rows: readonly DumbbellRow[];
  /** x range; both values are probabilities or fractions here, so [0, 1] by default. */
  domain?: [number, number];
  xLabel: string;
  ariaLabel: string;
}

const MARGIN = { top: 6, right: 16, bottom: 40, left: 40 };
const ROW_HEIGHT = 18;

export function DumbbellChart({ rows, domain = [0, 1], xLabel, ariaLabel }: DumbbellChartProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(320);
  const plotWidth = Math.max(60, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(1, rows.length) * ROW_HEIGHT;

  const scales = useMemo(
    () => ({
      x: scaleLinear().domain(domain).range([0, plotWidth]),
      y: scaleBand<string>()
        .domain(rows.map((row) => row.key))
        .range([0, plotHeight])
        .padding(0.3),
    }),
    [rows, domain, plotWidth, plotHeight],
  );
  const labels = new Map(rows.map((row) => [row.key, row.label]));

  return (
    <div ref={containerRef}>
      <svg className="chart-svg" width={width} height={plotHeight + MARGIN.top + MARGIN.bottom} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisLeftBand scale={scales.y} format={(key) => labels.get(key) ?? key} />
          {rows.map((row) => {
            const y = (scales.y(row.key) ?? 0) + scales.y.bandwidth() / 2;
            const predicted = scales.x(row.predicted);
            const truth = scales.x(row.truth);
            return (
              <g key={row.key}>
                <line x1={predicted} x2={truth} y1={y} y2={y} stroke={GRID_COLOR} strokeWidth={3} />
                <circle cx={predicted} cy={y} r={5} fill={MEASURED_COLOR} />
                <rect x={truth - 5} y={y - 5} width={10} height={10} fill={TRUTH_COLOR} transform={`rotate(45 ${truth} ${y})`} />
              </g>
            );
          })}
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={scales.x} ticks={5} label={xLabel} />
          </g>
        </g>
      </svg>
    </div>
  );
}
