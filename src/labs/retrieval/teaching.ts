/**
 * Lab 3's objectives, "predict, then run" steps and check questions. Each
 * step runs its experiment in the worker and reads its finding from the
 * run's own numbers.
 */
import type { CheckQuestion, PredictStep } from '../../teaching/types';
import type { Hyperparameters, LabModel } from '../../engine/retrieval/trainEmbeddings';
import type { RetrievalClient } from './useRetrievalWorker';

export const OBJECTIVES = [
  'Say what the retrieval stage does: pick a few hundred candidates out of every item, fast, for the ranker to score.',
  'Explain why retrieval scores items by an inner product of learned embeddings, and read an embedding map.',
  'Compare exact search with an approximate index (IVF, HNSW) by recall@k and query time.',
  'Say what biased MF, BPR and a two-tower model each add, including where a new item with no interactions lands.',
] as const;

const percent = (value: number): string => `${(100 * value).toFixed(0)}%`;

/** Returns `same` when two recalls differ by under 2 points, else the id of the larger one. */
function compare(first: number, second: number, firstId: string, secondId: string): string {
  if (Math.abs(first - second) < 0.02) {
    return 'same';
  }
  return first > second ? firstId : secondId;
}

/** Formats the model settings for a step's question and reveal, which name what the step trained with. */
export function describeHyper(hyper: Hyperparameters): string {
  return `dimension ${hyper.dim}, ${hyper.epochs} epochs, learning rate ${hyper.learningRate}, L2 penalty ${hyper.l2}, ${hyper.negatives} negatives per positive for BPR and two-tower`;
}

/** Returns step 1's larger dimension: the Dimension setting, or 32 when that is 2 or less. */
export function largeDimension(hyper: Hyperparameters): number {
  return hyper.dim > 2 ? hyper.dim : 32;
}

let runIds = 1_000_000;

async function trainFor(client: RetrievalClient, model: LabModel, hyper: Hyperparameters, status: (text: string) => void) {
  const summary = await client.api.train(model, hyper, (runIds += 1));
  status(`Trained ${model} with dimension ${hyper.dim}`);
  return summary.curve[summary.curve.length - 1];
}

/**
 * Builds the steps. Each step trains with the page's current "Data and
 * model" settings (`hyper()` at run time), and its question and reveal name
 * them, so a step and the sandbox agree on what was trained.
 */
