import { describe, expect, it } from 'vitest';
import { Random, hashSeed } from '../../src/engine/random';

describe('Random', () => {
  it('repeats its sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const drawsA = Array.from({ length: 100 }, () => a.next());
    const drawsB = Array.from({ length: 100 }, () => b.next());
    expect(drawsA).toEqual(drawsB);
  });

  it('differs between seeds', () => {
    const a = Array.from({ length: 10 }, ((r) => () => r.next())(new Random(1)));
    const b = Array.from({ length: 10 }, ((r) => () => r.next())(new Random(2)));
    expect(a).not.toEqual(b);
  });

  it('draws uniforms in [0, 1) with mean near 0.5', () => {
    const rng = new Random(3);
    const draws = Array.from({ length: 20_000 }, () => rng.next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('draws normals with the requested mean and sd', () => {
    const rng = new Random(4);
    const draws = Array.from({ length: 20_000 }, () => rng.normal(2, 3));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    expect(mean).toBeCloseTo(2, 1);
    expect(Math.sqrt(variance)).toBeGreaterThan(2.9);
    expect(Math.sqrt(variance)).toBeLessThan(3.1);
  });

  it('keeps int draws inside [0, n)', () => {
    const rng = new Random(5);
    const counts = new Array(7).fill(0);
    for (let k = 0; k < 7_000; k += 1) {
      counts[rng.int(7)] += 1;
    }
    for (const count of counts) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1150);
    }
  });

  it('draws Dirichlet vectors on the simplex', () => {
    const rng = new Random(6);
    const out = new Float32Array(8);
    for (let k = 0; k < 100; k += 1) {
      rng.dirichlet([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], out);
      const total = out.reduce((s, x) => s + x, 0);
      expect(total).toBeCloseTo(1, 5);
      expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    }
  });

  it('forks streams that depend only on the parent seed and the name', () => {
    const parent = new Random(9);
    const before = parent.fork('users').next();
    parent.next();
    parent.next();
    expect(parent.fork('users').next()).toBe(before);
    expect(parent.fork('items').next()).not.toBe(before);
  });

  it('shuffles into a permutation', () => {
    const rng = new Random(10);
    const values = Array.from({ length: 50 }, (_, k) => k);
    rng.shuffle(values);
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, k) => k));
    expect(values).not.toEqual(Array.from({ length: 50 }, (_, k) => k));
  });

  it('rejects a non-finite seed', () => {
    expect(() => new Random(Number.NaN)).toThrow(/finite/);
  });

  it('hashes seeds and names into different 32-bit seeds', () => {
    expect(hashSeed(1, 'a')).not.toBe(hashSeed(1, 'b'));
    expect(hashSeed(1, 'a')).not.toBe(hashSeed(2, 'a'));
    expect(hashSeed(1, 'a')).toBeLessThan(2 ** 32);
  });
});

describe('Random.gamma', () => {
  it.each([0.3, 1, 4.5])('has mean and variance equal to the shape %s', (shape) => {
    const rng = new Random(12);
    const n = 40_000;
    const draws = Array.from({ length: n }, () => rng.gamma(shape));
    const mean = draws.reduce((s, x) => s + x, 0) / n;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean - shape)).toBeLessThan(0.05 * Math.max(1, shape));
    expect(Math.abs(variance - shape)).toBeLessThan(0.1 * Math.max(1, shape));
  });

  it('rejects a non-positive shape', () => {
    expect(() => new Random(1).gamma(0)).toThrow(/positive/);
  });
});
