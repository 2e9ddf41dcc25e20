/**
 * Presentation of each simulation parameter: label, unit, input step and a
 * one-line help. Types and ranges come from `feedMachineSchema` through the
 * URL field table; this record only adds words, and its type makes it cover
 * every schema key.
 */
import type { FeedMachineParams } from '../../engine/scenarios/feedMachine';

export interface ParameterInfo {
  label: string;
  /** Unit or symbol shown after the label, for example "ε". */
  unit?: string;
  /** Step of the number input's arrows. */
  step: number;
  help: string;
  /** Shown under "Advanced" rather than with the main controls. */
  advanced: boolean;
}

export const PARAMETER_INFO: Record<keyof FeedMachineParams, ParameterInfo> = {
  seed: { label: 'Seed', step: 1, help: 'Every random draw of the run derives from it; the same seed gives the same numbers.', advanced: false },
  users: { label: 'Users', step: 100, help: 'Synthetic users (a ratings file sets its own).', advanced: false },
  items: { label: 'Items', step: 500, help: 'Short videos in the catalogue.', advanced: false },
  epsilon: { label: 'Exploration', unit: 'ε', step: 0.05, help: 'Share of feed slots filled with random unseen items.', advanced: false },
  retrainEvery: { label: 'Retrain period', unit: 'ticks', step: 1, help: 'The models retrain every this many ticks; 0 never retrains.', advanced: false },
  diversityWeight: { label: 'Diversity weight', unit: 'λ', step: 0.1, help: 'MMR penalty for resembling items placed above.', advanced: false },
  creators: { label: 'Creators', step: 10, help: 'Each item belongs to one creator.', advanced: true },
  topics: { label: 'Topics', step: 1, help: 'Latent topics of the world.', advanced: true },
  feedSize: { label: 'Feed size', unit: 'K', step: 1, help: 'Items in each served feed.', advanced: true },
  driftRate: { label: 'Drift rate', unit: 'η', step: 0.01, help: 'How far a fully watched item pulls true interests toward its topics.', advanced: true },
  clickWeight: { label: 'Click weight', step: 0.1, help: 'Weight of predicted click probability in the ranking score.', advanced: true },
  watchWeight: { label: 'Watch weight', step: 0.1, help: 'Weight of predicted watch fraction in the ranking score.', advanced: true },
  embeddingDim: { label: 'Embedding dimension', step: 1, help: 'Size of the user and item vectors used for retrieval.', advanced: true },
};
