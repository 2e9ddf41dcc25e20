import * as tf from '@tensorflow/tfjs';

/** Shape of the trial's logistic regression: a batch of `batch` rows with `features` inputs each. */
export interface TrialWorkloadSize {
  batch: number;
  features: number;
}

/**
 * The default trial size, near the lab's ranker (mini-batches of 512 × 66
 * features). A smaller batch lets per-op overhead hide the backends'
 * differences: in Node at 256 × 64, WASM and CPU steps timed within noise of
 * each other, at 1024 × 64 WASM was 2x faster, as in full ranker training.
 */
export const TRIAL_WORKLOAD_SIZE: TrialWorkloadSize = { batch: 1024, features: 64 };

/** Learning rate of the trial's Adam; any value works because only the time is measured. */
const TRIAL_LEARNING_RATE = 0.01;

/** Seeds of TensorFlow.js's own generator, so every backend trains on the same data. */
const FEATURE_SEED = 11;
const LABEL_SEED = 12;

/**
 * A logistic-regression training step on fixed synthetic data, the same work
 * as the lab's two-headed ranker: logits = X·W + b with X [batch, features],
 * W [features, 2]; loss = mean sigmoid cross-entropy against y [batch, 2];
 * one Adam update of W and b (epsilon 1e-7) from the autodiff gradient
 * (matMul, sigmoid and their gradients). Each step reads the loss back, so
 * the time includes the backend's synchronisation.
 *
 * Create it after the backend is set: its tensors live on the backend that
 * is active at construction.
 */
export class LogisticRegressionTrial {
  private readonly features: tf.Tensor2D;
  private readonly labels: tf.Tensor2D;
  private readonly weights: tf.Variable;
  private readonly bias: tf.Variable;
  private readonly optimizer: tf.AdamOptimizer;

  constructor(size: TrialWorkloadSize = TRIAL_WORKLOAD_SIZE) {
    this.features = tf.randomNormal([size.batch, size.features], 0, 1, 'float32', FEATURE_SEED);
    this.labels = tf.tidy(() => tf.randomUniform([size.batch, 2], 0, 1, 'float32', LABEL_SEED).round() as tf.Tensor2D);
    this.weights = tf.variable(tf.zeros([size.features, 2]));
    this.bias = tf.variable(tf.zeros([2]));
    this.optimizer = tf.train.adam(TRIAL_LEARNING_RATE, 0.9, 0.999, 1e-7);
  }

  /** Runs one training step and returns its loss once the backend has computed it. */
  async step(): Promise<number> {
    const cost = this.optimizer.minimize(
      () => {
        const logits = this.features.matMul(this.weights).add(this.bias);
        return tf.losses.sigmoidCrossEntropy(this.labels, logits) as tf.Scalar;
      },
      true,
      [this.weights, this.bias],
    );
    if (cost === null) {
      throw new Error('Trial step returned no loss although minimize was asked to return it');
    }
    const [loss] = await cost.data();
    cost.dispose();
    return loss;
  }

  dispose(): void {
    this.features.dispose();
    this.labels.dispose();
    this.weights.dispose();
    this.bias.dispose();
    this.optimizer.dispose();
  }
}
