import { UMAP } from 'umap-js';
import type { Random } from '../random';

export interface UmapOptions {
  /** Neighbours of each point in the k-nearest-neighbour graph; larger keeps more global structure. */
  neighbours: number;
  /** Smallest distance between points in the layout, in layout units. */
  minDist: number;
  /** Optimisation epochs of the layout. */
  epochs: number;
}

export const UMAP_DEFAULTS: UmapOptions = { neighbours: 15, minDist: 0.1, epochs: 150 };

/** Called with the fraction done; an error it throws stops the layout (that is how it is cancelled). */
export type LayoutProgress = (fraction: number) => void | Promise<void>;

/**
 * Lays out the rows of a [rows, dim] matrix in 2-D with UMAP through umap-js, with cosine distance because
 * the models score by inner product and their vectors differ mostly in
 * direction. Every random draw of umap-js comes from `rng`, so a seed gives
 * the same layout.
 *
 * @returns points, [rows, 2].
 */
export async function umap2(data: Float32Array, rows: number, dim: number, rng: Random, options: Partial<UmapOptions> = {}, onProgress?: LayoutProgress): Promise<Float32Array> {
  const { neighbours, minDist, epochs } = { ...UMAP_DEFAULTS, ...options };
  const vectors: number[][] = [];
  for (let row = 0; row < rows; row += 1) {
    vectors.push(Array.from(data.subarray(row * dim, (row + 1) * dim)));
  }

  const layout = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(neighbours, Math.max(2, rows - 1)),
    minDist,
    nEpochs: epochs,
    random: () => rng.next(),
    distanceFn: cosineDistance,
  });
  const total = layout.initializeFit(vectors);
  await onProgress?.(0);
  for (let epoch = 0; epoch < total; epoch += 1) {
    layout.step();
    if (epoch % 10 === 9) {
      await onProgress?.((epoch + 1) / total);
    }
  }

  const points = new Float32Array(rows * 2);
  layout.getEmbedding().forEach((point, row) => {
    points[row * 2] = point[0];
    points[row * 2 + 1] = point[1];
  });
  return points;
}

/** 1 − cos(a, b); 1 when either vector is zero. */
export function cosineDistance(a: number[], b: number[]): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < a.length; k += 1) {
    ab += a[k] * b[k];
    aa += a[k] * a[k];
    bb += b[k] * b[k];
  }
  return aa === 0 || bb === 0 ? 1 : 1 - ab / Math.sqrt(aa * bb);
}
