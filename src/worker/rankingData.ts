/**
 * The data set loaded in Lab 4's worker, its summary for the page, and the
 * candidate lists that the page ranks with the utility formula.
 */
import type { SyntheticCtrOptions } from '../engine/ctr/synthetic';
import { bayesOptimal } from '../engine/ctr/evaluate';
import { taskRows } from '../engine/ctr/split';
import type { CtrDataset, CtrModel, CtrTask } from '../engine/ctr/types';
import type { FormulaInputs, FormulaVariable } from '../engine/ranking/utilityFormula';
import type { BayesScore, DatasetSummary, RankedCandidate, RankingContext } from './rankingProtocol';

/** Contexts offered to the page, and candidates per context. */
export const MAX_CONTEXTS = 12;
export const MAX_CANDIDATES = 10;

/** The formula variable that each task's prediction fills. */
export const TASK_VARIABLE: Readonly<Record<CtrTask, FormulaVariable>> = { click: 'pCTR', conversion: 'pCVR', watch: 'watch' };

const TASKS: readonly CtrTask[] = ['click', 'conversion', 'watch'];

export interface LoadedContext extends RankingContext {
  /** Test rows of the candidates, [candidates]. */
  rows: Int32Array;
}

export interface LoadedDataset {
  data: CtrDataset;
  source: 'synthetic' | 'criteo';
  fileName?: string;
  /** Options the synthetic data set was generated with. */
  synthetic?: SyntheticCtrOptions;
  split: { train: Int32Array; test: Int32Array };
  testShare: number;
  contexts: LoadedContext[];
}

function fieldIndex(data: CtrDataset, name: string): number {
  return data.fields.findIndex((field) => field.name === name);
}

/** Local id of field `f` in row `row`. */
function localId(data: CtrDataset, row: number, f: number): number {
  return data.features[row * data.fields.length + f] - data.fields[f].offset;
}

/**
 * Picks the contexts of the ranked list. With `user` and `item` fields: the
 * users with the most test impressions, each with up to 10 distinct items
 * from those impressions. Without them (an imported file): blocks of 10
 * consecutive test rows.
 */
export function buildContexts(data: CtrDataset, test: Int32Array): LoadedContext[] {
  const userField = fieldIndex(data, 'user');
  const itemField = fieldIndex(data, 'item');
  if (userField === -1 || itemField === -1) {
    const blocks = Math.min(MAX_CONTEXTS, Math.floor(test.length / MAX_CANDIDATES));
    return Array.from({ length: blocks }, (_, id) => ({
      id,
      label: `test rows ${id * MAX_CANDIDATES + 1}–${(id + 1) * MAX_CANDIDATES}`,
      rows: test.slice(id * MAX_CANDIDATES, (id + 1) * MAX_CANDIDATES),
    }));
  }

  const rowsByUser = new Map<number, number[]>();
  for (const row of test) {
    const user = localId(data, row, userField);
    const rows = rowsByUser.get(user) ?? [];
    rows.push(row);
    rowsByUser.set(user, rows);
  }
  const users = [...rowsByUser.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]).slice(0, MAX_CONTEXTS);

  return users.map(([user, rows]) => {
    const seenItems = new Set<number>();
    const distinct = rows.filter((row) => {
      const item = localId(data, row, itemField);
      if (seenItems.has(item)) {
        return false;
      }
      seenItems.add(item);
      return true;
    });
    const picked = Int32Array.from(distinct.slice(0, MAX_CANDIDATES));
    return { id: user, label: `user ${user} (${picked.length} items from the test period)`, rows: picked };
  });
}

function mean(values: ArrayLike<number>, rows: Int32Array): number {
  let sum = 0;
  for (const row of rows) {
    sum += values[row];
  }
  return rows.length === 0 ? Number.NaN : sum / rows.length;
}

