import { describe, expect, it } from 'vitest';
import { feedMachineDefaults, feedMachineSchema, type FeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import {
  feedMachineFields,
  feedMachineUrlDefaults,
  labViewDefaults,
  readFeedMachineQuery,
  readShellQuery,
  writeFeedMachineQuery,
} from '../../src/state/feedMachineUrl';
import { formatHash, parseHash } from '../../src/state/route';

const noShell = { present: false };

describe('feed-machine URL fields', () => {
  it('have one field per schema key', () => {
    expect(Object.keys(feedMachineFields).sort()).toEqual(Object.keys(feedMachineSchema.shape).sort());
  });

  it('round-trip every parameter', () => {
    const params: FeedMachineParams = {
      seed: 123,
      users: 2500,
      items: 8000,
      creators: 300,
      topics: 12,
      feedSize: 8,
      epsilon: 0.2,
      retrainEvery: 5,
      diversityWeight: 0.75,
      driftRate: 0.05,
      clickWeight: 2,
      watchWeight: 0.5,
      embeddingDim: 32,
    };
    const view = { ...labViewDefaults, user: 42, speed: 20, backend: 'wasm' as const, mode: 'sandbox' as const };
    const changes = [
      { tick: 20, update: { epsilon: 0.3, diversityWeight: 1 } },
      { tick: 45, update: { retrainEvery: 0 } },
    ];
    const query = writeFeedMachineQuery({ params, changes, view }, noShell);
    const reading = readFeedMachineQuery(new URLSearchParams(query.toString()), feedMachineUrlDefaults);
    expect(reading.messages).toEqual([]);
    expect(reading.params).toEqual(params);
    expect(reading.changes).toEqual(changes);
    expect(reading.view).toEqual(view);
  });

  it('write tick only for a shared link', () => {
    const state = { params: feedMachineDefaults, changes: [], view: { ...labViewDefaults, tick: 30 } };
    expect(writeFeedMachineQuery(state, noShell).has('tick')).toBe(false);
    expect(writeFeedMachineQuery(state, noShell, true).get('tick')).toBe('30');
  });

  it('omit backend=auto and present=0', () => {
    const query = writeFeedMachineQuery(feedMachineUrlDefaults, noShell);
    expect(query.has('backend')).toBe(false);
    expect(query.has('present')).toBe(false);
    expect(writeFeedMachineQuery(feedMachineUrlDefaults, { present: true }).get('present')).toBe('1');
  });

  it('write changes only when there are any', () => {
    expect(writeFeedMachineQuery(feedMachineUrlDefaults, noShell).has('changes')).toBe(false);
    const state = { ...feedMachineUrlDefaults, changes: [{ tick: 5, update: { epsilon: 1 } }] };
    expect(writeFeedMachineQuery(state, noShell).get('changes')).toBe('5:epsilon=1');
  });

  it('start the query with the simulation parameters in schema order', () => {
    const names = [...writeFeedMachineQuery(feedMachineUrlDefaults, noShell).keys()];
    expect(names.slice(0, 3)).toEqual(['seed', 'users', 'items']);
  });
});

describe('readFeedMachineQuery with bad values', () => {
  const cases: [string, string][] = [
    ['users=abc', 'users=abc is not a whole number between 10 and 20000; using 1000'],
    ['users=5', 'users=5 is not a whole number between 10 and 20000; using 1000'],
    ['seed=-1', 'seed=-1 is not a whole number between 0 and 2147483647; using 7'],
    ['epsilon=1.5', 'epsilon=1.5 is not a number between 0 and 1; using 0.1'],
    ['diversityWeight=lots', 'diversityWeight=lots is not a number between 0 and 5; using 0'],
    ['retrainEvery=2.5', 'retrainEvery=2.5 is not a whole number between 0 and 1000; using 10'],
    ['speed=0', 'speed=0 is not a whole number between 1 and 60; using 5'],
    ['backend=gpu', 'backend=gpu is not one of auto, webgl, wasm, cpu; using auto'],
    ['mode=exam', 'mode=exam is not one of guided, sandbox; using guided'],
    ['user=1000', 'user=1000 is not a user of this world, which has users 0 to 999; using 0'],
  ];

  it.each(cases)('%s gives a message naming value and fix', (text, message) => {
    const reading = readFeedMachineQuery(new URLSearchParams(text), feedMachineUrlDefaults);
    expect(reading.messages).toEqual([message]);
  });

  it.each([
    ['changes=5:users=50', /^changes=5:users=50 was not used: Invalid policy change "5:users=50": "users=50" is not FIELD=VALUE with FIELD one of epsilon, .*; the run starts without policy changes$/],
    ['changes=9:epsilon=0.2;3:epsilon=0', /^changes=9:epsilon=0\.2;3:epsilon=0 was not used: .*tick 3 is not after tick 9; list changes in increasing tick order; the run starts/],
    ['changes=5:epsilon=2', /^changes=5:epsilon=2 was not used: .*epsilon=2/],
  ])('%s gives the parser message and no schedule', (text, message) => {
    const current = { ...feedMachineUrlDefaults, changes: [{ tick: 1, update: { epsilon: 0.5 } }] };
    const reading = readFeedMachineQuery(new URLSearchParams(text), current);
    expect(reading.messages).toHaveLength(1);
    expect(reading.messages[0]).toMatch(message);
    expect(reading.changes).toEqual([]);
  });

  it('reads no changes= as an empty schedule', () => {
    const current = { ...feedMachineUrlDefaults, changes: [{ tick: 1, update: { epsilon: 0.5 } }] };
    expect(readFeedMachineQuery(new URLSearchParams('seed=3'), current).changes).toEqual([]);
  });

  it('lists changes among the known parameters', () => {
    const reading = readFeedMachineQuery(new URLSearchParams('colour=red'), feedMachineUrlDefaults);
    expect(reading.messages[0]).toContain('embeddingDim, changes, user,');
  });

  it('leaves present= to the shell', () => {
    const query = new URLSearchParams('present=yes');
    expect(readFeedMachineQuery(query, feedMachineUrlDefaults).messages).toEqual([]);
    expect(readShellQuery(query, { present: false }).messages).toEqual(['present=yes is not 1 or 0; using 0']);
  });

  it('keeps the other values of the same query', () => {
    const reading = readFeedMachineQuery(new URLSearchParams('users=abc&seed=9&epsilon=0.3'), feedMachineUrlDefaults);
    expect(reading.params).toEqual({ ...feedMachineDefaults, seed: 9, epsilon: 0.3 });
  });

  it('ignores an unknown parameter with a message', () => {
    const reading = readFeedMachineQuery(new URLSearchParams('colour=red&seed=3'), feedMachineUrlDefaults);
    expect(reading.params.seed).toBe(3);
    expect(reading.messages).toHaveLength(1);
    expect(reading.messages[0]).toMatch(/^colour is not a parameter of this lab; ignored\. Known parameters: seed, users,/);
  });

  it('checks the chosen user against a larger imported world', () => {
    const reading = readFeedMachineQuery(new URLSearchParams('user=1500'), feedMachineUrlDefaults, 2000);
    expect(reading.messages).toEqual([]);
    expect(reading.view.user).toBe(1500);
  });
});

describe('parseHash', () => {
  it.each([
    ['', { page: 'home' }],
    ['#', { page: 'home' }],
    ['#/', { page: 'home' }],
    ['#/?present=1', { page: 'home' }],
    ['#/lab/feed-machine?seed=7', { page: 'lab', lab: 'feed-machine' }],
    ['#/lab/ranking/', { page: 'lab', lab: 'ranking' }],
    ['#/labs', { page: 'not-found', path: '/labs' }],
    ['#/lab/Feed Machine', { page: 'not-found', path: '/lab/Feed Machine' }],
  ])('reads %j', (hash, route) => {
    expect(parseHash(hash).route).toEqual(route);
  });

  it('splits off the query', () => {
    const { query } = parseHash('#/lab/feed-machine?seed=7&users=1000');
    expect(query.get('seed')).toBe('7');
    expect(query.get('users')).toBe('1000');
  });

  it('formats a route back to the same hash', () => {
    const hash = '#/lab/feed-machine?seed=7&users=1000';
    const { route, query } = parseHash(hash);
    expect(formatHash(route, query)).toBe(hash);
    expect(formatHash({ page: 'home' }, new URLSearchParams())).toBe('#/');
  });
});
