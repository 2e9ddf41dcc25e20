/**
 * A 2-D principal-component basis that can project rows it was not fitted
 * on (users, a new item). The top two eigenvectors of the covariance are
 * found by power iteration with deflation from a fixed start vector, so the
 * basis is deterministic.
 */
export interface PcaBasis {
  dim: number;
  /** Column means of the fitted rows, [dim]. */
  mean: Float64Array;
  /** Unit principal axes, [2, dim]. */
  axes: Float64Array;
  /** Share of the total variance along each axis. */
  explained: [number, number];
}

/** Fits the basis to the rows of a [rows, dim] matrix. */
export function fitPca(data: Float32Array, rows: number, dim: number): PcaBasis {
  const mean = new Float64Array(dim);
  for (let r = 0; r < rows; r += 1) {
    for (let k = 0; k < dim; k += 1) {
      mean[k] += data[r * dim + k] / Math.max(1, rows);
    }
  }
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < rows; r += 1) {
    for (let k = 0; k < dim; k += 1) {
      centred[k] = data[r * dim + k] - mean[k];
    }
    for (let a = 0; a < dim; a += 1) {
      for (let b = 0; b < dim; b += 1) {
        cov[a * dim + b] += (centred[a] * centred[b]) / Math.max(1, rows - 1);
      }
    }
  }
  let trace = 0;
  for (let a = 0; a < dim; a += 1) {
    trace += cov[a * dim + a];
  }

  const axes = new Float64Array(2 * dim);
  const eigenvalues: number[] = [];
  for (let component = 0; component < 2; component += 1) {
    let vector = Float64Array.from({ length: dim }, (_, k) => 1 / Math.sqrt(dim) + k * 1e-3);
    let eigenvalue = 0;
    for (let iteration = 0; iteration < 200; iteration += 1) {
      const next = new Float64Array(dim);
      for (let a = 0; a < dim; a += 1) {
        for (let b = 0; b < dim; b += 1) {
          next[a] += cov[a * dim + b] * vector[b];
        }
      }
      eigenvalue = Math.hypot(...next);
      if (eigenvalue === 0) {
        break;
      }
      vector = next.map((value) => value / eigenvalue);
    }
    axes.set(vector, component * dim);
    eigenvalues.push(eigenvalue);
    // Deflation: remove this component so the next iteration finds the one below it.
    for (let a = 0; a < dim; a += 1) {
      for (let b = 0; b < dim; b += 1) {
        cov[a * dim + b] -= eigenvalue * vector[a] * vector[b];
      }
    }
  }
  const share = (value: number): number => (trace > 0 ? value / trace : 0);
  return { dim, mean, axes, explained: [share(eigenvalues[0]), share(eigenvalues[1])] };
}

/** Projects the rows of a [rows, dim] matrix onto the basis, [rows, 2]. */
export function projectRows(basis: PcaBasis, data: Float32Array, rows: number): Float32Array {
  const { dim, mean, axes } = basis;
  const points = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r += 1) {
    for (let component = 0; component < 2; component += 1) {
      let sum = 0;
      for (let k = 0; k < dim; k += 1) {
        sum += (data[r * dim + k] - mean[k]) * axes[component * dim + k];
      }
      points[r * 2 + component] = sum;
    }
  }
  return points;
}
