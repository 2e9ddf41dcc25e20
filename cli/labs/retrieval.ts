import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseRatings } from '../../src/engine/io/movielens';
import { RETRIEVAL_MODELS, meanScores, type FoldScore, type RetrievalModelName } from '../../src/engine/retrieval/foldScores';
import { POSITIVE_RATING } from '../../src/engine/retrieval/ratingsImplicit';
import { describeBackendReport, useNodeBackend } from '../backend';
import { UsageError } from '../usage';
import type { CommonOptions, LabCommand, ProgressLog } from './types';

/** Default number of cross-validation folds. */
const DEFAULT_FOLDS = 5;

/**
 * Lab 3's models run headless on a ratings file: k-fold cross-validated
 * RMSE and MAE of biased MF, and recall@10 and NDCG@10 on held-out
 * positives for every model, as a table on stderr and CSV on stdout or in
 * `--out`.
 */
export const retrievalLab: LabCommand = {
  name: 'retrieval',
  summary: 'Lab 3, embeddings and retrieval: cross-validated biased MF, BPR and two-tower models on a ratings file (--ratings).',
  options: { folds: { type: 'string' }, seed: { type: 'string' }, models: { type: 'string' } },
  helpLines: () => [
    `  --folds N               Cross-validation folds, an integer from 2 to 20, default ${DEFAULT_FOLDS}.`,
    '  --seed N                Seed of the fold split and the initial factors, an integer from 0 to 2147483647, default 7.',
    `  --models LIST           Comma-separated models to run, default ${RETRIEVAL_MODELS.join(',')}.`,
    '  Needs --ratings FILE. Models: biased matrix factorisation (Koren, Bell and Volinsky 2009),',
    '  BPR implicit factorisation (Rendle et al. 2009) and a two-tower model with features.',
    '  BPR and two-tower predict no rating: they get recall@10 and NDCG@10 on held-out',
    `  ratings of ${POSITIVE_RATING} stars or more instead of RMSE and MAE.`,
  ],

  prepare(values, common) {
    const folds = readInteger(values.folds, 'folds', DEFAULT_FOLDS, 2, 20);
    const seed = readInteger(values.seed, 'seed', 7, 0, 2 ** 31 - 1);
    const models = readModels(values.models);
    if (common.ratings === undefined) {
      throw new UsageError('--lab retrieval needs a ratings file: add --ratings FILE (MovieLens u.data or ratings.csv)');
    }
    const ratingsPath = common.ratings;
    return { params: { folds, seed, models }, run: (log) => runRetrieval(ratingsPath, folds, seed, models, common, log) };
  },
};

function readInteger(text: string | boolean | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`Invalid value for --${flag}: ${JSON.stringify(text)}; expected an integer from ${min} to ${max}`);
  }
  return value;
}

function readModels(text: string | boolean | undefined): RetrievalModelName[] {
  if (text === undefined) {
    return [...RETRIEVAL_MODELS];
  }
  const names = typeof text === 'string' ? text.split(',').map((name) => name.trim()) : [];
  const unknown = names.filter((name) => !(RETRIEVAL_MODELS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0 || names.some((name) => name === '')) {
    throw new UsageError(`Invalid value for --models: ${JSON.stringify(text)}; expected a comma-separated list of ${RETRIEVAL_MODELS.join(', ')}`);
  }
  return [...new Set(names)] as RetrievalModelName[];
}

async function runRetrieval(path: string, folds: number, seed: number, models: RetrievalModelName[], common: CommonOptions, log: ProgressLog): Promise<string> {
  const backend = await useNodeBackend(common.backend);
  const data = parseRatings(await readFile(path, 'utf8'), basename(path));
  log(`retrieval: ${data.rating.length} ratings, ${data.userIds.length} users, ${data.itemIds.length} items; ${folds}-fold cross-validation; backend ${describeBackendReport(backend)}`);

  const { crossValidateModels } = await import('../../src/engine/retrieval/crossValidateModels');
  const { Random } = await import('../../src/engine/random');
  const started = performance.now();
  const scores = await crossValidateModels(data, folds, new Random(seed), models, {}, (score) => {
    log(`${score.model} fold ${score.fold + 1}/${folds} done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  });

  for (const line of formatTable(scores, models, folds)) {
    log(line);
  }
  return formatCsv(scores, models);
}

/** Prints a metric, or "-" where the model has none. */
function cell(value: number, width: number): string {
  return (Number.isNaN(value) ? '-' : value.toFixed(4)).padStart(width);
}

function formatTable(scores: FoldScore[], models: RetrievalModelName[], folds: number): string[] {
  const lines = ['', 'model       folds    RMSE     MAE  recall@10  NDCG@10'];
  for (const model of models) {
    const mean = meanScores(scores, model);
    lines.push(`${model.padEnd(10)}  ${String(folds).padStart(5)}  ${cell(mean.rmse, 6)}  ${cell(mean.mae, 6)}  ${cell(mean.recall, 9)}  ${cell(mean.ndcg, 7)}`);
  }
  lines.push(
    `RMSE and MAE: rating error on held-out ratings; "-" for bpr and two-tower, which predict no rating.`,
    `recall@10 and NDCG@10: held-out ratings of ${POSITIVE_RATING}+ stars among each user's top 10, items rated in training left out.`,
  );
  return lines;
}

function formatCsv(scores: FoldScore[], models: RetrievalModelName[]): string {
  const text = (value: number): string => (Number.isNaN(value) ? '' : String(value));
  const lines = ['model,fold,rmse,mae,recall_at_10,ndcg_at_10,train_ratings,test_ratings'];
  for (const model of models) {
    for (const row of scores.filter((score) => score.model === model)) {
      lines.push(`${model},${row.fold + 1},${text(row.rmse)},${text(row.mae)},${text(row.recall)},${text(row.ndcg)},${row.trainRatings},${row.testRatings}`);
    }
    const mean = meanScores(scores, model);
    lines.push(`${model},mean,${text(mean.rmse)},${text(mean.mae)},${text(mean.recall)},${text(mean.ndcg)},,`);
  }
  return `${lines.join('\n')}\n`;
}
