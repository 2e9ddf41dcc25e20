import type { CliBackendChoice } from '../backend';
import type { FlagValues } from '../usage';

/** Flags that every lab accepts, validated. */
export interface CommonOptions {
  /** Ticks to simulate, at least 1. */
  ticks: number;
  /** CSV destination; stdout when absent. */
  out?: string;
  /** MovieLens `u.data` or `ratings.csv` that defines the world's users and items. */
  ratings?: string;
  /** `--backend`: a backend name, or `auto` for the engine's measured trial. */
  backend: CliBackendChoice;
  /** Flags set on the command line, without dashes, for notes such as "--users is ignored". */
  explicitFlags: ReadonlySet<string>;
}

/** Writes one progress line to stderr. */
export type ProgressLog = (line: string) => void;

/** A lab run whose flags are validated and that has not started yet. */
export interface PreparedRun {
  /** Validated lab parameters, as the run will use them. */
  params: Readonly<Record<string, unknown>>;
  /** Runs the simulation and returns the metrics CSV. */
  run(log: ProgressLog): Promise<string>;
}

/** One `--lab` value of the CLI. */
export interface LabCommand {
  /** The `--lab` value, for example `feed-machine`. */
  name: string;
  /** One line for the help. */
  summary: string;
  /** The lab's own flags as `node:util` parseArgs options. */
  options: Record<string, { type: 'string' }>;
  /** Help lines of the lab's own flags. */
  helpLines(): string[];
  /**
   * Validates the lab's flags and returns the run.
   *
   * @throws UsageError naming the flag, the value and the accepted range.
   */
  prepare(values: FlagValues, common: CommonOptions): PreparedRun;
}
