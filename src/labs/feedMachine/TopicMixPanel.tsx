/**
 * The population's topic mix over ticks: each band is one topic's share of
 * watch time. A band that widens until it fills the chart is a filter bubble
 * forming across the population.
 */
import type { TopicMixRow } from '../../engine/loop/types';
import { selectMetrics, selectResultsVersion, selectTopicMix, selectWorldTopics } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { ChartFigure } from '../../viz/ChartFigure';
import { sampleIndices } from '../../viz/decimate';
import { StackedAreaChart } from '../../viz/StackedAreaChart';
import { formatNumber, formatPercent, ordinal } from './format';
import { TopicLegend } from './TopicLegend';
import { describeMarkers } from './policyChangeText';
import { usePolicyAnnotations } from './usePolicySchedule';
import { useTopicLabel } from './useTopicLabel';

const TABLE_ROWS = 40;

function largestTopic(row: TopicMixRow): number {
  let best = 0;
  for (let topic = 1; topic < row.shares.length; topic++) {
    if (row.shares[topic] > row.shares[best]) {
      best = topic;
    }
  }
  return best;
}

export function TopicMixPanel() {
  const rows = useFeedLab(selectTopicMix);
  const metrics = useFeedLab(selectMetrics);
  const version = useFeedLab(selectResultsVersion);
  const topics = useFeedLab(selectWorldTopics);
  const labelTopic = useTopicLabel();
  const annotations = usePolicyAnnotations();

  let summary = 'No ticks yet.';
  if (rows.length > 0) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    const top = largestTopic(last);
    const entropy = metrics.length > 0 ? metrics[metrics.length - 1].topicEntropy : Number.NaN;
    summary =
      `At tick ${last.tick} the most-watched topic is ${labelTopic(top)} with ${formatPercent(last.shares[top])} of watch time ` +
      `(${formatPercent(first.shares[top])} at tick ${first.tick}). Topic entropy ${formatNumber(entropy, 2)} nats; ` +
      `an even mix over ${topics} topics would give ${formatNumber(Math.log(topics), 2)}. ${describeMarkers(annotations, last.tick)}`;
  }

  const table = () => (
    <table>
      <caption>Share of watch time per topic, {rows.length <= TABLE_ROWS ? 'every tick' : `every ${ordinal(Math.ceil(rows.length / TABLE_ROWS))} tick and the last`}</caption>
      <thead>
        <tr>
          <th scope="col">Tick</th>
          {Array.from({ length: topics }, (_, topic) => (
            <th scope="col" key={topic}>
              {labelTopic(topic)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sampleIndices(rows.length, TABLE_ROWS).map((index) => (
          <tr key={rows[index].tick}>
            <th scope="row">{rows[index].tick}</th>
            {rows[index].shares.map((share, topic) => (
              <td key={topic}>{formatPercent(share)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title="Topic mix of what people watch" summary={summary} exportName="topic-mix" table={table}>
      <StackedAreaChart rows={rows} version={version} bands={topics} ariaLabel="Share of watch time per topic by tick, stacked" annotations={annotations} />
      <TopicLegend topics={topics} />
    </ChartFigure>
  );
}
