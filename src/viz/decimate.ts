/**
 * Picks at most about `maxPoints` rows for drawing: every k-th row, always
 * including the last one. A line over thousands of ticks then costs the same
 * to draw as one over a few hundred, which keeps redraws on the main thread
 * short while a model trains in the worker.
 *
 * NOTE: a stride can skip a one-tick spike; the data tables and the CSV keep every row.
 */
export function decimate<T>(rows: readonly T[], maxPoints: number): readonly T[] {
  if (rows.length <= maxPoints || maxPoints < 2) {
    return rows;
  }
  const stride = Math.ceil(rows.length / maxPoints);
  const picked: T[] = [];
  for (let index = 0; index < rows.length; index += stride) {
    picked.push(rows[index]);
  }
  if (picked[picked.length - 1] !== rows[rows.length - 1]) {
    picked.push(rows[rows.length - 1]);
  }
  return picked;
}

/** Indices of at most about `maxRows` rows for a data table: every k-th, plus the last. */
export function sampleIndices(length: number, maxRows: number): number[] {
  const stride = Math.max(1, Math.ceil(length / maxRows));
  const indices: number[] = [];
  for (let index = 0; index < length; index += stride) {
    indices.push(index);
  }
  if (length > 0 && indices[indices.length - 1] !== length - 1) {
    indices.push(length - 1);
  }
  return indices;
}
