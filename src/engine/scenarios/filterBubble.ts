import { z } from 'zod';
import { RECOMMENDERS, type Interventions } from '../loop/interventions';
import type { UserDynamics } from '../world/dynamics';
import type { FeedMachineParams } from './feedMachine';
import { parseFeedMachineParams } from './feedMachine';

/**
 * Parameters of Lab 8, "Feedback loops and filter bubbles": one synthetic
 * world and its user dynamics, shared by two pipelines (twins A and B) that
 * run side by side on the same seed. Every field is a number, so the CLI
 * derives one flag per field, as for Lab 1.
 */
export const filterBubbleWorldSchema = z.object({
  users: z.number().int().min(10).max(5_000).describe('Synthetic users.'),
  items: z.number().int().min(20).max(20_000).describe('Items (short videos) in the catalogue.'),
  creators: z.number().int().min(1).max(2_000).describe('Creators; every item belongs to one.'),
  topics: z.number().int().min(2).max(40).describe('Latent topics of the world.'),
  feedSize: z.number().int().min(1).max(50).describe('Items in each served feed (K).'),
  retrainEvery: z.number().int().min(0).max(1_000).describe('Ticks between retrains of the platform models; 0 never retrains.'),
  embeddingDim: z.number().int().min(2).max(64).describe('Dimension of the retrieval embeddings.'),
  driftRate: z.number().min(0).max(0.5).describe("How far one fully watched item pulls a user's true interests toward its topics (η)."),
  boredom: z.number().min(0).max(5).describe('Boredom β: watch-logit cost of an item that resembles what the user just watched.'),
  popularityWeight: z.number().min(0).max(5).describe("Multiplier of the users' taste for popular items; 1 is Lab 1's model."),
  attentionLoss: z.number().min(0).max(1).describe('Attention loss α: chance of leaving the session after a fully skipped item.'),
});

export type FilterBubbleWorld = z.infer<typeof filterBubbleWorldSchema>;

/** The default world: small enough that two twins step at an interactive rate in a worker. */
export const filterBubbleWorldDefaults: FilterBubbleWorld = {
  users: 300,
  items: 1_500,
  creators: 100,
  topics: 10,
  feedSize: 10,
  retrainEvery: 10,
  embeddingDim: 8,
  driftRate: 0.02,
  boredom: 0,
  popularityWeight: 1,
  attentionLoss: 0,
};

/** One twin's pipeline: which recommender serves, and the remedies it applies. */
export const pipelineSchema = z.object({
  recommender: z.enum(RECOMMENDERS),
  /** Exploration share ε in [0, 1]. */
  epsilon: z.number().min(0).max(1),
  /** λ of MMR diversity re-ranking; 0 is off. */
  diversityWeight: z.number().min(0).max(5),
  /** λ of calibrated re-ranking (Steck 2018) in [0, 1]; 0 is off; above 0 it replaces MMR. */
  calibrationWeight: z.number().min(0).max(1),
  /** Impressions per creator per tick; 0 is no cap. */
  creatorCap: z.number().int().min(0).max(1_000_000),
});

export type Pipeline = z.infer<typeof pipelineSchema>;

export const PIPELINE_FIELDS = ['recommender', 'epsilon', 'diversityWeight', 'calibrationWeight', 'creatorCap'] as const satisfies readonly (keyof Pipeline)[];

export const platformPipeline: Pipeline = { recommender: 'platform', epsilon: 0, diversityWeight: 0, calibrationWeight: 0, creatorCap: 0 };

/** A full Lab 8 set-up: the world and the two twins. */
export interface FilterBubbleConfig {
  world: FilterBubbleWorld;
  a: Pipeline;
  b: Pipeline;
}

/** A named set-up of the twins, with what it shows, for the preset menu and `--preset`. */
export interface FilterBubblePreset {
  name: string;
  title: string;
  a: Pipeline;
  b: Pipeline;
  /** Changes to the default world, if any. */
  world?: Partial<FilterBubbleWorld>;
  /** Account of the preset's finding and set-up in plain sentences, for the page. */
  description: string;
}

