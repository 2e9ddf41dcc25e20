/**
 * The bubble view: every user of each twin as a point on a fixed map of the
 * topic space (the first two principal axes of tick-0 interests), moving as
 * the user's true interests drift. This is ground truth, which the platform
 * never observes: it reads only the logs.
 */
import { useMemo } from 'react';
import { ChartFigure } from '../../viz/ChartFigure';
import { bubbleDomain, TwinBubbleCanvas } from '../../viz/TwinBubbleCanvas';
import type { BubblePoints, FilterBubbleInit } from '../../worker/filterBubbleApi';
import type { TwinLabels } from './MetricCharts';
import { formatDecimal, formatMetric } from './format';

/** Mean distance of the points from their centroid, in map units: a drop means the users moved closer together. */
export function spread(points: Float32Array): number {
  const n = points.length / 2;
  if (n === 0) {
    return Number.NaN;
  }
  let cx = 0;
  let cy = 0;
  for (let index = 0; index < points.length; index += 2) {
    cx += points[index];
    cy += points[index + 1];
  }
  cx /= n;
  cy /= n;
  let sum = 0;
  for (let index = 0; index < points.length; index += 2) {
    sum += Math.hypot(points[index] - cx, points[index + 1] - cy);
  }
  return sum / n;
}

interface BubblePanelProps {
  init: FilterBubbleInit;
  bubbles: BubblePoints;
  tick: number;
  labels: TwinLabels;
}

export function BubblePanel({ init, bubbles, tick, labels }: BubblePanelProps) {
  const domain = useMemo(() => bubbleDomain(init.bubbles.a), [init]);
  const titles = useMemo(() => ({ a: labels.a, b: labels.b }), [labels]);
  const start = useMemo(() => spread(init.bubbles.a), [init]);
  const spreads = { a: spread(bubbles.a), b: spread(bubbles.b) };
  const [first, second] = init.explainedVariance;
  const summary = `Tick ${tick}. Mean distance of users from their centroid on the map: A ${formatMetric(spreads.a)}, B ${formatMetric(spreads.b)} (tick 0: ${formatMetric(start)}). The two axes explain ${formatDecimal(100 * first, 0)}% and ${formatDecimal(100 * second, 0)}% of the tick-0 interest variance.`;
  const table = () => (
    <table className="metrics-table">
      <thead>
        <tr>
          <th scope="col">User</th>
          <th scope="col">A x</th>
          <th scope="col">A y</th>
          <th scope="col">B x</th>
          <th scope="col">B y</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: bubbles.a.length / 2 }, (_, user) => (
          <tr key={user}>
            <th scope="row">{user}</th>
            <td>{formatMetric(bubbles.a[2 * user])}</td>
            <td>{formatMetric(bubbles.a[2 * user + 1])}</td>
            <td>{formatMetric(bubbles.b[2 * user])}</td>
            <td>{formatMetric(bubbles.b[2 * user + 1])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure title="Bubble view: users' true interests on a fixed map" summary={summary} exportName="feedback-loops-bubbles" table={table} truth canvas>
      <TwinBubbleCanvas a={bubbles.a} b={bubbles.b} domain={domain} titles={titles} ariaLabel={`Users' true interests of twins A and B at tick ${tick}, side by side`} />
    </ChartFigure>
  );
}
