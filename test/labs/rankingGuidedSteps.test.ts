import { describe, expect, it } from 'vitest';
import type { CtrModelKind, CtrTask } from '../../src/engine/ctr/types';
import { createGuidedSteps, describeCalibrationCost, type StepRunner } from '../../src/labs/ranking/guidedSteps';
import type { ModelScore, TrainResult } from '../../src/worker/rankingProtocol';

function score(model: CtrModelKind, task: CtrTask, auc: number): ModelScore {
  return { model, task, auc, logLoss: 0.3, calibration: [], rows: 100, meanPredicted: 0.1, meanObserved: 0.1, meanSqrtPredicted: 0.3, trainSeconds: 1 };
}

function result(scores: ModelScore[], bayesAuc = 0.8): TrainResult {
  return {
    runId: 1,
    jobs: [],
    scores,
    bayes: [{ task: 'click', auc: bayesAuc, logLoss: 0.2 }],
    cancelled: false,
    backend: { active: 'wasm', trials: [], fallbacks: [] },
  };
}

/** Creates a runner that returns the results of `runs` in order, one per training call, and records the calls. */
function scriptedRunner(runs: TrainResult[], hasTruth = true) {
  const calls: { models: CtrModelKind[]; crosses: unknown; origin?: string }[] = [];
  const runner: StepRunner = {
    train: async (models, _tasks, options, origin) => {
      calls.push({ models, crosses: options?.crosses, origin });
      const next = runs.shift();
      if (next === undefined) {
        throw new Error('no scripted run left');
      }
      return { ...next, crosses: options?.crosses };
    },
    rankAll: async () => [],
    hasTruth: () => hasTruth,
  };
  return { runner, calls };
}

function step(runner: StepRunner, id: string) {
  const found = createGuidedSteps(runner).find((candidate) => candidate.id === id);
  if (found === undefined) {
    throw new Error(`no step ${id}`);
  }
  return found;
}

describe('Lab 4 guided steps', () => {
  it.each([
    [0.7, 0.75, 'fm'],
    [0.7, 0.702, 'same'],
    [0.75, 0.7, 'lr'],
  ])('LR %s against FM %s supports %s', async (lr, fm, supported) => {
    const { runner } = scriptedRunner([result([score('lr', 'click', lr), score('fm', 'click', fm)])]);
    const outcome = await step(runner, 'lr-vs-fm').run(() => undefined);
    expect(outcome.supported).toBe(supported);
    expect(outcome.findings[0]).toBe(`LR: test AUC ${lr.toFixed(4)}.`);
  });

  it.each([
    [0.79, 'close'],
    [0.77, 'medium'],
    [0.7, 'far'],
  ])('DeepFM at %s under a Bayes AUC of 0.8 is %s', async (auc, supported) => {
    const { runner } = scriptedRunner([result([score('deepfm', 'click', auc)])]);
    const outcome = await step(runner, 'deepfm-bayes').run(() => undefined);
    expect(outcome.supported).toBe(supported);
  });

  it('trains LR without and with the cross', async () => {
    const { runner, calls } = scriptedRunner([result([score('lr', 'click', 0.7)]), result([score('lr', 'click', 0.74)])]);
    const outcome = await step(runner, 'cross').run(() => undefined);
    expect(calls.map((call) => call.crosses)).toEqual([[], [{ a: 'user', b: 'item_topic' }]]);
    expect(calls[1].origin).toBe('step 3 (A cross for the wide part)');
    expect(outcome.supported).toBe('gain');
    expect(outcome.findings[1]).toBe('LR with user × item_topic: 0.7400 (+0.0400).');
    expect(outcome.findings[2]).toBe('The results and the ranked list now show this run: LR + user×item_topic on pCTR only.');
  });

  it('counts users whose order changes with inflated pCTR', async () => {
    const { runner } = scriptedRunner([result([score('deepfm', 'click', 0.78)])]);
    const truth = { pCTR: 0.02, pCVR: 0.5, watch: 0.5 };
    runner.rankAll = async () => [
      {
        context: { id: 1, label: 'user 1' },
        model: 'deepfm',
        candidates: [
          { row: 1, description: 'item 1', predicted: { pCTR: 0.04, pCVR: 0.5, watch: 0.5 }, truth, observed: { click: 0 } },
          { row: 2, description: 'item 2', predicted: { pCTR: 0.01, pCVR: 0.5, watch: 0.6 }, truth, observed: { click: 0 } },
        ],
      },
      {
        context: { id: 2, label: 'user 2' },
        model: 'deepfm',
        candidates: [{ row: 3, description: 'item 3', predicted: { pCTR: 0.04, pCVR: 0.5, watch: 0.5 }, truth, observed: { click: 0 } }],
      },
    ];
    const outcome = await step(runner, 'calibration').run(() => undefined);
    expect(outcome.supported).toBe('changes');
    expect(outcome.findings[0]).toBe('On the 100 test rows DeepFM’s pCTR averages 0.1000 and √pCTR 0.3000 (3.0 times as high), against an observed click rate of 0.1000. The AUC is 0.7800 with pCTR and √pCTR alike.');
    expect(outcome.findings[1]).toBe('The order changed for 1 of 2 users.');
    expect(outcome.findings[3]).toMatch(/^The effect on true utility is small here|^√pCTR cost the top 3/);
    expect(outcome.findings[4]).toBe('The results and the ranked list now show this run: DeepFM on pCTR only.');
  });

  it('calls a small top-3 loss small', () => {
    const conclusion = describeCalibrationCost(0.996, 0.984, 2.9);

    expect(conclusion).toMatch(/^The effect on true utility is small here \(−1\.2 percentage points\)\./);
    expect(conclusion).toContain('as if each conversion were worth 2.9 × 50 instead of 50');
  });

  it('reports a large top-3 loss', () => {
    const conclusion = describeCalibrationCost(0.95, 0.85, 3);

    expect(conclusion).toMatch(/^√pCTR cost the top 3 10\.0 percentage points/);
  });

  it('needs the truth', async () => {
    const { runner } = scriptedRunner([], false);
    await expect(step(runner, 'lr-vs-fm').run(() => undefined)).rejects.toThrow('generate synthetic data first');
  });

  it('names a model that did not finish', async () => {
    const { runner } = scriptedRunner([{ ...result([score('lr', 'click', 0.7)]), cancelled: true }]);
    await expect(step(runner, 'lr-vs-fm').run(() => undefined)).rejects.toThrow('FM did not finish training on click (the run was stopped)');
  });
});
