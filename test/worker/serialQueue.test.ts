import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../src/worker/serialQueue';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('SerialQueue', () => {
  it('runs calls one at a time in order', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const call = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await delay(ms);
      events.push(`${name} end`);
      return name;
    };

    const results = await Promise.all([queue.run(call('a', 20)), queue.run(call('b', 1)), queue.run(call('c', 5))]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('keeps going after a call rejects', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('first call failed');
    });
    const next = queue.run(async () => 'second call ran');

    await expect(failed).rejects.toThrow('first call failed');
    await expect(next).resolves.toBe('second call ran');
  });
});
