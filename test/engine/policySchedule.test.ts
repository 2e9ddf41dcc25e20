import { beforeAll, describe, expect, it } from 'vitest';
import { FeedSimulation } from '../../src/engine/loop/simulation';
import { feedMachineDefaults, parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { applyPolicy, formatPolicySchedule, parsePolicySchedule } from '../../src/engine/scenarios/policySchedule';
import { useWasmBackend } from '../tfBackend';

beforeAll(useWasmBackend);

describe('parsePolicySchedule', () => {
  it('reads entries in tick order and writes them back', () => {
    const text = '20:epsilon=0.2,diversityWeight=1;45:epsilon=0';
    const changes = parsePolicySchedule(text, feedMachineDefaults);
    expect(changes).toEqual([
      { tick: 20, update: { epsilon: 0.2, diversityWeight: 1 } },
      { tick: 45, update: { epsilon: 0 } },
    ]);
    expect(formatPolicySchedule(changes)).toBe(text);
  });

  it('reads an empty schedule', () => {
    expect(parsePolicySchedule('', feedMachineDefaults)).toEqual([]);
  });

  it.each([
    { text: 'epsilon=0.2', message: /expected TICK:FIELD=VALUE/ },
    { text: '-3:epsilon=0.2', message: /expected TICK:FIELD=VALUE/ },
    { text: '2.5:epsilon=0.2', message: /expected TICK:FIELD=VALUE/ },
    { text: '20:epsilon=0.2;10:epsilon=0', message: /tick 10 is not after tick 20/ },
    { text: '20:users=50', message: /"users=50" is not FIELD=VALUE with FIELD one of epsilon/ },
    { text: '20:epsilon', message: /"epsilon" is not FIELD=VALUE/ },
    { text: '20:epsilon=abc', message: /epsilon="abc" is not a number/ },
    { text: '20:epsilon=1.5', message: /epsilon=1.5/ },
  ])('rejects "$text"', ({ text, message }) => {
    expect(() => parsePolicySchedule(text, feedMachineDefaults)).toThrow(message);
  });
});

describe('applyPolicy', () => {
  it('rejects world fields', () => {
    expect(() => applyPolicy(feedMachineDefaults, { users: 10 } as never)).toThrow(/"users" cannot change during a run/);
  });
});

describe('FeedSimulation.setPolicy', () => {
  const small = { users: 60, items: 200, creators: 12, topics: 6, retrainEvery: 3, feedSize: 5, seed: 21 };

  it('applies from the next tick and repeats exactly', async () => {
    const run = async (): Promise<FeedSimulation> => {
      const sim = await FeedSimulation.create(parseFeedMachineParams(small));
      for (let t = 0; t < 3; t += 1) {
        await sim.step();
      }
      sim.setPolicy({ epsilon: 1 });
      for (let t = 0; t < 2; t += 1) {
        await sim.step();
      }
      return sim;
    };
    const a = await run();
    const b = await run();
    expect(a.history).toEqual(b.history);
    expect(a.history[2].shareExploration).toBeLessThan(1);
    expect(a.history[3].shareExploration).toBe(1);
    expect(a.params.epsilon).toBe(1);
  });

  it('keeps the old parameters after an invalid update', async () => {
    const sim = await FeedSimulation.create(parseFeedMachineParams(small));
    expect(() => sim.setPolicy({ epsilon: 2 })).toThrow(/epsilon=2/);
    expect(sim.params.epsilon).toBe(feedMachineDefaults.epsilon);
  });
});
