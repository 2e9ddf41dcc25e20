import { describe, expect, it } from 'vitest';
import { CRASH_MESSAGE_TYPE, isCrashMessage } from '../../src/worker/crashMessage';

describe('isCrashMessage', () => {
  it.each([
    [{ type: CRASH_MESSAGE_TYPE, message: 'boom' }, true],
    [{ type: CRASH_MESSAGE_TYPE }, false],
    [{ type: CRASH_MESSAGE_TYPE, message: 42 }, false],
    [{ type: 'other', message: 'boom' }, false],
    [{ id: 'comlink-id', type: 'RETURN', value: 1 }, false],
    [null, false],
    ['feedlab:engine-crash', false],
  ])('%j → %s', (data, expected) => {
    expect(isCrashMessage(data)).toBe(expected);
  });
});
