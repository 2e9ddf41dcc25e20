/**
 * Shapes shared by Lab 4's click-through data, models and evaluation. The
 * same shapes hold simulator logs (with the true probabilities) and imported
 * Criteo-style files (without them).
 */
import type { Random } from '../random';

/** One input field of a ranking model. Numeric fields are bucketed into ids, so every field is categorical to the models. */
export interface CtrField {
  /** Short name shown in the page and the CLI, for example `user`, `item_topic`, `I3`, `C17`. */
  name: string;
  /** Description of the field's values, shown on the page. */
  description: string;
  /** Distinct ids of this field (hash buckets for hashed fields). */
  cardinality: number;
  /** First global id of this field: global id = offset + local id. */
  offset: number;
  kind: 'categorical' | 'bucketed' | 'hashed';
}

/** Prediction targets of Lab 4. */
export type CtrTask = 'click' | 'conversion' | 'watch';

/**
 * Logged impressions, columnar. `features` holds global ids (field offset
 * plus local id), [samples, fields] row-major, in [0, vocabulary).
 */
export interface CtrDataset {
  fields: CtrField[];
  /** Σ cardinality over fields. */
  vocabulary: number;
  length: number;
  features: Int32Array;
  /** Time of each impression (simulator tick or file line order), [samples]; the split is by time. */
  time: Int32Array;
  /**
   * Labels, [samples]: `click` and `conversion` are 0/1 (`conversion` is 0
   * without a click); `watch` is the observed watch fraction in [0, 1],
   * trained with cross-entropy on that soft label, so the model's output is
   * the expected watch fraction.
   */
  labels: { click: Float32Array; conversion?: Float32Array; watch?: Float32Array };
  /** The simulator's true probabilities, [samples]; absent for imported files. */
  truth?: { click: Float32Array; conversion?: Float32Array; watch?: Float32Array };
}

export type CtrModelKind = 'lr' | 'fm' | 'wide-deep' | 'deepfm';

/** A field cross for the wide part: the ids of two fields combined into one hashed id. */
export interface FieldCross {
  a: string;
  b: string;
}

export interface CtrTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on the embeddings and weights used by each sample. */
  l2: number;
  /** Embedding / factor dimension k (FM, Wide & Deep, DeepFM). */
  embeddingDim: number;
  /** Hidden layer sizes of the deep part (Wide & Deep, DeepFM). */
  hidden: number[];
  /** Field names used as inputs; the others are left out. */
  useFields: string[];
  /** Crosses of the wide part (LR and Wide & Deep). */
  crosses: FieldCross[];
}

/** Training progress of one epoch. */
export interface EpochReport {
  epoch: number;
  trainLoss: number;
  /** Log loss on the held-out split, when one was given. */
  validLoss?: number;
  samplesPerSecond: number;
}

/** A ranking model for one task, with outputs in (0, 1). */
export interface CtrModel {
  readonly kind: CtrModelKind;
  /**
   * Trains on rows `train` of `data` for `task`; reports each epoch, with the
   * log loss on rows `valid` when given.
   */
  fit(data: CtrDataset, train: Int32Array, task: CtrTask, rng: Random, onEpoch?: (report: EpochReport) => void, valid?: Int32Array): Promise<EpochReport[]>;
  /** p for rows `rows` of `data`, [rows.length]. */
  predict(data: CtrDataset, rows: Int32Array): Promise<Float32Array>;
  /** Frees its tensors. */
  dispose(): void;
}
