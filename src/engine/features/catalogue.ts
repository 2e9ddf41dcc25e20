import { log } from '../math';
import { DEFAULT_SESSION_LENGTH } from './session';
import { FEATURE_STORE } from './store';

/**
 * Freshness class of a feature. Batch features come from a periodic job over
 * the whole log (here: refreshed every `featureRefresh` ticks). Real-time
 * features come from a streaming job that updates them with every event.
 */
export type FeatureFreshness = 'batch' | 'real-time';

/** One feature of the store, with its formula and time scale, for display. */
export interface FeatureDescription {
  id: 'profile' | 'session' | 'itemStatistics' | 'trending';
  name: string;
  freshness: FeatureFreshness;
  /** Shape of the stored values, with named dimensions. */
  shape: string;
  formula: string;
  /** Half-life of a decayed feature in ticks, ln ½ / ln d for decay d per tick; undefined for other features. */
  halfLifeTicks?: number;
  /** Window length in events of a windowed feature. */
  windowEvents?: number;
}

/** Half-life in ticks of a quantity multiplied by `decay` each tick: ln ½ / ln decay. */
export function halfLife(decay: number): number {
  if (!(decay > 0 && decay < 1)) {
    throw new Error(`Decay ${decay} has no half-life; use a per-tick decay between 0 and 1, exclusive.`);
  }
  return log(0.5) / log(decay);
}

/** Describes the four feature groups of the store, as Lab 2 labels them. */
export function describeFeatures(sessionLength = DEFAULT_SESSION_LENGTH): FeatureDescription[] {
  return [
    {
      id: 'profile',
      name: 'Long-term profile',
      freshness: 'batch',
      shape: '[users, topics]',
      formula: `p_u ← ${FEATURE_STORE.profileDecay} · p_u each tick, then p_u += w · φ_i for each watched item; served normalised to sum 1`,
      halfLifeTicks: halfLife(FEATURE_STORE.profileDecay),
    },
    {
      id: 'session',
      name: 'Session',
      freshness: 'real-time',
      shape: '[topics] per user, from the last N events',
      formula: 'topic mix Σ w_e φ_e / Σ w_e, mean watch, click and skip rates over the last N events',
      windowEvents: sessionLength,
    },
    {
      id: 'itemStatistics',
      name: 'Item statistics',
      freshness: 'batch',
      shape: '[items]',
      formula: `impressions n_i; smoothed click rate (clicks_i + ${FEATURE_STORE.smoothingImpressions} · CTR_all) / (n_i + ${FEATURE_STORE.smoothingImpressions}); smoothed mean watch of the same form`,
    },
    {
      id: 'trending',
      name: 'Trending',
      freshness: 'real-time',
      shape: '[items]',
      formula: `trend_i ← ${FEATURE_STORE.trendDecay} · trend_i each tick, then trend_i += w for each impression`,
      halfLifeTicks: halfLife(FEATURE_STORE.trendDecay),
    },
  ];
}
