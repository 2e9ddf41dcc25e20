import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/sim';
import { BUBBLE_CSV_COLUMNS } from '../../src/engine/experiments/bubbleCsv';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

const folder = mkdtempSync(join(tmpdir(), 'feedlab-bubble-'));

/** A small world, so a run of 2 seeds × 3 ticks takes about a second. */
const SMALL = ['--lab', 'filter-bubble', '--users', '40', '--items', '120', '--creators', '10', '--topics', '4', '--feed-size', '4', '--retrain-every', '2', '--backend', 'wasm'];

async function sim(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

describe('filter-bubble CLI', () => {
  it('writes per-seed rows and the summary', async () => {
    const out = join(folder, 'bubble.csv');
    const result = await sim([...SMALL, '--seeds', '1-2', '--ticks', '3', '--out', out]);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);

    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines[0]).toBe(BUBBLE_CSV_COLUMNS.join(','));
    // 2 seeds × 3 ticks × 3 series, 3 ticks × 3 series × 3 statistics, trailing newline.
    expect(lines.length).toBe(1 + 18 + 27 + 1);
    expect(lines[1].startsWith('1,1,a,value,')).toBe(true);
    expect(lines[18].startsWith('2,3,difference,value,')).toBe(true);
    expect(lines[19].startsWith('all,1,a,mean,')).toBe(true);
    expect(lines[45].startsWith('all,3,difference,high,')).toBe(true);
    expect(result.stderr).toContain('twin B: recommender=platform,epsilon=0.1');
    expect(result.stderr).toContain('metric at tick 3 (mean [95% interval] over 2 seeds)');
    expect(result.stderr).toContain('Homogenisation');
  });

  it('applies a preset and pipeline changes', async () => {
    const result = await sim([...SMALL, '--seeds', '3', '--ticks', '1', '--preset', 'chaney', '--a', 'creatorCap=5']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('twin A: recommender=platform,epsilon=0,diversityWeight=0,calibrationWeight=0,creatorCap=5');
    expect(result.stderr).toContain('twin B: recommender=ideal');
    expect(result.stdout.split('\n')[1].startsWith('3,1,a,value,')).toBe(true);
  });

  it('rejects bad seeds, presets, pipelines and ratings', async () => {
    const cases: [string[], RegExp][] = [
      [['--seeds', '5-1'], /Invalid seed list "5-1"/],
      [['--preset', 'bubble'], /Unknown filter-bubble preset "bubble"/],
      [['--b', 'epsilon=3'], /Invalid pipeline "epsilon=3"/],
      [['--users', '3'], /Invalid value for --users: "3"/],
      [['--ratings', 'package.json'], /does not read --ratings/],
    ];
    for (const [flags, message] of cases) {
      const result = await sim([...SMALL, ...flags]);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('lists the lab and its flags in the help', async () => {
    const result = await sim(['--lab', 'filter-bubble', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('filter-bubble');
    expect(result.stdout).toContain('--seeds LIST');
    expect(result.stdout).toContain('--attention-loss N');
  });
});
