import type { CtrDataset, FieldCross } from './types';

/** Hash buckets of one field cross whose exact product of cardinalities is larger. */
export const MAX_CROSS_BUCKETS = 1 << 14;

/** One cross of the wide part, resolved to feature columns. */
export interface ResolvedCross {
  name: string;
  /** Columns of the two fields in `CtrDataset.features`. */
  columnA: number;
  columnB: number;
  /** Cardinality of field b, for the exact id a × |b| + b. */
  cardinalityB: number;
  /** Ids of this cross: |a| × |b|, or MAX_CROSS_BUCKETS hash buckets when that is larger. */
  buckets: number;
  hashed: boolean;
  /** First id of this cross in the wide (linear) table. */
  offset: number;
}

/**
 * Mapping from a data set's features to a model's ids: the used fields renumbered into one compact
 * id range [0, fieldVocabulary) for the embedding table, then the crosses'
 * ids in [fieldVocabulary, wideVocabulary) for the linear table.
 */
export interface InputLayout {
  /** Names of the used fields, in column order. */
  fieldNames: string[];
  /** Column of each used field in `CtrDataset.features`. */
  columns: number[];
  /** Dataset offset of each used field (its first global id). */
  sourceOffsets: number[];
  /** Compact offset of each used field. */
  offsets: number[];
  fieldVocabulary: number;
  crosses: ResolvedCross[];
  wideVocabulary: number;
}

/**
 * Resolves field names and crosses against `data.fields`. An empty
 * `useFields` means every field.
 *
 * @throws Error naming an unknown field, a field used twice, or a cross of a field with itself, with the valid names.
 */
export function inputLayout(data: CtrDataset, useFields: readonly string[], crosses: readonly FieldCross[]): InputLayout {
  const known = data.fields.map((field) => field.name);
  const names = useFields.length === 0 ? known : [...useFields];
  const columnOf = (name: string, role: string): number => {
    const column = known.indexOf(name);
    if (column < 0) {
      throw new Error(`Unknown field "${name}" in ${role}; expected one of ${known.join(', ')}`);
    }
    return column;
  };

  const columns = names.map((name) => columnOf(name, 'the model fields')).sort((a, b) => a - b);
  const duplicate = columns.find((column, index) => index > 0 && columns[index - 1] === column);
  if (duplicate !== undefined) {
    throw new Error(`Field "${known[duplicate]}" is listed twice in the model fields; list each field once`);
  }

  const offsets: number[] = [];
  let fieldVocabulary = 0;
  for (const column of columns) {
    offsets.push(fieldVocabulary);
    fieldVocabulary += data.fields[column].cardinality;
  }

  let wideVocabulary = fieldVocabulary;
  const resolved = crosses.map((cross): ResolvedCross => {
    const columnA = columnOf(cross.a, 'a cross');
    const columnB = columnOf(cross.b, 'a cross');
    if (columnA === columnB) {
      throw new Error(`Cross ${cross.a} × ${cross.b} crosses a field with itself; choose two different fields`);
    }
    const exact = data.fields[columnA].cardinality * data.fields[columnB].cardinality;
    const buckets = Math.min(exact, MAX_CROSS_BUCKETS);
    const result = { name: `${cross.a}×${cross.b}`, columnA, columnB, cardinalityB: data.fields[columnB].cardinality, buckets, hashed: exact > MAX_CROSS_BUCKETS, offset: wideVocabulary };
    wideVocabulary += buckets;
    return result;
  });

  return {
    fieldNames: columns.map((column) => known[column]),
    columns,
    sourceOffsets: columns.map((column) => data.fields[column].offset),
    offsets,
    fieldVocabulary,
    crosses: resolved,
    wideVocabulary,
  };
}

/**
 * Ids of rows `rows` ([n]) under `layout`: `fieldIds` [n, fields] into the
 * embedding table and `wideIds` [n, fields + crosses] into the linear table
 * (the field ids, then one id per cross), both row-major. Without crosses
 * both are the same array.
 */
export function batchIds(data: CtrDataset, layout: InputLayout, rows: ArrayLike<number>): { fieldIds: Int32Array; wideIds: Int32Array } {
  const F = layout.columns.length;
  const W = F + layout.crosses.length;
  const stride = data.fields.length;
  const fieldIds = new Int32Array(rows.length * F);
  const wideIds = W === F ? fieldIds : new Int32Array(rows.length * W);

  for (let r = 0; r < rows.length; r += 1) {
    const base = rows[r] * stride;
    for (let f = 0; f < F; f += 1) {
      const column = layout.columns[f];
      const id = layout.offsets[f] + data.features[base + column] - layout.sourceOffsets[f];
      fieldIds[r * F + f] = id;
      wideIds[r * W + f] = id;
    }
    layout.crosses.forEach((cross, c) => {
      const a = data.features[base + cross.columnA] - data.fields[cross.columnA].offset;
      const b = data.features[base + cross.columnB] - data.fields[cross.columnB].offset;
      const local = cross.hashed ? hashPair(a, b) % cross.buckets : a * cross.cardinalityB + b;
      wideIds[r * W + F + c] = cross.offset + local;
    });
  }
  return { fieldIds, wideIds };
}

/** Unsigned 32-bit hash of two local ids: the ids multiplied by odd constants and XORed, then MurmurHash3's 32-bit finaliser. */
function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
