import type { MatrixFactorisation } from '../models/matrixFactorisation';
import type { World } from '../world/types';
import { batchedDots, gatherMatrixRows, transpose } from './batchedDots';

/** Dot products of a block of users with every item, from {@link CatalogueScorer.score}. */
export interface BlockScores {
  /** [2 × block, items]: θ_u · φ_i rows (true interests), then r_u · φ_i rows (recent topics), for the ideal feed. */
  topics?: Float32Array;
  /** [block, items]: p_u · q_i of the retrieval factorisation, once it has trained. */
  retrieval?: Float32Array;
}

/**
 * Scores blocks of users against the whole catalogue with two matrix
 * products on the TensorFlow.js backend. It keeps φᵀ [topics, items] and Qᵀ
 * [dim, items] transposed, and makes Qᵀ again whenever the factorisation
 * replaces its item embedding.
 */
export class CatalogueScorer {
  private readonly world: World;
  private readonly itemTopicsT: Float32Array;
  private itemEmbeddingT: { source: Float32Array; transposed: Float32Array } | undefined;

  constructor(world: World) {
    this.world = world;
    this.itemTopicsT = transpose(world.itemTopics, world.items, world.topics);
  }

  /**
   * Returns the scores of the users in `block`. Either part is undefined when
   * the backend failed, and the callers then loop in JavaScript.
   */
  score(block: readonly number[], retrieval: MatrixFactorisation): BlockScores {
    const { world } = this;
    const T = world.topics;
    const stacked = new Float32Array(2 * block.length * T);
    stacked.set(gatherMatrixRows(world.userInterests, T, block), 0);
    stacked.set(gatherMatrixRows(world.userRecentTopics, T, block), block.length * T);
    const topics = batchedDots(stacked, 2 * block.length, this.itemTopicsT, world.items, T);
    if (retrieval.trainings === 0) {
      return { topics };
    }

    if (this.itemEmbeddingT?.source !== retrieval.itemEmbedding) {
      this.itemEmbeddingT = { source: retrieval.itemEmbedding, transposed: transpose(retrieval.itemEmbedding, world.items, retrieval.dim) };
    }
    const userRows = gatherMatrixRows(retrieval.userEmbedding, retrieval.dim, block);
    return { topics, retrieval: batchedDots(userRows, block.length, this.itemEmbeddingT.transposed, world.items, retrieval.dim) };
  }
}
