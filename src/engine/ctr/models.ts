import { Random } from '../random';
import { CTR_TRAIN_DEFAULTS } from './modelInfo';
import { CtrNetwork } from './network';
import type { CtrDataset, CtrModel, CtrModelKind, CtrTrainOptions } from './types';

export { CTR_MODEL_INFO, CTR_MODEL_KINDS, CTR_TRAIN_DEFAULTS } from './modelInfo';

/**
 * Creates an untrained model of `kind` for the fields of `data`; `fit`
 * draws its initial parameters from the seed it is given.
 *
 * @throws Error naming an unknown field in `useFields` or `crosses`, or an invalid option.
 */
export function createCtrModel(kind: CtrModelKind, data: CtrDataset, options: Partial<CtrTrainOptions> = {}): CtrModel {
  const merged: CtrTrainOptions = { ...CTR_TRAIN_DEFAULTS, ...options };
  checkOptions(merged);
  return new CtrNetwork(kind, data, merged);
}

/**
 * Creates the random stream of one model's training (initialisation and batch
 * order). The ranking worker and `sim --lab ranking` both call it, so the same
 * seed, model and options train the same weights on the same backend. The
 * stream depends on neither the task nor the other models of a run.
 */
export function ctrTrainingRandom(seed: number, kind: CtrModelKind): Random {
  return new Random(seed).fork(`ranking:${kind}`);
}

function checkOptions(options: CtrTrainOptions): void {
  const positiveIntegers: (keyof CtrTrainOptions)[] = ['epochs', 'batchSize', 'embeddingDim'];
  for (const key of positiveIntegers) {
    const value = options[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new Error(`Invalid ${key} ${JSON.stringify(value)}; expected a positive integer`);
    }
  }
  if (!(options.learningRate > 0)) {
    throw new Error(`Invalid learningRate ${options.learningRate}; expected a positive number such as 0.01`);
  }
  if (!(options.l2 >= 0)) {
    throw new Error(`Invalid l2 ${options.l2}; expected 0 or a positive number such as 1e-5`);
  }
  const badLayer = options.hidden.find((size) => !Number.isInteger(size) || size < 1);
  if (badLayer !== undefined) {
    throw new Error(`Invalid hidden layer size ${badLayer}; expected positive integers such as [32, 16]`);
  }
}
