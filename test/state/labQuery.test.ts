import { afterEach, describe, expect, it } from 'vitest';
import { hashForState } from '../../src/state/hashSync';
import { feedLabStore, resetStore } from '../../src/state/store';

afterEach(() => resetStore());

describe('URL state of labs after Lab 1', () => {
  it('keeps the lab query apart from the shell flag', () => {
    feedLabStore.getState().applyHash('#/lab/ranking?model=deepfm&present=1&epochs=4');
    const state = feedLabStore.getState();

    expect(state.route).toEqual({ page: 'lab', lab: 'ranking' });
    expect(state.present).toBe(true);
    expect(state.labQuery).toBe('model=deepfm&epochs=4');
    expect(hashForState(state)).toBe('#/lab/ranking?model=deepfm&epochs=4&present=1');
  });

  it('writes a changed lab query back into the hash', () => {
    feedLabStore.getState().applyHash('#/lab/ranking');
    feedLabStore.getState().setLabQuery('model=fm');

    expect(hashForState(feedLabStore.getState())).toBe('#/lab/ranking?model=fm');
  });

  it('drops the lab query on the list of labs', () => {
    feedLabStore.getState().applyHash('#/lab/ranking?model=fm');
    feedLabStore.getState().applyHash('#/');

    expect(hashForState(feedLabStore.getState())).toBe('#/');
  });

  it('adds each rejected-value message once', () => {
    const store = feedLabStore.getState();
    store.addUrlMessages(['epochs=x is not a whole number; using 5']);
    store.addUrlMessages(['epochs=x is not a whole number; using 5', 'foo is not a setting of this lab; it was ignored']);

    expect(feedLabStore.getState().urlMessages).toEqual(['epochs=x is not a whole number; using 5', 'foo is not a setting of this lab; it was ignored']);
  });
});
