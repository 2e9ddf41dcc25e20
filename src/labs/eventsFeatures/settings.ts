/**
 * Settings of Lab 2, kept in the URL (`#/lab/events-features?featureRefresh=20&user=3`).
 * World sizes are capped below Lab 1's, so the freshness experiment (two
 * whole runs) finishes in seconds in a browser worker.
 */
import { z } from 'zod';
import { featureRefreshSchema } from '../../engine/scenarios/feedMachine';
import { fieldsFromSchema } from '../../state/urlFields';

export const eventsFeaturesSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  users: z.number().int().min(20).max(2_000),
  items: z.number().int().min(100).max(10_000),
  topics: z.number().int().min(2).max(20),
  /** Ticks between refreshes of the served batch features; 1 serves them live. */
  featureRefresh: featureRefreshSchema,
  /** The stale setting that the freshness experiment compares with `featureRefresh` 1. */
  staleRefresh: z.number().int().min(2).max(200),
  /** Ticks of each run of the freshness experiment. */
  compareTicks: z.number().int().min(5).max(200),
  /** N of the session features: the user's last N events. */
  sessionLength: z.number().int().min(1).max(200),
  /** The user whose features the page shows. */
  user: z.number().int().min(0).max(1_999),
  /** Ticks one press of Run plays. */
  ticks: z.number().int().min(1).max(500),
  mode: z.enum(['guided', 'sandbox']),
});

export type EventsFeaturesSettings = z.infer<typeof eventsFeaturesSchema>;

export const EVENTS_FEATURES_DEFAULTS: EventsFeaturesSettings = {
  seed: 7,
  users: 300,
  items: 1_500,
  topics: 8,
  featureRefresh: 1,
  staleRefresh: 20,
  compareTicks: 40,
  sessionLength: 20,
  user: 0,
  ticks: 40,
  mode: 'guided',
};

export const EVENTS_FEATURES_FIELDS = fieldsFromSchema(eventsFeaturesSchema);

/** Lab 1's parameters for the worker: the world from the settings, one creator per 20 items, the rest Lab 1's defaults. */
export function simulationParams(settings: EventsFeaturesSettings) {
  return {
    seed: settings.seed,
    users: settings.users,
    items: settings.items,
    topics: settings.topics,
    creators: Math.max(1, Math.round(settings.items / 20)),
  };
}
