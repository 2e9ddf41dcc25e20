import { describe, expect, it } from 'vitest';
import { feedMachineDefaults } from '../../src/engine/scenarios/feedMachine';
import type { PolicyChange } from '../../src/engine/scenarios/policySchedule';
import { describeTrial } from '../../src/labs/feedMachine/backendText';
import { ordinal, topicLabel } from '../../src/labs/feedMachine/format';
import { changeAnnotations, changeLabel, describeMarkers, describeSchedule } from '../../src/labs/feedMachine/policyChangeText';

describe('topicLabel', () => {
  it('uses the world topic name', () => {
    expect(topicLabel(1, ['comedy', 'dance'])).toBe('dance');
  });

  it('falls back to the index without a world', () => {
    expect(topicLabel(3, null)).toBe('topic 3');
    expect(topicLabel(3)).toBe('topic 3');
  });
});

describe('describeTrial', () => {
  it.each([
    [{ backend: 'wasm' as const, ok: true, note: 'requested by the backend option; not timed' }, 'wasm requested, not timed'],
    [{ backend: 'wasm' as const, ok: true, msPerStep: 3.14 }, 'wasm 3.1 ms per step'],
    [{ backend: 'webgl' as const, ok: false, note: 'no WebGL context' }, 'webgl failed (no WebGL context)'],
    [{ backend: 'webgl' as const, ok: false }, 'webgl failed'],
  ])('describes %j', (trial, text) => {
    expect(describeTrial(trial)).toBe(text);
  });
});

describe('policy change text', () => {
  const changes: PolicyChange[] = [
    { tick: 20, update: { epsilon: 0.2, diversityWeight: 1 } },
    { tick: 45, update: { retrainEvery: 5, clickWeight: 2 } },
  ];

  it('labels a change for the charts', () => {
    expect(changeLabel(changes[0].update)).toBe('ε → 0.2, λ → 1');
    expect(changeLabel(changes[1].update)).toBe('retrain period → 5, click weight → 2');
  });

  it('describes the schedule against the values before each change', () => {
    expect(describeSchedule(feedMachineDefaults, changes, 30)).toEqual([
      { tick: 20, text: 'After tick 20: exploration ε 0.1 → 0.2, diversity weight λ 0 → 1', pending: false },
      { tick: 45, text: 'After tick 45: retrain period 10 → 5 ticks, click weight 1 → 2', pending: true },
    ]);
  });

  it('names only the markers already on the chart', () => {
    const annotations = changeAnnotations(changes);
    expect(describeMarkers(annotations, 10)).toBe('');
    expect(describeMarkers(annotations, 30)).toBe('Solid vertical lines mark policy changes: after tick 20, ε → 0.2, λ → 1.');
  });
});

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [102, '102nd'],
  ])('of %i is %s', (n, expected) => {
    expect(ordinal(n)).toBe(expected);
  });
});
