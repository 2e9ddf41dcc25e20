import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TICKS, helpText, parseSimCommand } from '../../cli/args';
import { kebabCase } from '../../cli/schemaFlags';
import { UsageError } from '../../cli/usage';
import { feedMachineDefaults, feedMachineSchema } from '../../src/engine/scenarios/feedMachine';

const folder = mkdtempSync(join(tmpdir(), 'feedlab-args-'));
const ratingsFile = join(folder, 'ratings.csv');
writeFileSync(ratingsFile, 'userId,movieId,rating,timestamp\n1,1,4,964982703\n');

/** Parses `argv` and returns the run, or fails the test when it is help. */
function parseRun(argv: string[]) {
  const command = parseSimCommand(argv);
  if (command.kind !== 'run') {
    throw new Error(`expected a run for ${argv.join(' ')}, got help`);
  }
  return command;
}

/** Returns the UsageError message for `argv`, or fails the test. */
function usageMessage(argv: string[]): string {
  try {
    parseSimCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`parseSimCommand accepted ${argv.join(' ')}; expected a UsageError`);
}

describe('parseSimCommand', () => {
  it('uses schema defaults without flags', () => {
    const command = parseRun(['--lab', 'feed-machine']);

    expect(command.lab.name).toBe('feed-machine');
    expect(command.prepared.params).toEqual(feedMachineDefaults);
    expect(command.common.ticks).toBe(DEFAULT_TICKS);
    expect(command.common.backend).toBe('auto');
    expect(command.common.out).toBeUndefined();
    expect(command.common.ratings).toBeUndefined();
  });

  it('maps kebab-case flags to fields', () => {
    const command = parseRun([
      '--lab=feed-machine',
      '--seed', '11',
      '--users', '200',
      '--epsilon', '0.25',
      '--retrain-every', '0',
      '--diversity-weight', '1.5',
      '--ticks', '30',
      '--backend', 'cpu',
      '--out', join(folder, 'run.csv'),
      '--ratings', ratingsFile,
    ]);

    expect(command.prepared.params).toMatchObject({ seed: 11, users: 200, epsilon: 0.25, retrainEvery: 0, diversityWeight: 1.5 });
    expect(command.common).toMatchObject({ ticks: 30, backend: 'cpu', out: join(folder, 'run.csv'), ratings: ratingsFile });
    expect(command.common.explicitFlags.has('users')).toBe(true);
    expect(command.common.explicitFlags.has('items')).toBe(false);
  });

  it('has one flag per field, plus the schedule', () => {
    const command = parseRun(['--lab', 'feed-machine']);
    const flags = Object.keys(command.lab.options).sort();
    const fields = [...Object.keys(feedMachineSchema.shape).map(kebabCase), 'changes'].sort();
    expect(flags).toEqual(fields);
  });

  it('returns help for --help', () => {
    expect(parseSimCommand(['--help']).kind).toBe('help');
    expect(parseSimCommand(['-h', '--lab', 'feed-machine']).kind).toBe('help');
    expect(parseSimCommand(['--lab', 'feed-machine', '--users', 'bad', '--help']).kind).toBe('help');
  });
});

/** Each case: arguments, and the parts the message must contain (flag, value, fix). */
const badCommandLines: { name: string; argv: string[]; message: string[] }[] = [
  { name: 'missing --lab', argv: ['--ticks', '5'], message: ['Missing --lab', 'feed-machine'] },
  { name: '--lab without value', argv: ['--lab'], message: ['Missing value after --lab'] },
  { name: 'unknown lab', argv: ['--lab', 'ads'], message: ['--lab', '"ads"', 'expected one of feed-machine'] },
  { name: 'unknown flag', argv: ['--lab', 'feed-machine', '--userz', '5'], message: ["'--userz'", '--help'] },
  { name: 'positional argument', argv: ['--lab', 'feed-machine', '7'], message: ["'7'", 'as in --ticks 200'] },
  { name: 'flag without value', argv: ['--lab', 'feed-machine', '--users'], message: ['--users', 'argument missing'] },
  { name: 'users below range', argv: ['--lab', 'feed-machine', '--users', '5'], message: ['--users', '"5"', 'from 10 to 20000', 'default 1000'] },
  { name: 'fractional users', argv: ['--lab', 'feed-machine', '--users', '2.5'], message: ['--users', '"2.5"', 'an integer'] },
  { name: 'non-numeric seed', argv: ['--lab', 'feed-machine', '--seed', 'abc'], message: ['--seed', '"abc"', 'an integer from 0'] },
  { name: 'hexadecimal items', argv: ['--lab', 'feed-machine', '--items', '0x100'], message: ['--items', '"0x100"'] },
  { name: 'epsilon above 1', argv: ['--lab', 'feed-machine', '--epsilon', '1.5'], message: ['--epsilon', '"1.5"', 'a number from 0 to 1'] },
  { name: 'negative epsilon', argv: ['--lab', 'feed-machine', '--epsilon=-0.1'], message: ['--epsilon', '"-0.1"', 'from 0 to 1'] },
  { name: 'negative value without =', argv: ['--lab', 'feed-machine', '--epsilon', '-0.1'], message: ['--epsilon', 'ambiguous', "'--epsilon=-XYZ'"] },
  { name: 'empty retrain period', argv: ['--lab', 'feed-machine', '--retrain-every', ''], message: ['--retrain-every', '""'] },
  { name: 'zero ticks', argv: ['--lab', 'feed-machine', '--ticks', '0'], message: ['--ticks', '"0"', 'from 1 to 100000'] },
  { name: 'fractional ticks', argv: ['--lab', 'feed-machine', '--ticks', '1.5'], message: ['--ticks', '"1.5"'] },
  { name: 'webgl backend', argv: ['--lab', 'feed-machine', '--backend', 'webgl'], message: ['--backend', '"webgl"', 'only in the browser', 'auto, wasm, cpu'] },
  { name: 'unknown backend', argv: ['--lab', 'feed-machine', '--backend', 'gpu'], message: ['--backend', '"gpu"', 'auto, wasm, cpu'] },
  { name: 'missing ratings file', argv: ['--lab', 'feed-machine', '--ratings', join(folder, 'absent.csv')], message: ['--ratings', 'absent.csv', 'file not found'] },
  { name: 'ratings folder', argv: ['--lab', 'feed-machine', '--ratings', folder], message: ['--ratings', 'not a file'] },
  { name: 'out in missing folder', argv: ['--lab', 'feed-machine', '--out', join(folder, 'absent', 'run.csv')], message: ['--out', 'not found', 'create it first'] },
  { name: 'out is a folder', argv: ['--lab', 'feed-machine', '--out', folder], message: ['--out', 'is a folder'] },
];

describe('parseSimCommand on bad command lines', () => {
  it.each(badCommandLines)('rejects $name', ({ argv, message }) => {
    const text = usageMessage(argv);
    for (const part of message) {
      expect(text).toContain(part);
    }
  });
});

describe('helpText', () => {
  it('lists every flag', () => {
    const text = helpText();
    for (const field of Object.keys(feedMachineSchema.shape)) {
      expect(text).toContain(`--${kebabCase(field)} N`);
    }
    for (const flag of ['--lab', '--ticks', '--out', '--ratings', '--backend', '--help']) {
      expect(text).toContain(flag);
    }
  });

  it('shows the schema defaults', () => {
    expect(helpText()).toMatch(/--retrain-every N +Ticks between retrains of both models; 0 never retrains\. An integer from 0 to 1000, default 10\./);
  });
});
