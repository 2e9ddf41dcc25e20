import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './types';
import { withTimeout } from './timeout';

/** Default time limit of one `tf.setBackend` call, in milliseconds. */
export const SET_BACKEND_TIMEOUT_MS = 2_000;

/** Returns true when a factory for `backend` is registered with TensorFlow.js in this runtime. */
export function isBackendRegistered(backend: BackendName): boolean {
  return tf.findBackendFactory(backend) != null;
}

/**
 * Makes `backend` the active TensorFlow.js backend, or throws.
 *
 * Before the WASM backend is first set, its multithreaded build is turned
 * off: on a cross-origin-isolated page a minified build's `setBackend('wasm')`
 * never resolves because the pthread workers die with a ReferenceError
 * (TF.js 4.22, Chromium 156). The call is wrapped in a timeout because a
 * failing `setBackend` can hang instead of rejecting.
 *
 * @throws Error when the backend is not registered, when `setBackend` returns
 *   false (TF.js logs its own warning with the cause), or when it times out.
 */
export async function activateBackend(backend: BackendName, timeoutMs = SET_BACKEND_TIMEOUT_MS): Promise<void> {
  if (!isBackendRegistered(backend)) {
    throw new Error(`TensorFlow.js backend "${backend}" is not registered in this runtime`);
  }

  if (backend === 'wasm') {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }

  const succeeded = await withTimeout(tf.setBackend(backend), timeoutMs, `tf.setBackend('${backend}')`);
  if (!succeeded) {
    throw new Error(`tf.setBackend('${backend}') returned false: the backend failed to initialise`);
  }
}

/** Returns the message of a thrown value, for reports and logs. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
