/**
 * Two bars per category (SVG): a ground-truth value beside what the platform
 * measures, for example one user's true interest in each topic beside the
 * platform's logged profile. An optional third value is drawn as an outline
 * marker (for example the interests at tick 0).
 */
import { scaleBand, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { AxisBottom, AxisLeftBand } from './Axis';
import { MEASURED_COLOR, TEXT_COLOR, TRUTH_COLOR } from './palette';
import { useElementWidth } from './useElementWidth';

interface PairedBarsProps {
  /** Category labels, [categories]. */
  labels: readonly string[];
  /** Ground truth per category, [categories]. */
  truth: readonly number[];
  /** The platform's measurement per category, [categories]. */
  measured: readonly number[];
  /** Optional reference per category, drawn as a vertical outline tick, [categories]. */
  reference?: readonly number[];
  format?: (value: number) => string;
  ariaLabel: string;
}

const MARGIN = { top: 6, right: 16, bottom: 40, left: 76 };
const ROW_HEIGHT = 20;

export function PairedBars({ labels, truth, measured, reference, format, ariaLabel }: PairedBarsProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(320);
  const plotWidth = Math.max(60, width - MARGIN.left - MARGIN.right);
  const plotHeight = labels.length * ROW_HEIGHT;

  const scales = useMemo(() => {
    const high = Math.max(0.01, ...truth, ...measured, ...(reference ?? []));
    const x = scaleLinear().domain([0, high]).range([0, plotWidth]).nice();
    const y = scaleBand<string>()
      .domain(labels.map((_, index) => String(index)))
      .range([0, plotHeight])
      .paddingInner(0.2);
    return { x, y };
  }, [labels, truth, measured, reference, plotWidth, plotHeight]);

  const half = scales.y.bandwidth() / 2;
  return (
    <div ref={containerRef}>
      <svg className="chart-svg" width={width} height={plotHeight + MARGIN.top + MARGIN.bottom} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisLeftBand scale={scales.y} format={(index) => labels[Number(index)]} />
          {labels.map((_, index) => {
            const y = scales.y(String(index)) ?? 0;
            return (
              <g key={index}>
                <rect x={0} y={y} width={scales.x(truth[index] ?? 0)} height={half} fill={TRUTH_COLOR} />
                <rect x={0} y={y + half} width={scales.x(measured[index] ?? 0)} height={half} fill={MEASURED_COLOR} />
                {reference && (
                  <line x1={scales.x(reference[index] ?? 0)} x2={scales.x(reference[index] ?? 0)} y1={y - 2} y2={y + 2 * half + 2} stroke={TEXT_COLOR} strokeWidth={1.5} strokeDasharray="3 2" />
                )}
              </g>
            );
          })}
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={scales.x} ticks={4} format={format} />
          </g>
        </g>
      </svg>
    </div>
  );
}
