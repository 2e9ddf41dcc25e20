import type { FeatureStore } from '../features/store';
import type { LogisticRanker } from '../models/logisticRanker';
import type { MatrixFactorisation } from '../models/matrixFactorisation';
import type { Random } from '../random';
import type { FeatureContext } from '../ranking/features';
import { rankingFeatureCount, writeRankingFeatures } from '../ranking/features';
import type { CreatorExposureCap } from '../ranking/exposureCap';
import { mmrRerank } from '../ranking/mmr';
import { rankingScore, shareTerm } from '../ranking/utility';
import { topK } from '../retrieval/topK';
import type { FeedMachineParams } from '../scenarios/feedMachine';
import type { World } from '../world/types';
import type { CandidateSource } from './types';
import { FeedCreatorQuota, rerankCandidates } from './feedInterventions';
import type { ShareObjective } from './creatorHooks';

/** Candidate-generation sizes per request. */
export const RETRIEVAL = {
  /** Items taken from the global trending list (unseen by the user). */
  popularity: 50,
  /** Items taken from the exact top-k of the factorisation scores. */
  embedding: 100,
  /** Length of the global trending list the popularity source reads from. */
  trendingList: 400,
};

/** One planned feed slot, before the user responds. */
export interface PlannedSlot {
  item: number;
  source: CandidateSource;
  predictedClick: number;
  predictedWatch: number;
  clickPart: number;
  watchPart: number;
  diversityPenalty: number;
  finalScore: number;
}

export interface PlannedFeed {
  slots: PlannedSlot[];
  /** The ranker's feature rows of the slots, [slots, F], as logged at serving time. */
  features: Float32Array;
}

/**
 * Reusable buffers for {@link planFeed}, sized once per simulation, so that
 * serving a tick allocates no large arrays per user.
 */
export class FeedScratch {
  readonly retrievalScores: Float32Array;
  readonly candidateFeatures: Float32Array;
  readonly candidateScores: Float32Array;
  readonly predictions: Float32Array;
  readonly topicRows: Uint32Array;
  readonly profile: Float32Array;

  constructor(items: number, topics: number) {
    const maxCandidates = RETRIEVAL.embedding + RETRIEVAL.popularity;
    this.retrievalScores = new Float32Array(items);
    this.candidateFeatures = new Float32Array(maxCandidates * rankingFeatureCount(topics));
    this.candidateScores = new Float32Array(maxCandidates);
    this.predictions = new Float32Array(maxCandidates * 2);
    this.topicRows = new Uint32Array(maxCandidates);
    this.profile = new Float32Array(topics);
  }
}

/** What the feed builder reads: models, features and the user's seen items. Nothing here is world truth except item metadata. */
export interface FeedInputs {
  params: FeedMachineParams;
  world: World;
  store: FeatureStore;
  retrieval: MatrixFactorisation;
  ranker: LogisticRanker;
  /** 1 where user u has been served item i, [users, items]. */
  seen: Uint8Array;
  /** Global trending list for this tick, best first. */
  trending: number[];
  /** λ of calibrated re-ranking (Steck 2018), which replaces MMR when above 0; absent or 0 in Lab 1. */
  calibrationWeight?: number;
  /** Impressions per creator in this tick so far, and the cap; absent when there is no cap. */
  creatorCap?: CreatorExposureCap;
  /**
   * Lab 9's share term of the ranking score; absent (no share term) in the
   * other labs. NOTE: it orders the candidates, but a slot's `finalScore`
   * shows only the click and watch parts and the MMR penalty.
   */
  shareObjective?: ShareObjective;
}

/**
 * Builds one user's feed of K items: retrieval (trending + exact top-k by the
 * factorisation's dot product), ranking (logistic predictions combined by the
 * ranking utility), MMR re-ranking with the diversity weight, and ε-exploration
 * (each slot is, with probability ε, a uniformly random unseen item).
 * Reads state only; `rng` is the only thing it advances. `retrievalDots`,
 * when given, holds p_u · q_i for every item from a batched product.
 */