export function buildSteps(client: () => RetrievalClient | undefined, hyper: () => Hyperparameters, onModelTrained: (model: LabModel) => void): PredictStep[] {
  const need = (): RetrievalClient => {
    const current = client();
    if (current === undefined) {
      throw new Error('The worker is not ready');
    }
    return current;
  };
  const questionHyper = hyper();
  const large = largeDimension(questionHyper);
  return [
    {
      id: 'dimension',
      title: 'Embedding dimension',
      question: `BPR with 2 dimensions or with ${large}: which finds more of each user’s true top 100? Both train with the other settings of "Data and model" (${questionHyper.epochs} epochs, learning rate ${questionHyper.learningRate}, L2 penalty ${questionHyper.l2}).`,
      options: [
        { id: 'small', label: '2 dimensions: fewer numbers, less overfitting', explanation: 'With few watches per item a small model can generalise better, and here it did.' },
        { id: 'large', label: `${large} dimensions: room for every topic`, explanation: 'Two numbers cannot separate a dozen topics: items of different topics share directions, so the top 100 mixes them. Enough dimensions give each topic its own direction.' },
        { id: 'same', label: 'About the same (within 2 points)', explanation: 'The dimension mattered little on this world; the data, not the capacity, limited recall.' },
      ],
      async run(status) {
        const worker = need();
        const settings = hyper();
        const largeDim = largeDimension(settings);
        status('Training BPR with dimension 2…');
        const small = await trainFor(worker, 'bpr', { ...settings, dim: 2 }, status);
        status(`Training BPR with dimension ${largeDim}…`);
        const large = await trainFor(worker, 'bpr', { ...settings, dim: largeDim }, status);
        onModelTrained('bpr');
        return {
          findings: [
            `Settings: ${describeHyper({ ...settings, dim: largeDim })}.`,
            `Dimension 2: recall of the true top 100 ${percent(small.trueRecall)}, held-out recall@100 ${percent(small.heldOutRecall)}.`,
            `Dimension ${largeDim}: recall of the true top 100 ${percent(large.trueRecall)}, held-out recall@100 ${percent(large.heldOutRecall)}.`,
          ],
          supported: compare(large.trueRecall, small.trueRecall, 'large', 'small'),
        };
      },
    },
    {
      id: 'explicit-implicit',
      title: 'Ratings or watches',
      question: `Biased MF fits the star ratings of watched items; BPR only learns which items were watched. Which finds more of each user’s true top 100? Both train with the settings of "Data and model" (${describeHyper(questionHyper)}).`,
      options: [
        { id: 'bpr', label: 'BPR: it learns to rank watched over unwatched', explanation: 'Biased MF only sees rated pairs and never learns that unwatched items are mostly irrelevant; BPR trains exactly the order retrieval needs.' },
        {
          id: 'mf',
          label: 'Biased MF: ratings carry more information',
          explanation:
            'With these settings biased MF found more. The L2 penalty is the setting most likely to cause this: with a large penalty (0.08, for example) biased MF came out ahead in this lab’s test runs, and with the default 0.01 BPR did. A likely reason is that a large penalty shrinks biased MF’s user and item factors, so its scores lean on the item biases, which learn each item’s mean rating and so follow its true quality, a factor of every user’s true relevance. Train both with the L2 penalty at 0.01 to compare.',
        },
        { id: 'same', label: 'About the same (within 2 points)', explanation: 'With these settings both objectives found about as many of the true top 100. Train both again with the lab’s default settings to compare them where BPR’s ranking loss has room to pay off.' },
      ],
      async run(status) {
        const worker = need();
        const settings = hyper();
        status('Training biased MF…');
        const mf = await trainFor(worker, 'biased-mf', settings, status);
        status('Training BPR…');
        const bpr = await trainFor(worker, 'bpr', settings, status);
        onModelTrained('biased-mf');
        onModelTrained('bpr');
        const heldOutLeader = compare(bpr.heldOutRecall, mf.heldOutRecall, 'BPR', 'biased MF');
        return {
          findings: [
            `Settings for both: ${describeHyper(settings)}.`,
            `Biased MF: recall of the true top 100 ${percent(mf.trueRecall)}, held-out recall@100 ${percent(mf.heldOutRecall)}.`,
            `BPR: recall of the true top 100 ${percent(bpr.trueRecall)}, held-out recall@100 ${percent(bpr.heldOutRecall)}.`,
            heldOutLeader === 'same'
              ? 'Held-out recall@100, which a platform can measure without ground truth (watches hidden from training), was about the same for both (within 2 points).'
              : `Held-out recall@100, which a platform can measure without ground truth (watches hidden from training), was higher for ${heldOutLeader}.`,
          ],
          supported: compare(bpr.trueRecall, mf.trueRecall, 'bpr', 'mf'),
        };
      },
    },
    {
      id: 'probes',
      title: 'IVF probes',
      question: 'An IVF index scans only the cells nearest the query. With 1 probe instead of 8, what happens?',
      options: [
        { id: 'tradeoff', label: 'Faster, but it misses some of the exact top 10', explanation: 'One cell holds only part of the best items; more probes find more of them at the cost of scanning more vectors.' },
        { id: 'free', label: 'Faster and just as accurate', explanation: 'The best items all sat in the nearest cell for these queries.' },
      ],
      async run(status) {
        const worker = need();
        status('Training BPR…');
        await trainFor(worker, 'bpr', hyper(), status);
        onModelTrained('bpr');
        status('Building the IVF index and timing queries…');
        const rows = await worker.api.recallCurve('bpr', 'ivf');
        const one = rows.find((row) => row.kind === 'ivf' && row.parameter === 1);
        const eight = rows.find((row) => row.kind === 'ivf' && row.parameter === 8);
        const exact = rows[0];
        if (one === undefined || eight === undefined) {
          throw new Error('The index has fewer than 8 cells; generate more items');
        }
        return {
          findings: [
            `1 probe: recall@10 ${percent(one.recall)} of the exact top 10, ${one.msPerQuery.toFixed(3)} ms per query (median on this machine).`,
            `8 probes: recall@10 ${percent(eight.recall)}, ${eight.msPerQuery.toFixed(3)} ms per query.`,
            `Exact search over every item: ${exact.msPerQuery.toFixed(3)} ms per query.`,
          ],
          supported: eight.recall - one.recall > 0.01 ? 'tradeoff' : 'free',
        };
      },
    },
    {
      id: 'cold-start',
      title: 'A new item',
      question: 'A new video has no watches yet. Which model puts it among items of its own topic?',
      options: [
        { id: 'towers', label: 'The two-tower model, through its creator and tag features', explanation: 'BPR has only an untrained random vector for the item, so its neighbours are arbitrary; the two-tower model builds the vector from features it has learned.' },
        { id: 'both', label: 'Both do', explanation: 'Both models placed the item among its topic.' },
        { id: 'neither', label: 'Neither: no watches, no information', explanation: 'Neither model placed it well on this run.' },
      ],
      async run(status) {
        const worker = need();
        status('Training BPR…');
        const settings = hyper();
        await trainFor(worker, 'bpr', settings, status);
        status('Training the two-tower model…');
        await trainFor(worker, 'two-tower', settings, status);
        onModelTrained('bpr');
        onModelTrained('two-tower');
        const draws = [1, 2, 3, 4, 5];
        let bprShare = 0;
        let towerShare = 0;
        for (const draw of draws) {
          bprShare += (await worker.api.coldStart('bpr', draw)).sameTopicShare / draws.length;
          towerShare += (await worker.api.coldStart('two-tower', draw)).sameTopicShare / draws.length;
        }
        const good = (share: number): boolean => share >= 0.5;
        return {
          findings: [
            `BPR: on average ${percent(bprShare)} of a new item’s 10 nearest items share its true topic (5 new items).`,
            `Two-tower: ${percent(towerShare)} of the 10 nearest items share its true topic.`,
          ],
          supported: good(towerShare) && good(bprShare) ? 'both' : good(towerShare) ? 'towers' : 'neither',
        };
      },
    },
  ];
}

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'stage',
    question: 'What does the retrieval stage hand to the ranker?',
    options: [
      { id: 'all', label: 'Every item of the catalogue, each scored by the ranking model', correct: false, feedback: 'Scoring millions of items with the ranker per request is what retrieval exists to avoid.' },
      { id: 'few', label: 'A few hundred candidates chosen cheaply from all items', correct: true, feedback: 'Retrieval trades a little accuracy for speed so the expensive ranker only sees a short list.' },
      { id: 'one', label: 'The single item to show next, picked by a nearest-neighbour search', correct: false, feedback: 'Ranking, re-ranking and policy come after retrieval.' },
    ],
  },
  {
    id: 'inner-product',
    question: 'Why do these models score a user and an item by an inner product of two vectors?',
    options: [
      { id: 'accurate', label: 'An inner product scores a user–item pair more accurately than any other function', correct: false, feedback: 'A ranker that crosses user and item features scores better; the inner product is chosen because it can be searched fast.' },
      { id: 'ratings', label: 'Ratings are defined as inner products of a user vector and an item vector', correct: false, feedback: 'Ratings are observations; the inner product is the model’s assumption.' },
      { id: 'precompute', label: 'Item vectors can be computed once and searched with an index for any user', correct: true, feedback: 'The user and item sides never mix before the final dot product, so all item vectors are indexed ahead of time.' },
    ],
  },
  {
    id: 'recall',
    question: 'An IVF index returns 9 of the exact top 10 for a query. What is its recall@10?',
    options: [
      { id: '0.1', label: '0.1', correct: false, feedback: 'That is the share it missed: 1 of the exact top 10.' },
      { id: '0.9', label: '0.9', correct: true, feedback: 'recall@10 = |approximate top 10 ∩ exact top 10| / 10.' },
      { id: 'time', label: 'It depends on the query time', correct: false, feedback: 'Time is the other axis of the trade-off; recall counts only the items found.' },
    ],
  },
  {
    id: 'bpr',
    question: 'What does BPR learn that biased MF on ratings does not?',
    options: [
      { id: 'ratings', label: 'How many stars a user would give an item they have not rated yet', correct: false, feedback: 'BPR predicts no rating at all: its scores only order items for a user, so they cannot be read as stars.' },
      { id: 'features', label: 'Embeddings of item features such as creator and tag, shared across items', correct: false, feedback: 'Plain BPR has only user and item ids; the two-tower model adds features.' },
      { id: 'order', label: 'That a watched item should score above a random unwatched one', correct: true, feedback: 'BPR’s loss compares each positive with sampled negatives, which is the order retrieval needs.' },
    ],
  },
  {
    id: 'cold',
    question: 'Why does a two-tower model help with a brand-new item?',
    options: [
      { id: 'features', label: 'Its item vector is built from features such as creator and tag, known before any watch', correct: true, feedback: 'The id embedding is untrained, but the feature embeddings learned from other items place it near similar ones.' },
      { id: 'bigger', label: 'It has more parameters per item, so even an id seen once gets a good vector', correct: false, feedback: 'Parameters of an id that never appeared in training stay at their random start, however many there are.' },
      { id: 'ann', label: 'Its approximate search also returns items whose vectors are far from the user', correct: false, feedback: 'The index only searches the vectors it is given; a bad vector stays bad.' },
    ],
  },
  {
    id: 'map',
    question: 'On the embedding map, two items sit close together. What does that tell you?',
    options: [
      { id: 'same-topic', label: 'They certainly share a topic, since the map is drawn from the topic labels', correct: false, feedback: 'A 2-D projection of 32 dimensions can put distant vectors together, and the model never saw topics.' },
      { id: 'similar', label: 'The model scores them alike for most users, which usually means a similar audience', correct: true, feedback: 'Nearness in the projection reflects similar vectors, learned from who watched them; the ground-truth colours show whether that matches their true topics.' },
      { id: 'popular', label: 'They have about the same number of watches, because the map is laid out by popularity', correct: false, feedback: 'Popularity is mostly in the item bias and vector length, which a projection can hide.' },
    ],
  },
];
