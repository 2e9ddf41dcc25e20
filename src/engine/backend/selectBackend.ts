import { activateBackend, errorMessage, isBackendRegistered, SET_BACKEND_TIMEOUT_MS } from './activate';
import { TimeoutError, withTimeout } from './timeout';
import { LogisticRegressionTrial, TRIAL_WORKLOAD_SIZE, type TrialWorkloadSize } from './trialWorkload';
import { BACKEND_NAMES, type BackendName, type BackendReport, type BackendTrial } from './types';

/** Time limits and step counts of the start-up trial. Times are milliseconds. */
export interface TrialLimits {
  /** Limit of one `tf.setBackend` call. */
  setBackendMs: number;
  /** Limit of one backend's warm-up steps, where first-use compilation happens. */
  warmupMs: number;
  /** Timed steps of one backend stop after this long; at least one step is always timed. */
  timedMs: number;
  /** No further backend is tried after this long; untried ones remain as untested fallbacks. */
  totalMs: number;
  warmupSteps: number;
  timedSteps: number;
}

export const DEFAULT_TRIAL_LIMITS: TrialLimits = {
  setBackendMs: SET_BACKEND_TIMEOUT_MS,
  warmupMs: 3_000,
  timedMs: 500,
  totalMs: 4_500,
  warmupSteps: 3,
  timedSteps: 10,
};

export interface SelectBackendOptions {
  /** Backends to consider, in fallback order; default webgl, wasm, cpu. */
  candidates?: readonly BackendName[];
  /** A backend to use without a timed trial; 'auto' or absent runs the trial. */
  requested?: BackendName | 'auto';
  /** WebGL renderer string, read by the caller (only a browser can). */
  renderer?: string;
  /**
   * Skips WebGL without a trial when `renderer` is a software rasteriser.
   * Off by default, because the trial already ranks software WebGL last.
   */
  skipSoftwareWebGL?: boolean;
  limits?: Partial<TrialLimits>;
  workload?: TrialWorkloadSize;
}

/** The chosen backend, every trial, and the order in which to fall back. */
export interface BackendSelection {
  report: BackendReport;
  /** Backends to use, best first; `report.active` is the first that could be set. */
  ranking: BackendName[];
}

/**
 * Trial outcome: `measured` ran the timed steps, `slow` initialised but missed
 * the warm-up limit, `untried` was never reached, `unusable` failed or was skipped.
 */
type TrialOutcome = 'measured' | 'slow' | 'untried' | 'unusable';

interface TrialRecord {
  trial: BackendTrial;
  outcome: TrialOutcome;
}

/**
 * Renderer strings of software rasterisers: SwiftShader (Chromium without a
 * GPU), llvmpipe and softpipe (Mesa), Microsoft Basic Render Driver.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Returns true for WebGL on a known software renderer. */
function isSoftwareWebGL(backend: BackendName, options: SelectBackendOptions): boolean {
  return backend === 'webgl' && isSoftwareRenderer(options.renderer);
}

/** Returns true when a WebGL renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string | undefined): boolean {
  return renderer !== undefined && SOFTWARE_RENDERER.test(renderer);
}

/**
 * Chooses the TensorFlow.js backend by a short measured trial and leaves it
 * active.
 *
 * Each candidate is set with a timeout, runs `warmupSteps` training steps of
 * {@link LogisticRegressionTrial} within `warmupMs`, then up to `timedSteps`
 * timed steps; the backend with the lowest median time per step wins.
 *
 * A measured order beats a fixed one because WebGL on a real GPU can be the
 * fastest. On a software renderer (SwiftShader in headless Chromium without
 * a GPU) it trained 10x (logistic regression) to 200-300x (a DeepFM-sized
 * model) slower than WASM (TF.js 4.22, Chromium 156, a 2-core AMD EPYC).
 * There the whole trial took 1.4-1.5 s, most of it compiling WebGL shaders,
 * and ranked WebGL last, so it is measured like the others unless
 * `skipSoftwareWebGL` is set.
 *
 * With `requested` set, that backend is only set, not timed, and the other
 * candidates follow in the given order, with WebGL on a known software
 * renderer last. If the requested backend fails, the trial runs over the
 * other candidates.
 *
 * @throws Error listing every backend's failure when none can be set.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendSelection> {
  const candidates = options.candidates ?? BACKEND_NAMES;
  const limits: TrialLimits = { ...DEFAULT_TRIAL_LIMITS, ...options.limits };
  const requested = options.requested ?? 'auto';
  const records: TrialRecord[] = [];

  if (requested !== 'auto') {
    if (!candidates.includes(requested)) {
      throw new Error(`Requested backend "${requested}" is not available here; expected one of: auto, ${candidates.join(', ')}`);
    }
    try {
      await activateBackend(requested, limits.setBackendMs);
      const trial: BackendTrial = { backend: requested, ok: true, note: withRenderer(requested, 'requested by the backend option; not timed', options.renderer) };
      const others = candidates.filter((backend) => backend !== requested && !isSoftwareWebGL(backend, options));
      const softwareWebGL = candidates.filter((backend) => backend !== requested && isSoftwareWebGL(backend, options));
      others.push(...softwareWebGL);
      return { report: { active: requested, trials: [trial], fallbacks: [], renderer: options.renderer }, ranking: [requested, ...others] };
    } catch (error) {
      records.push({ trial: { backend: requested, ok: false, note: `requested by the backend option but failed: ${errorMessage(error)}` }, outcome: 'unusable' });
    }
  }

  const start = performance.now();
  for (const backend of candidates) {
    if (records.some((record) => record.trial.backend === backend)) {
      continue;
    }
    const elapsed = performance.now() - start;
    if (elapsed > limits.totalMs) {
      records.push({ trial: { backend, ok: false, note: `not tried: the trial's time limit of ${limits.totalMs} ms was spent` }, outcome: 'untried' });
      continue;
    }
    records.push(await runTrial(backend, limits, options));
  }

  const ranking = rankBackends(records);
  const trials = records.map((record) => record.trial);
  const active = await activateFirstUsable(ranking, trials, limits.setBackendMs);
  return { report: { active, trials, fallbacks: [], renderer: options.renderer }, ranking: ranking.slice(ranking.indexOf(active)) };
}

/** Orders backends: measured ones fastest first, then slow ones, then untried ones; unusable ones are left out. */
function rankBackends(records: readonly TrialRecord[]): BackendName[] {
  const measured = records
    .filter((record) => record.outcome === 'measured')
    .sort((a, b) => (a.trial.msPerStep ?? Infinity) - (b.trial.msPerStep ?? Infinity));
  const slow = records.filter((record) => record.outcome === 'slow');
  const untried = records.filter((record) => record.outcome === 'untried');
  return [...measured, ...slow, ...untried].map((record) => record.trial.backend);
}

