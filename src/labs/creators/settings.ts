/**
 * Settings of Lab 9, kept in the URL (`#/lab/creators?seed=3&bEpsilon=0.1`):
 * the seed and the world shared by both twins, each twin's feed (follow
 * slots, exploration, whether its objective changes), and the run length. A
 * copied address therefore rebuilds the same twins, which reach the same
 * numbers at the same tick on the same backend.
 */
import { z } from 'zod';
import { creatorsDefaults, creatorsSchema, type CreatorsParams } from '../../engine/scenarios/creators';
import { fieldsFromSchema } from '../../state/urlFields';
import type { CreatorsPair, CreatorsTwin } from '../../worker/creatorsApi';

const shape = creatorsSchema.shape;

/**
 * The engine's bounds, except smaller world maxima, so a run of both twins
 * stays interactive in a browser worker. Per-twin fields carry an `a` or `b`
 * prefix; `aChange` and `bChange` set whether that twin applies the
 * objective change at `changeTick` (a twin without it is the counterfactual).
 */
export const creatorsSettingsSchema = z.object({
  seed: shape.seed,
  users: z.number().int().min(10).max(1_000),
  items: z.number().int().min(20).max(5_000),
  creators: z.number().int().min(2).max(500),
  topics: shape.topics,
  feedSize: z.number().int().min(1).max(20),
  retrainEvery: z.number().int().min(0).max(100),
  followsPerUser: shape.followsPerUser,
  shareFanout: shape.shareFanout,
  newCreatorTick: z.number().int().min(1).max(500),
  newCreatorItems: shape.newCreatorItems,
  reachTarget: z.number().int().min(1).max(1_000),
  focusCreator: z.number().int().min(0).max(499),
  externalViews: shape.externalViews,
  changeTick: z.number().int().min(0).max(500),
  clickWeightAfter: shape.clickWeightAfter,
  watchWeightAfter: shape.watchWeightAfter,
  shareWeightAfter: shape.shareWeightAfter,
  aFollowingSlots: z.number().int().min(0).max(20),
  aEpsilon: shape.epsilon,
  aChange: z.boolean(),
  bFollowingSlots: z.number().int().min(0).max(20),
  bEpsilon: shape.epsilon,
  bChange: z.boolean(),
  /** Ticks that one press of Run plays. */
  ticks: z.number().int().min(1).max(500),
  mode: z.enum(['guided', 'sandbox']),
});

export type CreatorsSettings = z.infer<typeof creatorsSettingsSchema>;

/**
 * Defaults: the engine's world (400 users, 2,000 items, 80 creators) and
 * the "follow feed vs algorithmic feed" preset.
 */
export const CREATORS_DEFAULTS: CreatorsSettings = {
  seed: creatorsDefaults.seed,
  users: creatorsDefaults.users,
  items: creatorsDefaults.items,
  creators: creatorsDefaults.creators,
  topics: creatorsDefaults.topics,
  feedSize: creatorsDefaults.feedSize,
  retrainEvery: creatorsDefaults.retrainEvery,
  followsPerUser: creatorsDefaults.followsPerUser,
  shareFanout: creatorsDefaults.shareFanout,
  newCreatorTick: creatorsDefaults.newCreatorTick,
  newCreatorItems: creatorsDefaults.newCreatorItems,
  reachTarget: creatorsDefaults.reachTarget,
  focusCreator: creatorsDefaults.focusCreator,
  externalViews: 5,
  changeTick: creatorsDefaults.changeTick,
  clickWeightAfter: creatorsDefaults.clickWeightAfter,
  watchWeightAfter: creatorsDefaults.watchWeightAfter,
  shareWeightAfter: creatorsDefaults.shareWeightAfter,
  aFollowingSlots: creatorsDefaults.feedSize,
  aEpsilon: 0,
  aChange: true,
  bFollowingSlots: 0,
  bEpsilon: 0.1,
  bChange: true,
  ticks: 40,
  mode: 'guided',
};

export const CREATORS_FIELDS = fieldsFromSchema(creatorsSettingsSchema);

/** Feed settings of one twin. */
export interface TwinFeed {
  followingSlots: number;
  epsilon: number;
  /** Whether the twin applies the objective change at `changeTick`. */
  change: boolean;
}

export function twinFeed(settings: CreatorsSettings, twin: CreatorsTwin): TwinFeed {
  return { followingSlots: settings[`${twin}FollowingSlots`], epsilon: settings[`${twin}Epsilon`], change: settings[`${twin}Change`] };
}

function feedSettings(feed: TwinFeed, twin: CreatorsTwin): Partial<CreatorsSettings> {
  return { [`${twin}FollowingSlots`]: feed.followingSlots, [`${twin}Epsilon`]: feed.epsilon, [`${twin}Change`]: feed.change };
}

/**
 * Builds one twin's engine parameters: the shared world and the twin's
 * feed. A twin without the change runs with `changeTick` 0, which the
 * engine reads as "never change". Embedding dimension keeps the engine's default.
 */
