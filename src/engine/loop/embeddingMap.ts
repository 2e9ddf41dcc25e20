import { pca2 } from '../metrics/pca';
import type { MatrixFactorisation } from '../models/matrixFactorisation';
import { argmaxRow } from '../world/synthetic';
import type { World } from '../world/types';
import type { EmbeddingMap } from './types';

/**
 * Projects the users' and items' retrieval embeddings (rows of P, then of Q,
 * [users + items, dim]) to 2-D by PCA, and colours each point by its main
 * topic: a user's largest true interest, an item's dominant topic.
 */
export function retrievalEmbeddingMap(world: World, retrieval: MatrixFactorisation, tick: number): EmbeddingMap {
  const d = retrieval.dim;
  const rows = world.users + world.items;
  const stacked = new Float32Array(rows * d);
  stacked.set(retrieval.userEmbedding, 0);
  stacked.set(retrieval.itemEmbedding, world.users * d);
  const { points, explained } = pca2(stacked, rows, d);

  const topic = new Uint8Array(rows);
  for (let u = 0; u < world.users; u += 1) {
    topic[u] = argmaxRow(world.userInterests, u, world.topics);
  }
  topic.set(world.itemTopic, world.users);
  return { tick, users: world.users, items: world.items, points, topic, explainedVariance: explained };
}
