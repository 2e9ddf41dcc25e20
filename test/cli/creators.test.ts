import { describe, expect, it } from 'vitest';
import { CREATOR_TICK_COLUMNS } from '../../src/engine/creators/run';
import { runSim } from './runSim';

/** A small world, so a run of 6 ticks takes about a second after start-up. */
const SMALL = ['--lab', 'creators', '--users', '60', '--items', '300', '--creators', '12', '--topics', '4', '--feed-size', '5', '--retrain-every', '3', '--backend', 'wasm'];

describe('creators CLI', () => {
  it('writes one CSV row per tick and the summary', async () => {
    const result = await runSim([...SMALL, '--ticks', '6', '--new-creator-tick', '2', '--change-tick', '3', '--external-views', '5']);
    expect(result.code).toBe(0);

    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(CREATOR_TICK_COLUMNS.join(','));
    expect(lines.length).toBe(1 + 6 + 1);
    expect(lines[1].startsWith('1,')).toBe(true);
    expect(lines[6].startsWith('6,')).toBe(true);
    expect(result.stderr).toContain('new creator:');
    expect(result.stderr).toContain('focus creator traffic per tick');
    expect(result.stderr).toContain('mean distinct users reached: micro creators');
  });

  it('repeats the CSV for the same seed', async () => {
    const argv = [...SMALL, '--ticks', '4', '--seed', '11', '--share-fanout', '2'];
    const first = await runSim(argv);
    const second = await runSim(argv);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('rejects a focus creator that does not exist', async () => {
    const result = await runSim([...SMALL, '--ticks', '2', '--focus-creator', '12']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('focusCreator=12 does not exist');
    expect(result.stdout).toBe('');
  });
});
