/**
 * Lab 3's settings, kept in the URL (`#/lab/embeddings-retrieval?model=bpr&dim=32`)
 * through one zod schema, so a copied address reopens the lab as it was.
 */
import { z } from 'zod';
import { fieldsFromSchema } from '../../state/urlFields';

export const retrievalSettingsSchema = z.object({
  mode: z.enum(['guided', 'sandbox']),
  seed: z.number().int().min(0).max(2_147_483_647),
  users: z.number().int().min(50).max(5_000),
  items: z.number().int().min(200).max(50_000),
  topics: z.number().int().min(2).max(40),
  watches: z.number().int().min(5).max(200),
  model: z.enum(['biased-mf', 'bpr', 'two-tower']),
  dim: z.number().int().min(2).max(128),
  epochs: z.number().int().min(1).max(100),
  lr: z.number().min(0.0001).max(0.5),
  l2: z.number().min(0).max(1),
  negatives: z.number().int().min(1).max(20),
  map: z.enum(['pca', 'umap']),
  colour: z.enum(['topic', 'creator', 'cell']),
  index: z.enum(['exact', 'ivf', 'hnsw']),
  probes: z.number().int().min(1).max(200),
  ef: z.number().int().min(10).max(500),
  user: z.number().int().min(0).max(4_999),
});

export type RetrievalSettings = z.infer<typeof retrievalSettingsSchema>;

export const RETRIEVAL_FIELDS = fieldsFromSchema(retrievalSettingsSchema);

/**
 * 10,000 items so the map shows the size the lab is about. 1,000 users with
 * 60 watches each give about 5 watches per item, the least with which BPR
 * found about 30% of the true top 100 (seed 7, 10 epochs).
 */
export const RETRIEVAL_DEFAULTS: RetrievalSettings = {
  mode: 'guided',
  seed: 7,
  users: 1_000,
  items: 10_000,
  topics: 12,
  watches: 60,
  model: 'bpr',
  dim: 32,
  epochs: 8,
  lr: 0.05,
  l2: 0.01,
  negatives: 4,
  map: 'pca',
  colour: 'topic',
  index: 'ivf',
  probes: 4,
  ef: 40,
  user: 0,
};
