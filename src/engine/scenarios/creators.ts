import { z } from 'zod';

/**
 * Parameters of Lab 9, "Creators and platform dependency": one synthetic
 * world with a follow graph, a new creator released mid-run, share cascades,
 * an objective change at a chosen tick and a focus creator whose traffic is
 * followed over time. Every field is a number, so the CLI derives one flag
 * per field.
 */
export const creatorsSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 31 - 1).describe('Seed of the random generator; the same seed repeats the run.'),
  users: z.number().int().min(10).max(5_000).describe('Synthetic users.'),
  items: z.number().int().min(20).max(20_000).describe('Items (short videos) in the catalogue.'),
  creators: z.number().int().min(2).max(2_000).describe('Creators; every item belongs to one. The last one is the new creator.'),
  topics: z.number().int().min(2).max(40).describe('Latent topics of the world.'),
  feedSize: z.number().int().min(1).max(50).describe('Items in each served feed (K).'),
  epsilon: z.number().min(0).max(1).describe('Share of feed slots filled with random unseen items (exploration).'),
  retrainEvery: z.number().int().min(0).max(1_000).describe('Ticks between retrains of the platform models; 0 never retrains.'),
  embeddingDim: z.number().int().min(2).max(64).describe('Dimension of the retrieval embeddings.'),
  followsPerUser: z.number().int().min(0).max(200).describe('Creators each user follows in the follow graph.'),
  followingSlots: z.number().int().min(0).max(50).describe('Feed slots taken first from followed creators; 0 is the algorithmic feed, the feed size a pure follow feed.'),
  shareFanout: z.number().int().min(0).max(50).describe('Co-followers each share is sent to, seen in their next tick; 0 turns cascades off.'),
  newCreatorTick: z.number().int().min(1).max(10_000).describe('Tick at which the new creator (the last creator) publishes its items.'),
  newCreatorItems: z.number().int().min(1).max(100).describe("Items of the new creator; they are the catalogue's last items."),
  reachTarget: z.number().int().min(1).max(5_000).describe('Distinct users the new creator must reach; the lab reports the ticks this takes.'),
  focusCreator: z.number().int().min(0).max(1_999).describe('Creator whose traffic over time the lab follows (0-based index).'),
  externalViews: z.number().min(0).max(1_000_000).describe('Views per tick the focus creator gets from channels the platform does not control.'),
  changeTick: z.number().int().min(0).max(10_000).describe('Ticks run before the objective changes; 0 never changes it.'),
  clickWeightAfter: z.number().min(0).max(10).describe('Weight of predicted clicks in the ranking score after the change.'),
  watchWeightAfter: z.number().min(0).max(10).describe('Weight of predicted watch fraction after the change.'),
  shareWeightAfter: z.number().min(0).max(100).describe('Weight of the estimated share rate after the change (0 before it).'),
});

export type CreatorsParams = z.infer<typeof creatorsSchema>;

/** Defaults: a world small enough for a CLI run of 40 ticks in well under a minute. */
export const creatorsDefaults: CreatorsParams = {
  seed: 7,
  users: 400,
  items: 2_000,
  creators: 80,
  topics: 10,
  feedSize: 10,
  epsilon: 0.1,
  retrainEvery: 10,
  embeddingDim: 8,
  followsPerUser: 8,
  followingSlots: 0,
  shareFanout: 3,
  newCreatorTick: 10,
  newCreatorItems: 5,
  reachTarget: 50,
  focusCreator: 0,
  externalViews: 0,
  changeTick: 20,
  clickWeightAfter: 0,
  watchWeightAfter: 0,
  shareWeightAfter: 10,
};

/**
 * Parses and checks Lab 9's parameters, filling absent fields with the defaults.
 *
 * @throws Error naming each invalid field, its value and the accepted range.
 */
export function parseCreatorsParams(input: Partial<Record<keyof CreatorsParams, unknown>>): CreatorsParams {
  const result = creatorsSchema.safeParse({ ...creatorsDefaults, ...input });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid Lab 9 parameters: ${problems.join('; ')}`);
  }
  const params = result.data;
  if (params.focusCreator >= params.creators) {
    throw new Error(`focusCreator=${params.focusCreator} does not exist; choose a creator from 0 to ${params.creators - 1}.`);
  }
  if (params.newCreatorItems >= params.items) {
    throw new Error(`newCreatorItems=${params.newCreatorItems} leaves no other items; use fewer than items=${params.items}.`);
  }
  if (params.followingSlots > params.feedSize) {
    throw new Error(`followingSlots=${params.followingSlots} is more than feedSize=${params.feedSize}; use at most the feed size.`);
  }
  return params;
}
