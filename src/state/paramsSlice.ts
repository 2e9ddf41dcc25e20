/**
 * The URL-synced slice: route, presentation flag, Lab 1's parameters at tick
 * 0 and its policy schedule, view settings, and the messages about URL values
 * that were rejected. `hashSync.ts` keeps it and `location.hash` in step.
 */
import type { StateCreator } from 'zustand/vanilla';
import { parseFeedMachineParams, type FeedMachineParams } from '../engine/scenarios/feedMachine';
import { isPolicyField, POLICY_FIELDS, type PolicyChange } from '../engine/scenarios/policySchedule';
import {
  FEED_MACHINE_LAB_ID,
  feedMachineUrlDefaults,
  labViewSchema,
  readFeedMachineQuery,
  readShellQuery,
  shellFields,
  type LabView,
} from './feedMachineUrl';
import { checkSchedule, removeFieldsAt, sameSchedule } from './policyChanges';
import { parseHash, type Route } from './route';
import type { FeedLabState } from './store';

export interface ParamsSlice {
  route: Route;
  /** Presentation mode (large type), `present=1` in the URL. */
  present: boolean;
  /** Simulation parameters in force at tick 0 (the base of the schedule). */
  params: FeedMachineParams;
  /**
   * Policy changes of the run in increasing tick order. Each applies after
   * `tick` ticks have run. The parameters in force at a tick are `params`
   * with the changes up to that tick applied (`policyAt` in `policyChanges.ts`).
   */
  changes: PolicyChange[];
  view: LabView;
  /**
   * Query of any other lab's route, without the shell's parameters, as the
   * URL had it. Each such lab reads and writes its own fields in it through
   * `useLabQuery` (`labQuery.ts`).
   */
  labQuery: string;
  /** Problems found in the last URL read, one sentence each. */
  urlMessages: string[];

  /** Reads a hash such as `#/lab/feed-machine?users=500`; bad values keep the current ones and add a message. */
  applyHash(hash: string): void;
  /**
   * Sets parameters at tick 0 after validating them with the engine's parser.
   * A changed world field (seed, sizes, embedding dimension) clears the
   * schedule. A changed policy field keeps it, minus that field in an entry
   * at tick 0, which would otherwise override the new value.
   * Returns the parser's message when the values are rejected (state unchanged), else null.
   */
  setParams(partial: Partial<FeedMachineParams>): string | null;
  /**
   * Sets parameters at tick 0 and the whole schedule together (a guided
   * step, Reset). Returns the parser's message when either is rejected
   * (state unchanged), else null.
   */
  setRun(partial: Partial<FeedMachineParams>, changes: PolicyChange[]): string | null;
  /** Replaces the schedule and keeps the parameters at tick 0; the run controller calls it after a live change. */
  setPolicyChanges(changes: PolicyChange[]): void;
  /** Sets view settings; returns a message when a value is out of range (state unchanged), else null. */
  setView(partial: Partial<LabView>): string | null;
  setPresent(present: boolean): void;
  /** Replaces the other lab's query (see `labQuery`). */
  setLabQuery(query: string): void;
  /** Adds messages about URL values that a lab rejected. */
  addUrlMessages(messages: readonly string[]): void;
  dismissUrlMessages(): void;
}

function sameValues<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((key) => Object.is(a[key], b[key]));
}

/** The view for a run restarted with `params`: tick 0, and user 0 when the chosen user is not in the new world. */
function viewForRun(state: FeedLabState, params: FeedMachineParams): LabView {
  const { view, world } = state;
  // A synthetic world of fewer users may no longer contain the chosen user.
  const users = world?.source === 'movielens' ? world.users : params.users;
  return { ...view, user: view.user < users ? view.user : 0, tick: 0 };
}

export const createParamsSlice: StateCreator<FeedLabState, [], [], ParamsSlice> = (set, get) => ({
  route: { page: 'home' },
  present: false,
  params: feedMachineUrlDefaults.params,
  changes: feedMachineUrlDefaults.changes,
  view: feedMachineUrlDefaults.view,
  labQuery: '',
  urlMessages: [],

  applyHash(hash) {
    const { route, query } = parseHash(hash);
    const state = get();
    const shell = readShellQuery(query, { present: state.present });
    const messages = [...shell.messages];
    let { params, changes, view, labQuery } = state;

    if (route.page === 'lab' && route.lab === FEED_MACHINE_LAB_ID) {
      // A link means what it says: a field it leaves out takes its default, not the value the tab showed before.
      const reading = readFeedMachineQuery(query, feedMachineUrlDefaults, state.world?.users);
      messages.push(...reading.messages);
      // Keep the old objects when nothing changed, so subscribers do not restart the run.
      params = sameValues(reading.params, params) ? params : reading.params;
      changes = sameSchedule(reading.changes, changes) ? changes : reading.changes;
      view = sameValues(reading.view, view) ? view : reading.view;
    } else if (route.page === 'lab') {
      labQuery = withoutShellParameters(query).toString();
    }

    set({ route, present: shell.values.present, params, changes, view, labQuery, urlMessages: messages });
  },

  setParams(partial) {
    const { params, changes } = get();
    let next: FeedMachineParams;
    try {
      next = parseFeedMachineParams({ ...params, ...partial });
    } catch (error) {
      return (error as Error).message;
    }
    if (sameValues(next, params)) {
      return null;
    }

    const changed = (Object.keys(next) as (keyof FeedMachineParams)[]).filter((key) => !Object.is(next[key], params[key]));
    const worldChanged = changed.some((key) => !isPolicyField(key));
    const policyChanged = POLICY_FIELDS.filter((field) => changed.includes(field));
    const nextChanges = worldChanged ? [] : removeFieldsAt(changes, 0, policyChanged);
    set({ params: next, changes: sameSchedule(nextChanges, changes) ? changes : nextChanges, view: viewForRun(get(), next) });
    return null;
  },

  setRun(partial, changes) {
    const state = get();
    let next: FeedMachineParams;
    let checked: PolicyChange[];
    try {
      next = parseFeedMachineParams({ ...state.params, ...partial });
      checked = checkSchedule(next, changes);
    } catch (error) {
      return (error as Error).message;
    }
    const params = sameValues(next, state.params) ? state.params : next;
    const schedule = sameSchedule(checked, state.changes) ? state.changes : checked;
    if (params !== state.params || schedule !== state.changes) {
      set({ params, changes: schedule, view: viewForRun(state, params) });
    }
    return null;
  },

  setPolicyChanges(changes) {
    set({ changes });
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

  setLabQuery(query) {
    if (query !== get().labQuery) {
      set({ labQuery: query });
    }
  },

  addUrlMessages(messages) {
    const fresh = messages.filter((message) => !get().urlMessages.includes(message));
    if (fresh.length > 0) {
      set({ urlMessages: [...get().urlMessages, ...fresh] });
    }
  },

  dismissUrlMessages() {
    set({ urlMessages: [] });
  },
});

/** `query` without the parameters that every route shares (`present`). */
function withoutShellParameters(query: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(query);
  for (const field of Object.values(shellFields)) {
    rest.delete(field.name);
  }
  return rest;
}
