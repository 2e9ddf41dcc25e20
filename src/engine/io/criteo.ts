import type { CtrDataset, CtrField } from '../ctr/types';

/** Integer fields I1..I13 and categorical fields C1..C26 of a Criteo display-advertising log. */
export const CRITEO_INTEGER_FIELDS = 13;
export const CRITEO_CATEGORICAL_FIELDS = 26;
/** Columns per line: the label, then the integer fields, then the categorical fields. */
export const CRITEO_COLUMNS = 1 + CRITEO_INTEGER_FIELDS + CRITEO_CATEGORICAL_FIELDS;

/** Hash buckets per categorical field when the caller gives none. */
export const DEFAULT_HASH_BUCKETS = 2048;
/** Lines between two progress reports. */
const PROGRESS_EVERY = 20_000;

/**
 * Buckets of an integer field: 0 missing, 1 negative, 2 zero, and
 * 3 + floor(log2 v) for v ≥ 1, capped so that v ≥ 2^36 shares the last one.
 */
export const INTEGER_BUCKETS = 40;

/** A line of a Criteo-style file that cannot be read, with its 1-based line number and the field name. */
export class CriteoImportError extends Error {
  readonly line: number;
  readonly field: string;

  constructor(line: number, field: string, problem: string) {
    super(`Line ${line}, field ${field}: ${problem}`);
    this.name = 'CriteoImportError';
    this.line = line;
    this.field = field;
  }
}

export interface CriteoOptions {
  /** Hash buckets per categorical field, from 2 to 2^20; bucket 0 is kept for empty values. */
  hashBuckets?: number;
  /** Fraction of the text read, in [0, 1], every 20,000 lines and at the end. */
  onProgress?: (fraction: number) => void;
}

/** Column names in file order: `label`, `I1`..`I13`, `C1`..`C26`. */
export const CRITEO_COLUMN_NAMES: readonly string[] = [
  'label',
  ...Array.from({ length: CRITEO_INTEGER_FIELDS }, (_, k) => `I${k + 1}`),
  ...Array.from({ length: CRITEO_CATEGORICAL_FIELDS }, (_, k) => `C${k + 1}`),
];

/**
 * Parses a Criteo-style click log: one impression per line, tab-separated,
 * `label` (0 or 1), 13 integer fields, 26 categorical fields (hex hashes in
 * the Criteo files, any text here). Fields may be empty. The first
 * non-blank line is a header, and skipped, when it has 40 columns and its
 * label column does not start with a digit. Blank lines and a trailing newline are ignored; CRLF line ends
 * are accepted.
 *
 * Integer fields become {@link INTEGER_BUCKETS} log2 buckets, and categorical
 * values are hashed (32-bit FNV-1a of the field name and value) into
 * `hashBuckets` − 1 buckets after bucket 0, which is "empty". `time` is the
 * line order and only `labels.click` is set; there is no truth.
 *
 * @throws CriteoImportError naming the line and field of the first bad value,
 *   a line with the wrong number of columns, or a file without data lines.
 */
export function parseCriteo(text: string, options: CriteoOptions = {}): CtrDataset {
  const hashBuckets = options.hashBuckets ?? DEFAULT_HASH_BUCKETS;
  if (!Number.isInteger(hashBuckets) || hashBuckets < 2 || hashBuckets > 1 << 20) {
    throw new Error(`Invalid hashBuckets ${hashBuckets}; expected an integer from 2 to ${1 << 20}`);
  }
  const fields = criteoFields(hashBuckets);
  const F = fields.length;
  const fieldSeeds = fields.map((field) => fnv1a(field.name, FNV_OFFSET));

  let capacity = 1024;
  let features = new Int32Array(capacity * F);
  let labels = new Float32Array(capacity);
  let length = 0;
  let lineNumber = 0;
  let position = 0;
  let seenContent = false;

  while (position < text.length) {
    let end = text.indexOf('\n', position);
    if (end < 0) {
      end = text.length;
    }
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(position, end - 1) : text.slice(position, end);
    position = end + 1;
    lineNumber += 1;
    if (options.onProgress !== undefined && lineNumber % PROGRESS_EVERY === 0) {
      options.onProgress(Math.min(1, position / text.length));
    }
    if (line.trim() === '') {
      continue;
    }

    const columns = line.split('\t');
    const first = !seenContent;
    seenContent = true;
    if (first && isHeader(columns)) {
      continue;
    }
    checkColumnCount(columns, lineNumber);

    if (length === capacity) {
      capacity *= 2;
      features = grow(features, capacity * F);
      labels = grow(labels, capacity);
    }
    labels[length] = readLabel(columns[0], lineNumber);
    const base = length * F;
    for (let k = 0; k < CRITEO_INTEGER_FIELDS; k += 1) {
      features[base + k] = fields[k].offset + integerBucket(columns[1 + k], lineNumber, fields[k].name);
    }
    for (let k = CRITEO_INTEGER_FIELDS; k < F; k += 1) {
      const value = columns[1 + k];
      const local = value === '' ? 0 : 1 + (fnv1a(value, fieldSeeds[k]) % (hashBuckets - 1));
      features[base + k] = fields[k].offset + local;
    }
    length += 1;
  }

  if (length === 0) {
    throw new CriteoImportError(Math.max(1, lineNumber), 'label', 'the file has no data lines; expected tab-separated lines of a label, 13 integers and 26 categorical values');
  }
  options.onProgress?.(1);
  return {
    fields,
    vocabulary: fields.reduce((sum, field) => sum + field.cardinality, 0),
    length,
    features: features.slice(0, length * F),
    time: Int32Array.from({ length }, (_, row) => row),
    labels: { click: labels.slice(0, length) },
  };
}