/** Summarises the loaded data set for the page. */
export function describeDataset(loaded: LoadedDataset): DatasetSummary {
  const { data } = loaded;
  const all = Int32Array.from({ length: data.length }, (_, row) => row);
  const tasks = TASKS.filter((task) => data.labels[task] !== undefined);
  const baseRates: DatasetSummary['baseRates'] = {};
  const trueMeans: NonNullable<DatasetSummary['trueMeans']> = {};
  for (const task of tasks) {
    const rows = taskRows(data, task, all);
    baseRates[task] = mean(data.labels[task] as Float32Array, rows);
    const truth = data.truth?.[task];
    if (truth !== undefined) {
      trueMeans[task] = mean(truth, rows);
    }
  }
  const bayes = tasks.flatMap((task): BayesScore[] => {
    const optimal = bayesOptimal(data, task, loaded.split.test);
    return optimal === null ? [] : [{ task, ...optimal }];
  });
  return {
    source: loaded.source,
    fileName: loaded.fileName,
    samples: data.length,
    fields: data.fields.map((field) => ({ ...field })),
    tasks,
    hasTruth: data.truth !== undefined,
    baseRates,
    trueMeans: data.truth === undefined ? undefined : trueMeans,
    trainRows: loaded.split.train.length,
    testRows: loaded.split.test.length,
    testShare: loaded.testShare,
    bayes,
    contexts: loaded.contexts.map(({ id, label }) => ({ id, label })),
  };
}

/**
 * Copies the candidate rows into a small data set in which every candidate
 * sits at position 0 (the top slot), so the ranked list compares items, not
 * the slots they happened to be logged in.
 */
function candidateDataset(loaded: LoadedDataset, rows: Int32Array): CtrDataset {
  const { data } = loaded;
  const F = data.fields.length;
  const positionField = fieldIndex(data, 'position');
  const features = new Int32Array(rows.length * F);
  rows.forEach((row, k) => {
    features.set(data.features.subarray(row * F, (row + 1) * F), k * F);
    if (positionField !== -1) {
      features[k * F + positionField] = data.fields[positionField].offset;
    }
  });
  const pick = (values: Float32Array | undefined) => (values === undefined ? undefined : Float32Array.from(rows, (row) => values[row]));
  return {
    fields: data.fields,
    vocabulary: data.vocabulary,
    length: rows.length,
    features,
    time: Int32Array.from(rows, (row) => data.time[row]),
    labels: { click: pick(data.labels.click) as Float32Array, conversion: pick(data.labels.conversion), watch: pick(data.labels.watch) },
  };
}

/**
 * Returns the true probabilities of a candidate at the top slot. The synthetic log
 * stores truth.click = P(click | examined) × (1 + p)^−b for the logged
 * position p and position bias b (see `generateCtrDataset`), so the top-slot
 * value multiplies it back by (1 + p)^b.
 */
function truthAtTop(loaded: LoadedDataset, row: number): FormulaInputs | undefined {
  const { data } = loaded;
  if (data.truth === undefined) {
    return undefined;
  }
  const positionField = fieldIndex(data, 'position');
  const bias = loaded.synthetic?.positionBias ?? 0;
  const examination = positionField === -1 ? 1 : (1 + localId(data, row, positionField)) ** -bias;
  const truth: FormulaInputs = { pCTR: data.truth.click[row] / examination };
  if (data.truth.conversion !== undefined) {
    truth.pCVR = data.truth.conversion[row];
  }
  if (data.truth.watch !== undefined) {
    truth.watch = data.truth.watch[row];
  }
  return truth;
}

/** Field values of a row other than the user and position, for example "item 412 · creator 7 · item_topic 3". */
function describeRow(data: CtrDataset, row: number): string {
  const shown = data.fields.map((field, f) => ({ field, f })).filter(({ field }) => field.name !== 'user' && field.name !== 'position');
  return shown
    .slice(0, 4)
    .map(({ field, f }) => `${field.name} ${localId(data, row, f)}`)
    .join(' · ');
}

/** Predicts every trained task for the candidates of `context`, at the top slot. */
export async function candidatesOf(loaded: LoadedDataset, context: LoadedContext, models: ReadonlyMap<CtrTask, CtrModel>): Promise<RankedCandidate[]> {
  const candidates = candidateDataset(loaded, context.rows);
  const all = Int32Array.from({ length: candidates.length }, (_, k) => k);
  const predictions = new Map<CtrTask, Float32Array>();
  for (const [task, model] of models) {
    predictions.set(task, await model.predict(candidates, all));
  }

  const { data } = loaded;
  return Array.from(context.rows, (row, k) => {
    const predicted: FormulaInputs = {};
    for (const [task, values] of predictions) {
      predicted[TASK_VARIABLE[task]] = values[k];
    }
    return {
      row,
      description: describeRow(data, row),
      predicted,
      truth: truthAtTop(loaded, row),
      observed: { click: data.labels.click[row], conversion: data.labels.conversion?.[row], watch: data.labels.watch?.[row] },
    };
  });
}
