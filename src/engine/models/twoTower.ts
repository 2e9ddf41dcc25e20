import * as tf from '@tensorflow/tfjs';
import type { Random } from '../random';
import type { EpochCallback, Interactions } from './bpr';
import { adam, gatherRows } from './gatherRows';
import { trainEpochs } from './minibatch';

/**
 * Categorical features of users or items: field f has `sizes[f]` values and
 * row r has value `values[f][r]`, [rows] per field.
 */
export interface CategoricalFeatures {
  /** Field names, for example `creator` and `tag`. */
  names: string[];
  sizes: number[];
  values: Uint32Array[];
}

export interface TwoTowerOptions {
  dim: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** λ: L2 penalty on the user and item vectors of each sampled triple. */
  l2: number;
  /** Negative items sampled uniformly per positive. */
  negatives: number;
  initScale: number;
  /** Adds an id embedding to each tower; without it the model uses features only. */
  useIds: boolean;
}

export const TWO_TOWER_DEFAULTS: TwoTowerOptions = {
  dim: 32,
  epochs: 15,
  batchSize: 1024,
  learningRate: 0.02,
  l2: 0.001,
  negatives: 4,
  initScale: 0.05,
  useIds: true,
};

/**
 * Two-tower retrieval model with sum-pooled embeddings and no hidden
 * layers:
 *
 *   z_u = P[u] + Σ_f A_f[x_uf],   z_i = Q[i] + Σ_g B_g[y_ig],   s_ui = z_u · z_i
 *
 * P = [users, dim] and Q = [items, dim] are id embeddings, A_f and B_g one
 * table [values, dim] per user field f and item field g. Trained with the
 * same sampled BPR loss as {@link BprFactorisation}. An item with no
 * interactions still gets a useful z_i from its features, which is what
 * the id-only factorisations cannot do.
 *
 * NOTE: the towers are linear (no hidden layers), so the model can only add
 * feature effects; an MLP tower would also learn their interactions.
 */
export class TwoTowerModel {
  readonly users: number;
  readonly items: number;
  readonly options: TwoTowerOptions;
  readonly userFeatures: CategoricalFeatures;
  readonly itemFeatures: CategoricalFeatures;
  /** Id embeddings, [users, dim] and [items, dim]; zeros when `useIds` is off. */
  userIdTable: Float32Array;
  itemIdTable: Float32Array;
  /** One table per field, [sizes[f], dim]. */
  userFieldTables: Float32Array[];
  itemFieldTables: Float32Array[];

  constructor(users: number, items: number, userFeatures: CategoricalFeatures, itemFeatures: CategoricalFeatures, options: Partial<TwoTowerOptions> = {}) {
    this.users = users;
    this.items = items;
    this.options = { ...TWO_TOWER_DEFAULTS, ...options };
    this.userFeatures = userFeatures;
    this.itemFeatures = itemFeatures;
    const d = this.options.dim;
    this.userIdTable = new Float32Array(users * d);
    this.itemIdTable = new Float32Array(items * d);
    this.userFieldTables = userFeatures.sizes.map((size) => new Float32Array(size * d));
    this.itemFieldTables = itemFeatures.sizes.map((size) => new Float32Array(size * d));
  }

  /** z_u, [dim]. */
  userVector(user: number): Float32Array {
    return towerVector(this.options.dim, this.userIdTable, user, this.userFieldTables, this.userFeatures.values.map((column) => column[user]));
  }

  /** z_i, [dim]. */
  itemVector(item: number): Float32Array {
    return towerVector(this.options.dim, this.itemIdTable, item, this.itemFieldTables, this.itemFeatures.values.map((column) => column[item]));
  }

  /** z for an item that is not in the id table: the sum of its feature embeddings, [dim]. */
  itemVectorFromFeatures(values: readonly number[]): Float32Array {
    return towerVector(this.options.dim, undefined, 0, this.itemFieldTables, values);
  }

  /** Computes every item vector, [items, dim]. */
  itemMatrix(): Float32Array {
    const d = this.options.dim;
    const out = new Float32Array(this.items * d);
    for (let item = 0; item < this.items; item += 1) {
      out.set(this.itemVector(item), item * d);
    }
    return out;
  }

  /** Computes every user vector, [users, dim]. */
  userMatrix(): Float32Array {
    const d = this.options.dim;
    const out = new Float32Array(this.users * d);
    for (let user = 0; user < this.users; user += 1) {
      out.set(this.userVector(user), user * d);
    }
    return out;
  }

  /** s_ui = z_u · z_i. */
  score(user: number, item: number): number {
    return dot(this.userVector(user), this.itemVector(item));
  }

