import { BackendSwitcher } from '../engine/backend/fallback';
import { selectBackend } from '../engine/backend/selectBackend';
import type { BackendName } from '../engine/backend/types';
import type { EngineEnvironment } from './engineApi';

/** Options of a lab worker's backend trial and of its fall-back log lines. */
export interface BackendChoiceOptions {
  /** Whether to leave software WebGL (SwiftShader) out of the trial, because it ran about 10x slower than WASM per step in headless Chromium here. */
  skipSoftwareWebGL?: boolean;
  /** The word for the counter in fall-back messages: "tick" for simulations, "job" for training calls. */
  unit?: string;
}

/**
 * Runs the backend trial (or takes the backend named in `requested`), logs
 * the choice with the trial's ranking, and returns a switcher that falls back
 * to the next backend when a call throws, logging each fall-back.
 */
export async function chooseBackend(environment: EngineEnvironment, requested: BackendName | 'auto', options: BackendChoiceOptions = {}): Promise<BackendSwitcher> {
  const { log } = environment;
  const unit = options.unit ?? 'tick';
  const started = performance.now();
  const selection = await selectBackend({
    candidates: environment.candidates,
    requested,
    renderer: environment.readWebGLRenderer?.(),
    skipSoftwareWebGL: options.skipSoftwareWebGL,
    limits: environment.trialLimits,
  });
  log.info(`backend: ${selection.report.active} chosen in ${Math.round(performance.now() - started)} ms; ranking ${selection.ranking.join(' > ')}`);
  return new BackendSwitcher(selection, (fallback) => log.warn(`backend: fell back from ${fallback.from} to ${fallback.to} at ${unit} ${fallback.tick}: ${fallback.reason}`));
}
