/**
 * Compares two Lorenz curves of exposure, as the Lorenz panel's caption
 * does. One curve that lies on or above the other everywhere is more equal
 * by every inequality measure that respects the Lorenz order, the Gini
 * coefficient included. Curves that cross have no such order, and the Gini
 * coefficient alone then does not say which distribution is more equal.
 */

/** A Lorenz curve: x the share of entries (poorest first) and y their share of the total, from (0, 0) to (1, 1). */
export interface LorenzPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface LorenzComparison {
  /** Gini coefficient of each curve: 1 − Σ_i (x_i − x_{i−1})(y_i + y_{i−1}), twice the area between the curve and the diagonal. */
  gini: { a: number; b: number };
  /**
   * `a-above`: A's curve is on or above B's everywhere and above it somewhere, so A is more equal; `b-above` the reverse;
   * `equal`: the curves coincide; `cross`: each is above the other somewhere.
   */
  order: 'a-above' | 'b-above' | 'equal' | 'cross';
  /** Shares of entries (x) where the curves cross, by linear interpolation; empty unless `order` is `cross`. */
  crossings: number[];
  /** Twin whose curve is above at the low end (the least exposed entries) when they cross, else null. */
  aboveFirst: 'a' | 'b' | null;
  /**
   * The stretches between crossings, from x = 0 to x = 1, each with the twin
   * whose curve is higher there; empty unless `order` is `cross`. With k
   * crossings there are k + 1 segments, and neighbours alternate.
   */
  segments: LorenzSegment[];
}

/** A stretch [from, to] of shares of entries on which one twin's curve is higher. */
export interface LorenzSegment {
  from: number;
  to: number;
  above: 'a' | 'b';
}

/** Differences of y below this count as ties, so rounding noise is not a crossing. */
const TIE = 1e-9;

/** Returns the Gini coefficient of a Lorenz curve from its area: 1 − Σ_i (x_i − x_{i−1})(y_i + y_{i−1}). */
export function lorenzGini(curve: LorenzPoints): number {
  let area = 0;
  for (let i = 1; i < curve.x.length; i += 1) {
    area += (curve.x[i] - curve.x[i - 1]) * (curve.y[i] + curve.y[i - 1]);
  }
  return curve.x.length < 2 ? 0 : 1 - area;
}

/** Returns the curve's y at share `x` by linear interpolation between its points. */
export function lorenzValueAt(curve: LorenzPoints, x: number): number {
  const last = curve.x.length - 1;
  if (last < 0) {
    return Number.NaN;
  }
  if (x <= curve.x[0]) {
    return curve.y[0];
  }
  for (let i = 1; i <= last; i += 1) {
    if (curve.x[i] >= x) {
      const width = curve.x[i] - curve.x[i - 1];
      const t = width > 0 ? (x - curve.x[i - 1]) / width : 1;
      return curve.y[i - 1] + t * (curve.y[i] - curve.y[i - 1]);
    }
  }
  return curve.y[last];
}

/**
 * Compares curve A with curve B at A's points (B interpolated there) and
 * returns their order, where they cross, and both Gini coefficients.
 */
export function compareLorenz(a: LorenzPoints, b: LorenzPoints): LorenzComparison {
  const gini = { a: lorenzGini(a), b: lorenzGini(b) };
  const crossings: number[] = [];
  let aboveFirst: 'a' | 'b' | null = null;
  let previous: { x: number; d: number } | null = null;
  let aAbove = false;
  let bAbove = false;

  for (let i = 0; i < a.x.length; i += 1) {
    const x = a.x[i];
    const d = a.y[i] - lorenzValueAt(b, x);
    if (Math.abs(d) <= TIE) {
      continue;
    }
    if (d > 0) {
      aAbove = true;
    } else {
      bAbove = true;
    }
    aboveFirst ??= d > 0 ? 'a' : 'b';
    if (previous !== null && Math.sign(previous.d) !== Math.sign(d)) {
      // The difference changes sign between two points: interpolate where it is 0.
      crossings.push(previous.x + (x - previous.x) * (previous.d / (previous.d - d)));
    }
    previous = { x, d };
  }

  if (aAbove && bAbove) {
    return { gini, order: 'cross', crossings, aboveFirst, segments: crossingSegments(crossings, aboveFirst ?? 'a') };
  }
  if (aAbove) {
    return { gini, order: 'a-above', crossings: [], aboveFirst: null, segments: [] };
  }
  return { gini, order: bAbove ? 'b-above' : 'equal', crossings: [], aboveFirst: null, segments: [] };
}

/** Splits [0, 1] at the crossings into segments whose higher twin alternates, starting with `first`. */
export function crossingSegments(crossings: readonly number[], first: 'a' | 'b'): LorenzSegment[] {
  const ends = [0, ...crossings, 1];
  const segments: LorenzSegment[] = [];
  let above = first;
  for (let index = 0; index + 1 < ends.length; index += 1) {
    segments.push({ from: ends[index], to: ends[index + 1], above });
    above = above === 'a' ? 'b' : 'a';
  }
  return segments;
}
