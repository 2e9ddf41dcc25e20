export { activateBackend, errorMessage, isBackendRegistered, SET_BACKEND_TIMEOUT_MS } from './activate';
export { BackendSwitcher } from './fallback';
export { DEFAULT_TRIAL_LIMITS, isSoftwareRenderer, selectBackend } from './selectBackend';
export type { BackendSelection, SelectBackendOptions, TrialLimits } from './selectBackend';
export { TimeoutError, withTimeout } from './timeout';
export { LogisticRegressionTrial, TRIAL_WORKLOAD_SIZE } from './trialWorkload';
export type { TrialWorkloadSize } from './trialWorkload';
export { BACKEND_NAMES } from './types';
export type { BackendFallback, BackendName, BackendReport, BackendTrial } from './types';
