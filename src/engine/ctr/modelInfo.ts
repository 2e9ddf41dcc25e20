/**
 * Defaults and names of the ranking models, without TensorFlow.js, so the
 * page can import them on the main thread. models.ts re-exports them.
 */
import type { CtrModelKind, CtrTrainOptions } from './types';

/**
 * Training defaults for every model kind. An empty `useFields` means every
 * field of the data set; `crosses` apply to lr and Wide & Deep only.
 */
export const CTR_TRAIN_DEFAULTS: CtrTrainOptions = {
  epochs: 8,
  batchSize: 512,
  learningRate: 0.005,
  l2: 3e-3,
  embeddingDim: 4,
  hidden: [32, 16],
  useFields: [],
  crosses: [],
};

/** Display name and source of each model kind, for tables and the page. */
export const CTR_MODEL_INFO: Record<CtrModelKind, { label: string; source: string }> = {
  lr: { label: 'Logistic regression', source: 'One weight per field value and per cross.' },
  fm: { label: 'Factorisation machine', source: 'Rendle 2010, "Factorization Machines", ICDM.' },
  'wide-deep': { label: 'Wide & Deep', source: 'Cheng et al. 2016, "Wide & Deep Learning for Recommender Systems", DLRS.' },
  deepfm: { label: 'DeepFM', source: 'Guo et al. 2017, "DeepFM: A Factorization-Machine based Neural Network for CTR Prediction", IJCAI.' },
};

/** Every model kind, simplest first. */
export const CTR_MODEL_KINDS: readonly CtrModelKind[] = ['lr', 'fm', 'wide-deep', 'deepfm'];

