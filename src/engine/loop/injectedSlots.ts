import type { FeatureContext } from '../ranking/features';
import { rankingFeatureCount, writeRankingFeatures } from '../ranking/features';
import type { InjectedItem } from './creatorHooks';
import type { FeedInputs, PlannedFeed, PlannedSlot } from './feed';

/**
 * Puts injected items at the top of a planned feed: unseen, distinct items
 * first in the given order, then the recommender's slots that are not
 * among them, cut to K slots in all. Injected slots carry the ranker's
 * predictions, so the logs and the ranker's training rows stay complete,
 * but their score parts are 0 because no ranking placed them.
 * NOTE: injected items bypass Lab 8's creator cap.
 */
export function withInjectedItems(plan: PlannedFeed, injected: readonly InjectedItem[], inputs: FeedInputs, user: number): PlannedFeed {
  const { world, store, retrieval, ranker, seen, params } = inputs;
  const K = Math.min(params.feedSize, world.items);
  const F = rankingFeatureCount(world.topics);
  const seenOffset = user * world.items;

  const placed = new Set<number>();
  const top: InjectedItem[] = [];
  for (const entry of injected) {
    if (top.length >= K) {
      break;
    }
    if (seen[seenOffset + entry.item] === 0 && !placed.has(entry.item)) {
      placed.add(entry.item);
      top.push(entry);
    }
  }
  if (top.length === 0) {
    return plan;
  }

  const profile = new Float32Array(world.topics);
  store.normalisedProfile(user, profile);
  const context: FeatureContext = { store, retrieval, itemTopics: world.itemTopics, itemLength: world.itemLength };
  const slots: PlannedSlot[] = [];
  const features = new Float32Array(K * F);
  const prediction = new Float32Array(2);
  for (const entry of top) {
    writeRankingFeatures(context, profile, user, entry.item, features, slots.length * F);
    ranker.predict(features, slots.length * F, prediction);
    slots.push({ item: entry.item, source: entry.source, predictedClick: prediction[0], predictedWatch: prediction[1], clickPart: 0, watchPart: 0, diversityPenalty: 0, finalScore: 0 });
  }

  plan.slots.forEach((slot, k) => {
    if (slots.length < K && !placed.has(slot.item)) {
      features.set(plan.features.subarray(k * F, (k + 1) * F), slots.length * F);
      slots.push(slot);
    }
  });
  return { slots, features: features.subarray(0, slots.length * F) };
}
