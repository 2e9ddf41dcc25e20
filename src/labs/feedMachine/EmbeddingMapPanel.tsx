/**
 * The embedding map: users and items in the plane of the first two principal
 * components of the retrieval model's embeddings (the engine runs the PCA),
 * coloured by dominant true topic. Redrawn after each retrain.
 */
import { useMemo } from 'react';
import type { EmbeddingMap } from '../../engine/loop/types';
import { selectChosenUser, selectEmbeddingMap, selectWorldTopics } from '../../state/selectors';
import { feedLabStore, useFeedLab } from '../../state/store';
import { ChartFigure } from '../../viz/ChartFigure';
import { EmbeddingScatter } from '../../viz/EmbeddingScatter';
import { formatNumber, formatPercent } from './format';
import { TopicLegend } from './TopicLegend';
import { useTopicLabel } from './useTopicLabel';

interface TopicCluster {
  topic: number;
  users: number;
  items: number;
  /** Mean position of the topic's users and items, [2] each; NaN when there are none. */
  userCentre: [number, number];
  itemCentre: [number, number];
}

/** Counts and centres per dominant topic, the map's text alternative. */
function summariseClusters(map: EmbeddingMap, topics: number): TopicCluster[] {
  const sums = Array.from({ length: topics }, () => ({ users: 0, items: 0, ux: 0, uy: 0, ix: 0, iy: 0 }));
  for (let index = 0; index < map.users + map.items; index++) {
    const sum = sums[Math.min(map.topic[index], topics - 1)];
    const x = map.points[index * 2];
    const y = map.points[index * 2 + 1];
    if (index < map.users) {
      sum.users++;
      sum.ux += x;
      sum.uy += y;
    } else {
      sum.items++;
      sum.ix += x;
      sum.iy += y;
    }
  }
  return sums.map((sum, topic) => ({
    topic,
    users: sum.users,
    items: sum.items,
    userCentre: [sum.ux / sum.users, sum.uy / sum.users],
    itemCentre: [sum.ix / sum.items, sum.iy / sum.items],
  }));
}

export function EmbeddingMapPanel() {
  const map = useFeedLab(selectEmbeddingMap);
  const user = useFeedLab(selectChosenUser);
  const topics = useFeedLab(selectWorldTopics);
  const labelTopic = useTopicLabel();
  const clusters = useMemo(() => (map ? summariseClusters(map, topics) : []), [map, topics]);

  if (!map) {
    return (
      <ChartFigure title="Embedding map" summary="The map appears once the world is built." exportName="embedding-map" canvas>
        <p className="placeholder">Waiting for the engine…</p>
      </ChartFigure>
    );
  }

  const chosen = user < map.users ? `User ${user} (ringed) is at (${formatNumber(map.points[user * 2], 2)}, ${formatNumber(map.points[user * 2 + 1], 2)}).` : '';
  const summary =
    `${map.users} users (circles) and ${map.items} items (squares) at tick ${map.tick}, projected on the first two principal components of the retrieval embeddings, ` +
    `which explain ${formatPercent(map.explainedVariance[0])} and ${formatPercent(map.explainedVariance[1])} of the variance. ` +
    `Colour is each point's dominant true topic. ${chosen} Click a circle to choose that user.`;

  const table = () => (
    <table>
      <caption>Points per dominant topic and their mean position (PC1, PC2)</caption>
      <thead>
        <tr>
          <th scope="col">Topic</th>
          <th scope="col">Users</th>
          <th scope="col">Users’ centre</th>
          <th scope="col">Items</th>
          <th scope="col">Items’ centre</th>
        </tr>
      </thead>
      <tbody>
        {clusters.map((cluster) => (
          <tr key={cluster.topic}>
            <th scope="row">{labelTopic(cluster.topic)}</th>
            <td>{cluster.users}</td>
            <td>{cluster.users > 0 ? `(${formatNumber(cluster.userCentre[0], 2)}, ${formatNumber(cluster.userCentre[1], 2)})` : '—'}</td>
            <td>{cluster.items}</td>
            <td>{cluster.items > 0 ? `(${formatNumber(cluster.itemCentre[0], 2)}, ${formatNumber(cluster.itemCentre[1], 2)})` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title="Embedding map" summary={summary} exportName="embedding-map" table={table} canvas>
      <EmbeddingScatter
        map={map}
        highlightUser={user}
        onPickUser={(picked) => feedLabStore.getState().setView({ user: picked })}
        ariaLabel={`Embedding map of ${map.users} users and ${map.items} items at tick ${map.tick}`}
      />
      <TopicLegend topics={topics} />
    </ChartFigure>
  );
}
