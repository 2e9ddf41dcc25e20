import { describe, expect, it } from 'vitest';
import { ProgressThrottle } from '../../src/worker/progressThrottle';

function throttleWithClock(intervalMs: number) {
  let time = 0;
  const sent: number[] = [];
  const throttle = new ProgressThrottle<number>((value) => sent.push(value), intervalMs, () => time);
  return { throttle, sent, advanceClock: (ms: number) => (time += ms) };
}

describe('ProgressThrottle', () => {
  it('sends the first value at once', () => {
    const { throttle, sent } = throttleWithClock(100);
    throttle.report(1);
    expect(sent).toEqual([1]);
  });

  it('drops values inside the interval', () => {
    const { throttle, sent, advanceClock } = throttleWithClock(100);
    throttle.report(1);
    advanceClock(50);
    throttle.report(2);
    advanceClock(49);
    throttle.report(3);
    expect(sent).toEqual([1]);
  });

  it('sends again once the interval has passed', () => {
    const { throttle, sent, advanceClock } = throttleWithClock(100);
    throttle.report(1);
    advanceClock(100);
    throttle.report(2);
    advanceClock(30);
    throttle.report(3);
    advanceClock(70);
    throttle.report(4);
    expect(sent).toEqual([1, 2, 4]);
  });

  it('flush sends regardless and restarts the interval', () => {
    const { throttle, sent, advanceClock } = throttleWithClock(100);
    throttle.report(1);
    advanceClock(10);
    throttle.flush(2);
    advanceClock(95);
    throttle.report(3);
    expect(sent).toEqual([1, 2]);
  });
});
