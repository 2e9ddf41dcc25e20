import { describe, expect, it } from 'vitest';
import { formatCsvNumber, metricsToCsv } from '../../src/engine/io/csv';
import { TICK_METRIC_COLUMNS, type TickMetrics } from '../../src/engine/loop/types';

/** Builds a metrics row whose column c contains tick + c / 100, so every cell is distinct. */
function row(tick: number): TickMetrics {
  const entries = TICK_METRIC_COLUMNS.map((column, c) => [column, c === 0 ? tick : tick + c / 100]);
  return Object.fromEntries(entries) as TickMetrics;
}

describe('metricsToCsv', () => {
  it('writes header in column order', () => {
    const csv = metricsToCsv([]);
    expect(csv).toBe(TICK_METRIC_COLUMNS.join(',') + '\n');
  });

  it('writes one row per tick', () => {
    const csv = metricsToCsv([row(1), row(2), row(3)]);
    const lines = csv.split('\n');

    expect(lines.length).toBe(5);
    expect(lines[4]).toBe('');
    expect(csv.includes('\r')).toBe(false);
    expect(lines[1].split(',').length).toBe(TICK_METRIC_COLUMNS.length);
    expect(lines[3].startsWith('3,3.01,3.02,')).toBe(true);
  });

  it('round-trips every value exactly', () => {
    const source = row(7);
    source.meanWatch = 0.1 + 0.2;
    source.rankerLoss = Math.fround(0.693147);
    source.coverage = 1e-7;
    const csv = metricsToCsv([source]);

    const values = csv.split('\n')[1].split(',').map(Number);
    TICK_METRIC_COLUMNS.forEach((column, c) => {
      expect(values[c], column).toBe(source[column]);
    });
  });

  it('writes NaN as an empty field', () => {
    const source = row(1);
    source.rankerLoss = Number.NaN;
    source.retrievalLoss = Number.NaN;
    const fields = metricsToCsv([source]).split('\n')[1].split(',');

    expect(fields[TICK_METRIC_COLUMNS.indexOf('rankerLoss')]).toBe('');
    expect(fields[TICK_METRIC_COLUMNS.indexOf('retrievalLoss')]).toBe('');
  });

  it('equal rows give identical bytes', () => {
    const first = metricsToCsv([row(1), row(2)]);
    const second = metricsToCsv([row(1), row(2)].map((r) => ({ ...r })));
    expect(second).toBe(first);
  });

  it('rejects a missing column', () => {
    const broken = row(4) as Partial<TickMetrics>;
    delete broken.coverage;
    expect(() => metricsToCsv([broken as TickMetrics])).toThrow(/tick 4 has coverage=undefined; expected a number/);
  });
});

describe('formatCsvNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-1.5, '-1.5'],
    [0.30000000000000004, '0.30000000000000004'],
    [1e-7, '1e-7'],
    [1e21, '1e+21'],
    [Number.NaN, ''],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('formats %d as %j', (value, text) => {
    expect(formatCsvNumber(value)).toBe(text);
  });
});
