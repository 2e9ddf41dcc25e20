import { splitFold, assignFolds } from '../evaluation/crossValidation';
import type { RatingsData } from '../io/movielens';
import type { RatingTriples } from '../models/biasedMatrixFactorisation';
import type { Interactions } from '../models/bpr';
import type { CategoricalFeatures } from '../models/twoTower';
import type { Random } from '../random';
import type { World } from '../world/types';
import { COUNT_BUCKETS, positivesOf, ratingsFeatures } from './ratingsImplicit';
import { simulateInteractions, type InteractionOptions } from './syntheticInteractions';

/**
 * The data Lab 3's models train on: positives and ratings, split into train
 * and held-out, with features for the two-tower model. A synthetic dataset
 * carries its world (the ground truth); an imported one has none.
 */
export interface RetrievalDataset {
  source: 'synthetic' | 'movielens';
  /** File name of an imported dataset, `synthetic` otherwise. */
  name: string;
  users: number;
  items: number;
  train: Interactions;
  heldOut: Interactions;
  trainRatings: RatingTriples;
  heldOutRatings: RatingTriples;
  userFeatures: CategoricalFeatures;
  itemFeatures: CategoricalFeatures;
  /** Group of each item for colouring the map, [items]: dominant true topic, or popularity bucket for imported data. */
  itemGroup: Uint32Array;
  /** Name of each group, [groups]. */
  groupNames: string[];
  /** Creator of each item, [items]; absent for imported data. */
  itemCreator?: Uint32Array;
  world?: World;
}

/** Builds a synthetic dataset from the watches and ratings of {@link simulateInteractions}. */
export function datasetFromWorld(world: World, options: InteractionOptions, rng: Random): RetrievalDataset {
  const data = simulateInteractions(world, options, rng);
  return {
    source: 'synthetic',
    name: 'synthetic',
    users: world.users,
    items: world.items,
    ...data,
    itemGroup: Uint32Array.from(world.itemTopic),
    groupNames: world.topicNames,
    itemCreator: world.itemCreator,
    world,
  };
}

/**
 * Builds a dataset from an imported ratings file: one random tenth of the ratings is held out.
 * Positives are ratings of 4 stars or more; features come from the
 * training ratings (see {@link ratingsFeatures}).
 */
export function datasetFromRatings(ratings: RatingsData, rng: Random): RetrievalDataset {
  const folds = assignFolds(ratings.rating.length, 10, rng.fork('held-out'));
  const { train, test } = splitFold(ratings, folds, 0);
  const users = ratings.userIds.length;
  const items = ratings.itemIds.length;
  const features = ratingsFeatures(train, users, items);
  return {
    source: 'movielens',
    name: ratings.fileName,
    users,
    items,
    train: positivesOf(train),
    heldOut: positivesOf(test),
    trainRatings: train,
    heldOutRatings: test,
    ...features,
    itemGroup: features.itemFeatures.values[0],
    groupNames: Array.from({ length: COUNT_BUCKETS }, (_, bucket) => `${2 ** bucket - 1}+ ratings`),
  };
}
