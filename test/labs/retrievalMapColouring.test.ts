import { describe, expect, it } from 'vitest';
import { mapColouring, unavailableColourings } from '../../src/labs/retrieval/mapColouring';
import type { DatasetSummary } from '../../src/worker/retrievalApi';

function dataset(source: DatasetSummary['source']): DatasetSummary {
  return {
    source,
    name: source,
    users: 3,
    items: 4,
    trainPositives: 0,
    heldOutPositives: 0,
    groupNames: ['a', 'b'],
    itemGroup: Uint32Array.from([0, 1, 0, 1]),
    itemCreator: source === 'synthetic' ? Uint32Array.from([2, 2, 3, 3]) : new Uint32Array(0),
    backend: { active: 'cpu' } as DatasetSummary['backend'],
  };
}

describe('map colouring', () => {
  it('cell without an index falls back to topic', () => {
    const colouring = mapColouring('cell', dataset('synthetic'), undefined);

    expect(colouring.kind).toBe('topic');
    expect(colouring.label).toBe('true dominant topic');
    expect(colouring.fallback).toContain('needs an IVF index');
  });

  it('cell with an index colours by cell', () => {
    const cells = Uint32Array.from([1, 1, 0, 0]);

    const colouring = mapColouring('cell', dataset('synthetic'), cells);

    expect(colouring.kind).toBe('cell');
    expect(colouring.group).toBe(cells);
    expect(colouring.fallback).toBeUndefined();
  });

  it('creator on imported data falls back to popularity', () => {
    const colouring = mapColouring('creator', dataset('movielens'), undefined);

    expect(colouring.kind).toBe('popularity');
    expect(colouring.fallback).toContain('no creators');
  });

  it('lists the options that cannot be chosen', () => {
    expect(unavailableColourings(dataset('synthetic'), undefined)).toEqual({ cell: 'needs an IVF index of the drawn model' });
    expect(unavailableColourings(dataset('synthetic'), Uint32Array.from([0, 0, 0, 0]))).toEqual({});
  });
});

describe('query time format', () => {
  it('switches unit below 0.01 ms', async () => {
    const { formatQueryTime } = await import('../../src/labs/retrieval/formatTime');
    expect(formatQueryTime(0.5432)).toBe('0.543 ms');
    expect(formatQueryTime(0.0042)).toBe('4.2 µs');
    expect(formatQueryTime(0)).toBe('under 1 µs');
  });
});
