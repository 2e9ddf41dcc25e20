import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import { CriteoImportError } from '../../src/engine/io/criteo';
import type { EngineLogger } from '../../src/worker/engineApi';
import { createRankingApi } from '../../src/worker/rankingApi';
import { MAX_CANDIDATES } from '../../src/worker/rankingData';
import type { TrainProgress, TrainRequest } from '../../src/worker/rankingProtocol';
import { criteoFixture } from '../io/criteoFixture';

const SMALL = { seed: 5, samples: 3_000, users: 30, items: 60, creators: 10, topics: 4, feedSize: 5 };
const REQUEST: TrainRequest = { models: ['lr', 'fm'], tasks: ['click', 'conversion'], seed: 11, options: { epochs: 2, embeddingDim: 4, hidden: [8] } };

function quietLogger(): EngineLogger {
  const ignore = () => undefined;
  return { debug: ignore, info: ignore, warn: ignore, error: ignore };
}

async function startedApi() {
  const api = createRankingApi({ candidates: NODE_BACKENDS, log: quietLogger() });
  await api.init({ backend: 'wasm' });
  return api;
}

function fileOf(name: string, text: string) {
  return { name, text: async () => text };
}

describe('createRankingApi', () => {
  let api: Awaited<ReturnType<typeof startedApi>>;

  beforeAll(async () => {
    api = await startedApi();
  });

  it('summarises a synthetic data set', async () => {
    const summary = await api.loadSynthetic(SMALL, 0.25);
    expect(summary.source).toBe('synthetic');
    expect(summary.samples).toBe(3_000);
    expect(summary.trainRows + summary.testRows).toBe(3_000);
    expect(summary.testRows).toBe(750);
    expect(summary.tasks).toEqual(['click', 'conversion', 'watch']);
    expect(summary.hasTruth).toBe(true);
    expect(summary.bayes.map((entry) => entry.task)).toEqual(['click', 'conversion', 'watch']);
    expect(summary.bayes[0].auc).toBeGreaterThan(0.5);
    expect(summary.contexts.length).toBeGreaterThan(0);
    expect(summary.contexts[0].label).toMatch(/^user \d+ \(\d+ items from the test period\)$/);
  });

  it('trains every model on every task and scores it', async () => {
    await api.loadSynthetic(SMALL, 0.25);
    const progress: TrainProgress[] = [];
    const result = await api.train(REQUEST, 1, (value) => progress.push(value));

    expect(result.cancelled).toBe(false);
    expect(result.jobs.map((job) => `${job.model}/${job.task}/${job.status}`)).toEqual(['lr/click/done', 'fm/click/done', 'lr/conversion/done', 'fm/conversion/done']);
    expect(result.jobs.every((job) => job.epochs.length === 2)).toBe(true);
    expect(result.scores).toHaveLength(4);
    for (const score of result.scores) {
      expect(score.auc, `${score.model}/${score.task} AUC`).toBeGreaterThan(0.3);
      expect(score.logLoss, `${score.model}/${score.task} log loss`).toBeGreaterThan(0);
      expect(score.calibration).toHaveLength(10);
    }
    const conversion = result.scores.find((score) => score.task === 'conversion');
    const click = result.scores.find((score) => score.task === 'click');
    expect(conversion?.rows).toBeLessThan(click?.rows ?? 0);
    expect(result.bayes.map((entry) => entry.task)).toEqual(['click', 'conversion']);
    expect(result.bayes[0].auc).toBeGreaterThan(0.5);
    expect(progress.at(-1)?.scores).toHaveLength(4);
  });

  it('gives the same scores for the same seed', async () => {
    await api.loadSynthetic(SMALL, 0.25);
    const request: TrainRequest = { ...REQUEST, models: ['lr'], tasks: ['click'] };
    const first = await api.train(request, 2);
    const second = await api.train(request, 3);
    expect(second.scores[0].auc).toBe(first.scores[0].auc);
    expect(second.scores[0].logLoss).toBe(first.scores[0].logLoss);
  });

  it('stops a cancelled run after the current epoch', async () => {
    await api.loadSynthetic(SMALL, 0.25);
    let cancelled = false;
    const result = await api.train({ ...REQUEST, options: { ...REQUEST.options, epochs: 3 } }, 4, (progress) => {
      if (!cancelled && progress.jobs[0].epochs.length >= 1) {
        cancelled = true;
        void api.cancel(4);
      }
    });
    expect(result.cancelled).toBe(true);
    expect(result.scores.length).toBeLessThan(4);
    expect(result.jobs.some((job) => job.status === 'cancelled')).toBe(true);
  });

  it('skips a run cancelled before it starts', async () => {
    await api.cancel(5);
    const result = await api.train(REQUEST, 5);
    expect(result.cancelled).toBe(true);
    expect(result.scores).toEqual([]);
  });

  it('ranks candidates at the top slot with predictions and truth', async () => {
    const summary = await api.loadSynthetic(SMALL, 0.25);
    await expect(api.rankCandidates(summary.contexts[0].id, 'lr')).rejects.toThrow('lr has not been trained on this data set yet; train it first');
    await api.train({ ...REQUEST, models: ['lr'], tasks: ['click', 'conversion', 'watch'] }, 6);

    const list = await api.rankCandidates(summary.contexts[0].id, 'lr');
    expect(list.candidates.length).toBeGreaterThan(0);
    expect(list.candidates.length).toBeLessThanOrEqual(MAX_CANDIDATES);
    for (const candidate of list.candidates) {
      expect(candidate.predicted.pCTR).toBeGreaterThan(0);
      expect(candidate.predicted.pCVR).toBeGreaterThan(0);
      expect(candidate.predicted.watch).toBeGreaterThan(0);
      expect(candidate.truth?.pCTR).toBeGreaterThan(0);
      expect(candidate.truth?.pCTR).toBeLessThanOrEqual(1);
      expect(candidate.description).toMatch(/^item \d+/);
    }
    await expect(api.rankCandidates(9_999, 'lr')).rejects.toThrow('context 9999 does not exist');
  });

  it('keeps the data set and models when a file is rejected', async () => {
    const before = await api.loadSynthetic(SMALL, 0.25);
    await api.train({ ...REQUEST, models: ['lr'], tasks: ['click'] }, 7);
    const ranked = await api.rankCandidates(before.contexts[0].id, 'lr');
    const broken = `${criteoFixture(3)}1\t2\n`;

    const rejection = api.importCriteo(fileOf('broken.txt', broken));
    await expect(rejection).rejects.toBeInstanceOf(CriteoImportError);
    await expect(rejection).rejects.toThrow(/^Line 4, field /);

    const after = await api.rankCandidates(before.contexts[0].id, 'lr');
    expect(after).toEqual(ranked);
  });

  it('imports a Criteo file without truth', async () => {
    const progress: number[] = [];
    const summary = await api.importCriteo(fileOf('day_0.txt', criteoFixture(400)), 0.25, (value) => progress.push(value.fraction));
    expect(summary.source).toBe('criteo');
    expect(summary.fileName).toBe('day_0.txt');
    expect(summary.samples).toBe(400);
    expect(summary.tasks).toEqual(['click']);
    expect(summary.hasTruth).toBe(false);
    expect(summary.bayes).toEqual([]);
    expect(summary.fields).toHaveLength(39);
    expect(summary.contexts[0].label).toBe('test rows 1–10');
    expect(progress.at(-1)).toBe(1);

    const result = await api.train({ ...REQUEST, models: ['lr'], tasks: ['click'] }, 9);
    expect(result.bayes).toEqual([]);
    const list = await api.rankCandidates(0, 'lr');
    expect(list.candidates).toHaveLength(MAX_CANDIDATES);
    expect(list.candidates[0].truth).toBeUndefined();
  });

  it('rejects an empty request', async () => {
    await expect(api.train({ ...REQUEST, models: [] }, 10)).rejects.toThrow('choose at least one model');
    await expect(api.train({ ...REQUEST, tasks: [] }, 11)).rejects.toThrow('choose at least one task');
  });
});
