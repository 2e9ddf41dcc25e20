import { z } from 'zod';
import { UsageError, type FlagValues } from './usage';

/** One command-line flag that sets one numeric field of a zod object schema. */
export interface SchemaFlag {
  /** Field of the schema, for example `retrainEvery`. */
  key: string;
  /** Flag name without dashes, the field in kebab case: `retrain-every`. */
  flag: string;
  /** Accepted values in words, for example "an integer from 0 to 1000". */
  expected: string;
  /** Default value shown in the help. */
  defaultValue: number;
  /** The field's `.describe()` text, when the schema gives one. */
  description?: string;
  member: z.ZodNumber;
}

/** Plain decimal notation with an optional exponent; rejects `0x10`, `Infinity` and empty text. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Converts a camelCase field name to a kebab-case flag name: `feedSize` → `feed-size`. */
export function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Builds one flag per field of `schema`, in the schema's field order, so a
 * field added to the schema gets its flag without a change here.
 *
 * @throws Error naming the field when a member is not a number schema, so a
 *   new field without a command-line form fails at start-up, not silently.
 */
export function flagsFromSchema<T extends Record<string, number>>(schema: z.ZodObject<z.ZodRawShape>, defaults: T): SchemaFlag[] {
  return Object.entries(schema.shape).map(([key, member]) => {
    if (!(member instanceof z.ZodNumber)) {
      throw new Error(`Schema field "${key}" is not a number (${member.constructor.name}); add its command-line form to cli/schemaFlags.ts`);
    }
    return {
      key,
      flag: kebabCase(key),
      expected: describeRange(member),
      defaultValue: defaults[key],
      description: member.description,
      member,
    };
  });
}

/** Options for `node:util` parseArgs: every schema flag takes a string value. */
export function parseArgsOptions(flags: readonly SchemaFlag[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(flags.map((flag) => [flag.flag, { type: 'string' as const }]));
}

/**
 * Reads the schema flags present in `values` and returns them by field name.
 * Flags that are absent are left out, so the caller's defaults apply.
 *
 * @throws UsageError naming the flag, the value and the accepted range.
 */
export function readSchemaFlags(flags: readonly SchemaFlag[], values: FlagValues): Record<string, number> {
  const result: Record<string, number> = {};
  for (const flag of flags) {
    const text = values[flag.flag];
    if (typeof text !== 'string') {
      continue;
    }
    const trimmed = text.trim();
    const parsed = DECIMAL.test(trimmed) ? flag.member.safeParse(Number(trimmed)) : undefined;
    if (!parsed?.success) {
      throw new UsageError(`Invalid value for --${flag.flag}: ${JSON.stringify(text)}; expected ${flag.expected} (default ${flag.defaultValue})`);
    }
    result[flag.key] = parsed.data;
  }
  return result;
}

/** Formats one help line per flag: name, accepted values, default and description. */
export function describeFlags(flags: readonly SchemaFlag[]): string[] {
  const width = Math.max(...flags.map((flag) => flag.flag.length)) + 4;
  return flags.map((flag) => {
    const name = `--${flag.flag} N`.padEnd(width + 4);
    const description = flag.description ? `${flag.description} ` : '';
    return `  ${name}${description}${capitalise(flag.expected)}, default ${flag.defaultValue}.`;
  });
}

function describeRange(member: z.ZodNumber): string {
  const noun = member.isInt ? 'an integer' : 'a number';
  const min = member.minValue;
  const max = member.maxValue;
  const finite = (value: number | null): value is number => value !== null && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER;
  if (finite(min) && finite(max)) {
    return `${noun} from ${min} to ${max}`;
  }
  if (finite(min)) {
    return `${noun} of at least ${min}`;
  }
  if (finite(max)) {
    return `${noun} of at most ${max}`;
  }
  return noun;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
