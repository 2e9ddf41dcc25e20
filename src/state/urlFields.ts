/**
 * Typed URL query fields. A page's URL state is one table of these fields,
 * derived from the zod schema that validates the same values elsewhere
 * (worker, CLI), so parsing is written once per type and never once per field.
 */
import { z } from 'zod';

/** How one query parameter is read from text, written back, and described to a person. */
export interface UrlField<T> {
  /** Query parameter name, for example `users`. */
  readonly name: string;
  /** What the field accepts, worded to follow "is not": "a whole number between 10 and 20000". */
  readonly expected: string;
  /** Returns the value, or `undefined` when `raw` is not acceptable. */
  parse(raw: string): T | undefined;
  format(value: T): string;
}

/** One field per key of `T`. */
export type UrlFieldTable<T> = { readonly [K in keyof T]-?: UrlField<T[K]> };

/** Result of reading a query string against a field table. */
export interface QueryReading<T> {
  values: T;
  /** One sentence per rejected or unknown parameter, naming the value and what happens instead. */
  messages: string[];
}

/** Plain decimal notation with an optional exponent; rejects `0x10`, `Infinity` and empty text. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Describes a number range the way the messages use it. */
function describeRange(isInt: boolean, min: number | null, max: number | null): string {
  const noun = isInt ? 'a whole number' : 'a number';
  if (min !== null && max !== null) {
    return `${noun} between ${min} and ${max}`;
  }
  if (min !== null) {
    return `${noun} of at least ${min}`;
  }
  if (max !== null) {
    return `${noun} of at most ${max}`;
  }
  return noun;
}

/** Zod gives `.int()` the safe-integer range as bounds; those are no bound for a person. */
function finiteBound(bound: number | null): number | null {
  return bound === null || Math.abs(bound) >= Number.MAX_SAFE_INTEGER ? null : bound;
}

/** A number field whose type and range come from a zod number schema. */
export function numberField(name: string, schema: z.ZodNumber): UrlField<number> {
  return {
    name,
    expected: describeRange(schema.isInt, finiteBound(schema.minValue), finiteBound(schema.maxValue)),
    parse(raw) {
      const text = raw.trim();
      if (!DECIMAL.test(text)) {
        return undefined;
      }
      const result = schema.safeParse(Number(text));
      return result.success ? result.data : undefined;
    },
    format: (value) => String(value),
  };
}

/** A field that accepts one of a fixed list of words. */
export function enumField<T extends string>(name: string, values: readonly T[]): UrlField<T> {
  return {
    name,
    expected: `one of ${values.join(', ')}`,
    parse: (raw) => values.find((value) => value === raw.trim()),
    format: (value) => value,
  };
}

/** An on/off field written as `1` or `0`. */
export function flagField(name: string): UrlField<boolean> {
  return {
    name,
    expected: '1 or 0',
    parse(raw) {
      const text = raw.trim();
      if (text === '1') {
        return true;
      }
      if (text === '0') {
        return false;
      }
      return undefined;
    },
    format: (value) => (value ? '1' : '0'),
  };
}

/**
 * Builds the field table of a zod object schema: one field per key, named as
 * the key. Supports number, boolean and string-enum members.
 *
 * @throws Error naming the key when a member has another type, so a new
 *   schema field without a URL form fails at start-up, not silently.
 */
export function fieldsFromSchema<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
): UrlFieldTable<z.infer<z.ZodObject<Shape>>> {
  const table: Record<string, UrlField<unknown>> = {};
  for (const [key, member] of Object.entries(schema.shape)) {
    if (member instanceof z.ZodNumber) {
      table[key] = numberField(key, member) as UrlField<unknown>;
    } else if (member instanceof z.ZodBoolean) {
      table[key] = flagField(key) as UrlField<unknown>;
    } else if (member instanceof z.ZodEnum) {
      table[key] = enumField(key, member.options as string[]) as UrlField<unknown>;
    } else {
      throw new Error(`URL field "${key}" has a schema type with no URL form (${member.constructor.name}); add one to fieldsFromSchema.`);
    }
  }
  return table as unknown as UrlFieldTable<z.infer<z.ZodObject<Shape>>>;
}

/**
 * Reads the parameters of `query` that the table knows, on top of `current`.
 * A rejected value keeps the current one and adds a message such as
 * `users=abc is not a whole number between 10 and 20000; using 1000`.
 * Parameters that the table does not know are left for the caller (see
 * {@link unknownParameters}).
 */
export function readQuery<T extends object>(table: UrlFieldTable<T>, query: URLSearchParams, current: T): QueryReading<T> {
  const values = { ...current };
  const messages: string[] = [];
  for (const key of Object.keys(table) as (keyof T)[]) {
    const field = table[key];
    const raw = query.get(field.name);
    if (raw === null) {
      continue;
    }
    const parsed = field.parse(raw);
    if (parsed === undefined) {
      messages.push(`${field.name}=${raw} is not ${field.expected}; using ${field.format(current[key])}`);
    } else {
      values[key] = parsed;
    }
  }
  return { values, messages };
}

/** Names in `query` that none of the tables define, in query order, without repeats. */
export function unknownParameters(query: URLSearchParams, tables: readonly object[]): string[] {
  const known = new Set<string>();
  for (const table of tables) {
    for (const field of Object.values(table) as UrlField<unknown>[]) {
      known.add(field.name);
    }
  }
  return [...new Set([...query.keys()].filter((name) => !known.has(name)))];
}

/** Writes every field of `values` in table order. */
export function writeQuery<T extends object>(table: UrlFieldTable<T>, values: T, into = new URLSearchParams()): URLSearchParams {
  for (const key of Object.keys(table) as (keyof T)[]) {
    const field = table[key];
    into.set(field.name, field.format(values[key]));
  }
  return into;
}