export function planFeed(
  inputs: FeedInputs,
  user: number,
  rng: Random,
  scratch = new FeedScratch(inputs.world.items, inputs.world.topics),
  retrievalDots?: Float32Array,
): PlannedFeed {
  const { params, world, store, retrieval, ranker, seen, trending } = inputs;
  const K = Math.min(params.feedSize, world.items);
  const T = world.topics;
  const F = rankingFeatureCount(T);
  const seenOffset = user * world.items;

  const exploreSlots: boolean[] = [];
  for (let slot = 0; slot < K; slot += 1) {
    exploreSlots.push(rng.bernoulli(params.epsilon));
  }

  const sourceOf = new Map<number, CandidateSource>();
  if (retrieval.trainings > 0) {
    const scores = scratch.retrievalScores;
    if (retrievalDots === undefined) {
      retrieval.retrievalScores(user, scores);
    } else {
      for (let i = 0; i < world.items; i += 1) {
        scores[i] = retrievalDots[i] + retrieval.itemBias[i];
      }
    }
    for (const item of topK(scores, RETRIEVAL.embedding, seen, seenOffset)) {
      sourceOf.set(item, 'embedding');
    }
  }
  let takenFromTrending = 0;
  for (const item of trending) {
    if (takenFromTrending >= RETRIEVAL.popularity) {
      break;
    }
    if (seen[seenOffset + item] === 0) {
      takenFromTrending += 1;
      if (!sourceOf.has(item)) {
        sourceOf.set(item, 'popularity');
      }
    }
  }
  const quota = inputs.creatorCap === undefined ? undefined : new FeedCreatorQuota(inputs.creatorCap, world.itemCreator);
  const candidates = quota === undefined ? [...sourceOf.keys()] : [...sourceOf.keys()].filter((item) => quota.allows(item));

  const profile = scratch.profile;
  store.normalisedProfile(user, profile);
  const context: FeatureContext = { store, retrieval, itemTopics: world.itemTopics, itemLength: world.itemLength };
  const candidateFeatures = scratch.candidateFeatures;
  const scores = scratch.candidateScores.subarray(0, candidates.length);
  const predictions = scratch.predictions;
  const prediction = new Float32Array(2);
  const topicRows = scratch.topicRows.subarray(0, candidates.length);
  candidates.forEach((item, c) => {
    writeRankingFeatures(context, profile, user, item, candidateFeatures, c * F);
    ranker.predict(candidateFeatures, c * F, prediction);
    predictions[2 * c] = prediction[0];
    predictions[2 * c + 1] = prediction[1];
    scores[c] = rankingScore(params, prediction[0], prediction[1]);
    if (inputs.shareObjective !== undefined) {
      scores[c] += shareTerm(inputs.shareObjective.weight, inputs.shareObjective.rate[item]);
    }
    topicRows[c] = item * T;
  });

  const exploitCount = exploreSlots.filter((explore) => !explore).length;
  const ranked =
    (inputs.calibrationWeight ?? 0) === 0 && quota === undefined
      ? mmrRerank(scores, topicRows, world.itemTopics, T, exploitCount, params.diversityWeight)
      : rerankCandidates({ scores, topicRows, itemTopics: world.itemTopics, T, exploitCount, diversityWeight: params.diversityWeight, calibrationWeight: inputs.calibrationWeight ?? 0, profile, quota, candidates });

  // Exploration must not pick an item that a later ranked slot will place.
  const chosen = new Set<number>(ranked.order.map((c) => candidates[c]));
  const slots: PlannedSlot[] = [];
  const features = new Float32Array(K * F);
  let nextRanked = 0;
  for (let slot = 0; slot < K; slot += 1) {
    const useRanked = !exploreSlots[slot] && nextRanked < ranked.order.length;
    if (useRanked) {
      const c = ranked.order[nextRanked];
      const penalty = ranked.penalties[nextRanked];
      nextRanked += 1;
      const item = candidates[c];
      features.set(candidateFeatures.subarray(c * F, (c + 1) * F), slot * F);
      slots.push(describeSlot(params, item, sourceOf.get(item) ?? 'popularity', predictions[2 * c], predictions[2 * c + 1], penalty));
      continue;
    }
    const item = randomUnseenItem(world.items, seen, seenOffset, chosen, rng, quota);
    if (item < 0) {
      break;
    }
    chosen.add(item);
    quota?.place(item);
    writeRankingFeatures(context, profile, user, item, features, slot * F);
    ranker.predict(features, slot * F, prediction);
    slots.push(describeSlot(params, item, 'exploration', prediction[0], prediction[1], 0));
  }
  return { slots, features: features.subarray(0, slots.length * F) };
}

function describeSlot(params: FeedMachineParams, item: number, source: CandidateSource, predictedClick: number, predictedWatch: number, penalty: number): PlannedSlot {
  const clickPart = params.clickWeight * predictedClick;
  const watchPart = params.watchWeight * predictedWatch;
  return { item, source, predictedClick, predictedWatch, clickPart, watchPart, diversityPenalty: penalty, finalScore: clickPart + watchPart + penalty };
}

/**
 * Draws a uniformly random item the user has not seen and that is not already in
 * the feed: rejection sampling, then a scan from a random start when the
 * user has seen most of the catalogue. Items of creators at their cap
 * (`quota`) are skipped. Returns −1 when none is left.
 */
function randomUnseenItem(items: number, seen: Uint8Array, seenOffset: number, chosen: Set<number>, rng: Random, quota?: FeedCreatorQuota): number {
  for (let attempt = 0; attempt < 32; attempt += 1) {
    const item = rng.int(items);
    if (seen[seenOffset + item] === 0 && !chosen.has(item) && (quota?.allows(item) ?? true)) {
      return item;
    }
  }
  const start = rng.int(items);
  for (let k = 0; k < items; k += 1) {
    const item = (start + k) % items;
    if (seen[seenOffset + item] === 0 && !chosen.has(item) && (quota?.allows(item) ?? true)) {
      return item;
    }
  }
  return -1;
}
