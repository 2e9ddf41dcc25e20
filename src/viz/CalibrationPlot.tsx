/**
 * Calibration (reliability) plot (SVG): for each bin of predictions, the mean
 * prediction (x) against the observed rate (y), one line per model. Points on
 * the dashed diagonal y = x are perfectly calibrated; points below it mean
 * the model predicts too high. Both axes share one range, fitted to the data,
 * because click rates of a few percent would vanish on [0, 1].
 */
import { line, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { AxisBottom, AxisLeft } from './Axis';
import { MUTED_TEXT_COLOR } from './palette';
import { useElementWidth } from './useElementWidth';

export interface CalibrationSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** Bins in prediction order; empty bins (count 0) are skipped. */
  bins: readonly { meanPredicted: number; observed: number; count: number }[];
}

interface CalibrationPlotProps {
  series: readonly CalibrationSeries[];
  ariaLabel: string;
  format?: (value: number) => string;
  height?: number;
}

const MARGIN = { top: 26, right: 16, bottom: 40, left: 56 };

export function CalibrationPlot({ series, ariaLabel, format, height = 300 }: CalibrationPlotProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(360);
  const plotWidth = Math.max(100, Math.min(width, height + 80) - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;

  const drawing = useMemo(() => {
    const shown = series.map((s) => ({ ...s, bins: s.bins.filter((bin) => bin.count > 0 && Number.isFinite(bin.meanPredicted) && Number.isFinite(bin.observed)) }));
    const values = shown.flatMap((s) => s.bins.flatMap((bin) => [bin.meanPredicted, bin.observed]));
    const high = Math.min(1, Math.max(0.01, ...values) * 1.05);
    const x = scaleLinear().domain([0, high]).range([0, plotWidth]).nice();
    const y = scaleLinear().domain(x.domain()).range([plotHeight, 0]);
    const largest = Math.max(1, ...shown.flatMap((s) => s.bins.map((bin) => bin.count)));
    const paths = shown.map((s) => {
      const path = line<{ meanPredicted: number; observed: number }>()
        .x((bin) => x(bin.meanPredicted))
        .y((bin) => y(bin.observed));
      return { ...s, d: path([...s.bins]) ?? '' };
    });
    return { x, y, paths, largest };
  }, [series, plotWidth, plotHeight]);

  const [low, high] = drawing.x.domain();
  return (
    <div ref={containerRef}>
      <svg className="chart-svg" width={plotWidth + MARGIN.left + MARGIN.right} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisLeft scale={drawing.y} format={format} gridLength={plotWidth} label="observed" />
          <line x1={drawing.x(low)} y1={drawing.y(low)} x2={drawing.x(high)} y2={drawing.y(high)} stroke={MUTED_TEXT_COLOR} strokeDasharray="4 4" />
          {drawing.paths.map((path) => (
            <g key={path.key}>
              <path d={path.d} fill="none" stroke={path.color} strokeWidth={2} strokeDasharray={path.dashed ? '7 4' : undefined} />
              {path.bins.map((bin) => (
                <circle key={bin.meanPredicted} cx={drawing.x(bin.meanPredicted)} cy={drawing.y(bin.observed)} r={2.5 + 4 * Math.sqrt(bin.count / drawing.largest)} fill={path.color} fillOpacity={0.7} />
              ))}
            </g>
          ))}
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={drawing.x} format={format} label="mean prediction" ticks={5} />
          </g>
        </g>
      </svg>
    </div>
  );
}
