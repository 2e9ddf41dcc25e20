import type { CtrDataset, CtrTask } from './types';

/**
 * Splits rows by time: rows sorted by `time` (ties by row index), the last
 * round(testShare × length) rows are the test set. Both arrays are in time
 * order, so a model is always tested on impressions logged after its
 * training data, as in production.
 *
 * @throws Error when testShare is outside (0, 1) or either part would be empty.
 */
export function timeSplit(data: CtrDataset, testShare: number): { train: Int32Array; test: Int32Array } {
  if (!(testShare > 0 && testShare < 1)) {
    throw new Error(`Invalid test share ${testShare}; expected a number between 0 and 1, such as 0.2`);
  }
  const order = Int32Array.from({ length: data.length }, (_, row) => row);
  order.sort((a, b) => data.time[a] - data.time[b] || a - b);

  const testCount = Math.round(testShare * data.length);
  if (testCount === 0 || testCount === data.length) {
    throw new Error(`Test share ${testShare} of ${data.length} rows leaves an empty ${testCount === 0 ? 'test' : 'training'} set; choose a share nearer 0.5 or load more rows`);
  }
  return { train: order.slice(0, data.length - testCount), test: order.slice(data.length - testCount) };
}

/**
 * Rows of `rows` on which `task` is trained and evaluated: every row for
 * click and watch, only clicked rows for conversion, because pCVR is
 * P(conversion | click) and a conversion label exists only after a click.
 */
export function taskRows(data: CtrDataset, task: CtrTask, rows: Int32Array): Int32Array {
  if (task !== 'conversion') {
    return rows;
  }
  return rows.filter((row) => data.labels.click[row] === 1);
}

/**
 * Labels of `task`, [samples].
 *
 * @throws Error when the data set has no labels for the task (imported Criteo files have only clicks).
 */
export function taskLabels(data: CtrDataset, task: CtrTask): Float32Array {
  const labels = data.labels[task];
  if (labels === undefined) {
    throw new Error(`This data set has no ${task} labels; an imported click log supports only the click task`);
  }
  return labels;
}
