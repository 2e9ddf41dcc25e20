import { describe, expect, it } from 'vitest';
import { cosineDistance, umap2 } from '../../src/engine/embedding/umap';
import { fitPca, projectRows } from '../../src/engine/embedding/projection';
import { Random } from '../../src/engine/random';

/** Two tight clusters in 4 dimensions, 20 points each. */
function clusters(): Float32Array {
  const rng = new Random(1);
  return Float32Array.from({ length: 40 * 4 }, (_, index) => {
    const row = Math.floor(index / 4);
    const centre = row < 20 ? [1, 0, 0, 0] : [0, 0, 1, 0];
    return centre[index % 4] + rng.normal(0, 0.01);
  });
}

describe('umap2', () => {
  it('is deterministic by seed', async () => {
    const first = await umap2(clusters(), 40, 4, new Random(2), { epochs: 50, neighbours: 5 });
    const second = await umap2(clusters(), 40, 4, new Random(2), { epochs: 50, neighbours: 5 });
    expect(Array.from(second)).toEqual(Array.from(first));
  });

  it('keeps the two clusters apart', async () => {
    const points = await umap2(clusters(), 40, 4, new Random(2), { epochs: 100, neighbours: 5 });
    const centre = (from: number) => [0, 1].map((axis) => Array.from({ length: 20 }, (_, k) => points[(from + k) * 2 + axis]).reduce((a, b) => a + b) / 20);
    const [a, b] = [centre(0), centre(20)];
    const spread = Math.max(...Array.from({ length: 20 }, (_, k) => Math.hypot(points[k * 2] - a[0], points[k * 2 + 1] - a[1])));
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(spread);
  });

  it('uses cosine distance', () => {
    expect(cosineDistance([1, 0], [2, 0])).toBeCloseTo(0, 10);
    expect(cosineDistance([1, 0], [0, 3])).toBeCloseTo(1, 10);
  });
});

describe('fitPca', () => {
  it('finds the axis of largest variance', () => {
    const data = Float32Array.of(-2, 0, 2, 0, -1, 0.1, 1, -0.1);
    const basis = fitPca(data, 4, 2);
    expect(Math.abs(basis.axes[0])).toBeCloseTo(1, 2);
    const points = projectRows(basis, data, 4);
    expect(Math.abs(points[0])).toBeCloseTo(2, 1);
  });
});
