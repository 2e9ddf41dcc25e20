import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI_BACKEND_CHOICES, DEFAULT_CLI_BACKEND, type CliBackendChoice } from './backend';
import { findLab, LAB_COMMANDS } from './labs';
import type { CommonOptions, LabCommand, PreparedRun } from './labs/types';
import { parseFlags, UsageError, USAGE_EXIT_CODE, type FlagValues } from './usage';

/** Ticks simulated when `--ticks` is absent. */
export const DEFAULT_TICKS = 100;
/** Upper limit of `--ticks`, far above any teaching run, to catch a mistyped value. */
export const MAX_TICKS = 100_000;

/** Flags that every lab accepts. */
const COMMON_OPTIONS = {
  lab: { type: 'string' },
  ticks: { type: 'string' },
  out: { type: 'string' },
  ratings: { type: 'string' },
  backend: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A parsed command line: the help text, or a validated run. */
export type SimCommand = { kind: 'help'; text: string } | { kind: 'run'; lab: LabCommand; common: CommonOptions; prepared: PreparedRun };

/**
 * Parses the CLI's arguments (without `node` and the script path).
 *
 * @throws UsageError naming the flag, the value and the fix.
 */
export function parseSimCommand(argv: readonly string[]): SimCommand {
  const { labName, help } = peekLabAndHelp(argv);
  const lab = labName === undefined ? undefined : findLab(labName);

  if (help) {
    return { kind: 'help', text: helpText(lab) };
  }
  if (labName === undefined) {
    throw new UsageError(`Missing --lab; expected one of ${labNames()}, as in --lab feed-machine`);
  }
  if (lab === undefined) {
    throw new UsageError(`Invalid value for --lab: ${JSON.stringify(labName)}; expected one of ${labNames()}`);
  }

  for (const flag of Object.keys(lab.options)) {
    if (flag in COMMON_OPTIONS) {
      throw new Error(`Lab ${lab.name} defines --${flag}, which every lab already has; rename the lab's field`);
    }
  }

  const values = parseFlags(argv, { ...COMMON_OPTIONS, ...lab.options });
  const common = readCommonOptions(values);
  return { kind: 'run', lab, common, prepared: lab.prepare(values, common) };
}

/** Reads `--lab` and `--help` before the lab's own flags are known. */
function peekLabAndHelp(argv: readonly string[]): { labName?: string; help: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: { lab: COMMON_OPTIONS.lab, help: COMMON_OPTIONS.help },
    strict: false,
    allowPositionals: true,
  });
  const help = values.help === true;
  if (values.lab === true) {
    throw new UsageError(`Missing value after --lab; expected one of ${labNames()}`);
  }
  return { labName: typeof values.lab === 'string' ? values.lab : undefined, help };
}

function labNames(): string {
  return LAB_COMMANDS.map((lab) => lab.name).join(', ');
}

/** Validates the flags every lab shares. */
function readCommonOptions(values: FlagValues): CommonOptions {
  const explicitFlags = new Set(Object.keys(values).filter((flag) => values[flag] !== undefined));
  return {
    ticks: readTicks(values.ticks),
    out: readOut(values.out),
    ratings: readRatingsPath(values.ratings),
    backend: readBackend(values.backend),
    explicitFlags,
  };
}

function readTicks(value: FlagValues[string]): number {
  if (typeof value !== 'string') {
    return DEFAULT_TICKS;
  }
  const ticks = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || ticks < 1 || ticks > MAX_TICKS) {
    throw new UsageError(`Invalid value for --ticks: ${JSON.stringify(value)}; expected an integer from 1 to ${MAX_TICKS} (default ${DEFAULT_TICKS})`);
  }
  return ticks;
}

function readBackend(value: FlagValues[string]): CliBackendChoice {
  if (typeof value !== 'string') {
    return DEFAULT_CLI_BACKEND;
  }
  const backend = CLI_BACKEND_CHOICES.find((name) => name === value.trim());
  if (backend === undefined) {
    const webgl = value.trim() === 'webgl' ? ' (WebGL runs only in the browser)' : '';
    throw new UsageError(`Invalid value for --backend: ${JSON.stringify(value)}${webgl}; expected one of ${CLI_BACKEND_CHOICES.join(', ')} (default ${DEFAULT_CLI_BACKEND})`);
  }
  return backend;
}

function readRatingsPath(value: FlagValues[string]): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const stats = statSync(value, { throwIfNoEntry: false });
  if (stats === undefined || !stats.isFile()) {
    const problem = stats === undefined ? 'file not found' : 'not a file';
    throw new UsageError(`Invalid value for --ratings: ${JSON.stringify(value)}: ${problem}; expected the path of a MovieLens u.data or ratings.csv file`);
  }
  return value;
}

/** Checks that the CSV can be created before the run starts, so a typo does not cost a whole run. */
function readOut(value: FlagValues[string]): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  if (value.trim() === '') {
    throw new UsageError('Invalid value for --out: ""; expected a file path such as run.csv, or no --out to write to stdout');
  }
  const target = statSync(value, { throwIfNoEntry: false });
  if (target?.isDirectory()) {
    throw new UsageError(`Invalid value for --out: ${JSON.stringify(value)} is a folder; expected a file path such as ${JSON.stringify(`${value}/run.csv`)}`);
  }
  const folder = dirname(resolve(value));
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`Invalid value for --out: ${JSON.stringify(value)}: folder ${JSON.stringify(folder)} not found; create it first or choose another path`);
  }
  return value;
}

/** Builds the help: usage, the labs, the shared flags, and the flags of `lab` (of every lab when absent). */
export function helpText(lab?: LabCommand): string {
  const labs = lab === undefined ? LAB_COMMANDS : [lab];
  const lines = [
    'Usage: npm run sim -- --lab LAB [flags]',
    '',
    'Runs a FeedLab lab headless and writes its results as CSV (one row per tick, fold or model, depending on the lab).',
    'Progress goes to stderr.',
    '',
    'Labs:',
    ...LAB_COMMANDS.map((command) => `  ${command.name.padEnd(16)}${command.summary}`),
    '',
    'Flags of every lab:',
    '  --lab LAB           Lab to run (required).',
    `  --ticks N           Ticks to simulate, an integer from 1 to ${MAX_TICKS}, default ${DEFAULT_TICKS}.`,
    '  --out FILE          Write the CSV to FILE (replacing it); without --out the CSV goes to stdout.',
    '  --ratings FILE      Build the world from a MovieLens u.data or ratings.csv file instead of a synthetic one.',
    `  --backend NAME      TensorFlow.js backend: ${CLI_BACKEND_CHOICES.join(', ')}; auto times a short trial and takes the fastest.`,
    `                      Default ${DEFAULT_CLI_BACKEND}. Results differ slightly between backends: name one when runs must match.`,
    '  -h, --help          Print this help; with --lab, only that lab\'s flags.',
  ];
  for (const command of labs) {
    lines.push('', `Flags of --lab ${command.name}:`, ...command.helpLines());
  }
  lines.push(
    '',
    `Exit status: 0 on success, 1 when the run fails, ${USAGE_EXIT_CODE} for an invalid command line.`,
    'Example: npm run sim -- --lab feed-machine --seed 7 --ticks 200 --out run.csv',
  );
  return lines.join('\n') + '\n';
}
