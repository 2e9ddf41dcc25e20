import { randomLcg } from 'd3-random';
import { exp, log, pow } from './math';

/**
 * The engine's only source of randomness: a seeded generator passed in
 * explicitly, so the same seed gives the same run in a worker, in Node and in
 * tests. Nothing in src/engine calls Math.random.
 *
 * The uniform source is d3-random's linear congruential generator (32-bit
 * state, the constants of Numerical Recipes). Normal and gamma draws are
 * written here on top of it with the engine's own exp and log (./math.ts).
 * d3-random's own draws use Math.log, whose last bits differ between
 * JavaScript engines, and it builds one gamma generator per shape, which is
 * slow when every draw has its own shape.
 * Independent streams come from {@link Random.fork}, which hashes the parent
 * seed with a stream name, so adding draws to one stream never shifts another.
 */
export class Random {
  /** The 32-bit seed this stream started from. */
  readonly seed: number;
  private readonly uniform: () => number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new Error(`Random seed must be a finite number; received ${seed}`);
    }
    this.seed = seed >>> 0;
    this.uniform = randomLcg(this.seed);
  }

  /** Uniform draw in [0, 1). */
  next(): number {
    return this.uniform();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Normal draw with the given mean and standard deviation (Marsaglia's polar method, one of the pair kept). */
  normal(mean = 0, sd = 1): number {
    return mean + sd * this.standardNormal();
  }

  private standardNormal(): number {
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt((-2 * log(s)) / s);
      }
    }
  }

  /** Log-normal draw: exp(N(mu, sigma²)). */
  logNormal(mu: number, sigma: number): number {
    return exp(this.normal(mu, sigma));
  }

  /**
   * Gamma draw with shape k > 0 and scale 1 (Marsaglia and Tsang 2000, "A
   * simple method for generating gamma variables"); for k < 1 it draws
   * Gamma(k + 1) · U^(1/k).
   */
  gamma(shape: number): number {
    if (!(shape > 0)) {
      throw new Error(`Gamma shape must be positive; received ${shape}`);
    }
    if (shape < 1) {
      return this.gamma(shape + 1) * pow(this.uniform(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.standardNormal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v))) {
        return d * v;
      }
    }
  }

  /** Beta(a, b) draw, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    const total = x + y;
    return total > 0 ? x / total : 0.5;
  }

  /**
   * Dirichlet draw written into `out` (normalised Gamma(alpha_k) draws).
   * A draw whose gammas all underflow to 0 falls back to one-hot on a random
   * component, which is the limit of the distribution for tiny alphas.
   */
  dirichlet(alpha: ArrayLike<number>, out: Float32Array, offset = 0): void {
    let total = 0;
    for (let k = 0; k < alpha.length; k += 1) {
      const g = this.gamma(alpha[k]);
      out[offset + k] = g;
      total += g;
    }
    if (total <= 0) {
      out.fill(0, offset, offset + alpha.length);
      out[offset + this.int(alpha.length)] = 1;
      return;
    }
    for (let k = 0; k < alpha.length; k += 1) {
      out[offset + k] /= total;
    }
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** In-place Fisher-Yates shuffle. */
  shuffle<T>(array: T[] | Uint32Array | Int32Array): void {
    for (let i = array.length - 1; i > 0; i -= 1) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
  }

  /**
   * Creates an independent child stream. It depends only on this stream's
   * seed and `stream`, not on how many draws this stream has made.
   */
  fork(stream: string | number): Random {
    return new Random(hashSeed(this.seed, String(stream)));
  }
}

/**
 * Mixes a 32-bit seed with a string into a new 32-bit seed: FNV-1a over the
 * string, then the finaliser of MurmurHash3 (Appleby 2008) over seed ^ hash.
 */
export function hashSeed(seed: number, stream: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < stream.length; i += 1) {
    hash ^= stream.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  let h = (seed ^ hash) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
