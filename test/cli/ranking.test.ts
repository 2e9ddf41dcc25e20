import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSim } from './runSim';
import { criteoFixture } from '../io/criteoFixture';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import { RANKING_DEFAULTS, syntheticOptions, trainRequestOf, type RankingSettings } from '../../src/labs/ranking/rankingUrl';
import { createRankingApi } from '../../src/worker/rankingApi';

const folder = mkdtempSync(join(tmpdir(), 'feedlab-ranking-'));

/** A small synthetic log and one epoch, so each run takes a few seconds. */
const SMALL_LOG = ['--lab', 'ranking', '--samples', '3000', '--users', '20', '--items', '40', '--creators', '5', '--epochs', '1', '--backend', 'wasm'];
const HEADER = 'model,task,auc,log_loss,train_rows,test_rows,train_seconds,samples_per_second';

describe('sim CLI --lab ranking', () => {
  it('prints Bayes-optimal and model rows on synthetic data', { timeout: 60_000 }, async () => {
    const result = await runSim([...SMALL_LOG, '--model', 'fm', '--task', 'watch']);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^bayes-optimal,watch,0\.\d+,0\.\d+,2400,600,/);
    expect(lines[2]).toMatch(/^fm,watch,0\.\d+,0\.\d+,2400,600,\d+\.\d{3},\d+$/);
    expect(result.stderr).toMatch(/model\s+AUC\s+log loss/);
    expect(result.stderr).toMatch(/backend wasm \(/);
  });

  it('matches the page worker exactly', { timeout: 120_000 }, async () => {
    // The page's settings for the same log: every model, the click task only, one epoch.
    const settings: RankingSettings = { ...RANKING_DEFAULTS, samples: 3000, users: 20, items: 40, epochs: 1, lr: true, fm: true, wideDeep: true, deepfm: true, conversion: false, watch: false };
    const ignore = () => undefined;
    const api = createRankingApi({ candidates: NODE_BACKENDS, log: { debug: ignore, info: ignore, warn: ignore, error: ignore } });
    await api.init({ backend: 'wasm' });
    const dataset = await api.loadSynthetic(syntheticOptions(settings), settings.testShare);
    const page = await api.train(trainRequestOf(settings, dataset), 1);

    const result = await runSim(['--lab', 'ranking', '--samples', '3000', '--users', '20', '--items', '40', '--epochs', '1', '--backend', 'wasm', '--model', 'all']);
    expect(result.code).toBe(0);
    const cli = new Map(
      result.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','))
        .map(([model, , auc, logLoss]) => [model, { auc: Number(auc), logLoss: Number(logLoss) }]),
    );

    expect(page.scores.map((score) => score.model)).toEqual(['lr', 'fm', 'wide-deep', 'deepfm']);
    for (const score of page.scores) {
      expect(cli.get(score.model)?.auc, `${score.model} AUC`).toBe(score.auc);
      expect(cli.get(score.model)?.logLoss, `${score.model} log loss`).toBe(score.logLoss);
    }
    expect(cli.get('bayes-optimal')?.auc).toBe(page.bayes[0].auc);
  });

  it('reads a Criteo-style file into --out', { timeout: 60_000 }, async () => {
    const ctr = join(folder, 'clicks.txt');
    const out = join(folder, 'ranking.csv');
    writeFileSync(ctr, criteoFixture(400, 9, true));
    const result = await runSim(['--lab', 'ranking', '--ctr', ctr, '--model', 'deepfm', '--epochs', '1', '--hash-buckets', '32', '--backend', 'wasm', '--out', out]);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^deepfm,click,0\.\d+,\d+\.\d+,320,80,/);
    expect(result.stderr).toContain('clicks.txt: 400 impressions, 39 fields, 32 hash buckets');
  });

  it('names the line and field of a broken file', { timeout: 60_000 }, async () => {
    const ctr = join(folder, 'broken.txt');
    const lines = criteoFixture(5, 4).trimEnd().split('\n');
    lines[3] = lines[3].split('\t').slice(0, 20).join('\t');
    writeFileSync(ctr, lines.join('\n'));
    const result = await runSim(['--lab', 'ranking', '--ctr', ctr, '--model', 'lr', '--backend', 'wasm']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Line 4, field C7: missing; the line has 20 columns');
  });

  it('rejects an unknown model', async () => {
    const result = await runSim(['--lab', 'ranking', '--model', 'gbdt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value for --model: "gbdt"; expected one of lr, fm, wide-deep, deepfm, all (default all)');
  });

  it('rejects a task that a file cannot have', async () => {
    const ctr = join(folder, 'clicks-only.txt');
    writeFileSync(ctr, criteoFixture(10, 2));
    const result = await runSim(['--lab', 'ranking', '--ctr', ctr, '--task', 'watch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('click labels only, so use --task click');
  });

  it('rejects a malformed cross', async () => {
    const result = await runSim(['--lab', 'ranking', '--crosses', 'user-item']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid cross "user-item" in --crosses');
  });
});
