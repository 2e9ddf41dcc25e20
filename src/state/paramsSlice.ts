/**
 * The URL-synced slice: route, presentation flag, Lab 1's parameters and view
 * settings, and the messages about URL values that were rejected.
 * `hashSync.ts` keeps it and `location.hash` in step.
 */
import type { StateCreator } from 'zustand/vanilla';
import { parseFeedMachineParams, type FeedMachineParams } from '../engine/scenarios/feedMachine';
import {
  FEED_MACHINE_LAB_ID,
  feedMachineUrlDefaults,
  labViewSchema,
  readFeedMachineQuery,
  readShellQuery,
  type LabView,
} from './feedMachineUrl';
import { parseHash, type Route } from './route';
import type { FeedLabState } from './store';

export interface ParamsSlice {
  route: Route;
  /** Presentation mode (large type), `present=1` in the URL. */
  present: boolean;
  params: FeedMachineParams;
  view: LabView;
  /** Problems found in the last URL read, one sentence each. */
  urlMessages: string[];

  /** Reads a hash such as `#/lab/feed-machine?users=500`; bad values keep the current ones and add a message. */
  applyHash(hash: string): void;
  /**
   * Sets simulation parameters after validating them with the engine's parser.
   * Returns the parser's message when the values are rejected (state unchanged), else null.
   */
  setParams(partial: Partial<FeedMachineParams>): string | null;
  /** Sets view settings; returns a message when a value is out of range (state unchanged), else null. */
  setView(partial: Partial<LabView>): string | null;
  setPresent(present: boolean): void;
  dismissUrlMessages(): void;
}

function sameValues<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((key) => Object.is(a[key], b[key]));
}

export const createParamsSlice: StateCreator<FeedLabState, [], [], ParamsSlice> = (set, get) => ({
  route: { page: 'home' },
  present: false,
  params: feedMachineUrlDefaults.params,
  view: feedMachineUrlDefaults.view,
  urlMessages: [],

  applyHash(hash) {
    const { route, query } = parseHash(hash);
    const state = get();
    const shell = readShellQuery(query, { present: state.present });
    const messages = [...shell.messages];
    let { params, view } = state;

    if (route.page === 'lab' && route.lab === FEED_MACHINE_LAB_ID) {
      const reading = readFeedMachineQuery(query, { params, view }, state.world?.users);
      messages.push(...reading.messages);
      // Keep the old objects when nothing changed, so subscribers do not restart the run.
      params = sameValues(reading.params, params) ? params : reading.params;
      view = sameValues(reading.view, view) ? view : reading.view;
    }

    set({ route, present: shell.values.present, params, view, urlMessages: messages });
  },

  setParams(partial) {
    const { params, view, world } = get();
    let next: FeedMachineParams;
    try {
      next = parseFeedMachineParams({ ...params, ...partial });
    } catch (error) {
      return (error as Error).message;
    }
    if (sameValues(next, params)) {
      return null;
    }

    // A synthetic world of fewer users may no longer contain the chosen user.
    const users = world?.source === 'movielens' ? world.users : next.users;
    const nextView = view.user < users ? view : { ...view, user: 0 };
    set({ params: next, view: { ...nextView, tick: 0 } });
    return null;
  },

  setView(partial) {
    const { view } = get();
    const result = labViewSchema.safeParse({ ...view, ...partial });
    if (!result.success) {
      return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    }
    if (!sameValues(result.data, view)) {
      set({ view: result.data });
    }
    return null;
  },

  setPresent(present) {
    set({ present });
  },

  dismissUrlMessages() {
    set({ urlMessages: [] });
  },
});
