import * as tf from '@tensorflow/tfjs';
import { adam, gatherRows } from '../models/gatherRows';
import { trainEpochs } from '../models/minibatch';
import type { Random } from '../random';
import { softLogLoss } from './evaluate';
import { batchIds, inputLayout, type InputLayout } from './inputs';
import { taskLabels, taskRows } from './split';
import type { CtrDataset, CtrModel, CtrModelKind, CtrTask, CtrTrainOptions, EpochReport } from './types';

/** Standard deviation of the initial embeddings. */
const EMBEDDING_INIT_SD = 0.05;
/** Rows per forward pass in `predict` and the validation loss. */
const PREDICT_BATCH = 4096;

/** Parts of the logit that each model kind adds up. */
const PARTS: Record<CtrModelKind, { crosses: boolean; pairwise: boolean; deep: boolean }> = {
  lr: { crosses: true, pairwise: false, deep: false },
  fm: { crosses: false, pairwise: true, deep: false },
  'wide-deep': { crosses: true, pairwise: false, deep: true },
  deepfm: { crosses: false, pairwise: true, deep: true },
};

interface DenseLayer {
  kernel: tf.Variable;
  bias: tf.Variable;
}

/**
 * One network for all four ranking models, over F used fields with k-dim
 * embeddings e_f = V[x_f] and linear weights w:
 *
 *   linear    b + Σ_f w[x_f] + Σ_c w[cross_c(x)]        (crosses: lr, wide-deep)
 *   pairwise  ½ Σ_k [(Σ_f e_fk)² − Σ_f e_fk²]            (fm, deepfm)
 *   deep      MLP(concat_f e_f), ReLU hidden layers      (wide-deep, deepfm)
 *   p = σ(sum of the kind's parts)
 *
 * lr is the linear part alone, fm adds the pairwise term (Rendle 2010), Wide
 * & Deep adds the MLP to the wide linear part with its crosses (Cheng et al.
 * 2016), and DeepFM adds the pairwise term and the MLP on the same shared
 * embeddings (Guo et al. 2017). The loss is the mean sigmoid cross-entropy
 * (soft labels for watch) plus l2 × (Σ w² + Σ |e_f|²) over the rows each
 * sample uses. Every lookup is `gatherRows`, so training works on WASM.
 *
 * NOTE: Cheng et al. train the wide part with FTRL and the deep part with
 * AdaGrad; here one Adam optimiser trains every part.
 */
export class CtrNetwork implements CtrModel {
  readonly kind: CtrModelKind;
  readonly options: CtrTrainOptions;
  readonly layout: InputLayout;
  private readonly bias: tf.Variable;
  /** w, [wideVocabulary, 1]. */
  private readonly linear: tf.Variable;
  /** V, [fieldVocabulary, k]; null for lr. */
  private readonly embeddings: tf.Variable | null;
  /** Hidden layers, then the output layer; empty without a deep part. */
  private readonly dense: DenseLayer[];

  constructor(kind: CtrModelKind, data: CtrDataset, options: CtrTrainOptions) {
    this.kind = kind;
    this.options = options;
    const parts = PARTS[kind];
    this.layout = inputLayout(data, options.useFields, parts.crosses ? options.crosses : []);
    const k = options.embeddingDim;
    const usesEmbeddings = parts.pairwise || parts.deep;

    // tidy frees the zero tensors that seed each variable; the variables themselves survive it.
    const zeros = (shape: number[]) => tf.tidy(() => tf.variable(tf.zeros(shape)));
    this.bias = zeros([]);
    this.linear = zeros([this.layout.wideVocabulary, 1]);
    this.embeddings = usesEmbeddings ? zeros([this.layout.fieldVocabulary, k]) : null;
    this.dense = [];
    if (parts.deep) {
      const sizes = [this.layout.columns.length * k, ...options.hidden, 1];
      for (let layer = 0; layer + 1 < sizes.length; layer += 1) {
        this.dense.push({ kernel: zeros([sizes[layer], sizes[layer + 1]]), bias: zeros([sizes[layer + 1]]) });
      }
    }
  }

