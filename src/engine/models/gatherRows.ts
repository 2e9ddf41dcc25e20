import * as tf from '@tensorflow/tfjs';

/**
 * Embedding lookup `table[indices]` whose gradient trains on every backend.
 *
 * table: [rows, dim], indices: [batch] int32 → [batch, dim].
 *
 * The built-in gradient of tf.gather uses the UnsortedSegmentSum kernel,
 * which the WASM backend does not register ("Kernel 'UnsortedSegmentSum' not
 * registered for backend 'wasm'", TF.js 4.22) and which is very slow on CPU
 * and WebGL. Here the forward pass is the same gather and the gradient is
 * scatterND(indices, dy, [rows, dim]), which sums the rows of dy that share an
 * index, so repeated ids in a batch get the summed gradient.
 */
export function gatherRows(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  const lookup = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const t = inputs[0] as tf.Tensor;
    return {
      value: tf.gather(t, indices),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.scatterND(indices.expandDims(1), dy as tf.Tensor, t.shape),
    };
  });
  return lookup(table) as tf.Tensor2D;
}

/**
 * Adam with epsilon 1e-7 on every backend. TF.js picks epsilon 1e-4 on WebGL
 * whenever it reports 16-bit float precision (tensorflow/tfjs#6980), which
 * makes training diverge across backends.
 */
export function adam(learningRate: number): tf.AdamOptimizer {
  return tf.train.adam(learningRate, 0.9, 0.999, 1e-7);
}
