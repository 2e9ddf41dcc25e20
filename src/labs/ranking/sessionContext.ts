import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { RankingSession, RankingSessionState } from './rankingSession';
import type { RankingSettings } from './rankingUrl';

/** The page's session (null until the page has mounted) and its URL settings with their setter. */
export interface RankingPageContext {
  session: RankingSession | null;
  settings: RankingSettings;
  setSettings: (next: Partial<RankingSettings>) => void;
}

export const RankingContext = createContext<RankingPageContext | null>(null);

export function useRankingPage(): RankingPageContext {
  const context = useContext(RankingContext);
  if (context === null) {
    throw new Error('useRankingPage must be used inside the ranking page');
  }
  return context;
}

const EMPTY_STATE: RankingSessionState = { phase: 'starting', notice: '', resultVersion: 0 };
const emptyStore = { getState: () => EMPTY_STATE, getInitialState: () => EMPTY_STATE, subscribe: () => () => undefined, setState: () => undefined };

/** Subscribes to one value of the session's state; the initial state while there is no session. */
export function useSessionState<T>(selector: (state: RankingSessionState) => T): T {
  const { session } = useRankingPage();
  return useStore(session?.store ?? emptyStore, selector);
}
