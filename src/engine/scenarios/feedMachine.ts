import { z } from 'zod';

/**
 * Parameters of Lab 1, "The feed machine": one closed loop of retrieval,
 * ranking, serving, logging and retraining over a synthetic world.
 *
 * This schema is the single place where the lab's parameters are defined and
 * validated. The page's URL, the CLI flags and the worker all parse through it,
 * so a shared link, a CLI run and a test with the same values build the same
 * simulation.
 */
export const feedMachineSchema = z.object({
  /** Seed of the one random generator; every draw in the run derives from it. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).describe('Seed of the random generator; the same seed repeats the run.'),
  /** Number of synthetic users (ignored when a ratings file defines the world). */
  users: z.number().int().min(10).max(20_000).describe('Synthetic users (ignored with a ratings file).'),
  /** Number of items (short videos) in the catalogue. */
  items: z.number().int().min(20).max(50_000).describe('Items (short videos) in the catalogue.'),
  /** Number of creators; every item belongs to one. */
  creators: z.number().int().min(1).max(5_000).describe('Creators; every item belongs to one.'),
  /** Number of latent topics of the world. */
  topics: z.number().int().min(2).max(40).describe('Latent topics of the world.'),
  /** K: items in each served feed. */
  feedSize: z.number().int().min(1).max(50).describe('Items in each served feed (K).'),
  /** Share of each feed's slots filled with uniformly random unseen items, in [0, 1]. */
  epsilon: z.number().min(0).max(1).describe('Share of feed slots filled with random unseen items (exploration).'),
  /** R: the models retrain every R ticks; 0 never retrains. */
  retrainEvery: z.number().int().min(0).max(1_000).describe('Ticks between retrains of both models; 0 never retrains.'),
  /** λ of the MMR re-ranking: score − λ × max topic similarity to items already placed. */
  diversityWeight: z.number().min(0).max(5).describe('MMR diversity weight: penalty per unit of topic similarity to items placed above.'),
  /** η: how far one fully watched item pulls a user's true interests toward its topics. */
  driftRate: z.number().min(0).max(0.5).describe("How far one fully watched item pulls a user's true interests toward its topics."),
  /** Weight of predicted click probability in the ranking utility. */
  clickWeight: z.number().min(0).max(10).describe('Weight of predicted click probability in the ranking score.'),
  /** Weight of predicted watch fraction in the ranking utility. */
  watchWeight: z.number().min(0).max(10).describe('Weight of predicted watch fraction in the ranking score.'),
  /** Dimension of the matrix-factorisation embeddings used for retrieval. */
  embeddingDim: z.number().int().min(2).max(128).describe('Dimension of the retrieval embeddings.'),
});

export type FeedMachineParams = z.infer<typeof feedMachineSchema>;

export const feedMachineDefaults: FeedMachineParams = {
  seed: 7,
  users: 1_000,
  items: 5_000,
  creators: 200,
  topics: 20,
  feedSize: 10,
  epsilon: 0.1,
  retrainEvery: 10,
  diversityWeight: 0,
  driftRate: 0.02,
  clickWeight: 1,
  watchWeight: 1,
  embeddingDim: 16,
};

/** Largest accepted `featureRefresh`, in ticks. */
export const MAX_FEATURE_REFRESH = 200;

/**
 * Ticks between refreshes of the batch features that serving reads (see
 * `SimulationOptions.featureRefresh` in the loop). It is not a field of
 * {@link feedMachineSchema}, so Lab 1's parameters, URL and CLI flags stay as
 * they are; the default 1 serves live features, as Lab 1 does.
 */
export const featureRefreshSchema = z
  .number()
  .int()
  .min(1)
  .max(MAX_FEATURE_REFRESH)
  .describe('Ticks between refreshes of the batch features the ranker reads; 1 serves them live.');

export const DEFAULT_FEATURE_REFRESH = 1;

/**
 * Validates a partial parameter object on top of the defaults.
 *
 * @throws Error naming each invalid field, the value received and the accepted range.
 */
export function parseFeedMachineParams(input: Partial<Record<keyof FeedMachineParams, unknown>>): FeedMachineParams {
  const merged = { ...feedMachineDefaults, ...input };
  const result = feedMachineSchema.safeParse(merged);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.');
    const received = JSON.stringify((merged as Record<string, unknown>)[field]);
    return `${field}=${received}: ${issue.message}`;
  });
  throw new Error(`Invalid feed-machine parameters: ${problems.join('; ')}`);
}
