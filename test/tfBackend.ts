import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Sets the WASM backend for model tests in Node, the backend the CLI uses. */
export async function useWasmBackend(): Promise<void> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const ok = await tf.setBackend('wasm');
  if (!ok) {
    throw new Error('The TensorFlow.js WASM backend failed to initialise in Node.');
  }
  await tf.ready();
}
