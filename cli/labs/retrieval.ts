import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseRatings } from '../../src/engine/io/movielens';
import { describeBackendReport, useNodeBackend } from '../backend';
import { UsageError } from '../usage';
import type { CommonOptions, LabCommand, ProgressLog } from './types';

/** Default number of cross-validation folds. */
const DEFAULT_FOLDS = 5;

/**
 * Lab 3's models run headless on a ratings file: k-fold cross-validated RMSE
 * and MAE of each factorisation model, as a table on stderr and CSV on
 * stdout or in `--out`.
 */
export const retrievalLab: LabCommand = {
  name: 'retrieval',
  summary: 'Lab 3, embeddings and retrieval: cross-validated RMSE and MAE of rating factorisation on a ratings file (--ratings).',
  options: { folds: { type: 'string' }, seed: { type: 'string' } },
  helpLines: () => [
    `  --folds N               Cross-validation folds, an integer from 2 to 20, default ${DEFAULT_FOLDS}.`,
    '  --seed N                Seed of the fold split and the initial factors, an integer from 0 to 2147483647, default 7.',
    '  Needs --ratings FILE. Models: biased matrix factorisation (Koren, Bell and Volinsky 2009).',
  ],

  prepare(values, common) {
    const folds = readInteger(values.folds, 'folds', DEFAULT_FOLDS, 2, 20);
    const seed = readInteger(values.seed, 'seed', 7, 0, 2 ** 31 - 1);
    if (common.ratings === undefined) {
      throw new UsageError('--lab retrieval needs a ratings file: add --ratings FILE (MovieLens u.data or ratings.csv)');
    }
    const ratingsPath = common.ratings;
    return { params: { folds, seed }, run: (log) => runRetrieval(ratingsPath, folds, seed, common, log) };
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

async function runRetrieval(path: string, folds: number, seed: number, common: CommonOptions, log: ProgressLog): Promise<string> {
  const backend = await useNodeBackend(common.backend);
  const data = parseRatings(await readFile(path, 'utf8'), basename(path));
  log(`retrieval: ${data.rating.length} ratings, ${data.userIds.length} users, ${data.itemIds.length} items; ${folds}-fold cross-validation; backend ${describeBackendReport(backend)}`);

  const { crossValidate } = await import('../../src/engine/evaluation/crossValidation');
  const { BiasedMatrixFactorisation } = await import('../../src/engine/models/biasedMatrixFactorisation');
  const { Random } = await import('../../src/engine/random');
  const rng = new Random(seed);
  const started = performance.now();

  const result = await crossValidate(data, folds, rng, 'biased-mf', async (train, fold) => {
    const model = new BiasedMatrixFactorisation(data.userIds.length, data.itemIds.length);
    await model.fit(train, rng.fork(`biased-mf:${fold}`));
    log(`biased-mf fold ${fold + 1}/${folds} trained (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return (user, item) => model.predict(user, item);
  });

  log('');
  log('model       folds  RMSE    MAE');
  log(`${result.model.padEnd(10)}  ${String(folds).padStart(5)}  ${result.meanRmse.toFixed(4)}  ${result.meanMae.toFixed(4)}`);

  const lines = ['model,fold,rmse,mae,train_ratings,test_ratings'];
  for (const row of result.folds) {
    lines.push(`${result.model},${row.fold + 1},${row.rmse},${row.mae},${row.trainRatings},${row.testRatings}`);
  }
  lines.push(`${result.model},mean,${result.meanRmse},${result.meanMae},,`);
  return `${lines.join('\n')}\n`;
}
