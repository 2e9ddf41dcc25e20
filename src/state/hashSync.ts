/**
 * Keeps the store's URL slice and `location.hash` in step, in both directions.
 * A `hashchange` (typed URL, Back, a link) is read into the store. A store
 * change rewrites the hash with `history.replaceState`, which adds no history
 * entry and fires no `hashchange`.
 */
import { FEED_MACHINE_LAB_ID, writeFeedMachineQuery, writeShellQuery } from './feedMachineUrl';
import { formatHash } from './route';
import type { FeedLabState, FeedLabStore } from './store';

/** Returns the hash that describes `state`. `includeTick` adds the current tick, for a shared link. */
export function hashForState(state: FeedLabState, includeTick = false): string {
  const { route } = state;
  const shell = { present: state.present };
  if (route.page === 'lab' && route.lab === FEED_MACHINE_LAB_ID) {
    const view = includeTick ? { ...state.view, tick: state.tick } : state.view;
    return formatHash(route, writeFeedMachineQuery({ params: state.params, changes: state.changes, view }, shell, includeTick));
  }
  const query = route.page === 'lab' ? new URLSearchParams(state.labQuery) : new URLSearchParams();
  for (const [name, value] of writeShellQuery(shell)) {
    query.set(name, value);
  }
  return formatHash(route, query);
}

/**
 * Builds a link that reopens the page in the state on screen, at the current
 * tick: `href` without its hash, plus {@link hashForState} with the tick.
 */
export function shareLink(state: FeedLabState, href: string): string {
  const hashStart = href.indexOf('#');
  const base = hashStart === -1 ? href : href.slice(0, hashStart);
  return base + hashForState(state, true);
}

/**
 * Reads the current hash into the store, then follows both sides.
 *
 * @returns a function that stops following.
 */
export function startHashSync(store: FeedLabStore, target: Window = window): () => void {
  const writeHash = (state: FeedLabState) => {
    // An unknown path stays as typed, so the message about it still matches the address bar.
    if (state.route.page === 'not-found') {
      return;
    }
    const hash = hashForState(state);
    if (hash !== target.location.hash) {
      target.history.replaceState(target.history.state, '', hash);
    }
  };

  // Write the whole state back at once, so the address lists every parameter and no rejected value.
  store.getState().applyHash(target.location.hash);
  writeHash(store.getState());

  const onHashChange = () => store.getState().applyHash(target.location.hash);
  target.addEventListener('hashchange', onHashChange);

  const unsubscribe = store.subscribe((state, previous) => {
    const urlChanged =
      state.route !== previous.route || state.params !== previous.params || state.changes !== previous.changes || state.view !== previous.view || state.present !== previous.present || state.labQuery !== previous.labQuery;
    if (urlChanged) {
      writeHash(state);
    }
  });

  return () => {
    target.removeEventListener('hashchange', onHashChange);
    unsubscribe();
  };
}
