import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSim } from './runSim';
import { TICK_METRIC_COLUMNS } from '../../src/engine/loop/types';

const folder = mkdtempSync(join(tmpdir(), 'feedlab-sim-'));

/** A small world, so each run takes about a second. */
const SMALL_WORLD = ['--lab', 'feed-machine', '--users', '50', '--items', '200', '--creators', '20'];

describe('sim CLI', () => {
  it('writes header and rows to stdout', async () => {
    const result = await runSim([...SMALL_WORLD, '--ticks', '5', '--seed', '3']);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);

    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(TICK_METRIC_COLUMNS.join(','));
    expect(lines.length).toBe(7);
    expect(lines[6]).toBe('');
    expect(lines.slice(1, 6).map((line) => line.split(',')[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(result.stderr).toContain('tick 5/5');
    expect(result.stderr).toMatch(/backend (wasm|cpu) \(/);
  });

  it('same seed gives identical files', async () => {
    const first = join(folder, 'first.csv');
    const second = join(folder, 'second.csv');
    // The backend is named because WASM and CPU give slightly different numbers, and `auto` chooses by timing.
    const argv = [...SMALL_WORLD, '--ticks', '12', '--retrain-every', '5', '--seed', '11', '--backend', 'wasm'];

    const results = [await runSim([...argv, '--out', first]), await runSim([...argv, '--out', second])];
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    expect(results[0].stdout).toBe('');

    const firstCsv = readFileSync(first, 'utf8');
    expect(firstCsv.split('\n').length).toBe(14);
    expect(readFileSync(second, 'utf8')).toBe(firstCsv);
  });

  it('another seed gives another file', async () => {
    const [seven, eight] = await Promise.all([
      runSim([...SMALL_WORLD, '--ticks', '3', '--seed', '7', '--backend', 'wasm']),
      runSim([...SMALL_WORLD, '--ticks', '3', '--seed', '8', '--backend', 'wasm']),
    ]);
    expect(seven.code).toBe(0);
    expect(eight.code).toBe(0);
    expect(eight.stdout).not.toBe(seven.stdout);
  });

  it('applies a policy schedule from the given tick', async () => {
    const result = await runSim([...SMALL_WORLD, '--ticks', '5', '--seed', '4', '--changes', '3:epsilon=1']);
    expect(result.code).toBe(0);
    const column = TICK_METRIC_COLUMNS.indexOf('shareExploration');
    const shares = result.stdout.trim().split('\n').slice(1).map((line) => Number(line.split(',')[column]));
    expect(shares.slice(0, 3).every((share) => share < 1)).toBe(true);
    expect(shares.slice(3)).toEqual([1, 1]);
  });

  it('invalid schedule exits with 2', async () => {
    const result = await runSim([...SMALL_WORLD, '--changes', '3:users=5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"users=5" is not FIELD=VALUE');
  });

  it('bad flag value exits with 2', async () => {
    const result = await runSim([...SMALL_WORLD, '--epsilon', '2']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Invalid value for --epsilon: "2"; expected a number from 0 to 1');
  });

  it('help exits with 0', async () => {
    const result = await runSim(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run sim -- --lab LAB [flags]');
  });

  it('bad ratings file exits with 1', async () => {
    const ratings = join(folder, 'broken.csv');
    writeFileSync(ratings, 'userId,movieId,rating,timestamp\n1,1,4,964982703\n1,2,five,964982704\n');

    const result = await runSim([...SMALL_WORLD, '--ticks', '2', '--ratings', ratings]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('broken.csv line 3, field "rating": "five" is not a number');
  });
});

/** Writes a small u.data file: 30 users, each rating every first, second or third of 40 items. */
function writeSmallUData(name: string): string {
  const ratings = join(folder, name);
  const lines: string[] = [];
  for (let user = 1; user <= 30; user++) {
    for (let item = 1; item <= 40; item += 1 + (user % 3)) {
      lines.push(`${user}\t${item}\t${1 + ((user * item) % 5)}\t${881250949 + user * 100 + item}`);
    }
  }
  writeFileSync(ratings, lines.join('\n') + '\n');
  return ratings;
}

describe('sim CLI --lab retrieval', () => {
  it('writes cross-validated errors per fold', async () => {
    const ratings = writeSmallUData('cv.data');
    const result = await runSim(['--lab', 'retrieval', '--ratings', ratings, '--folds', '3', '--models', 'biased-mf', '--backend', 'wasm']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('model,fold,rmse,mae,recall_at_10,ndcg_at_10,train_ratings,test_ratings');
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['1', '2', '3', 'mean']);
    expect(Number(lines[4].split(',')[2])).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/biased-mf +3 +\d\.\d{4} +\d\.\d{4}/);
  });

  it('needs a ratings file', async () => {
    const result = await runSim(['--lab', 'retrieval']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--lab retrieval needs a ratings file');
  });

  it('rejects a bad fold count', async () => {
    const result = await runSim(['--lab', 'retrieval', '--ratings', writeSmallUData('folds.data'), '--folds', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value for --folds: "1"; expected an integer from 2 to 20');
  });
});

describe('sim CLI with --ratings', () => {
  it('builds the world from u.data', async () => {
    const ratings = writeSmallUData('u.data');

    const result = await runSim([...SMALL_WORLD, '--ticks', '3', '--ratings', ratings]);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('30 users');
    expect(result.stdout.split('\n').length).toBe(5);
    expect(result.stderr).toContain('--users is ignored');
  });
});
