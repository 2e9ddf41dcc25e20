import type { Random } from '../random';
import type { World } from '../world/types';

/**
 * The follow graph of users and creators. `following[u]` lists the creators
 * user u follows, `followers[c]` the users who follow creator c, both in
 * increasing order.
 */
export interface FollowGraph {
  following: Uint32Array[];
  followers: Uint32Array[];
}

/** Shape of the follow-graph draw. */
export interface FollowGraphOptions {
  /** Creators each user follows (fewer when there are fewer creators). */
  followsPerUser: number;
  /** Exponent γ on a creator's platform-wide follower count; 0 ignores popularity. */
  popularityExponent: number;
  /** Weight floor ε added to the user's interest in the creator's topic, so any creator can be followed. */
  interestFloor: number;
}

export const DEFAULT_FOLLOW_GRAPH: FollowGraphOptions = { followsPerUser: 8, popularityExponent: 0.5, interestFloor: 0.02 };

/**
 * Draws a follow graph. User u follows `followsPerUser` distinct creators,
 * drawn one after another without replacement with weight
 *
 *   w(u, c) = followers_c^γ · (θ_u[topic_c] + ε)
 *
 * where followers_c is `world.creatorFollowers` (the heavy-tailed,
 * log-normal platform-wide count of ./world/synthetic.ts) and θ_u the
 * user's true interests. So popular creators and creators of the user's
 * topics are followed more, and a creator with a platform-wide count of 0 (a
 * new account) has no followers. Each user's draws come from its own fork of `rng`.
 */
export function drawFollowGraph(world: World, options: FollowGraphOptions, rng: Random): FollowGraph {
  const { creators, topics } = world;
  const popularity = Float64Array.from(world.creatorFollowers, (count) => (count > 0 ? Math.pow(count, options.popularityExponent) : 0));
  const follows = Math.min(options.followsPerUser, creators);
  const following: Uint32Array[] = [];
  const lists: number[][] = Array.from({ length: creators }, () => []);
  const weights = new Float64Array(creators);

  for (let user = 0; user < world.users; user += 1) {
    const userRng = rng.fork(`follows:${user}`);
    for (let c = 0; c < creators; c += 1) {
      weights[c] = popularity[c] * (world.userInterests[user * topics + world.creatorTopic[c]] + options.interestFloor);
    }
    const chosen: number[] = [];
    for (let k = 0; k < follows; k += 1) {
      const creator = drawWeighted(weights, userRng);
      if (creator < 0) {
        break;
      }
      chosen.push(creator);
      weights[creator] = 0;
    }
    chosen.sort((a, b) => a - b);
    following.push(Uint32Array.from(chosen));
    for (const creator of chosen) {
      lists[creator].push(user);
    }
  }
  return { following, followers: lists.map((list) => Uint32Array.from(list)) };
}

/** Index drawn with probability weight / Σ weights; −1 when every weight is 0. */
export function drawWeighted(weights: Float64Array, rng: Random): number {
  let total = 0;
  for (const weight of weights) {
    total += weight;
  }
  if (!(total > 0)) {
    return -1;
  }
  let target = rng.next() * total;
  let last = -1;
  for (let k = 0; k < weights.length; k += 1) {
    if (weights[k] > 0) {
      last = k;
      target -= weights[k];
      if (target < 0) {
        return k;
      }
    }
  }
  return last;
}

/** Followers per creator inside the simulated population, [creators]. */
export function followerCounts(graph: FollowGraph): Uint32Array {
  return Uint32Array.from(graph.followers, (list) => list.length);
}
