/** Words for the TensorFlow.js backend trial in the backend panel. */
import type { BackendTrial } from '../../worker/protocol';
import { formatNumber } from './format';

/**
 * Describes one trial entry: "failed" with the reason when `ok` is false,
 * "requested, not timed" for a backend chosen through the `backend` option
 * (it is set without the timed trial, so it has no `msPerStep`), else its
 * median time per training step.
 */
export function describeTrial(trial: BackendTrial): string {
  if (!trial.ok) {
    return `${trial.backend} failed${trial.note ? ` (${trial.note})` : ''}`;
  }
  if (trial.msPerStep === undefined) {
    return `${trial.backend} requested, not timed`;
  }
  return `${trial.backend} ${formatNumber(trial.msPerStep, 1)} ms per step`;
}
