import { beforeEach, describe, expect, it } from 'vitest';
import { feedMachineDefaults } from '../../src/engine/scenarios/feedMachine';
import type { PolicyChange } from '../../src/engine/scenarios/policySchedule';
import { hashForState } from '../../src/state/hashSync';
import { mergePolicyChange, nextChangeTick, policyAt, policyDifference, removeFieldsAt } from '../../src/state/policyChanges';
import { feedLabStore, resetStore } from '../../src/state/store';

const base = feedMachineDefaults;
const schedule: PolicyChange[] = [
  { tick: 10, update: { epsilon: 0.3 } },
  { tick: 20, update: { epsilon: 0, diversityWeight: 1 } },
];

describe('policyAt', () => {
  it.each([
    [0, 0.1, 0],
    [9, 0.1, 0],
    [10, 0.3, 0],
    [19, 0.3, 0],
    [20, 0, 1],
    [500, 0, 1],
  ])('after %i ticks gives ε %f and λ %f', (tick, epsilon, diversityWeight) => {
    const params = policyAt(base, schedule, tick);
    expect(params.epsilon).toBe(epsilon);
    expect(params.diversityWeight).toBe(diversityWeight);
  });

  it('keeps the base object without changes', () => {
    expect(policyAt(base, [], 30)).toBe(base);
  });
});

describe('policyDifference', () => {
  it('lists only the policy fields that differ', () => {
    const to = { ...base, epsilon: 0.5, seed: 99 };
    expect(policyDifference(base, to)).toEqual({ epsilon: 0.5 });
    expect(policyDifference(base, base)).toEqual({});
  });
});

describe('nextChangeTick', () => {
  it.each([
    [0, 10],
    [10, 20],
    [15, 20],
    [20, undefined],
  ])('after tick %i is %s', (tick, expected) => {
    expect(nextChangeTick(schedule, tick)).toBe(expected);
  });
});

describe('mergePolicyChange', () => {
  it('inserts a change in tick order', () => {
    expect(mergePolicyChange(base, schedule, 15, { watchWeight: 2 })).toEqual([schedule[0], { tick: 15, update: { watchWeight: 2 } }, schedule[1]]);
  });

  it('merges two changes at one tick', () => {
    const once = mergePolicyChange(base, [], 12, { epsilon: 0.2 });
    const twice = mergePolicyChange(base, once, 12, { diversityWeight: 0.5 });
    expect(twice).toEqual([{ tick: 12, update: { epsilon: 0.2, diversityWeight: 0.5 } }]);
    expect(mergePolicyChange(base, twice, 12, { epsilon: 0.4 })).toEqual([{ tick: 12, update: { epsilon: 0.4, diversityWeight: 0.5 } }]);
  });

  it('drops a value set back within the same tick', () => {
    const once = mergePolicyChange(base, [], 12, { epsilon: 0.2 });
    expect(mergePolicyChange(base, once, 12, { epsilon: base.epsilon })).toEqual([]);
  });

  it('drops a value equal to the one in force', () => {
    expect(mergePolicyChange(base, schedule, 15, { epsilon: 0.3 })).toEqual(schedule);
  });

  it('rejects an out-of-range value', () => {
    expect(() => mergePolicyChange(base, [], 12, { epsilon: 1.5 })).toThrow(/epsilon=1\.5/);
  });

  it('leaves its input unchanged', () => {
    const copy = structuredClone(schedule);
    mergePolicyChange(base, schedule, 10, { epsilon: 0.9 });
    expect(schedule).toEqual(copy);
  });
});

describe('removeFieldsAt', () => {
  it('removes fields and then an empty entry', () => {
    const changes: PolicyChange[] = [{ tick: 0, update: { epsilon: 0.5, driftRate: 0.1 } }, { tick: 4, update: { epsilon: 0 } }];
    expect(removeFieldsAt(changes, 0, ['epsilon'])).toEqual([{ tick: 0, update: { driftRate: 0.1 } }, changes[1]]);
    expect(removeFieldsAt(changes, 0, ['epsilon', 'driftRate'])).toEqual([changes[1]]);
  });
});

describe('store schedule actions', () => {
  const state = () => feedLabStore.getState();

  beforeEach(() => {
    resetStore();
    state().applyHash('#/lab/feed-machine?seed=3&users=50&changes=0:epsilon=0.5;8:diversityWeight=1');
  });

  it('reads the schedule from the hash', () => {
    expect(state().changes).toEqual([
      { tick: 0, update: { epsilon: 0.5 } },
      { tick: 8, update: { diversityWeight: 1 } },
    ]);
    expect(state().urlMessages).toEqual([]);
  });

  it('writes the schedule into the hash', () => {
    expect(hashForState(state())).toContain('changes=0%3Aepsilon%3D0.5%3B8%3AdiversityWeight%3D1');
  });

  it('keeps the schedule object for the same hash', () => {
    const before = state().changes;
    state().applyHash('#/lab/feed-machine?seed=3&users=50&changes=0:epsilon=0.5;8:diversityWeight=1');
    expect(state().changes).toBe(before);
  });

  it('clears the schedule when a world field changes', () => {
    expect(state().setParams({ users: 60 })).toBeNull();
    expect(state().changes).toEqual([]);
  });

  it('keeps the schedule when a policy field changes at tick 0', () => {
    expect(state().setParams({ epsilon: 0.2 })).toBeNull();
    expect(state().params.epsilon).toBe(0.2);
    expect(state().changes).toEqual([{ tick: 8, update: { diversityWeight: 1 } }]);
  });

  it('sets parameters and schedule together', () => {
    expect(state().setRun({ seed: 4 }, [{ tick: 2, update: { epsilon: 1 } }])).toBeNull();
    expect(state().params.seed).toBe(4);
    expect(state().changes).toEqual([{ tick: 2, update: { epsilon: 1 } }]);
  });

  it('rejects a schedule out of tick order and keeps the state', () => {
    const message = state().setRun({ seed: 4 }, [
      { tick: 5, update: { epsilon: 1 } },
      { tick: 2, update: { epsilon: 0 } },
    ]);
    expect(message).toMatch(/tick 2 is not after tick 5/);
    expect(state().params.seed).toBe(3);
    expect(state().changes).toHaveLength(2);
  });
});
