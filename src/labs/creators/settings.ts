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
 * prefix. `aChange` and `bChange` set whether that twin applies the
 * objective change at `changeTick`, and a twin without it is the counterfactual.
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
  aChange: false,
  bFollowingSlots: 0,
  bEpsilon: 0,
  bChange: false,
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
    description: 'A fills every slot it can from the creators each user follows, newest first, and ranks only for the slots left once a user has seen their items; B ranks the whole catalogue. Neither explores and the objective change is off in both twins, so the panels show the difference of the feeds alone. Compare whose reach tracks follower counts.',
    feeds: (feedSize) => ({ a: { followingSlots: feedSize, epsilon: 0, change: false }, b: { followingSlots: 0, epsilon: 0, change: false } }),
  },
  {
    id: 'new-creator-exploration',
    title: 'A new creator with and without exploration',
    description: 'Both twins use the algorithmic feed; A never explores, B fills 10% of slots with random unseen items. Watch how fast the new creator, who has no followers, reaches its target audience. The objective change is off in both twins.',
    feeds: () => ({ a: { followingSlots: 0, epsilon: 0, change: false }, b: { followingSlots: 0, epsilon: 0.1, change: false } }),
  },
  {
    id: 'objective-change',
    title: 'Objective change vs no change',
    description: 'Both twins use the algorithmic feed with 10% exploration; the objective change is on in B only, at the change tick. A is the counterfactual: the focus creator’s traffic had the platform not changed.',
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

/** Parameters the page has no control for; they keep the CLI's defaults, so the command leaves their flags out. */
const FIXED_PARAMS: readonly (keyof CreatorsParams)[] = ['embeddingDim'];

/**
 * Builds the arguments of `npm run -s sim --` that run one twin in the CLI
 * for `ticks` ticks on `backend` and write its CSV to `out`. That file has
 * the bytes of the twin's page download after the same number of ticks on
 * the same backend. Parameters in {@link FIXED_PARAMS} are left out.
 */
export function cliArguments(settings: CreatorsSettings, twin: CreatorsTwin, ticks: number, backend: string, out?: string): string[] {
  const params = twinParams(settings, twin);
  const keys = (Object.keys(params) as (keyof CreatorsParams)[]).filter((key) => !FIXED_PARAMS.includes(key) || params[key] !== creatorsDefaults[key]);
  const flags = keys.flatMap((key) => [flagName(key), String(params[key])]);
  return ['--lab', 'creators', '--ticks', String(ticks), '--backend', backend, ...flags, ...(out === undefined ? [] : ['--out', out])];
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
  if (settings.changeTick > 0) {
    parts.push(feed.change ? `objective change after tick ${settings.changeTick}` : 'no objective change');
  }
  return parts.join(', ');
}

/** Settings whose valid values depend on another setting, checked by {@link fieldProblems}. */
export type CrossFieldKey = 'focusCreator' | 'newCreatorItems' | 'aFollowingSlots' | 'bFollowingSlots';

/**
 * Checks the settings that depend on others (the focus creator against the
 * creator count, the new creator's items against the catalogue, each twin's
 * follow slots against the feed size). Returns one message per invalid
 * field, in the page's labels and with the fix. The engine makes the same
 * checks; this one runs first so that each message sits at its field.
 */
export function fieldProblems(settings: CreatorsSettings): Partial<Record<CrossFieldKey, string>> {
  const problems: Partial<Record<CrossFieldKey, string>> = {};
  if (settings.focusCreator >= settings.creators) {
    problems.focusCreator = `Focus creator: ${settings.focusCreator} does not exist in a world of ${settings.creators} creators; choose 0 to ${settings.creators - 1}.`;
  }
  if (settings.newCreatorItems >= settings.items) {
    problems.newCreatorItems = `New creator items: ${settings.newCreatorItems} leaves no items for the other creators; use fewer than the ${settings.items} items of the catalogue.`;
  }
  for (const twin of ['a', 'b'] as const) {
    const slots = settings[`${twin}FollowingSlots`];
    if (slots > settings.feedSize) {
      problems[`${twin}FollowingSlots`] = `Follow slots of twin ${twin.toUpperCase()}: ${slots} is more than the feed size K = ${settings.feedSize}; use 0 to ${settings.feedSize}.`;
    }
  }
  return problems;
}

/**
 * Replaces each setting that {@link fieldProblems} rejects with a value that
 * fits: the default where it does, else the nearest valid one. Used for a
 * link whose values do not fit together, so the page can still open.
 * Returns the replacements and one message per replaced field.
 */
export function repairSettings(settings: CreatorsSettings): { changes: Partial<CreatorsSettings>; messages: string[] } {
  const problems = fieldProblems(settings);
  const limits: Record<CrossFieldKey, number> = {
    focusCreator: settings.creators - 1,
    newCreatorItems: settings.items - 1,
    aFollowingSlots: settings.feedSize,
    bFollowingSlots: settings.feedSize,
  };
  const changes: Partial<CreatorsSettings> = {};
  const messages: string[] = [];
  for (const key of Object.keys(problems) as CrossFieldKey[]) {
    const value = Math.min(CREATORS_DEFAULTS[key], limits[key]);
    changes[key] = value;
    messages.push(`${problems[key]} The link’s value was replaced by ${value}.`);
  }
  return { changes, messages };
}