/** Sets the first backend of `ranking` that can be set; appends the reason to a trial's note when one cannot. */
async function activateFirstUsable(ranking: readonly BackendName[], trials: BackendTrial[], timeoutMs: number): Promise<BackendName> {
  for (const backend of ranking) {
    try {
      await activateBackend(backend, timeoutMs);
      return backend;
    } catch (error) {
      const trial = trials.find((entry) => entry.backend === backend);
      if (trial !== undefined) {
        trial.ok = false;
        trial.note = [trial.note, `could not be set after the trial: ${errorMessage(error)}`].filter(Boolean).join('; ');
      }
    }
  }
  const reasons = trials.map((trial) => `${trial.backend}: ${trial.note ?? 'failed'}`).join('; ');
  throw new Error(`No TensorFlow.js backend could be initialised (${reasons})`);
}

async function runTrial(backend: BackendName, limits: TrialLimits, options: SelectBackendOptions): Promise<TrialRecord> {
  const renderer = backend === 'webgl' ? options.renderer : undefined;
  const unusable = (note: string): TrialRecord => ({ trial: { backend, ok: false, note: withRenderer(backend, note, renderer) }, outcome: 'unusable' });

  if (isSoftwareWebGL(backend, options) && options.skipSoftwareWebGL === true) {
    return unusable('skipped: software renderer');
  }
  if (!isBackendRegistered(backend)) {
    return unusable('not registered in this runtime');
  }

  try {
    await activateBackend(backend, limits.setBackendMs);
  } catch (error) {
    return unusable(`could not be set: ${errorMessage(error)}`);
  }

  let workload: LogisticRegressionTrial;
  try {
    workload = new LogisticRegressionTrial(options.workload ?? TRIAL_WORKLOAD_SIZE);
  } catch (error) {
    return unusable(`trial workload failed: ${errorMessage(error)}`);
  }

  // The timeout catches a warm-up that hangs; the measured time catches one
  // that blocks the thread (CPU and WASM kernels run synchronously).
  const slow: TrialRecord = { trial: { backend, ok: false, note: withRenderer(backend, `skipped: warm-up took more than ${limits.warmupMs} ms`, renderer) }, outcome: 'slow' };
  const warmupStart = performance.now();
  const warmup = runSteps(workload, limits.warmupSteps);
  try {
    await withTimeout(warmup, limits.warmupMs, `${backend} warm-up`);
  } catch (error) {
    // The warm-up may still be running: dispose of its tensors only when it settles.
    void warmup.catch(() => undefined).finally(() => workload.dispose());
    return error instanceof TimeoutError ? slow : unusable(`warm-up failed: ${errorMessage(error)}`);
  }
  if (performance.now() - warmupStart > limits.warmupMs) {
    workload.dispose();
    return slow;
  }

  try {
    const msPerStep = await timeSteps(workload, limits);
    return { trial: { backend, ok: true, msPerStep, note: withRenderer(backend, undefined, renderer) }, outcome: 'measured' };
  } catch (error) {
    return unusable(`training step failed: ${errorMessage(error)}`);
  } finally {
    workload.dispose();
  }
}

async function runSteps(workload: LogisticRegressionTrial, steps: number): Promise<void> {
  for (let step = 0; step < steps; step += 1) {
    await workload.step();
  }
}

/** Returns the median milliseconds per step over up to `timedSteps` steps, stopping after `timedMs`. */
async function timeSteps(workload: LogisticRegressionTrial, limits: TrialLimits): Promise<number> {
  const durations: number[] = [];
  const start = performance.now();
  while (durations.length < limits.timedSteps) {
    const stepStart = performance.now();
    await workload.step();
    durations.push(performance.now() - stepStart);
    if (performance.now() - start > limits.timedMs) {
      break;
    }
  }
  // Round to 1 µs: browsers coarsen performance.now() to 5-100 µs anyway.
  return Math.round(median(durations) * 1000) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Adds the WebGL renderer string to a WebGL trial's note, marked when it is a software renderer. */
function withRenderer(backend: BackendName, note: string | undefined, renderer: string | undefined): string | undefined {
  if (backend !== 'webgl' || renderer === undefined) {
    return note;
  }
  const label = `${isSoftwareRenderer(renderer) ? 'software renderer' : 'renderer'}: ${renderer}`;
  return note === undefined ? label : `${note} (${label})`;
}
