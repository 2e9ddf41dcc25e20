/**
 * Plain-data shapes that cross the worker boundary, besides the engine's own
 * (`src/engine/loop/types.ts`). The API's function signatures are not written
 * here: the client derives them from the worker module (`typeof api`).
 */
import type { TickMetrics, TopicMixRow } from '../engine/loop/types';

export type { BackendFallback, BackendName, BackendReport, BackendTrial } from '../engine/backend/types';
import type { BackendReport } from '../engine/backend/types';

/** What the world was built from. */
export interface WorldSummary {
  source: 'synthetic' | 'movielens';
  users: number;
  items: number;
  creators: number;
  topics: number;
  /** Label of each topic, [topics]. */
  topicNames: string[];
  /** For a ratings file: its name and how many ratings it had. */
  fileName?: string;
  ratings?: number;
}

/** A ratings file picked in the page, read as text on the main thread. */
export interface RatingsFile {
  name: string;
  text: string;
}

export interface InitResult {
  backend: BackendReport;
  world: WorldSummary;
  tick: number;
}

/** Progress of a long call, sent through a throttled callback. */
export interface AdvanceProgress {
  /** Ticks done in this call so far, and asked for. */
  done: number;
  total: number;
  tick: number;
  phase: 'serving' | 'training';
}

export interface AdvanceResult {
  /** New rows since the call started, one per tick. */
  metrics: TickMetrics[];
  topicMix: TopicMixRow[];
  /** Tick after the call. */
  tick: number;
  /** True when the call stopped early because `cancel(runId)` was called. */
  cancelled: boolean;
  /** Ticks in this call after which the models retrained. */
  retrainedAt: number[];
  backend: BackendReport;
}
