import { describe, expect, it } from 'vitest';
import { CLI_BACKEND_CHOICES, describeBackendReport } from '../../cli/backend';
import { NODE_BACKENDS } from '../../src/engine/backend/node';

describe('CLI backend choices', () => {
  it('match the engine Node backends', () => {
    expect(CLI_BACKEND_CHOICES.filter((choice) => choice !== 'auto')).toEqual([...NODE_BACKENDS]);
  });

  it('describe a trial in one line', () => {
    const line = describeBackendReport({
      active: 'wasm',
      trials: [
        { backend: 'wasm', ok: true, msPerStep: 1.25 },
        { backend: 'cpu', ok: false, note: 'timed out' },
      ],
      fallbacks: [],
    });
    expect(line).toBe('wasm (wasm 1.3 ms/step, cpu timed out)');
  });
});
