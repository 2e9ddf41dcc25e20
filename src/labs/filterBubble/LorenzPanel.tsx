/**
 * Lorenz curves of impressions over creators for both twins, with the line of
 * equality. The caption is computed from the curves, and it names the more
 * equal twin only when one curve lies above the other everywhere.
 */
import { useMemo } from 'react';
import { compareLorenz, type LorenzComparison } from '../../engine/experiments/lorenzComparison';
import type { Twin } from '../../engine/experiments/twin';
import { ChartFigure } from '../../viz/ChartFigure';
import { CurveChart, type CurveSeries } from '../../viz/CurveChart';
import { Legend } from '../../viz/Legend';
import { MUTED_TEXT_COLOR } from '../../viz/palette';
import { TWIN_COLORS } from '../../viz/TwinChart';
import type { LorenzCurve } from '../../worker/filterBubbleApi';
import { formatMetric, formatPercent } from './format';
import type { TwinLabels } from './MetricCharts';

/** Share of impressions that the bottom half of creators got: the curve's value at x = 0.5, interpolated. */
export function bottomHalfShare(curve: LorenzCurve): number {
  for (let index = 1; index < curve.x.length; index += 1) {
    if (curve.x[index] >= 0.5) {
      const x0 = curve.x[index - 1];
      const x1 = curve.x[index];
      const t = x1 > x0 ? (0.5 - x0) / (x1 - x0) : 1;
      return curve.y[index - 1] + t * (curve.y[index] - curve.y[index - 1]);
    }
  }
  return Number.NaN;
}

/** Describes how the two curves are ordered, with both Gini coefficients, in one or two sentences. */
export function describeLorenzOrder(comparison: LorenzComparison): string {
  const gini = `Gini: A ${formatMetric(comparison.gini.a)}, B ${formatMetric(comparison.gini.b)}.`;
  switch (comparison.order) {
    case 'equal':
      return `The two curves coincide, so exposure is spread the same way in both twins. ${gini}`;
    case 'a-above':
      return `A's curve lies on or above B's at every share of creators, so A spreads exposure more evenly than B, and its Gini is lower. ${gini}`;
    case 'b-above':
      return `B's curve lies on or above A's at every share of creators, so B spreads exposure more evenly than A, and its Gini is lower. ${gini}`;
    case 'cross': {
      const where = comparison.crossings.map((x) => formatPercent(x)).join(', ');
      const last = comparison.segments.length - 1;
      const parts = comparison.segments.map((segment, index) => {
        const twin = segment.above.toUpperCase();
        if (index === 0) {
          return `${twin} is higher up to ${formatPercent(segment.to)}`;
        }
        if (index === last) {
          return `${twin} above ${formatPercent(segment.from)}`;
        }
        return `${twin} between ${formatPercent(segment.from)} and ${formatPercent(segment.to)}`;
      });
      const first = comparison.segments[0]?.above.toUpperCase() ?? 'A';
      return (
        `The curves cross ${comparison.crossings.length === 1 ? 'once' : `${comparison.crossings.length} times`} (at ${where} of creators, least exposed first): ${parts.join(', ')}. ` +
        `So ${first} gives the least exposed creators a larger share. Neither twin is more equal at every share, so the Gini alone does not order them; it weighs the parts into one number. ${gini}`
      );
    }
  }
}

export function LorenzPanel({ lorenz, tick, labels }: { lorenz: Record<Twin, LorenzCurve>; tick: number; labels: TwinLabels }) {
  const series = useMemo<CurveSeries[]>(() => {
    const points = (curve: LorenzCurve) => Array.from(curve.x, (x, index) => ({ x, y: curve.y[index] }));
    return [
      { key: 'equality', label: 'Equal exposure', color: MUTED_TEXT_COLOR, dashed: true, points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
      { key: 'a', label: labels.a, color: TWIN_COLORS.a, points: points(lorenz.a) },
      { key: 'b', label: labels.b, color: TWIN_COLORS.b, points: points(lorenz.b) },
    ];
  }, [lorenz, labels]);
  const share = { a: bottomHalfShare(lorenz.a), b: bottomHalfShare(lorenz.b) };
  const order = describeLorenzOrder(compareLorenz(lorenz.a, lorenz.b));
  const summary = `Impressions over creators up to tick ${tick}. The bottom half of creators got ${formatPercent(share.a)} of A's impressions and ${formatPercent(share.b)} of B's; equal exposure would give them 50%. ${order}`;
  const table = () => (
    <table className="metrics-table">
      <thead>
        <tr>
          <th scope="col">Share of creators (poorest first)</th>
          <th scope="col">A: share of impressions</th>
          <th scope="col">B: share of impressions</th>
        </tr>
      </thead>
      <tbody>
        {Array.from(lorenz.a.x, (x, index) => (
          <tr key={index}>
            <th scope="row">{formatMetric(x)}</th>
            <td>{formatMetric(lorenz.a.y[index])}</td>
            <td>{formatMetric(lorenz.b.y[index] ?? Number.NaN)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure title="Lorenz curve of exposure over creators" summary={summary} exportName="feedback-loops-lorenz" table={table}>
      <CurveChart series={series} xLabel="share of creators, least exposed first" yLabel="share of impressions" yDomain={[0, 1]} ariaLabel="Lorenz curves of impressions over creators for twins A and B" />
      <Legend items={series.map(({ key, label, color, dashed }) => ({ key, label, color, dashed }))} />
    </ChartFigure>
  );
}
