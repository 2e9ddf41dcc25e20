/**
 * Projects rows of a [rows, dim] matrix onto its first two principal
 * components. The covariance (dim × dim) is built once and its top
 * eigenvectors found by power iteration with deflation, from a fixed start
 * vector, so the result is deterministic.
 *
 * @returns points [rows, 2] and the share of total variance each component explains.
 */
export function pca2(data: Float32Array, rows: number, dim: number): { points: Float32Array; explained: [number, number] } {
  const { mean, first, second, explained } = principalAxes2(data, rows, dim);
  const points = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r += 1) {
    let x = 0;
    let y = 0;
    for (let k = 0; k < dim; k += 1) {
      const value = data[r * dim + k] - mean[k];
      x += value * first[k];
      y += value * second[k];
    }
    points[2 * r] = x;
    points[2 * r + 1] = y;
  }
  return { points, explained };
}

/**
 * Finds the mean and the first two principal axes of rows of a [rows, dim]
 * matrix, as {@link pca2} does. Keep the result to project later rows onto the
 * same axes: a fixed map in which points move only when the data move.
 */
export function principalAxes2(data: Float32Array, rows: number, dim: number): { mean: Float64Array; first: Float64Array; second: Float64Array; explained: [number, number] } {
  const mean = new Float64Array(dim);
  for (let r = 0; r < rows; r += 1) {
    for (let k = 0; k < dim; k += 1) {
      mean[k] += data[r * dim + k];
    }
  }
  for (let k = 0; k < dim; k += 1) {
    mean[k] /= Math.max(1, rows);
  }

  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < rows; r += 1) {
    for (let k = 0; k < dim; k += 1) {
      centred[k] = data[r * dim + k] - mean[k];
    }
    for (let a = 0; a < dim; a += 1) {
      for (let b = a; b < dim; b += 1) {
        cov[a * dim + b] += centred[a] * centred[b];
      }
    }
  }
  let trace = 0;
  for (let a = 0; a < dim; a += 1) {
    for (let b = a; b < dim; b += 1) {
      cov[a * dim + b] /= Math.max(1, rows - 1);
      cov[b * dim + a] = cov[a * dim + b];
    }
    trace += cov[a * dim + a];
  }

  const first = powerIteration(cov, dim);
  deflate(cov, dim, first.vector, first.value);
  const second = powerIteration(cov, dim);

  const explained: [number, number] = trace > 0 ? [first.value / trace, second.value / trace] : [0, 0];
  return { mean, first: first.vector, second: second.vector, explained };
}

function powerIteration(matrix: Float64Array, dim: number): { vector: Float64Array; value: number } {
  let vector = new Float64Array(dim);
  for (let k = 0; k < dim; k += 1) {
    vector[k] = 1 / Math.sqrt(dim) + k * 1e-3;
  }
  let value = 0;
  for (let iteration = 0; iteration < 200; iteration += 1) {
    const next = new Float64Array(dim);
    for (let a = 0; a < dim; a += 1) {
      let sum = 0;
      for (let b = 0; b < dim; b += 1) {
        sum += matrix[a * dim + b] * vector[b];
      }
      next[a] = sum;
    }
    let squares = 0;
    for (let k = 0; k < dim; k += 1) {
      squares += next[k] * next[k];
    }
    const norm = Math.sqrt(squares);
    if (norm === 0) {
      return { vector, value: 0 };
    }
    for (let k = 0; k < dim; k += 1) {
      next[k] /= norm;
    }
    const change = Math.abs(norm - value);
    value = norm;
    vector = next;
    if (change < 1e-10 * Math.max(1, norm)) {
      break;
    }
  }
  // A sign convention keeps the map from flipping between retrains: the largest entry is positive.
  let largest = 0;
  for (let k = 1; k < dim; k += 1) {
    if (Math.abs(vector[k]) > Math.abs(vector[largest])) {
      largest = k;
    }
  }
  if (vector[largest] < 0) {
    for (let k = 0; k < dim; k += 1) {
      vector[k] = -vector[k];
    }
  }
  return { vector, value };
}

function deflate(matrix: Float64Array, dim: number, vector: Float64Array, value: number): void {
  for (let a = 0; a < dim; a += 1) {
    for (let b = 0; b < dim; b += 1) {
      matrix[a * dim + b] -= value * vector[a] * vector[b];
    }
  }
}