export const FILTER_BUBBLE_PRESETS: readonly FilterBubblePreset[] = [
  {
    name: 'chaney',
    title: 'A loop trained on its own data vs the ideal recommender',
    a: platformPipeline,
    b: { ...platformPipeline, recommender: 'ideal' },
    description:
      'After Chaney, Stewart and Engelhardt (2018), "How algorithmic confounding in recommendation systems increases homogeneity and decreases utility" (RecSys). ' +
      'Twin A is the platform: it retrains every few ticks on the clicks and watch time of feeds it chose itself, with no exploration and no re-ranking. ' +
      'Twin B is the ideal recommender, which serves each user the unseen items of highest true utility and never looks at the logs. ' +
      'Compare homogenisation (how alike users consume), true utility per impression (what the users got), and the utility ratio (what each twin got relative to the ideal feed for its own users). ' +
      'Measured in Node with the WASM backend (as the CLI with --preset chaney --backend wasm) on seeds 11 to 20, 90 users, 1,500 items, 30 creators, 6 topics, retraining every 5 ticks, over ticks 21 to 30: ' +
      'with drift rate 0.02, A made consumption far more alike (homogenisation at tick 30: 0.41 against 0.10) and its utility ratio was 0.62, yet its raw utility per impression matched B’s (0.548 against 0.548), because the loop had pulled its users’ interests toward what it served. ' +
      'With drift rate 0 the users keep their interests, and A’s raw utility fell clearly below B’s (0.355 against 0.587). ' +
      'In a 400-item catalogue the ideal twin uses up its users’ best unseen items within 30 ticks, and its raw utility then falls below the platform’s even without drift (seeds 11 to 15 at drift rate 0: 0.290 against 0.321).',
  },
  {
    name: 'exploration',
    title: 'No exploration vs 10% exploration',
    a: platformPipeline,
    b: { ...platformPipeline, epsilon: 0.1 },
    description: 'Twin B fills a tenth of every feed with random unseen items, so its logs cover items the models would never pick. Compare coverage, homogenisation and the utility it costs.',
  },
  {
    name: 'diversity',
    title: 'MMR diversity re-ranking off vs on',
    a: platformPipeline,
    b: { ...platformPipeline, diversityWeight: 1 },
    description: 'Twin B re-ranks each feed with maximal marginal relevance (λ = 1), penalising items that resemble those placed above them. Compare intra-list diversity, per-user topic entropy and utility.',
  },
  {
    name: 'calibration',
    title: 'Plain ranking vs calibrated recommendation',
    a: platformPipeline,
    b: { ...platformPipeline, calibrationWeight: 0.5 },
    description: "Twin B re-ranks each feed so that its topic mix matches the topic mix of the user's logged history (Steck 2018, λ = 0.5), so a user's minor interests keep their share. Compare per-user topic entropy and interest shift.",
  },
  {
    name: 'creator-cap',
    title: 'No cap vs a cap on exposure per creator',
    a: platformPipeline,
    b: { ...platformPipeline, creatorCap: 30 },
    description: 'Twin B lets no creator get more than 30 impressions per tick over all users. Compare the exposure Gini over creators, its Lorenz curve, and the utility it costs.',
  },
  {
    name: 'random',
    title: 'The platform vs a random recommender',
    a: platformPipeline,
    b: { ...platformPipeline, recommender: 'random' },
    description: 'Twin B serves uniformly random unseen items and uses no data at all: a reference for how low homogenisation and how high coverage go without personalisation.',
  },
];

export const DEFAULT_FILTER_BUBBLE_PRESET = 'exploration';

