import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/engine/events/log';
import { runBingeProbe } from '../../src/engine/features/bingeProbe';
import { SessionWindow, sessionWindowFromLog } from '../../src/engine/features/session';

/** Item topic mixes of three items over two topics, [items, topics]. */
const itemTopics = new Float32Array([1, 0, 0, 1, 0.5, 0.5]);

function logOf(events: { tick: number; user: number; item: number; watch: number; click?: boolean }[]): EventLog {
  const log = new EventLog(2);
  for (const event of events) {
    log.append({ ...event, position: 0, source: 'popularity', click: event.click ?? false, like: false, share: false, skip: event.watch < 0.15, predictedClick: 0, predictedWatch: 0 });
  }
  return log;
}

describe('SessionWindow', () => {
  it('keeps only the last N events', () => {
    const window = new SessionWindow(2, 2);
    window.push(itemTopics, 0, 0.5, true, false, 1);
    window.push(itemTopics, 2, 1, false, false, 2);
    window.push(itemTopics, 4, 0.5, false, false, 3);

    const features = window.features();

    // Events 2 and 3: mass = [0·1 + 0.5·0.5, 1·1 + 0.5·0.5] = [0.25, 1.25], Σw = 1.5.
    expect(features.events).toBe(2);
    expect(features.topicMix[0]).toBeCloseTo(1 / 6, 6);
    expect(features.topicMix[1]).toBeCloseTo(5 / 6, 6);
    expect(features.meanWatch).toBeCloseTo(0.75, 6);
    expect(features.clickRate).toBe(0);
    expect(features.firstTick).toBe(2);
    expect(features.lastTick).toBe(3);
  });

  it('is uniform and zero when empty', () => {
    const features = new SessionWindow(3, 4).features();
    expect(features.events).toBe(0);
    expect(features.topicMix).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(features.meanWatch).toBe(0);
  });

  it('rejects a length below 1', () => {
    expect(() => new SessionWindow(0, 2)).toThrow('Session length 0 is invalid');
  });

  it('clones without sharing state', () => {
    const window = new SessionWindow(2, 2);
    window.push(itemTopics, 0, 1, false, false, 1);
    const copy = window.clone();
    copy.push(itemTopics, 2, 1, false, false, 2);
    expect(window.features().topicMix).toEqual([1, 0]);
    expect(copy.features().topicMix).toEqual([0.5, 0.5]);
  });
});

describe('sessionWindowFromLog', () => {
  it('reads one user’s last events in order', () => {
    const log = logOf([
      { tick: 1, user: 0, item: 0, watch: 1, click: true },
      { tick: 1, user: 1, item: 1, watch: 1 },
      { tick: 2, user: 0, item: 1, watch: 0.5 },
      { tick: 3, user: 0, item: 2, watch: 0.1 },
    ]);

    const features = sessionWindowFromLog(log, 0, 2, itemTopics, 2).features();

    // Last two events of user 0: item 1 (w 0.5) and item 2 (w 0.1, a skip).
    expect(features.events).toBe(2);
    expect(features.topicMix[0]).toBeCloseTo(0.05 / 0.6, 6);
    expect(features.topicMix[1]).toBeCloseTo(0.55 / 0.6, 6);
    expect(features.skipRate).toBe(0.5);
    expect(features.clickRate).toBe(0);
    expect(features.firstTick).toBe(2);
  });

  it('counts every event of a user with fewer than N', () => {
    const log = logOf([{ tick: 1, user: 0, item: 0, watch: 1, click: true }]);
    const features = sessionWindowFromLog(log, 0, 5, itemTopics, 2).features();
    expect(features.events).toBe(1);
    expect(features.clickRate).toBe(1);
  });
});

describe('runBingeProbe', () => {
  it('finds the session notices before the profile', () => {
    const session = new SessionWindow(3, 2);

    const result = runBingeProbe({ profile: [2, 0], session, topic: 1, eventsPerTick: 1, ticks: 3, profileDecay: 0.5 });

    // Tick 1: profile [1, 0] + [0, 1] = [1, 1], a tie that topic 0 wins; the session holds only the binge.
    // Tick 2: profile [0.5, 0.5] + [0, 1] = [0.5, 1.5], share 0.75.
    // Tick 3: profile [0.25, 0.75] + [0, 1] = [0.25, 1.75], share 0.875.
    expect(result.rows.map((row) => row.profileShare)).toEqual([0.5, 0.75, 0.875]);
    expect(result.rows.map((row) => row.sessionShare)).toEqual([1, 1, 1]);
    expect(result.sessionNoticedAt).toBe(1);
    expect(result.profileNoticedAt).toBe(2);
    expect(session.features().events).toBe(0);
  });

  it('returns null when a feature never notices', () => {
    const session = new SessionWindow(50, 2);
    for (let k = 0; k < 50; k += 1) {
      session.push(itemTopics, 0, 1, false, false, 0);
    }
    const result = runBingeProbe({ profile: [100, 0], session, topic: 1, eventsPerTick: 1, ticks: 2, profileDecay: 0.99 });
    expect(result.profileNoticedAt).toBeNull();
    expect(result.sessionNoticedAt).toBeNull();
    expect(result.rows[1].sessionShare).toBeCloseTo(2 / 50, 6);
  });

  it('rejects a topic outside the world', () => {
    expect(() => runBingeProbe({ profile: [1, 1], session: new SessionWindow(2, 2), topic: 2, eventsPerTick: 1, ticks: 1 })).toThrow('Binge topic 2 does not exist');
  });
});
