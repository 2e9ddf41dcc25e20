import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/sim';

const folder = mkdtempSync(join(tmpdir(), 'feedlab-threads-'));

/** A small world, so 3 seeds × 3 ticks take a few seconds. */
const SMALL = ['--lab', 'filter-bubble', '--users', '40', '--items', '120', '--creators', '10', '--topics', '4', '--feed-size', '4', '--retrain-every', '2', '--backend', 'wasm', '--seeds', '1-3', '--ticks', '3'];

async function sim(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: { write: () => undefined }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stderr };
}

describe('filter-bubble seeds in worker threads', () => {
  it('writes the same CSV as one thread', async () => {
    const single = join(folder, 'single.csv');
    const threaded = join(folder, 'threaded.csv');

    const singleRun = await sim([...SMALL, '--threads', '1', '--out', single]);
    const threadedRun = await sim([...SMALL, '--threads', '2', '--out', threaded]);

    expect(singleRun.code).toBe(0);
    expect(threadedRun.code).toBe(0);
    expect(threadedRun.stderr).toContain('running 2 seeds at once in worker threads');
    expect(singleRun.stderr).not.toContain('worker threads');
    expect(readFileSync(threaded, 'utf8')).toBe(readFileSync(single, 'utf8'));
  }, 60_000);

  it('rejects a bad thread count', async () => {
    const result = await sim([...SMALL, '--threads', '0']);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Invalid --threads "0"');
  });
});