  /**
   * Fits every table to the positives with the sampled BPR loss.
   *
   * @returns the mean loss of each epoch.
   */
  async fit(positives: Interactions, rng: Random, onEpoch?: EpochCallback): Promise<number[]> {
    const { dim, epochs, batchSize, learningRate, l2, negatives, initScale, useIds } = this.options;
    const table = (rows: number): tf.Variable<tf.Rank.R2> =>
      tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from({ length: rows * dim }, () => rng.normal(0, initScale)), [rows, dim])));
    const userId = useIds ? table(this.users) : undefined;
    const itemId = useIds ? table(this.items) : undefined;
    const userFields = this.userFeatures.sizes.map(table);
    const itemFields = this.itemFeatures.sizes.map(table);
    const variables = [userId, itemId, ...userFields, ...itemFields].filter((variable) => variable !== undefined);
    const optimizer = adam(learningRate);
    const negativeRng = rng.fork('negatives');
    const losses: number[] = [];
    let epochLoss = 0;
    let batches = 0;

    /** Index tensors of one side of a batch: the ids, then each field's values. Created outside `minimize`, which would dispose them before the gradient. */
    const lookups = (ids: Int32Array, columns: Uint32Array[]): tf.Tensor1D[] => [
      tf.tensor1d(ids, 'int32'),
      ...columns.map((column) => tf.tensor1d(Int32Array.from(ids, (id) => column[id]), 'int32')),
    ];
    const tower = (indices: tf.Tensor1D[], idTable: tf.Variable<tf.Rank.R2> | undefined, fields: tf.Variable<tf.Rank.R2>[]): tf.Tensor2D => {
      let z: tf.Tensor2D = tf.zeros([indices[0].shape[0], dim]);
      if (idTable !== undefined) {
        z = z.add(gatherRows(idTable, indices[0]));
      }
      fields.forEach((field, f) => {
        z = z.add(gatherRows(field, indices[f + 1]));
      });
      return z;
    };

    const readTables = (): void => {
      if (userId !== undefined && itemId !== undefined) {
        this.userIdTable = userId.dataSync().slice() as Float32Array;
        this.itemIdTable = itemId.dataSync().slice() as Float32Array;
      }
      this.userFieldTables = userFields.map((field) => field.dataSync().slice() as Float32Array);
      this.itemFieldTables = itemFields.map((field) => field.dataSync().slice() as Float32Array);
    };

    try {
      await trainEpochs(
        positives.length,
        {
          epochs,
          batchSize,
          rng,
          onProgress: (fraction) => {
            if (onEpoch !== undefined) {
              readTables();
            }
            losses.push(epochLoss / Math.max(1, batches));
            epochLoss = 0;
            batches = 0;
            onEpoch?.(fraction, losses[losses.length - 1]);
          },
        },
        (batch) => {
          const size = batch.length * negatives;
          const u = Int32Array.from({ length: size }, (_, k) => positives.user[batch[Math.floor(k / negatives)]]);
          const i = Int32Array.from({ length: size }, (_, k) => positives.item[batch[Math.floor(k / negatives)]]);
          const j = Int32Array.from({ length: size }, () => negativeRng.int(this.items));
          const indices = [lookups(u, this.userFeatures.values), lookups(i, this.itemFeatures.values), lookups(j, this.itemFeatures.values)];
          const cost = optimizer.minimize(() => {
            const zu = tower(indices[0], userId, userFields);
            const zi = tower(indices[1], itemId, itemFields);
            const zj = tower(indices[2], itemId, itemFields);
            const difference = zu.mul(zi.sub(zj)).sum(1);
            const penalty = zu.square().sum(1).add(zi.square().sum(1)).add(zj.square().sum(1));
            return tf.softplus(difference.neg()).add(penalty.mul(l2)).mean() as tf.Scalar;
          }, true);
          const loss = cost?.dataSync()[0] ?? Number.NaN;
          cost?.dispose();
          tf.dispose(indices.flat());
          epochLoss += loss;
          batches += 1;
          return [loss];
        },
      );
      readTables();
      return losses;
    } finally {
      optimizer.dispose();
      for (const variable of variables) {
        variable.dispose();
      }
    }
  }
}

/** idTable[row] (when given) plus fieldTables[f][values[f]] for every field, [dim]. */
function towerVector(dim: number, idTable: Float32Array | undefined, row: number, fieldTables: Float32Array[], values: readonly number[]): Float32Array {
  const z = new Float32Array(dim);
  if (idTable !== undefined) {
    for (let k = 0; k < dim; k += 1) {
      z[k] += idTable[row * dim + k];
    }
  }
  fieldTables.forEach((table, f) => {
    const offset = values[f] * dim;
    for (let k = 0; k < dim; k += 1) {
      z[k] += table[offset + k];
    }
  });
  return z;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k += 1) {
    sum += a[k] * b[k];
  }
  return sum;
}