function criteoFields(hashBuckets: number): CtrField[] {
  const fields: CtrField[] = [];
  let offset = 0;
  for (let k = 1; k <= CRITEO_INTEGER_FIELDS; k += 1) {
    fields.push({ name: `I${k}`, description: `Integer field ${k}, log2 buckets (empty, negative, 0, [1, 2), [2, 4), …).`, cardinality: INTEGER_BUCKETS, offset, kind: 'bucketed' });
    offset += INTEGER_BUCKETS;
  }
  for (let k = 1; k <= CRITEO_CATEGORICAL_FIELDS; k += 1) {
    fields.push({ name: `C${k}`, description: `Categorical field ${k}, hashed into ${hashBuckets} buckets (0 = empty).`, cardinality: hashBuckets, offset, kind: 'hashed' });
    offset += hashBuckets;
  }
  return fields;
}

/** Returns true for a header: the right column count and a label column that does not start with a digit. */
function isHeader(columns: string[]): boolean {
  return columns.length === CRITEO_COLUMNS && !/^\s*[+-]?\d/.test(columns[0]);
}

function checkColumnCount(columns: string[], line: number): void {
  if (columns.length === CRITEO_COLUMNS) {
    return;
  }
  const expected = `expected ${CRITEO_COLUMNS} tab-separated columns (label, I1-I13, C1-C26)`;
  if (columns.length < CRITEO_COLUMNS) {
    throw new CriteoImportError(line, CRITEO_COLUMN_NAMES[columns.length], `missing; the line has ${countColumns(columns.length)}, ${expected}`);
  }
  throw new CriteoImportError(line, 'C26', `followed by ${countColumns(columns.length - CRITEO_COLUMNS, 'extra ')}; ${expected}`);
}

/** "1 column", "20 columns", "2 extra columns". */
function countColumns(count: number, adjective = ''): string {
  return `${count} ${adjective}${count === 1 ? 'column' : 'columns'}`;
}

function readLabel(value: string, line: number): number {
  const trimmed = value.trim();
  if (trimmed === '0' || trimmed === '1') {
    return Number(trimmed);
  }
  const description = trimmed === '' ? 'empty' : JSON.stringify(value);
  throw new CriteoImportError(line, 'label', `${description} is not a valid label; expected 0 or 1`);
}

/**
 * Maps the text of an integer field to its bucket (see {@link INTEGER_BUCKETS}).
 *
 * @throws CriteoImportError naming the line and field when the text is not an integer.
 */
export function integerBucket(value: string, line: number, field: string): number {
  const trimmed = value.trim();
  if (trimmed === '') {
    return 0;
  }
  if (!/^[+-]?\d+$/.test(trimmed)) {
    throw new CriteoImportError(line, field, `${JSON.stringify(value)} is not an integer; expected an integer or an empty field`);
  }
  const v = Number(trimmed);
  if (v < 0) {
    return 1;
  }
  if (v === 0) {
    return 2;
  }
  return Math.min(INTEGER_BUCKETS - 1, 3 + Math.floor(Math.log2(v)));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Hashes the UTF-16 code units of `text` with 32-bit FNV-1a from offset basis `seed`; returns an unsigned integer. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let k = 0; k < text.length; k += 1) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

function grow<T extends Int32Array | Float32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (size: number) => T)(size);
  next.set(array);
  return next;
}