export function twinParams(settings: CreatorsSettings, twin: CreatorsTwin): CreatorsParams {
  const feed = twinFeed(settings, twin);
  return {
    seed: settings.seed,
    users: settings.users,
    items: settings.items,
    creators: settings.creators,
    topics: settings.topics,
    feedSize: settings.feedSize,
    epsilon: feed.epsilon,
    retrainEvery: settings.retrainEvery,
    embeddingDim: creatorsDefaults.embeddingDim,
    followsPerUser: settings.followsPerUser,
    followingSlots: feed.followingSlots,
    shareFanout: settings.shareFanout,
    newCreatorTick: settings.newCreatorTick,
    newCreatorItems: settings.newCreatorItems,
    reachTarget: settings.reachTarget,
    focusCreator: settings.focusCreator,
    externalViews: settings.externalViews,
    changeTick: feed.change ? settings.changeTick : 0,
    clickWeightAfter: settings.clickWeightAfter,
    watchWeightAfter: settings.watchWeightAfter,
    shareWeightAfter: settings.shareWeightAfter,
  };
}

export function twinPair(settings: CreatorsSettings): CreatorsPair {
  return { a: twinParams(settings, 'a'), b: twinParams(settings, 'b') };
}

/** A named pair of twin feeds. */
export interface CreatorsPreset {
  id: string;
  title: string;
  description: string;
  /** Builds the twins' feeds; the follow feed needs the current feed size. */
  feeds(feedSize: number): Record<CreatorsTwin, TwinFeed>;
}

export const CREATORS_PRESETS: readonly CreatorsPreset[] = [
  {
    id: 'follow-vs-algorithmic',
    title: 'Follow feed vs algorithmic feed',
    description: 'A fills every slot it can from the creators each user follows, newest first, and ranks only for the slots left once a user has seen their items; B ranks the whole catalogue with 10% exploration. Compare whose reach tracks follower counts.',
    feeds: (feedSize) => ({ a: { followingSlots: feedSize, epsilon: 0, change: true }, b: { followingSlots: 0, epsilon: 0.1, change: true } }),
  },
  {
    id: 'new-creator-exploration',
    title: 'A new creator with and without exploration',
    description: 'Both twins use the algorithmic feed; A never explores, B fills 10% of slots with random unseen items. Watch how fast the new creator, who has no followers, reaches its target audience.',
    feeds: () => ({ a: { followingSlots: 0, epsilon: 0, change: true }, b: { followingSlots: 0, epsilon: 0.1, change: true } }),
  },
  {
    id: 'objective-change',
    title: 'Objective change vs no change',
    description: 'Both twins use the algorithmic feed with 10% exploration; only B changes its ranking objective at the change tick. A is the counterfactual: the focus creator’s traffic had the platform not changed.',
    feeds: () => ({ a: { followingSlots: 0, epsilon: 0.1, change: false }, b: { followingSlots: 0, epsilon: 0.1, change: true } }),
  },
];

export function presetSettings(preset: CreatorsPreset, feedSize: number): Partial<CreatorsSettings> {
  const feeds = preset.feeds(feedSize);
  return { ...feedSettings(feeds.a, 'a'), ...feedSettings(feeds.b, 'b') };
}

/** Returns the preset whose feeds are the current ones, or undefined when the twins are set by hand. */
export function matchingPreset(settings: CreatorsSettings): CreatorsPreset | undefined {
  const same = (x: TwinFeed, y: TwinFeed) => x.followingSlots === y.followingSlots && x.epsilon === y.epsilon && x.change === y.change;
  return CREATORS_PRESETS.find((preset) => {
    const feeds = preset.feeds(settings.feedSize);
    return same(feeds.a, twinFeed(settings, 'a')) && same(feeds.b, twinFeed(settings, 'b'));
  });
}

/** Converts a parameter name to its CLI flag: `followingSlots` to `--following-slots`. */
function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * Builds the arguments of `npm run sim --` that run one twin in the CLI for
 * `ticks` ticks on `backend`. Its CSV equals that twin's page download
 * after the same number of ticks on the same backend.
 */
export function cliArguments(settings: CreatorsSettings, twin: CreatorsTwin, ticks: number, backend: string): string[] {
  const params = twinParams(settings, twin);
  const flags = (Object.keys(params) as (keyof CreatorsParams)[]).flatMap((key) => [flagName(key), String(params[key])]);
  return ['--lab', 'creators', '--ticks', String(ticks), '--backend', backend, ...flags];
}

/** Describes one twin's feed in a few words, for legends: "follow feed, ε = 0" or "algorithmic, ε = 0.1, no objective change". */
export function describeFeed(settings: CreatorsSettings, twin: CreatorsTwin): string {
  const feed = twinFeed(settings, twin);
  let kind = `${feed.followingSlots} follow slots`;
  if (feed.followingSlots === 0) {
    kind = 'algorithmic';
  } else if (feed.followingSlots >= settings.feedSize) {
    kind = 'follow feed';
  }
  const parts = [kind, `ε = ${feed.epsilon}`];
  if (!feed.change && settings.changeTick > 0) {
    parts.push('no objective change');
  }
  return parts.join(', ');
}
