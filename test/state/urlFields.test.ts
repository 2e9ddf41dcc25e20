import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { enumField, fieldsFromSchema, flagField, numberField, readQuery, unknownParameters, writeQuery } from '../../src/state/urlFields';

describe('numberField', () => {
  const users = numberField('users', z.number().int().min(10).max(20_000));
  const epsilon = numberField('epsilon', z.number().min(0).max(1));

  it('describes its range from the schema', () => {
    expect(users.expected).toBe('a whole number between 10 and 20000');
    expect(epsilon.expected).toBe('a number between 0 and 1');
  });

  it.each([
    ['1000', 1000],
    [' 10 ', 10],
    ['20000', 20_000],
    ['1e3', 1000],
    ['+50', 50],
  ])('accepts users=%s', (raw, value) => {
    expect(users.parse(raw)).toBe(value);
  });

  it.each(['abc', '', '9', '20001', '10.5', '0x10', 'Infinity', 'NaN', '1,000', '-5'])('rejects users=%s', (raw) => {
    expect(users.parse(raw)).toBeUndefined();
  });

  it.each([
    ['0', 0],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['1', 1],
  ])('accepts epsilon=%s', (raw, value) => {
    expect(epsilon.parse(raw)).toBe(value);
  });

  it.each(['1.01', '-0.1', 'half'])('rejects epsilon=%s', (raw) => {
    expect(epsilon.parse(raw)).toBeUndefined();
  });

  it('describes one-sided and open ranges', () => {
    expect(numberField('a', z.number().int().min(0)).expected).toBe('a whole number of at least 0');
    expect(numberField('b', z.number().max(3)).expected).toBe('a number of at most 3');
    expect(numberField('c', z.number()).expected).toBe('a number');
  });
});

describe('enumField and flagField', () => {
  const backend = enumField('backend', ['auto', 'wasm', 'cpu'] as const);
  const present = flagField('present');

  it('accepts listed words only', () => {
    expect(backend.parse('wasm')).toBe('wasm');
    expect(backend.parse('WASM')).toBeUndefined();
    expect(backend.parse('gpu')).toBeUndefined();
    expect(backend.expected).toBe('one of auto, wasm, cpu');
  });

  it('reads 1 and 0 as a flag', () => {
    expect(present.parse('1')).toBe(true);
    expect(present.parse('0')).toBe(false);
    expect(present.parse('yes')).toBeUndefined();
    expect(present.format(true)).toBe('1');
  });
});

describe('fieldsFromSchema', () => {
  const schema = z.object({
    seed: z.number().int().min(0).max(100),
    rate: z.number().min(0).max(1),
    on: z.boolean(),
    kind: z.enum(['a', 'b']),
  });
  const table = fieldsFromSchema(schema);
  const current = { seed: 7, rate: 0.5, on: false, kind: 'a' as const };

  it('derives one field per key, named as the key', () => {
    expect(Object.keys(table)).toEqual(['seed', 'rate', 'on', 'kind']);
    expect(table.seed.expected).toBe('a whole number between 0 and 100');
    expect(table.kind.expected).toBe('one of a, b');
  });

  it('rejects a schema member with no URL form', () => {
    expect(() => fieldsFromSchema(z.object({ name: z.string() }))).toThrow(/"name"/);
  });

  it('round-trips values through a query string', () => {
    const values = { seed: 42, rate: 0.125, on: true, kind: 'b' as const };
    const text = writeQuery(table, values).toString();
    expect(text).toBe('seed=42&rate=0.125&on=1&kind=b');
    const reading = readQuery(table, new URLSearchParams(text), current);
    expect(reading.values).toEqual(values);
    expect(reading.messages).toEqual([]);
  });

  it('keeps current values for absent parameters', () => {
    const reading = readQuery(table, new URLSearchParams('rate=0.75'), current);
    expect(reading.values).toEqual({ ...current, rate: 0.75 });
  });

  it('names the bad value, the range and the value kept', () => {
    const reading = readQuery(table, new URLSearchParams('seed=abc&rate=2&on=maybe&kind=c'), current);
    expect(reading.values).toEqual(current);
    expect(reading.messages).toEqual([
      'seed=abc is not a whole number between 0 and 100; using 7',
      'rate=2 is not a number between 0 and 1; using 0.5',
      'on=maybe is not 1 or 0; using 0',
      'kind=c is not one of a, b; using a',
    ]);
  });

  it('lists names no table defines, once each', () => {
    const query = new URLSearchParams('seed=1&colour=red&colour=blue&size=2');
    expect(unknownParameters(query, [table])).toEqual(['colour', 'size']);
  });
});
