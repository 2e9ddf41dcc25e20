import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { CTR_MODEL_KINDS, CTR_TRAIN_DEFAULTS } from '../../src/engine/ctr/modelInfo';
import { parseSyntheticCtrOptions, SYNTHETIC_CTR_DEFAULTS, syntheticCtrSchema, type SyntheticCtrOptions } from '../../src/engine/ctr/synthetic';
import type { CtrDataset, CtrModelKind, CtrTask, CtrTrainOptions, FieldCross } from '../../src/engine/ctr/types';
import { DEFAULT_HASH_BUCKETS } from '../../src/engine/io/criteo';
import { describeBackendReport, useNodeBackend } from '../backend';
import { describeFlags, flagsFromSchema, parseArgsOptions, readSchemaFlags } from '../schemaFlags';
import { UsageError, type FlagValues } from '../usage';
import type { CommonOptions, LabCommand, ProgressLog } from './types';

/** Numeric training flags of the lab, beside the synthetic data set's flags. */
const rankingRunSchema = z.object({
  testShare: z.number().gt(0).lt(1).describe('Share of the latest impressions held out for testing (time-based split).'),
  epochs: z.number().int().min(1).max(200).describe('Passes over the training rows.'),
  batchSize: z.number().int().min(1).max(65_536).describe('Rows per Adam step.'),
  learningRate: z.number().gt(0).max(1).describe('Adam learning rate.'),
  l2: z.number().min(0).max(1).describe('L2 penalty on the weights and embeddings each sample uses.'),
  embeddingDim: z.number().int().min(1).max(128).describe('Embedding dimension k (FM, Wide & Deep, DeepFM).'),
  hashBuckets: z.number().int().min(2).max(1 << 20).describe('Hash buckets per categorical field of a --ctr file.'),
});

type RankingRunOptions = z.infer<typeof rankingRunSchema>;

const RUN_DEFAULTS: RankingRunOptions = {
  testShare: 0.2,
  epochs: CTR_TRAIN_DEFAULTS.epochs,
  batchSize: CTR_TRAIN_DEFAULTS.batchSize,
  learningRate: CTR_TRAIN_DEFAULTS.learningRate,
  l2: CTR_TRAIN_DEFAULTS.l2,
  embeddingDim: CTR_TRAIN_DEFAULTS.embeddingDim,
  hashBuckets: DEFAULT_HASH_BUCKETS,
};

const dataFlags = flagsFromSchema(syntheticCtrSchema, SYNTHETIC_CTR_DEFAULTS);
const runFlags = flagsFromSchema(rankingRunSchema, RUN_DEFAULTS);
const TASKS: readonly CtrTask[] = ['click', 'conversion', 'watch'];

/** A validated `--lab ranking` run. */
interface RankingRun {
  models: CtrModelKind[];
  task: CtrTask;
  /** Criteo-style file; the synthetic log when absent. */
  ctrPath?: string;
  data: SyntheticCtrOptions;
  run: RankingRunOptions;
  train: Partial<CtrTrainOptions>;
}

/**
 * Lab 4's models run headless: each model trains on the earlier impressions
 * and is scored on the latest ones (AUC and log loss), as a table on stderr
 * and CSV on stdout or in `--out`. On the synthetic log the Bayes-optimal
 * row (the simulator's true probabilities) comes first.
 */