  /**
   * Trains from a fresh initialisation drawn from `rng` on rows `train` (only
   * clicked rows for conversion). `valid`, when given, adds the held-out log
   * loss to each report.
   *
   * @throws Error when the data set lacks the task's labels or no row is left to train on.
   */
  async fit(data: CtrDataset, train: Int32Array, task: CtrTask, rng: Random, onEpoch?: (report: EpochReport) => void, valid?: Int32Array): Promise<EpochReport[]> {
    const labels = taskLabels(data, task);
    const rows = taskRows(data, task, train);
    if (rows.length === 0) {
      throw new Error(`No training rows for the ${task} task${task === 'conversion' ? ' (conversion trains on clicked rows only)' : ''}`);
    }
    const validRows = valid === undefined ? undefined : taskRows(data, task, valid);
    this.initialise(rng.fork('init'), labels, rows);

    const { epochs, batchSize, learningRate } = this.options;
    const optimizer = adam(learningRate);
    const reports: EpochReport[] = [];
    let lossSum = 0;
    let batches = 0;
    let epochStart = performance.now();

    const onProgress = () => {
      const seconds = (performance.now() - epochStart) / 1000;
      const report: EpochReport = { epoch: reports.length + 1, trainLoss: lossSum / batches, samplesPerSecond: rows.length / seconds };
      if (validRows !== undefined && validRows.length > 0) {
        report.validLoss = softLogLoss(Float32Array.from(validRows, (row) => labels[row]), this.predictSync(data, validRows));
      }
      reports.push(report);
      onEpoch?.(report);
      lossSum = 0;
      batches = 0;
      epochStart = performance.now();
    };

    try {
      await trainEpochs(rows.length, { epochs, batchSize, rng: rng.fork('order'), onProgress }, (batch) => {
        const batchRows = Int32Array.from(batch, (index) => rows[index]);
        const loss = this.trainStep(optimizer, data, labels, batchRows);
        lossSum += loss;
        batches += 1;
        return [loss];
      });
    } finally {
      optimizer.dispose();
    }
    return reports;
  }

  /** p for rows `rows` of `data`, [rows.length]. */
  async predict(data: CtrDataset, rows: Int32Array): Promise<Float32Array> {
    return Promise.resolve(this.predictSync(data, rows));
  }

  /** Parameters by name (`bias`, `linear`, `embeddings`, `dense0.kernel`, `dense0.bias`, …), copied out. */
  getParameters(): Record<string, Float32Array> {
    return Object.fromEntries(this.namedVariables().map(([name, variable]) => [name, variable.dataSync().slice() as Float32Array]));
  }

  /**
   * Overwrites the named parameters, for tests and for restoring a model.
   *
   * @throws Error naming an unknown parameter or one of the wrong size.
   */
  setParameters(values: Record<string, ArrayLike<number>>): void {
    const variables = new Map(this.namedVariables());
    for (const [name, value] of Object.entries(values)) {
      const variable = variables.get(name);
      if (variable === undefined) {
        throw new Error(`Unknown parameter "${name}"; expected one of ${[...variables.keys()].join(', ')}`);
      }
      if (value.length !== variable.size) {
        throw new Error(`Parameter "${name}" has ${variable.size} values (shape [${variable.shape.join(', ')}]); received ${value.length}`);
      }
      tf.tidy(() => variable.assign(tf.tensor(Float32Array.from(value), variable.shape)));
    }
  }

  dispose(): void {
    for (const [, variable] of this.namedVariables()) {
      variable.dispose();
    }
  }

  private namedVariables(): [string, tf.Variable][] {
    const named: [string, tf.Variable][] = [
      ['bias', this.bias],
      ['linear', this.linear],
    ];
    if (this.embeddings !== null) {
      named.push(['embeddings', this.embeddings]);
    }
    this.dense.forEach((layer, index) => named.push([`dense${index}.kernel`, layer.kernel], [`dense${index}.bias`, layer.bias]));
    return named;
  }

  /**
   * Bias at the logit of the mean training label (so training starts
   * calibrated), zero linear weights, N(0, 0.05²) embeddings, He-normal
   * hidden kernels N(0, 2 / fan-in) and an N(0, 1 / fan-in) output kernel.
   */
  private initialise(rng: Random, labels: Float32Array, rows: Int32Array): void {
    let mean = 0;
    rows.forEach((row) => (mean += labels[row]));
    mean = Math.min(1 - 1e-4, Math.max(1e-4, mean / rows.length));
    tf.tidy(() => this.assignInitialValues(rng, mean));
  }

