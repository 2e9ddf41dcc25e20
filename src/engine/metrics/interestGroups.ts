import { entropy } from './diversity';

/**
 * How users' true interests group, read from the interest vectors θ_u
 * (row-major [users, T], each row a probability vector). Two numbers tell a
 * filter bubble from a population that converges on one mix:
 * - separate bubbles keep `mainTopicEntropy` high (users favour different
 *   topics) while `meanTopInterest` rises (each user narrows);
 * - convergence lowers `mainTopicEntropy` (users come to favour the same
 *   topic), whatever happens to `meanTopInterest`.
 */
export interface InterestGroups {
  /** Entropy in nats of the share of users whose largest interest is each topic: ln T when the users spread evenly over topics, 0 when all favour one. */
  mainTopicEntropy: number;
  /** Mean over users of max_t θ_ut, in [1/T, 1]: 1 when every user cares about one topic only. */
  meanTopInterest: number;
}

/**
 * Computes {@link InterestGroups}. A user's main topic is the first topic
 * with the largest weight. Zero users give entropy 0 and a NaN mean.
 *
 * @throws Error when `interests` is not [users, T].
 */
export function interestGroups(interests: Float32Array, users: number, T: number): InterestGroups {
  if (interests.length !== users * T) {
    throw new Error(`Invalid interest matrix for interestGroups: expected [${users}, ${T}] (${users * T} values), got ${interests.length}`);
  }
  const mainTopicCounts = new Float64Array(T);
  let topSum = 0;
  for (let u = 0; u < users; u += 1) {
    let main = 0;
    for (let t = 1; t < T; t += 1) {
      if (interests[u * T + t] > interests[u * T + main]) {
        main = t;
      }
    }
    mainTopicCounts[main] += 1;
    topSum += interests[u * T + main];
  }
  return { mainTopicEntropy: entropy(mainTopicCounts), meanTopInterest: users > 0 ? topSum / users : Number.NaN };
}
