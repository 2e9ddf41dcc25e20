import { describe, expect, it } from 'vitest';
import { medianMsPerQuery } from '../../src/engine/retrieval/labSearch';

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Spin: the timed work.
  }
}

describe('medianMsPerQuery', () => {
  it('warms up, then repeats for the minimum time', () => {
    let passes = 0;
    const started = performance.now();

    medianMsPerQuery(() => {
      passes += 1;
      busyWait(1);
    }, 10, 20);

    expect(performance.now() - started).toBeGreaterThanOrEqual(20);
    expect(passes).toBeGreaterThanOrEqual(6);
  });

  it('times an empty pass in bounded time', () => {
    const started = performance.now();

    const perQuery = medianMsPerQuery(() => undefined, 1, 20);

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(perQuery).toBeGreaterThanOrEqual(0);
    expect(perQuery).toBeLessThan(0.01);
  });

  it('ignores a single slow pass', () => {
    let pass = 0;

    const perQuery = medianMsPerQuery(() => {
      pass += 1;
      busyWait(pass === 3 ? 40 : 2);
    }, 2, 10);

    expect(perQuery).toBeLessThan(5);
    expect(perQuery).toBeGreaterThanOrEqual(1);
  });
});
