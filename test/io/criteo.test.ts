import { describe, expect, it } from 'vitest';
import { CRITEO_COLUMNS, CriteoImportError, INTEGER_BUCKETS, integerBucket, parseCriteo } from '../../src/engine/io/criteo';
import { criteoFixture } from './criteoFixture';

function row(label: string, integers: string[], categories: string[]): string {
  return [label, ...integers, ...categories].join('\t');
}

const ZEROS = Array.from({ length: 13 }, () => '0');
const CATEGORIES = Array.from({ length: 26 }, (_, k) => `c${k}`);

describe('parseCriteo on good files', () => {
  it('reads every line of a generated file', () => {
    const text = criteoFixture(300);
    const data = parseCriteo(text, { hashBuckets: 64 });
    expect(data.length).toBe(300);
    expect(data.fields).toHaveLength(CRITEO_COLUMNS - 1);
    expect(data.fields[0]).toMatchObject({ name: 'I1', cardinality: INTEGER_BUCKETS, offset: 0, kind: 'bucketed' });
    expect(data.fields[13]).toMatchObject({ name: 'C1', cardinality: 64, offset: 13 * INTEGER_BUCKETS, kind: 'hashed' });
    expect(data.vocabulary).toBe(13 * INTEGER_BUCKETS + 26 * 64);
    expect([...data.time.slice(0, 3)]).toEqual([0, 1, 2]);
    expect(data.truth).toBeUndefined();
    const firstLabel = Number(text.slice(0, text.indexOf('\t')));
    expect(data.labels.click[0]).toBe(firstLabel);
    data.fields.forEach((field, f) => {
      for (let r = 0; r < data.length; r += 1) {
        const id = data.features[r * data.fields.length + f];
        expect(id).toBeGreaterThanOrEqual(field.offset);
        expect(id).toBeLessThan(field.offset + field.cardinality);
      }
    });
  });

  it('skips a header line and gives the same rows', () => {
    const plain = parseCriteo(criteoFixture(50, 2));
    const withHeader = parseCriteo(criteoFixture(50, 2, true));
    expect(withHeader.length).toBe(50);
    expect(withHeader.features).toEqual(plain.features);
    expect(withHeader.labels.click).toEqual(plain.labels.click);
  });

  it('accepts CRLF line ends and blank lines', () => {
    const text = criteoFixture(20, 3);
    const crlf = parseCriteo(`\r\n${text.replace(/\n/g, '\r\n')}\r\n`);
    expect(crlf.features).toEqual(parseCriteo(text).features);
  });

  it('maps empty fields to bucket 0', () => {
    const empty = Array.from({ length: 26 }, () => '');
    const data = parseCriteo(`${row('1', Array.from({ length: 13 }, () => ''), empty)}\n`, { hashBuckets: 16 });
    data.fields.forEach((field, f) => expect(data.features[f]).toBe(field.offset));
  });

  it('hashes equal values of a field to one bucket', () => {
    const text = [row('0', ZEROS, CATEGORIES), row('1', ZEROS, CATEGORIES)].join('\n');
    const data = parseCriteo(text, { hashBuckets: 1000 });
    const F = data.fields.length;
    expect(data.features.subarray(F, 2 * F)).toEqual(data.features.subarray(0, F));
    for (let f = 13; f < F; f += 1) {
      expect(data.features[f] - data.fields[f].offset).toBeGreaterThan(0);
    }
  });

  it('reports progress up to 1', () => {
    const fractions: number[] = [];
    parseCriteo(criteoFixture(45_000, 4), { onProgress: (fraction) => fractions.push(fraction) });
    expect(fractions.length).toBe(3);
    expect(fractions[0]).toBeGreaterThan(0.4);
    expect(fractions[0]).toBeLessThan(0.5);
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('integerBucket', () => {
  it('uses log2 buckets after missing, negative and zero', () => {
    expect(['', '-5', '0', '1', '2', '3', '4', '1023', '1024'].map((value) => integerBucket(value, 1, 'I1'))).toEqual([0, 1, 2, 3, 4, 4, 5, 12, 13]);
    expect(integerBucket('99999999999999999', 1, 'I1')).toBe(INTEGER_BUCKETS - 1);
  });
});

describe('parseCriteo on broken files', () => {
  function failure(text: string): CriteoImportError {
    try {
      parseCriteo(text);
    } catch (error) {
      if (error instanceof CriteoImportError) {
        return error;
      }
      throw error;
    }
    throw new Error('parseCriteo accepted a broken file');
  }

  it('names a missing column', () => {
    const good = criteoFixture(3, 5).trimEnd().split('\n');
    const short = good[2].split('\t').slice(0, 30).join('\t');
    const error = failure([good[0], good[1], short].join('\n'));
    expect(error.line).toBe(3);
    expect(error.field).toBe('C17');
    expect(error.message).toBe('Line 3, field C17: missing; the line has 30 columns, expected 40 tab-separated columns (label, I1-I13, C1-C26)');
  });

  it('names a line of one column in the singular', () => {
    const error = failure('0\n');
    expect(error.field).toBe('I1');
    expect(error.message).toContain('missing; the line has 1 column, expected 40');
  });

  it('names extra columns', () => {
    const error = failure(`${row('0', ZEROS, [...CATEGORIES, 'extra'])}\n`);
    expect(error.line).toBe(1);
    expect(error.field).toBe('C26');
    expect(error.message).toContain('followed by 1 extra column;');
  });

  it('names an invalid label', () => {
    const error = failure([row('0', ZEROS, CATEGORIES), row('2', ZEROS, CATEGORIES)].join('\n'));
    expect(error).toMatchObject({ line: 2, field: 'label' });
    expect(error.message).toBe('Line 2, field label: "2" is not a valid label; expected 0 or 1');
  });

  it('names a non-integer integer field', () => {
    const integers = [...ZEROS];
    integers[4] = '3.5';
    const error = failure(`${row('1', ZEROS, CATEGORIES)}\n\n${row('0', integers, CATEGORIES)}\n`);
    expect(error).toMatchObject({ line: 3, field: 'I5' });
    expect(error.message).toBe('Line 3, field I5: "3.5" is not an integer; expected an integer or an empty field');
  });

  it('rejects a file with only a header', () => {
    const header = criteoFixture(0, 1, true);
    expect(failure(header).message).toContain('the file has no data lines');
  });

  it('rejects an empty file', () => {
    expect(failure('').line).toBe(1);
  });

  it('rejects an invalid bucket count', () => {
    expect(() => parseCriteo('', { hashBuckets: 1 })).toThrow('Invalid hashBuckets 1');
  });
});
