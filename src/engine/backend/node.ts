import '@tensorflow/tfjs-backend-wasm';
import { selectBackend, type BackendSelection, type SelectBackendOptions } from './selectBackend';
import type { BackendName } from './types';

/** Backends that work in Node without native add-ons: `@tensorflow/tfjs-node` is not used. */
export const NODE_BACKENDS: readonly BackendName[] = ['wasm', 'cpu'];

/**
 * Chooses between the WASM and CPU backends in Node (CLI, benchmarks, tests)
 * by the same measured trial as the browser worker. Importing this module
 * registers the WASM backend, which in Node loads its `.wasm` files from the
 * package folder without `setWasmPaths`.
 */
export function selectNodeBackend(options: Omit<SelectBackendOptions, 'candidates' | 'renderer' | 'skipSoftwareWebGL'> = {}): Promise<BackendSelection> {
  return selectBackend({ ...options, candidates: NODE_BACKENDS });
}
