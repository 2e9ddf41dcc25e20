import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/engine/events/log';
import { ratesPerTick } from '../../src/engine/events/rates';
import { eventWindow } from '../../src/engine/events/window';

function logOf(events: { tick: number; click?: boolean; like?: boolean; share?: boolean; skip?: boolean }[]): EventLog {
  const log = new EventLog(1);
  events.forEach((event, index) => {
    log.append({ tick: event.tick, user: index, item: index % 3, position: 0, source: 'embedding', watch: 0.5, click: event.click ?? false, like: event.like ?? false, share: event.share ?? false, skip: event.skip ?? false, predictedClick: 0.1, predictedWatch: 0.4 });
  });
  return log;
}

describe('ratesPerTick', () => {
  it('counts each event type per tick', () => {
    const log = logOf([{ tick: 1, click: true }, { tick: 1, like: true, share: true }, { tick: 1, skip: true }, { tick: 1 }, { tick: 3, click: true }]);

    const rows = ratesPerTick(log, 1, 3);

    expect(rows.map((row) => row.impressions)).toEqual([4, 0, 1]);
    expect(rows[0]).toMatchObject({ clicks: 1, likes: 1, shares: 1, skips: 1, clickRate: 0.25, likeRate: 0.25, shareRate: 0.25, skipRate: 0.25 });
    expect(rows[1].clickRate).toBeNaN();
    expect(rows[2].clickRate).toBe(1);
  });

  it('starts at the first event of the range', () => {
    const log = logOf([{ tick: 1, click: true }, { tick: 2 }, { tick: 2, click: true }]);
    expect(ratesPerTick(log, 2, 2)).toEqual([{ tick: 2, impressions: 2, clicks: 1, likes: 0, shares: 0, skips: 0, clickRate: 0.5, likeRate: 0, shareRate: 0, skipRate: 0 }]);
  });
});

describe('eventWindow', () => {
  it('copies the rows asked for, clipped to the log', () => {
    const log = logOf([{ tick: 1 }, { tick: 1, click: true }, { tick: 2 }]);
    const itemTopic = new Uint8Array([4, 5, 6]);

    const window = eventWindow(log, 1, 10, itemTopic);

    expect(window.start).toBe(1);
    expect(window.length).toBe(2);
    expect(Array.from(window.tick)).toEqual([1, 2]);
    expect(Array.from(window.click)).toEqual([1, 0]);
    expect(Array.from(window.topic)).toEqual([5, 6]);
    window.tick[0] = 99;
    expect(log.tick[1]).toBe(1);
  });

  it('returns an empty window past the end', () => {
    const window = eventWindow(logOf([{ tick: 1 }]), 5, 3, new Uint8Array([0, 0, 0]));
    expect(window.start).toBe(1);
    expect(window.length).toBe(0);
  });
});
