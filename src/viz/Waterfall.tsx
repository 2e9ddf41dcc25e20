/**
 * Waterfall of one score (SVG). Each part of a sum is a bar that starts where
 * the previous part ended: to the right for a positive part, to the left for
 * a negative one. A last bar from 0 shows the total. Charts of several items
 * share `domain`, so their bars compare.
 */
import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import { AxisBottom } from './Axis';
import { GRID_COLOR, MEASURED_COLOR, MEASURED_COLOR_LIGHT, PENALTY_COLOR, TEXT_COLOR } from './palette';
import { useElementWidth } from './useElementWidth';

export interface WaterfallPart {
  label: string;
  value: number;
}

interface WaterfallProps {
  parts: readonly WaterfallPart[];
  /** Label of the total bar, for example "score". */
  totalLabel: string;
  /** x range shared by the charts beside this one; fitted to this chart's values when absent. */
  domain?: [number, number];
  format?: (value: number) => string;
  ariaLabel: string;
  /** Width of the label column in pixels. */
  labelWidth?: number;
  showAxis?: boolean;
}

const ROW_HEIGHT = 18;
const MARGIN = { top: 2, right: 56, bottom: 2, left: 8 };
const AXIS_HEIGHT = 30;

/** Running sums of the parts: [start, end] of each bar, and the total. */
export function waterfallSteps(parts: readonly WaterfallPart[]): { steps: { start: number; end: number }[]; total: number } {
  let sum = 0;
  const steps = parts.map((part) => {
    const start = sum;
    sum += part.value;
    return { start, end: sum };
  });
  return { steps, total: sum };
}

export function Waterfall({ parts, totalLabel, domain, format = (value) => value.toFixed(2), ariaLabel, labelWidth = 150, showAxis = false }: WaterfallProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(360);
  const plotWidth = Math.max(60, width - labelWidth - MARGIN.left - MARGIN.right);
  const rows = parts.length + 1;
  const plotHeight = rows * ROW_HEIGHT;
  const height = plotHeight + MARGIN.top + MARGIN.bottom + (showAxis ? AXIS_HEIGHT : 0);

  const { steps, total } = useMemo(() => waterfallSteps(parts), [parts]);
  const x = useMemo(() => {
    const ends = steps.flatMap((step) => [step.start, step.end]).filter(Number.isFinite);
    const fitted: [number, number] = [Math.min(0, ...ends, Number.isFinite(total) ? total : 0), Math.max(0, ...ends, Number.isFinite(total) ? total : 0, 1e-9)];
    return scaleLinear()
      .domain(domain ?? fitted)
      .range([0, plotWidth]);
  }, [steps, total, domain, plotWidth]);

  const bar = (start: number, end: number) => {
    const left = x(Math.min(start, end));
    return { x: Number.isFinite(left) ? left : 0, width: Number.isFinite(end - start) ? Math.max(1, Math.abs(x(end) - x(start))) : 0 };
  };

  return (
    <div ref={containerRef}>
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {parts.map((part, index) => {
            const step = steps[index];
            const y = index * ROW_HEIGHT;
            const geometry = bar(step.start, step.end);
            return (
              <g key={`${index}-${part.label}`}>
                <text x={labelWidth - 6} y={y + ROW_HEIGHT / 2} dy="0.32em" textAnchor="end" fill={TEXT_COLOR} fontSize={11}>
                  {part.label}
                </text>
                <rect x={labelWidth + geometry.x} y={y + 3} width={geometry.width} height={ROW_HEIGHT - 6} fill={part.value >= 0 ? MEASURED_COLOR_LIGHT : PENALTY_COLOR} />
                <text x={labelWidth + geometry.x + geometry.width + 4} y={y + ROW_HEIGHT / 2} dy="0.32em" fill={TEXT_COLOR} fontSize={11}>
                  {part.value >= 0 ? '+' : ''}
                  {format(part.value)}
                </text>
              </g>
            );
          })}
          <g>
            <text x={labelWidth - 6} y={parts.length * ROW_HEIGHT + ROW_HEIGHT / 2} dy="0.32em" textAnchor="end" fill={TEXT_COLOR} fontSize={11} fontWeight="bold">
              {totalLabel}
            </text>
            <rect x={labelWidth + bar(0, total).x} y={parts.length * ROW_HEIGHT + 3} width={bar(0, total).width} height={ROW_HEIGHT - 6} fill={MEASURED_COLOR} />
            <text x={labelWidth + bar(0, total).x + bar(0, total).width + 4} y={parts.length * ROW_HEIGHT + ROW_HEIGHT / 2} dy="0.32em" fill={TEXT_COLOR} fontSize={11} fontWeight="bold">
              {format(total)}
            </text>
          </g>
          <line x1={labelWidth + x(0)} x2={labelWidth + x(0)} y1={0} y2={plotHeight} stroke={GRID_COLOR} />
          {showAxis && (
            <g transform={`translate(${labelWidth},${plotHeight + 2})`}>
              <AxisBottom scale={x} ticks={4} format={format} />
            </g>
          )}
        </g>
      </svg>
    </div>
  );
}
