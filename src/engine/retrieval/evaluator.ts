import { recallAtK, ndcgAtK, groupByUser } from '../metrics/ranking';
import type { Random } from '../random';
import type { RetrievalDataset } from './dataset';
import { trueRelevanceRow } from './syntheticInteractions';
import { topK } from './topK';

/** Retrieval metrics of one model state, averaged over the evaluation users. */
export interface RetrievalScores {
  /** recall@100 of held-out positives. */
  heldOutRecall: number;
  /** NDCG@100 of held-out positives. */
  heldOutNdcg: number;
  /** Share of each user's true top 100 that the model's top 100 contains; NaN without a world. */
  trueRecall: number;
}

/** Cut-off k of the lab's metrics. */
export const LAB_K = 10;

/** Candidates the retrieval stage hands on, and the k of the training metrics: a ranker scores a few hundred, so recall of a top-10 alone would understate retrieval. */
export const CANDIDATE_K = 100;

/**
 * Scores embeddings against held-out positives and, for a synthetic
 * dataset, against each user's true top 100 (the items of largest true
 * relevance). Training positives are left out of both the model's list and
 * the true list, because retrieval is asked for items a user has not seen.
 * A fixed sample of users keeps one evaluation under a second.
 */
export class RetrievalEvaluator {
  readonly users: number[];
  private readonly dataset: RetrievalDataset;
  private readonly seen: Set<number>[];
  private readonly heldOut: Set<number>[];
  private readonly trueTop: Map<number, Set<number>>;

  constructor(dataset: RetrievalDataset, rng: Random, sampleSize = 200) {
    this.dataset = dataset;
    this.seen = groupByUser(dataset.users, dataset.train.user, dataset.train.item);
    this.heldOut = groupByUser(dataset.users, dataset.heldOut.user, dataset.heldOut.item);
    const order = Uint32Array.from({ length: dataset.users }, (_, user) => user);
    rng.shuffle(order);
    this.users = Array.from(order.subarray(0, Math.min(sampleSize, dataset.users)));
    this.trueTop = new Map();
    if (dataset.world !== undefined) {
      for (const user of this.users) {
        this.trueTop.set(user, new Set(this.trueTopK(user, CANDIDATE_K)));
      }
    }
  }

  /** Items the user watched in training, as an exclusion mask [items]. */
  seenMask(user: number): Uint8Array {
    const mask = new Uint8Array(this.dataset.items);
    for (const item of this.seen[user]) {
      mask[item] = 1;
    }
    return mask;
  }

  /** Returns the k unseen items of largest true relevance, best first; [] without a world. */
  trueTopK(user: number, k: number): number[] {
    const world = this.dataset.world;
    if (world === undefined) {
      return [];
    }
    const relevance = new Float32Array(world.items);
    trueRelevanceRow(world, user, relevance);
    return topK(relevance, k, this.seenMask(user));
  }

  /** Scores embeddings: s_ui = userVectors[u] · itemVectors[i], [users, dim] and [items, dim]. */
  evaluate(userVectors: Float32Array, itemVectors: Float32Array, dim: number): RetrievalScores {
    const scores = new Float32Array(this.dataset.items);
    let recallSum = 0;
    let ndcgSum = 0;
    let heldOutUsers = 0;
    let trueSum = 0;
    for (const user of this.users) {
      scoreItems(userVectors.subarray(user * dim, (user + 1) * dim), itemVectors, dim, scores);
      const retrieved = topK(scores, CANDIDATE_K, this.seenMask(user));
      if (this.heldOut[user].size > 0) {
        recallSum += recallAtK(retrieved, this.heldOut[user], CANDIDATE_K);
        ndcgSum += ndcgAtK(retrieved, this.heldOut[user], CANDIDATE_K);
        heldOutUsers += 1;
      }
      const truth = this.trueTop.get(user);
      if (truth !== undefined) {
        trueSum += recallAtK(retrieved, truth, CANDIDATE_K);
      }
    }
    return {
      heldOutRecall: heldOutUsers > 0 ? recallSum / heldOutUsers : Number.NaN,
      heldOutNdcg: heldOutUsers > 0 ? ndcgSum / heldOutUsers : Number.NaN,
      trueRecall: this.trueTop.size > 0 ? trueSum / this.trueTop.size : Number.NaN,
    };
  }
}

/** out[i] = query · itemVectors[i], [items]. */
export function scoreItems(query: Float32Array, itemVectors: Float32Array, dim: number, out: Float32Array): void {
  const items = itemVectors.length / dim;
  for (let item = 0; item < items; item += 1) {
    let sum = 0;
    const offset = item * dim;
    for (let k = 0; k < dim; k += 1) {
      sum += query[k] * itemVectors[offset + k];
    }
    out[item] = sum;
  }
}
