import { beforeAll, describe, expect, it } from 'vitest';
import { BprFactorisation } from '../../src/engine/models/bpr';
import { Random } from '../../src/engine/random';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

/** Two groups of users, each watching only its own half of the items. */
function blockPositives(users: number, items: number): { user: Uint32Array; item: Uint32Array; length: number } {
  const pairs: [number, number][] = [];
  for (let user = 0; user < users; user += 1) {
    for (let item = 0; item < items; item += 1) {
      if (user % 2 === item % 2 && (user + item) % 3 !== 0) {
        pairs.push([user, item]);
      }
    }
  }
  return { user: Uint32Array.from(pairs, (pair) => pair[0]), item: Uint32Array.from(pairs, (pair) => pair[1]), length: pairs.length };
}

describe('BprFactorisation', () => {
  it('scores p_u · q_i + b_i', () => {
    const model = new BprFactorisation(1, 2, { dim: 2 });
    model.userFactors.set([1, 2]);
    model.itemFactors.set([3, 4, -1, 0.5]);
    model.itemBias.set([0.5, -1]);
    expect(model.score(0, 0)).toBeCloseTo(1 * 3 + 2 * 4 + 0.5, 6);
    const out = new Float32Array(2);
    model.scoreAll(0, out);
    expect(out[1]).toBeCloseTo(-1 + 1 - 1, 6);
  });

  it('ranks unseen in-group items first', async () => {
    const positives = blockPositives(20, 30);
    const model = new BprFactorisation(20, 30, { dim: 4, epochs: 30, batchSize: 64, learningRate: 0.05 });
    const losses = await model.fit(positives, new Random(3));
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    // User 2 never watched item 4 ((2 + 4) % 3 === 0) but it is in the user's group; item 5 is not.
    expect(model.score(2, 4)).toBeGreaterThan(model.score(2, 5));
  });

  it('is deterministic by seed', async () => {
    const positives = blockPositives(10, 12);
    const first = new BprFactorisation(10, 12, { dim: 3, epochs: 2, batchSize: 16 });
    const second = new BprFactorisation(10, 12, { dim: 3, epochs: 2, batchSize: 16 });
    await first.fit(positives, new Random(9));
    await second.fit(positives, new Random(9));
    expect(Array.from(second.itemFactors)).toEqual(Array.from(first.itemFactors));
  });
});
