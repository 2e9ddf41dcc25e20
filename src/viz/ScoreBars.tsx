/**
 * The ranking score of each served item as a small stacked bar (SVG):
 * clickPart and watchPart to the right of zero, the diversity penalty (a
 * negative number) to the left, and a black tick at the final score
 * (finalScore = clickPart + watchPart + diversityPenalty).
 */
import { scaleBand, scaleLinear } from 'd3';
import { useMemo } from 'react';
import type { ServedItem } from '../engine/loop/types';
import { AxisBottom, AxisLeftBand } from './Axis';
import { MEASURED_COLOR, MEASURED_COLOR_LIGHT, PENALTY_COLOR, TEXT_COLOR } from './palette';
import { useElementWidth } from './useElementWidth';

/** Colours of the score parts, shared with the legend. */
export const SCORE_PART_COLORS = { clickPart: MEASURED_COLOR, watchPart: MEASURED_COLOR_LIGHT, diversityPenalty: PENALTY_COLOR } as const;

interface ScoreBarsProps {
  feed: readonly ServedItem[];
  /** Font size of the row labels in CSS pixels (the page's chart font), for the left margin. */
  fontSize?: number;
  /** Label of a row, for example "#1 comedy · embedding". */
  rowLabel: (item: ServedItem) => string;
  ariaLabel: string;
}

const MARGIN = { top: 8, right: 16, bottom: 40, left: 16 };
/** Width of one label character in em, to size the left margin to the longest row label. */
const CHARACTER_WIDTH_EM = 0.62;
const ROW_HEIGHT = 24;

export function ScoreBars({ feed, rowLabel, ariaLabel, fontSize = 12 }: ScoreBarsProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const longestLabel = Math.max(0, ...feed.map((item) => rowLabel(item).length));
  const left = MARGIN.left + Math.ceil(longestLabel * CHARACTER_WIDTH_EM * fontSize);
  const plotWidth = Math.max(80, width - left - MARGIN.right);
  const plotHeight = Math.max(1, feed.length) * ROW_HEIGHT;
  const height = plotHeight + MARGIN.top + MARGIN.bottom;

  const scales = useMemo(() => {
    const low = Math.min(0, ...feed.map((item) => item.diversityPenalty), ...feed.map((item) => item.finalScore));
    const high = Math.max(0.01, ...feed.map((item) => item.clickPart + item.watchPart), ...feed.map((item) => item.finalScore));
    const x = scaleLinear().domain([low, high]).range([0, plotWidth]).nice();
    const y = scaleBand<string>()
      .domain(feed.map((item) => String(item.position)))
      .range([0, plotHeight])
      .padding(0.25);
    return { x, y };
  }, [feed, plotWidth, plotHeight]);

  const labels = new Map(feed.map((item) => [String(item.position), rowLabel(item)]));
  const zero = scales.x(0);

  return (
    <div ref={containerRef}>
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={ariaLabel}>
        <g transform={`translate(${left},${MARGIN.top})`}>
          <AxisLeftBand scale={scales.y} format={(position) => labels.get(position) ?? position} />
          {feed.map((item) => {
            const y = scales.y(String(item.position)) ?? 0;
            const band = scales.y.bandwidth();
            const clickEnd = scales.x(item.clickPart);
            const watchEnd = scales.x(item.clickPart + item.watchPart);
            const penaltyStart = scales.x(item.diversityPenalty);
            const final = scales.x(item.finalScore);
            return (
              <g key={item.position}>
                <rect x={zero} y={y} width={Math.max(0, clickEnd - zero)} height={band} fill={SCORE_PART_COLORS.clickPart} />
                <rect x={clickEnd} y={y} width={Math.max(0, watchEnd - clickEnd)} height={band} fill={SCORE_PART_COLORS.watchPart} />
                <rect x={penaltyStart} y={y} width={Math.max(0, zero - penaltyStart)} height={band} fill={SCORE_PART_COLORS.diversityPenalty} />
                <line x1={final} x2={final} y1={y - 3} y2={y + band + 3} stroke={TEXT_COLOR} strokeWidth={2.5} />
              </g>
            );
          })}
          <line x1={zero} x2={zero} y1={0} y2={plotHeight} stroke={TEXT_COLOR} />
          <g transform={`translate(0,${plotHeight})`}>
            <AxisBottom scale={scales.x} ticks={5} label="score" />
          </g>
        </g>
      </svg>
    </div>
  );
}
