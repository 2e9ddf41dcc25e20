import { topicColor } from '../../viz/palette';
import { useTopicLabel } from './useTopicLabel';

/** Colour key of the topics, shared by the topic-mix chart and the embedding map. */
export function TopicLegend({ topics }: { topics: number }) {
  const labelTopic = useTopicLabel();
  return (
    <ul className="topic-legend" aria-label="Topic colours">
      {Array.from({ length: topics }, (_, topic) => (
        <li key={topic}>
          <span className="swatch" style={{ background: topicColor(topic) }} aria-hidden="true" />
          {labelTopic(topic)}
        </li>
      ))}
    </ul>
  );
}