  private assignInitialValues(rng: Random, mean: number): void {
    this.bias.assign(tf.scalar(Math.log(mean / (1 - mean))));
    this.linear.assign(tf.zeros(this.linear.shape));

    const normal = (shape: number[], sd: number) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal(0, sd)), shape);
    if (this.embeddings !== null) {
      this.embeddings.assign(normal(this.embeddings.shape, EMBEDDING_INIT_SD));
    }
    this.dense.forEach((layer, index) => {
      const [fanIn] = layer.kernel.shape;
      const last = index === this.dense.length - 1;
      layer.kernel.assign(normal(layer.kernel.shape, Math.sqrt((last ? 1 : 2) / fanIn)));
      layer.bias.assign(tf.zeros(layer.bias.shape));
    });
  }

  /** One Adam step on rows `rows`; returns the batch loss with its L2 term. */
  private trainStep(optimizer: tf.Optimizer, data: CtrDataset, labels: Float32Array, rows: Int32Array): number {
    const { fieldIds, wideIds } = batchIds(data, this.layout, rows);
    const fieldTensor = tf.tensor1d(fieldIds, 'int32');
    // Without crosses the wide ids are the field ids, so one upload serves both lookups.
    const wideTensor = wideIds === fieldIds ? fieldTensor : tf.tensor1d(wideIds, 'int32');
    const labelTensor = tf.tensor1d(Float32Array.from(rows, (row) => labels[row]));
    const cost = optimizer.minimize(() => {
      const { logits, penalty } = this.forward(fieldTensor, wideTensor, rows.length);
      return tf.losses.sigmoidCrossEntropy(labelTensor, logits).add(penalty.mean().mul(this.options.l2)) as tf.Scalar;
    }, true);
    const loss = cost?.dataSync()[0] ?? Number.NaN;
    cost?.dispose();
    tf.dispose([fieldTensor, wideTensor, labelTensor]);
    return loss;
  }

  /** Logits [n] and the per-sample L2 sum [n] of a batch of n rows. */
  private forward(fieldIds: tf.Tensor1D, wideIds: tf.Tensor1D, n: number): { logits: tf.Tensor1D; penalty: tf.Tensor1D } {
    const F = this.layout.columns.length;
    const W = F + this.layout.crosses.length;
    const k = this.options.embeddingDim;
    const parts = PARTS[this.kind];

    const weights = gatherRows(this.linear as tf.Tensor2D, wideIds).reshape([n, W]);
    let logits: tf.Tensor1D = weights.sum(1).add(this.bias);
    let penalty: tf.Tensor1D = weights.square().sum(1);
    if (this.embeddings === null) {
      return { logits, penalty };
    }

    const embedded = gatherRows(this.embeddings as tf.Tensor2D, fieldIds).reshape([n, F, k]);
    const squaredSum = embedded.square().sum([1, 2]) as tf.Tensor1D;
    penalty = penalty.add(squaredSum);
    if (parts.pairwise) {
      const sumSquared = embedded.sum(1).square().sum(1);
      logits = logits.add(sumSquared.sub(squaredSum).mul(0.5));
    }
    if (parts.deep) {
      let hidden: tf.Tensor2D = embedded.reshape([n, F * k]);
      this.dense.forEach((layer, index) => {
        const z = hidden.matMul(layer.kernel as tf.Tensor2D).add(layer.bias) as tf.Tensor2D;
        hidden = index === this.dense.length - 1 ? z : tf.relu(z);
      });
      logits = logits.add(hidden.reshape([n]));
    }
    return { logits, penalty };
  }

  private predictSync(data: CtrDataset, rows: Int32Array): Float32Array {
    const out = new Float32Array(rows.length);
    for (let start = 0; start < rows.length; start += PREDICT_BATCH) {
      const chunk = rows.subarray(start, Math.min(rows.length, start + PREDICT_BATCH));
      const { fieldIds, wideIds } = batchIds(data, this.layout, chunk);
      const probabilities = tf.tidy(() => {
        const fieldTensor = tf.tensor1d(fieldIds, 'int32');
        const wideTensor = wideIds === fieldIds ? fieldTensor : tf.tensor1d(wideIds, 'int32');
        const { logits } = this.forward(fieldTensor, wideTensor, chunk.length);
        return tf.sigmoid(logits);
      });
      out.set(probabilities.dataSync(), start);
      probabilities.dispose();
    }
    return out;
  }
}
