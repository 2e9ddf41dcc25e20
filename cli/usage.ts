import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit status of a command line that cannot be run as given (bad flag, bad value, missing file). */
export const USAGE_EXIT_CODE = 2;

/** A command-line mistake the user can fix; the CLI prints the message and exits with {@link USAGE_EXIT_CODE}. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

/** Values of string and boolean flags as `node:util` parseArgs returns them. */
export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * Runs `node:util` parseArgs in strict mode and turns its errors into
 * {@link UsageError}s that name the flag and the fix.
 */
export function parseFlags(argv: readonly string[], options: ParseArgsOptions): FlagValues {
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return values as FlagValues;
  } catch (error) {
    throw toUsageError(error);
  }
}

function toUsageError(error: unknown): Error {
  if (!(error instanceof Error) || !('code' in error)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const detail = error.message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`${detail}; run with --help to list the flags`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`${detail}; every value follows its flag, as in --ticks 200`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // Node's message names the flag and, for a value that starts with a dash, the --flag=-1 form.
      return new UsageError(`${detail}; run with --help to list the flags and their values`);
    default:
      return error;
  }
}
