/**
 * The results slice: per-tick metrics and topic mix of the run on screen, the
 * chosen user's feed snapshot and the latest embedding map.
 *
 * `metrics` and `topicMix` grow by appending in place, so a long run is not
 * copied on every tick. `resultsVersion` changes on every append: components
 * select it (not the arrays) to know when to redraw.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { EmbeddingMap, TickMetrics, TopicMixRow, UserFeedSnapshot } from '../engine/loop/types';
import type { FeedLabState } from './store';

export interface ResultsSlice {
  /** One row per tick, tick 1 first. Appended in place; see `resultsVersion`. */
  metrics: TickMetrics[];
  /** Topic mix consumed per tick, aligned with `metrics`. Appended in place. */
  topicMix: TopicMixRow[];
  /** Ticks after which the models retrained. Appended in place. */
  retrainedAt: number[];
  /** Incremented on every append or clear. */
  resultsVersion: number;
  snapshot: UserFeedSnapshot | null;
  embeddingMap: EmbeddingMap | null;

  appendResults(metrics: readonly TickMetrics[], topicMix: readonly TopicMixRow[], retrainedAt: readonly number[]): void;
  /** Starts new, empty arrays (the old ones stay valid for whoever still holds them). */
  clearResults(): void;
  setSnapshot(snapshot: UserFeedSnapshot | null): void;
  setEmbeddingMap(map: EmbeddingMap | null): void;
}

export const createResultsSlice: StateCreator<FeedLabState, [], [], ResultsSlice> = (set, get) => ({
  metrics: [],
  topicMix: [],
  retrainedAt: [],
  resultsVersion: 0,
  snapshot: null,
  embeddingMap: null,

  appendResults(metrics, topicMix, retrainedAt) {
    const state = get();
    // A loop, not push(...rows): a replay to a late tick can exceed the argument-count limit.
    for (const row of metrics) {
      state.metrics.push(row);
    }
    for (const row of topicMix) {
      state.topicMix.push(row);
    }
    for (const tick of retrainedAt) {
      state.retrainedAt.push(tick);
    }
    set({ resultsVersion: state.resultsVersion + 1 });
  },

  clearResults() {
    set((state) => ({
      metrics: [],
      topicMix: [],
      retrainedAt: [],
      resultsVersion: state.resultsVersion + 1,
      snapshot: null,
      embeddingMap: null,
    }));
  },

  setSnapshot(snapshot) {
    set({ snapshot });
  },

  setEmbeddingMap(embeddingMap) {
    set({ embeddingMap });
  },
});
