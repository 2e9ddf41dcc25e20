import type { BackendReport } from '../src/engine/backend/types';

/**
 * Values of `--backend`: the TensorFlow.js backends that run in Node without
 * native add-ons, and `auto`, the engine's measured start-up trial between
 * them. The list matches `NODE_BACKENDS` of src/engine/backend/node.ts (a
 * test checks it), and is written here so that `--help` and flag errors
 * return without loading TensorFlow.js.
 */
export const CLI_BACKEND_CHOICES = ['auto', 'wasm', 'cpu'] as const;

export type CliBackendChoice = (typeof CLI_BACKEND_CHOICES)[number];

/**
 * Default of `--backend`: the trial. On a 2-core x86 machine (Node 20,
 * TF.js 4.22) it picked WASM, at 1.3-1.6 ms per trial step against 4.5-11.5 ms
 * for the plain-JS CPU backend.
 *
 * NOTE: the metrics depend on the backend. WASM and CPU rows differed from
 * tick 1 in about the 8th significant digit and diverged after the first
 * retrain, so runs that must give identical files should pass a backend.
 */
export const DEFAULT_CLI_BACKEND: CliBackendChoice = 'auto';

/**
 * Activates the requested backend, or the fastest one by the engine's trial
 * for `auto`, and returns the engine's report of the choice.
 *
 * @throws Error when no backend can be set.
 */
export async function useNodeBackend(choice: CliBackendChoice): Promise<BackendReport> {
  // TF.js 4.22 advises installing @tensorflow/tfjs-node the first time its CPU backend runs in Node;
  // that package cannot install here, and WASM is the fast backend. PROD mode silences TF.js warnings.
  const tf = await import('@tensorflow/tfjs');
  tf.env().set('PROD', true);
  const { selectNodeBackend } = await import('../src/engine/backend/node');
  const selection = await selectNodeBackend({ requested: choice });
  return selection.report;
}

/** Describes the backend choice in one line, for example `wasm (wasm 1.3 ms/step, cpu 9.8 ms/step)`. */
export function describeBackendReport(report: BackendReport): string {
  const trials = report.trials.map((trial) => {
    if (trial.msPerStep !== undefined) {
      return `${trial.backend} ${trial.msPerStep.toFixed(1)} ms/step`;
    }
    return `${trial.backend} ${trial.note ?? (trial.ok ? 'ok' : 'failed')}`;
  });
  return `${report.active} (${trials.join(', ')})`;
}
