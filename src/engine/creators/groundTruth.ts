import { trueResponse } from '../world/response';
import type { World } from '../world/types';
import { SHARE_RATE_PRIOR, type CreatorLoop } from './creatorLoop';

/**
 * Facts about one creator that the simulator stores and the platform never
 * observes: its items' true quality and clickbait, the true probability
 * that a user shares one of its items, and how many users truly prefer its
 * topic.
 */
export interface CreatorTruth {
  creator: number;
  items: number;
  /** Main topic of the creator (0-based). */
  topic: number;
  /** Mean production quality and clickbait of its items, in [0, 1]. */
  meanQuality: number;
  meanClickbait: number;
  /** Mean true P(share | not skipped) over all users and its items, at visible popularity 0. */
  trueShareProbability: number;
  /** Share of users whose strongest true interest is the creator's topic. */
  audienceShare: number;
}

/** Computes {@link CreatorTruth} from the world as it is now (interests drift, so call it at tick 0 for the starting truth). Costs O(users · items of the creator · topics). */
export function creatorTruth(world: World, creator: number): CreatorTruth {
  const items: number[] = [];
  for (let item = 0; item < world.items; item += 1) {
    if (world.itemCreator[item] === creator) {
      items.push(item);
    }
  }
  const topic = world.creatorTopic[creator];

  let share = 0;
  let audience = 0;
  for (let user = 0; user < world.users; user += 1) {
    for (const item of items) {
      share += trueResponse(world, user, item, 0).shareProb;
    }
    if (strongestTopic(world, user) === topic) {
      audience += 1;
    }
  }

  const meanOf = (values: ArrayLike<number>) => (items.length > 0 ? items.reduce((sum, item) => sum + values[item], 0) / items.length : Number.NaN);
  return {
    creator,
    items: items.length,
    topic,
    meanQuality: meanOf(world.itemQuality),
    meanClickbait: meanOf(world.itemClickbait),
    trueShareProbability: items.length > 0 ? share / (items.length * world.users) : Number.NaN,
    audienceShare: audience / world.users,
  };
}

function strongestTopic(world: World, user: number): number {
  let best = 0;
  for (let topic = 1; topic < world.topics; topic += 1) {
    if (world.userInterests[user * world.topics + topic] > world.userInterests[user * world.topics + best]) {
      best = topic;
    }
  }
  return best;
}

/**
 * The platform's view of the same creator, from its own logs: impressions
 * and shares of the creator's items so far, and the mean of the smoothed
 * share rates r̂_share(i) = (shares_i + a·r0) / (impressions_i + a) that the
 * ranking score uses (a and r0 from {@link SHARE_RATE_PRIOR}).
 */
export interface CreatorEstimate {
  impressions: number;
  shares: number;
  estimatedShareRate: number;
}

export function creatorEstimate(loop: Pick<CreatorLoop, 'world' | 'itemImpressions' | 'itemShares'>, creator: number): CreatorEstimate {
  const { world } = loop;
  const a = SHARE_RATE_PRIOR.pseudoImpressions;
  let impressions = 0;
  let shares = 0;
  let rateSum = 0;
  let items = 0;
  for (let item = 0; item < world.items; item += 1) {
    if (world.itemCreator[item] !== creator) {
      continue;
    }
    impressions += loop.itemImpressions[item];
    shares += loop.itemShares[item];
    rateSum += (loop.itemShares[item] + a * SHARE_RATE_PRIOR.rate) / (loop.itemImpressions[item] + a);
    items += 1;
  }
  return { impressions, shares, estimatedShareRate: items > 0 ? rateSum / items : Number.NaN };
}
