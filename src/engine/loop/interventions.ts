import { CreatorExposureCap } from '../ranking/exposureCap';

/**
 * Recommender that serves the feeds:
 * - `platform`: Lab 1's pipeline (retrieval, ranking, re-ranking, exploration), retrained on its own logs.
 * - `random`: K uniformly random unseen items per feed; a reference that ignores all data.
 * - `ideal`: the K unseen items of highest true utility; a reference that reads the true interests.
 *
 * The two references never retrain, because their feeds do not depend on the models.
 */
export const RECOMMENDERS = ['platform', 'random', 'ideal'] as const;
export type Recommender = (typeof RECOMMENDERS)[number];

/**
 * Remedies against filter bubbles that Lab 1 does not have, on top of
 * `FeedMachineParams.epsilon` (exploration) and `diversityWeight` (MMR).
 * {@link NO_INTERVENTIONS} gives Lab 1's loop exactly.
 */
export interface Interventions {
  recommender: Recommender;
  /**
   * λ in [0, 1] of calibrated re-ranking (Steck 2018): the list's topic mix
   * is pulled toward the topic mix of the user's logged history. 0 is off.
   * When it is above 0 it replaces MMR, so `diversityWeight` is then unused.
   */
  calibrationWeight: number;
  /**
   * Impressions per creator per tick, over all users; Infinity is no cap. The
   * platform and random recommenders obey it. The ideal recommender ignores it.
   */
  creatorCap: number;
}

export const NO_INTERVENTIONS: Interventions = { recommender: 'platform', calibrationWeight: 0, creatorCap: Infinity };

/**
 * Checks an intervention set.
 *
 * @throws Error naming the field, the value and the accepted range.
 */
export function validateInterventions(interventions: Interventions): Interventions {
  const { recommender, calibrationWeight, creatorCap } = interventions;
  if (!RECOMMENDERS.includes(recommender)) {
    throw new Error(`Invalid recommender ${JSON.stringify(recommender)}; expected one of ${RECOMMENDERS.join(', ')}`);
  }
  if (!(calibrationWeight >= 0 && calibrationWeight <= 1)) {
    throw new Error(`Invalid calibrationWeight ${calibrationWeight}; expected a number from 0 (off) to 1`);
  }
  if (!(creatorCap >= 1)) {
    throw new Error(`Invalid creatorCap ${creatorCap}; expected impressions per creator per tick of at least 1, or Infinity for no cap`);
  }
  return interventions;
}

/** Creates the creator cap of one simulation, or returns undefined when there is none, so Lab 1 does no bookkeeping. */
export function createCreatorCap(creators: number, interventions: Interventions): CreatorExposureCap | undefined {
  return Number.isFinite(interventions.creatorCap) ? new CreatorExposureCap(creators, interventions.creatorCap) : undefined;
}
