/**
 * The bubble view: every user of each twin as a point on a fixed map of the
 * topic space (the first two principal axes of tick-0 interests), moving as
 * the user's true interests drift. This is ground truth, which the platform
 * never observes: it reads only the logs.
 */
import { useMemo } from 'react';
import { ChartFigure } from '../../viz/ChartFigure';
import { bubbleDomain, TwinBubbleCanvas } from '../../viz/TwinBubbleCanvas';
import type { InterestGroups } from '../../engine/metrics/interestGroups';
import type { BubbleGroups, BubblePoints, FilterBubbleInit } from '../../worker/filterBubbleApi';
import type { TwinLabels } from './MetricCharts';
import { formatDecimal, formatMetric } from './format';

/**
 * Mean distance of the points from their centroid, in map units: a drop means the users moved closer together.
 *
 * A drop cannot tell separate clusters (filter bubbles) from all users converging on one mix, because the random
 * recommender lowers it about as much as the platform. {@link InterestGroupsTable} separates the two.
 */
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
  /** Grouping of the users' full interest vectors now; see {@link InterestGroups}. */
  groups: BubbleGroups;
  tick: number;
  labels: TwinLabels;
}

export function BubblePanel({ init, bubbles, groups, tick, labels }: BubblePanelProps) {
  const domain = useMemo(() => bubbleDomain(init.bubbles.a), [init]);
  const titles = useMemo(() => ({ a: labels.a, b: labels.b }), [labels]);
  const start = useMemo(() => spread(init.bubbles.a), [init]);
  const spreads = { a: spread(bubbles.a), b: spread(bubbles.b) };
  const [first, second] = init.explainedVariance;
  const axes = useMemo(() => ({ x: `PC1 (${formatDecimal(100 * first, 0)}%)`, y: `PC2 (${formatDecimal(100 * second, 0)}%)` }), [first, second]);
  const unexplained = formatDecimal(100 * (1 - first - second), 0);
  const summary =
    `Tick ${tick}. The map's x axis is the first principal component (PC1) of the users' interests at tick 0 and explains ${formatDecimal(100 * first, 0)}% of their variance; the y axis (PC2) explains ${formatDecimal(100 * second, 0)}%, so ${unexplained}% of the variance is off the map. ` +
    `Mean distance of users from their centroid on the map: A ${formatMetric(spreads.a)}, B ${formatMetric(spreads.b)} (tick 0: ${formatMetric(start)}). ` +
    'A smaller spread does not by itself show a filter bubble: with drift, any feed pulls interests toward the topics it serves, and the random recommender shrinks the spread about as much as the platform, because random items average every user toward the catalogue’s mix. A filter bubble shows as separate tight clusters, which the spread alone cannot tell from one shrinking cloud; the table below the map separates the two.';
  const table = () => (
    <table className="metrics-table">
      <thead>
        <tr>
          <th scope="col">User</th>
          <th scope="col">A PC1</th>
          <th scope="col">A PC2</th>
          <th scope="col">B PC1</th>
          <th scope="col">B PC2</th>
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
    <ChartFigure title="Bubble view: users' true interests on a fixed map (PC1, PC2)" summary={summary} exportName="feedback-loops-bubbles" table={table} truth canvas>
      <TwinBubbleCanvas a={bubbles.a} b={bubbles.b} domain={domain} titles={titles} axes={axes} ariaLabel={`Users' true interests of twins A and B at tick ${tick}, side by side`} />
      <InterestGroupsTable start={init.groups.a} groups={groups} labels={labels} topics={init.topics} />
    </ChartFigure>
  );
}

/**
 * The two numbers that tell bubbles from convergence, read from the full
 * interest vectors rather than the 2-D map: the spread of users over main
 * topics, and how narrow each user is.
 */
function InterestGroupsTable({ start, groups, labels, topics }: { start: InterestGroups; groups: BubbleGroups; labels: TwinLabels; topics: number }) {
  return (
    <div className="table-scroll" role="region" aria-label="How users' interests group" tabIndex={0}>
      <table className="metrics-table" data-testid="interest-groups">
        <caption>
          Separate bubbles keep users spread over main topics (entropy near its maximum ln {topics} = {formatMetric(Math.log(topics))}) while each user narrows (mean top interest rises toward 1). Convergence on one mix lowers the entropy toward 0. Both come from the users’ full interest vectors, not the map.
        </caption>
        <thead>
          <tr>
            <th scope="col">Users’ interests</th>
            <th scope="col">Entropy of main topics over users (nats)</th>
            <th scope="col">Mean top interest max θ_u</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Tick 0, both twins</th>
            <td>{formatMetric(start.mainTopicEntropy)}</td>
            <td>{formatMetric(start.meanTopInterest)}</td>
          </tr>
          {(['a', 'b'] as const).map((twin) => (
            <tr key={twin}>
              <th scope="row">Now, {labels[twin]}</th>
              <td>{formatMetric(groups[twin].mainTopicEntropy)}</td>
              <td>{formatMetric(groups[twin].meanTopInterest)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