export const rankingLab: LabCommand = {
  name: 'ranking',
  summary: 'Lab 4, ranking: AUC and log loss of LR, FM, Wide & Deep and DeepFM on a time split (synthetic log or --ctr FILE).',
  options: {
    ...parseArgsOptions(dataFlags),
    ...parseArgsOptions(runFlags),
    model: { type: 'string' },
    task: { type: 'string' },
    ctr: { type: 'string' },
    fields: { type: 'string' },
    crosses: { type: 'string' },
    hidden: { type: 'string' },
  },
  helpLines: () => [
    helpLine('--model NAME', `Model to train: ${CTR_MODEL_KINDS.join(', ')} or all (default all).`),
    helpLine('--task NAME', `Target: ${TASKS.join(', ')} (default click). A --ctr file has click labels only.`),
    helpLine('--ctr FILE', 'Criteo-style click log (tab-separated label, I1-I13, C1-C26; header optional) instead of the synthetic log.'),
    helpLine('--fields LIST', 'Comma-separated fields the models use, e.g. user,item,item_topic (default every field).'),
    helpLine('--crosses LIST', 'Field crosses of the wide part (lr, wide-deep), e.g. user:item_topic,item:position.'),
    helpLine('--hidden LIST', `Hidden layer sizes of the deep part, e.g. 32,16 (default ${CTR_TRAIN_DEFAULTS.hidden.join(',')}).`),
    ...describeFlags(runFlags),
    '  Synthetic log (ignored with --ctr):',
    ...describeFlags(dataFlags),
  ],

  prepare(values, common) {
    const ctrPath = readCtrPath(values.ctr);
    let data: SyntheticCtrOptions;
    let run: RankingRunOptions;
    try {
      data = parseSyntheticCtrOptions(readSchemaFlags(dataFlags, values));
      run = rankingRunSchema.parse({ ...RUN_DEFAULTS, ...readSchemaFlags(runFlags, values) });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const task = readChoice(values.task, 'task', TASKS, 'click');
    if (ctrPath !== undefined && task !== 'click') {
      throw new UsageError(`Invalid value for --task: "${task}" with --ctr; a Criteo-style file has click labels only, so use --task click`);
    }
    const model = readChoice(values.model, 'model', [...CTR_MODEL_KINDS, 'all'], 'all');
    const train: Partial<CtrTrainOptions> = {
      epochs: run.epochs,
      batchSize: run.batchSize,
      learningRate: run.learningRate,
      l2: run.l2,
      embeddingDim: run.embeddingDim,
      useFields: readList(values.fields),
      crosses: readCrosses(values.crosses),
      hidden: readHidden(values.hidden),
    };
    const prepared: RankingRun = { models: model === 'all' ? [...CTR_MODEL_KINDS] : [model], task, ctrPath, data, run, train };
    return { params: { ...prepared }, run: (log) => runRanking(prepared, common, log) };
  },
};

/** Formats one help line in the columns of `describeFlags`. */
function helpLine(flag: string, text: string): string {
  return `  ${flag.padEnd(21)}${text}`;
}

function readCtrPath(value: FlagValues[string]): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const stats = statSync(value, { throwIfNoEntry: false });
  if (stats === undefined || !stats.isFile()) {
    throw new UsageError(`Invalid value for --ctr: ${JSON.stringify(value)}: ${stats === undefined ? 'file not found' : 'not a file'}; expected the path of a Criteo-style click log`);
  }
  return value;
}

function readChoice<T extends string>(value: FlagValues[string], flag: string, choices: readonly T[], fallback: T): T {
  if (typeof value !== 'string') {
    return fallback;
  }
  const choice = choices.find((candidate) => candidate === value.trim());
  if (choice === undefined) {
    throw new UsageError(`Invalid value for --${flag}: ${JSON.stringify(value)}; expected one of ${choices.join(', ')} (default ${fallback})`);
  }
  return choice;
}

function readList(value: FlagValues[string]): string[] {
  return typeof value === 'string' ? value.split(',').map((name) => name.trim()).filter((name) => name !== '') : [];
}

function readCrosses(value: FlagValues[string]): FieldCross[] {
  return readList(value).map((pair) => {
    const [a, b, ...rest] = pair.split(':').map((name) => name.trim());
    if (a === undefined || b === undefined || a === '' || b === '' || rest.length > 0) {
      throw new UsageError(`Invalid cross ${JSON.stringify(pair)} in --crosses; expected two field names joined by a colon, as in user:item_topic`);
    }
    return { a, b };
  });
}

function readHidden(value: FlagValues[string]): number[] {
  if (typeof value !== 'string') {
    return CTR_TRAIN_DEFAULTS.hidden;
  }
  const sizes = readList(value).map(Number);
  if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1 || size > 1024)) {
    throw new UsageError(`Invalid value for --hidden: ${JSON.stringify(value)}; expected comma-separated integers from 1 to 1024, such as 32,16`);
  }
  return sizes;
}

/** One row of the result table and CSV. */
interface ResultRow {
  model: string;
  auc: number;
  logLoss: number;
  seconds: number;
  samplesPerSecond: number;
}