/** Returns the preset named `name`. @throws Error listing the preset names when there is none. */
export function findPreset(name: string): FilterBubblePreset {
  const preset = FILTER_BUBBLE_PRESETS.find((candidate) => candidate.name === name);
  if (preset === undefined) {
    throw new Error(`Unknown filter-bubble preset ${JSON.stringify(name)}; expected one of ${FILTER_BUBBLE_PRESETS.map((p) => p.name).join(', ')}`);
  }
  return preset;
}

/**
 * Parses a pipeline written as `FIELD=VALUE,...` on top of `base`, e.g.
 * `recommender=platform,epsilon=0.1,creatorCap=30`. The CLI's `--a` and
 * `--b` take this text.
 *
 * @throws Error naming the assignment or field at fault and the fix.
 */
export function parsePipeline(text: string, base: Pipeline): Pipeline {
  const merged: Record<string, unknown> = { ...base };
  for (const assignment of text.split(',').map((part) => part.trim()).filter((part) => part.length > 0)) {
    const [name, value, extra] = assignment.split('=').map((part) => part.trim());
    if (name === undefined || value === undefined || extra !== undefined || !(PIPELINE_FIELDS as readonly string[]).includes(name)) {
      throw new Error(`Invalid pipeline "${text}": "${assignment}" is not FIELD=VALUE with FIELD one of ${PIPELINE_FIELDS.join(', ')}`);
    }
    if (name === 'recommender') {
      merged[name] = value;
    } else {
      // Number('') is 0, so an empty value must become NaN to be rejected.
      merged[name] = value === '' ? Number.NaN : Number(value);
    }
  }
  const result = pipelineSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}=${JSON.stringify(merged[String(issue.path[0])])}: ${issue.message}`);
    throw new Error(`Invalid pipeline "${text}": ${problems.join('; ')}`);
  }
  return result.data;
}

/** Writes a pipeline in the form {@link parsePipeline} reads, every field included. */
export function formatPipeline(pipeline: Pipeline): string {
  return PIPELINE_FIELDS.map((field) => `${field}=${pipeline[field]}`).join(',');
}

/**
 * Builds Lab 1's loop parameters for one twin on one seed. Fields that Lab 8
 * does not set keep Lab 1's defaults (utility weights 1 and 1).
 */
export function loopParams(world: FilterBubbleWorld, pipeline: Pipeline, seed: number): FeedMachineParams {
  return parseFeedMachineParams({
    seed,
    users: world.users,
    items: world.items,
    creators: world.creators,
    topics: world.topics,
    feedSize: world.feedSize,
    retrainEvery: world.retrainEvery,
    embeddingDim: world.embeddingDim,
    driftRate: world.driftRate,
    epsilon: pipeline.epsilon,
    diversityWeight: pipeline.diversityWeight,
  });
}

/** Converts a twin's pipeline to the loop's interventions (creator cap 0 becomes no cap). */
export function pipelineInterventions(pipeline: Pipeline): Interventions {
  return { recommender: pipeline.recommender, calibrationWeight: pipeline.calibrationWeight, creatorCap: pipeline.creatorCap === 0 ? Infinity : pipeline.creatorCap };
}

/** Extracts the user dynamics from the world parameters. */
export function worldDynamics(world: FilterBubbleWorld): UserDynamics {
  return { boredom: world.boredom, popularityWeight: world.popularityWeight, attentionLoss: world.attentionLoss };
}

/**
 * Validates a partial world on top of the defaults.
 *
 * @throws Error naming each invalid field, the value received and the accepted range.
 */
export function parseFilterBubbleWorld(input: Partial<Record<keyof FilterBubbleWorld, unknown>>): FilterBubbleWorld {
  const merged = { ...filterBubbleWorldDefaults, ...input };
  const result = filterBubbleWorldSchema.safeParse(merged);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.');
    return `${field}=${JSON.stringify((merged as Record<string, unknown>)[field])}: ${issue.message}`;
  });
  throw new Error(`Invalid filter-bubble parameters: ${problems.join('; ')}`);
}
