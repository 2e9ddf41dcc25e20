/**
 * Shapes of the TensorFlow.js backend choice: the trial, the active backend
 * and every switch since. The worker sends them to the page unchanged, and
 * `src/worker/protocol.ts` re-exports them.
 */

/** TensorFlow.js backends that FeedLab can run on, in the default fallback order. */
export const BACKEND_NAMES = ['webgl', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKEND_NAMES)[number];

/** One backend's result in the start-up trial. */
export interface BackendTrial {
  backend: BackendName;
  /** True when the backend initialised and ran the trial workload. */
  ok: boolean;
  /** Median milliseconds per trial training step; absent when `ok` is false. */
  msPerStep?: number;
  /** Why it failed or what was noticed (for example a software WebGL renderer). */
  note?: string;
}

/** A switch from one backend to the next after a failure. */
export interface BackendFallback {
  from: BackendName;
  to: BackendName;
  /** The error or event that caused it, as text. */
  reason: string;
  /** Simulation tick at which it happened. */
  tick: number;
}

/** Which TensorFlow.js backend runs, how it was chosen, and what changed since. */
export interface BackendReport {
  active: BackendName;
  trials: BackendTrial[];
  fallbacks: BackendFallback[];
  /** WebGL renderer string when it could be read (for example "SwiftShader"). */
  renderer?: string;
}
