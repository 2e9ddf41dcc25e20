import type { Random } from '../random';
import type { FeatureContext } from '../ranking/features';
import { rankingFeatureCount, writeRankingFeatures } from '../ranking/features';
import { topK } from '../retrieval/topK';
import { trueUtilityRow } from '../world/response';
import type { FeedInputs, FeedScratch, PlannedFeed } from './feed';
import { planFeed } from './feed';
import type { Recommender } from './interventions';

/**
 * Plans the feed of a reference recommender. `random` is the platform's
 * planner with every slot an exploration slot (ε = 1); `ideal` takes the K
 * unseen items of highest true utility, which only the simulator computes
 * (the oracle of Chaney, Stewart and Engelhardt 2018).
 * `utilityRow` is an [items] buffer the ideal recommender overwrites.
 */
export function planReferenceFeed(recommender: Exclude<Recommender, 'platform'>, inputs: FeedInputs, user: number, rng: Random, scratch: FeedScratch, utilityRow: Float32Array): PlannedFeed {
  if (recommender === 'random') {
    return planFeed({ ...inputs, params: { ...inputs.params, epsilon: 1 } }, user, rng, scratch);
  }
  const { world, seen } = inputs;
  trueUtilityRow(world, user, utilityRow);
  const items = topK(utilityRow, Math.min(inputs.params.feedSize, world.items), seen, user * world.items);
  return listedFeed(inputs, user, items, scratch);
}

/**
 * Builds a planned feed of given items in the given order, with the ranker's
 * features and predictions logged as the platform would log them.
 */
function listedFeed(inputs: FeedInputs, user: number, items: readonly number[], scratch: FeedScratch): PlannedFeed {
  const { params, world, store, retrieval, ranker } = inputs;
  const F = rankingFeatureCount(world.topics);
  const profile = scratch.profile;
  store.normalisedProfile(user, profile);
  const context: FeatureContext = { store, retrieval, itemTopics: world.itemTopics, itemLength: world.itemLength };
  const features = new Float32Array(items.length * F);
  const prediction = new Float32Array(2);

  const slots = items.map((item, slot) => {
    writeRankingFeatures(context, profile, user, item, features, slot * F);
    ranker.predict(features, slot * F, prediction);
    const clickPart = params.clickWeight * prediction[0];
    const watchPart = params.watchWeight * prediction[1];
    return { item, source: 'ideal' as const, predictedClick: prediction[0], predictedWatch: prediction[1], clickPart, watchPart, diversityPenalty: 0, finalScore: clickPart + watchPart };
  });
  return { slots, features };
}
