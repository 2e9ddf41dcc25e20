/**
 * FeedLab's one zustand store, built from three slices: URL-synced parameters,
 * run status and results. The store is framework-free (zustand/vanilla) so the
 * run controller and tests use it without React; `useFeedLab` binds it to
 * components.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createParamsSlice, type ParamsSlice } from './paramsSlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';
import { createRunSlice, initialRun, type RunSlice } from './runSlice';

export type FeedLabState = ParamsSlice & RunSlice & ResultsSlice;

export const feedLabStore = createStore<FeedLabState>()((...args) => ({
  ...createParamsSlice(...args),
  ...createRunSlice(...args),
  ...createResultsSlice(...args),
}));

export type FeedLabStore = typeof feedLabStore;

/** Subscribes a component to one selected value; pass a selector from `selectors.ts`. */
export function useFeedLab<T>(selector: (state: FeedLabState) => T): T {
  return useStore(feedLabStore, selector);
}

/** Puts the store back to its initial state (for tests and for leaving a lab). */
export function resetStore(): void {
  feedLabStore.setState(feedLabStore.getInitialState(), true);
}

/**
 * Puts the run and results slices back to their initial state and keeps the
 * URL slice. The lab page calls it when it closes, so reopening it starts clean.
 */
export function clearRun(): void {
  feedLabStore.setState({ ...initialRun });
  feedLabStore.getState().clearResults();
}
