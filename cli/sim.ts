/**
 * FeedLab's headless runner: `npm run sim -- --lab feed-machine --seed 7 --ticks 200 --out run.csv`.
 * Parses the flags, runs the lab through the same engine as the page, and
 * writes the same CSV as the page's "Download CSV". `--help` lists the flags.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { CriteoImportError } from '../src/engine/io/criteo';
import { RatingsImportError } from '../src/engine/io/movielens';
import { parseSimCommand, type SimCommand } from './args';
import { UsageError, USAGE_EXIT_CODE } from './usage';

/** Output streams of the CLI: the CSV (when there is no `--out`) and the help go to stdout, everything else to stderr. */
export interface SimStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * Runs the CLI and returns its exit status: 0 on success, 1 when the run
 * fails (for example a malformed ratings file), 2 for an invalid command line.
 */
export async function main(argv: readonly string[], streams: SimStreams = process): Promise<number> {
  let command: SimCommand;
  try {
    command = parseSimCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      streams.stderr.write(`error: ${error.message}\n`);
      return USAGE_EXIT_CODE;
    }
    throw error;
  }

  if (command.kind === 'help') {
    streams.stdout.write(command.text);
    return 0;
  }

  const log = (line: string) => streams.stderr.write(`${line}\n`);
  let csv: string;
  try {
    csv = await command.prepared.run(log);
  } catch (error) {
    // A bad input file needs only its message; anything else is a fault, so print the stack too.
    let detail = String(error);
    if (error instanceof RatingsImportError || error instanceof CriteoImportError) {
      detail = error.message;
    } else if (error instanceof Error) {
      detail = error.stack ?? error.message;
    }
    streams.stderr.write(`error: ${command.lab.name} run failed: ${detail}\n`);
    return 1;
  }

  if (command.common.out === undefined) {
    streams.stdout.write(csv);
  } else {
    await writeFile(command.common.out, csv);
    log(`wrote ${csv.split('\n').length - 2} rows to ${command.common.out}`);
  }
  return 0;
}

// Run only when executed as a script (`tsx cli/sim.ts`), not when a test imports `main`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
