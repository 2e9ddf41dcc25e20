/**
 * The ranking utility: how the platform turns predictions into one score.
 *
 *   score(u, i) = w_click · pClick(u, i) + w_watch · pWatch(u, i)
 *
 * MMR re-ranking then subtracts λ × the item's largest topic similarity to the
 * items already placed (see ./mmr.ts).
 */
export interface UtilityWeights {
  clickWeight: number;
  watchWeight: number;
}

export function rankingScore(weights: UtilityWeights, predictedClick: number, predictedWatch: number): number {
  return weights.clickWeight * predictedClick + weights.watchWeight * predictedWatch;
}

/**
 * Lab 9's share term, added to {@link rankingScore} only when its weight is
 * above 0: w_share · r̂_share(i), with r̂_share the platform's share rate of
 * the item from its own logs (shares per impression, smoothed). The ranker
 * has no share head, so the estimate is per item, not per user.
 */
export function shareTerm(shareWeight: number, estimatedShareRate: number): number {
  return shareWeight * estimatedShareRate;
}

export const RANKING_UTILITY_DOC: { name: string; latex: string; explanation: string }[] = [
  {
    name: 'Ranking score',
    latex: 's_{ui} = w_{\\text{click}}\\,\\hat p_{\\text{click}}(u,i) + w_{\\text{watch}}\\,\\hat p_{\\text{watch}}(u,i)',
    explanation: 'The platform ranks by what it can predict from its logs: clicks and watch time, weighted by the two utility weights.',
  },
  {
    name: 'Diversity re-ranking (MMR)',
    latex: 'i^* = \\arg\\max_{i \\notin S}\\; s_{ui} - \\lambda \\max_{j \\in S} \\cos(\\phi_i, \\phi_j)',
    explanation: 'Maximal marginal relevance (Carbonell and Goldstein 1998): each slot takes the item with the best score after a penalty for resembling items already placed. λ is the diversity weight.',
  },
  {
    name: 'Exploration',
    latex: 'P(\\text{slot is random}) = \\varepsilon',
    explanation: 'Each slot is, with probability ε, filled with a uniformly random item the user has not seen, so the logs also cover items the models would never pick.',
  },
];
