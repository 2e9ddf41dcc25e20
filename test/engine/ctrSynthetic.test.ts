import { describe, expect, it } from 'vitest';
import { generateCtrDataset, parseSyntheticCtrOptions, SYNTHETIC_CTR_DEFAULTS } from '../../src/engine/ctr/synthetic';

const SMALL = { samples: 3_000, users: 40, items: 80, creators: 10, topics: 5 };

describe('generateCtrDataset', () => {
  it('repeats for the same seed', () => {
    const first = generateCtrDataset({ ...SMALL, seed: 3 });
    const second = generateCtrDataset({ ...SMALL, seed: 3 });
    expect(second.features).toEqual(first.features);
    expect(second.labels).toEqual(first.labels);
    expect(second.truth).toEqual(first.truth);
  });

  it('differs for another seed', () => {
    expect(generateCtrDataset({ ...SMALL, seed: 4 }).labels.click).not.toEqual(generateCtrDataset({ ...SMALL, seed: 3 }).labels.click);
  });

  it('keeps every id inside its field', () => {
    const data = generateCtrDataset(SMALL);
    const F = data.fields.length;
    expect(data.fields.map((field) => field.name)).toEqual(['user', 'item', 'creator', 'item_topic', 'quality', 'length', 'popularity', 'position']);
    expect(data.vocabulary).toBe(data.fields.reduce((sum, field) => sum + field.cardinality, 0));
    for (let row = 0; row < data.length; row += 1) {
      data.fields.forEach((field, f) => {
        const id = data.features[row * F + f];
        expect(id).toBeGreaterThanOrEqual(field.offset);
        expect(id).toBeLessThan(field.offset + field.cardinality);
      });
    }
  });

  it('logs consistent labels and truth', () => {
    const data = generateCtrDataset(SMALL);
    const { click, conversion, watch } = data.labels;
    const truth = data.truth;
    expect(truth).toBeDefined();
    for (let row = 0; row < data.length; row += 1) {
      expect(conversion?.[row] === 0 || click[row] === 1).toBe(true);
      expect(watch?.[row]).toBeGreaterThanOrEqual(0);
      expect(watch?.[row]).toBeLessThanOrEqual(1);
      expect(truth?.click[row]).toBeGreaterThan(0);
      expect(truth?.click[row]).toBeLessThan(1);
    }
    expect(data.time[data.length - 1]).toBeGreaterThan(0);
    expect(data.time.every((tick, row) => row === 0 || tick >= data.time[row - 1])).toBe(true);
  });

  it('lowers clicks further down the feed', () => {
    const data = generateCtrDataset({ ...SMALL, samples: 20_000, positionBias: 1 });
    const F = data.fields.length;
    const position = data.fields[F - 1];
    const meanTruth = (slot: number) => {
      let sum = 0;
      let count = 0;
      for (let row = 0; row < data.length; row += 1) {
        if (data.features[row * F + F - 1] === position.offset + slot) {
          sum += data.truth?.click[row] ?? 0;
          count += 1;
        }
      }
      return sum / count;
    };
    // Examination (1 + p)^-1 halves the click probability from slot 0 to slot 1, on average over the same items.
    expect(meanTruth(1) / meanTruth(0)).toBeGreaterThan(0.4);
    expect(meanTruth(1) / meanTruth(0)).toBeLessThan(0.6);
  });
});

describe('parseSyntheticCtrOptions', () => {
  it('fills the defaults', () => {
    expect(parseSyntheticCtrOptions({ seed: 9 })).toEqual({ ...SYNTHETIC_CTR_DEFAULTS, seed: 9 });
  });

  it('names an invalid option', () => {
    expect(() => parseSyntheticCtrOptions({ samples: 10 })).toThrow('Invalid synthetic click-log options: samples=10');
  });
});