async function runRanking(prepared: RankingRun, common: CommonOptions, log: ProgressLog): Promise<string> {
  for (const flag of ['ticks', 'ratings']) {
    if (common.explicitFlags.has(flag)) {
      log(`note: --${flag} is ignored by --lab ranking`);
    }
  }
  const backend = await useNodeBackend(common.backend);
  const data = await loadData(prepared, log);
  const { timeSplit, taskLabels, taskRows } = await import('../../src/engine/ctr/split');
  const { bayesOptimal, evaluatePredictions } = await import('../../src/engine/ctr/evaluate');
  const { createCtrModel, ctrTrainingRandom } = await import('../../src/engine/ctr/models');

  const { train, test } = timeSplit(data, prepared.run.testShare);
  const testRows = taskRows(data, prepared.task, test);
  const labels = taskLabels(data, prepared.task);
  log(`ranking: task ${prepared.task}, ${train.length} training and ${test.length} test impressions (time split), backend ${describeBackendReport(backend)}`);

  const rows: ResultRow[] = [];
  const bayes = bayesOptimal(data, prepared.task, test);
  if (bayes !== null) {
    rows.push({ model: 'bayes-optimal', ...bayes, seconds: 0, samplesPerSecond: Number.NaN });
  }
  for (const kind of prepared.models) {
    const started = performance.now();
    const model = createCtrModel(kind, data, prepared.train);
    try {
      const reports = await model.fit(data, train, prepared.task, ctrTrainingRandom(prepared.data.seed, kind), (report) => {
        log(`${kind} epoch ${report.epoch}: train loss ${report.trainLoss.toFixed(4)}, ${Math.round(report.samplesPerSecond)} samples/s`);
      });
      const result = evaluatePredictions(labels, await model.predict(data, testRows), testRows);
      const samplesPerSecond = reports.reduce((sum, report) => sum + report.samplesPerSecond, 0) / reports.length;
      rows.push({ model: kind, auc: result.auc, logLoss: result.logLoss, seconds: (performance.now() - started) / 1000, samplesPerSecond });
    } finally {
      model.dispose();
    }
  }

  log('');
  log('model           AUC     log loss  train s  samples/s');
  for (const row of rows) {
    const speed = Number.isNaN(row.samplesPerSecond) ? '' : String(Math.round(row.samplesPerSecond));
    log(`${row.model.padEnd(14)}  ${row.auc.toFixed(4)}  ${row.logLoss.toFixed(4).padStart(8)}  ${row.seconds.toFixed(1).padStart(7)}  ${speed.padStart(9)}`);
  }

  const lines = ['model,task,auc,log_loss,train_rows,test_rows,train_seconds,samples_per_second'];
  for (const row of rows) {
    const speed = Number.isNaN(row.samplesPerSecond) ? '' : row.samplesPerSecond.toFixed(0);
    lines.push(`${row.model},${prepared.task},${row.auc},${row.logLoss},${train.length},${testRows.length},${row.seconds.toFixed(3)},${speed}`);
  }
  return `${lines.join('\n')}\n`;
}

async function loadData(prepared: RankingRun, log: ProgressLog): Promise<CtrDataset> {
  if (prepared.ctrPath === undefined) {
    const { generateCtrDataset } = await import('../../src/engine/ctr/synthetic');
    const data = generateCtrDataset(prepared.data);
    log(`synthetic log: seed ${prepared.data.seed}, ${data.length} impressions, ${prepared.data.users} users, ${prepared.data.items} items, ${prepared.data.topics} topics`);
    return data;
  }
  const { parseCriteo } = await import('../../src/engine/io/criteo');
  const text = await readFile(prepared.ctrPath, 'utf8');
  const data = parseCriteo(text, {
    hashBuckets: prepared.run.hashBuckets,
    onProgress: (fraction) => log(`reading ${basename(prepared.ctrPath ?? '')}: ${Math.round(fraction * 100)} %`),
  });
  log(`${basename(prepared.ctrPath)}: ${data.length} impressions, ${data.fields.length} fields, ${prepared.run.hashBuckets} hash buckets per categorical field`);
  return data;
}
