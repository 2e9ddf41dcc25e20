/**
 * Lab 4's "predict, then run" steps. Each trains models through the page's
 * session (the charts follow live) and reads the outcome from the run's own
 * numbers: which option they support is computed, never assumed.
 */
import type { CtrModelKind, CtrTask, CtrTrainOptions } from '../../engine/ctr/types';
import { DEFAULT_UTILITY_FORMULA, parseUtilityFormula, type FormulaInputs } from '../../engine/ranking/utilityFormula';
import type { PredictStep } from '../../teaching/types';
import type { CandidateList, TrainResult } from '../../worker/rankingProtocol';
import { formatNumber, formatPercent, formatSigned } from './format';
import { scoreCandidates, topKUtilityShare } from './rankedList';
import { MODEL_LABELS, modelLabel, TASK_SHORT_LABELS, TASKS } from './rankingUrl';

/** Callbacks the steps need from the page. */
export interface StepRunner {
  /**
   * Trains with the page's seed, epochs, learning rate and embedding dimension, and these models, tasks and options.
   * `origin` names the step, for the line above the results.
   */
  train(models: CtrModelKind[], tasks: CtrTask[], options?: Partial<CtrTrainOptions>, origin?: string): Promise<TrainResult>;
  /** Candidate lists of every context for `model`. */
  rankAll(model: CtrModelKind): Promise<CandidateList[]>;
  /** True when the data set carries the simulator's truth. */
  hasTruth(): boolean;
}

/** An AUC difference smaller than this counts as "about the same" (the run-to-run noise of these sizes). */
export const AUC_SAME = 0.005;
/** The Bayes gap that counts as "close", as in the lab's acceptance test. */
export const BAYES_CLOSE = 0.02;
export const BAYES_FAR = 0.05;

function aucOf(result: TrainResult, model: CtrModelKind, task: CtrTask): number {
  const score = result.scores.find((entry) => entry.model === model && entry.task === task);
  if (score === undefined) {
    throw new Error(`${MODEL_LABELS[model]} did not finish training on ${task}${result.cancelled ? ' (the run was stopped)' : ''}`);
  }
  return score.auc;
}

function bayesAuc(result: TrainResult, task: CtrTask): number {
  const bayes = result.bayes.find((entry) => entry.task === task);
  if (bayes === undefined) {
    throw new Error('this step needs the synthetic data set, whose truth is known: generate synthetic data first');
  }
  return bayes.auc;
}

function requireTruth(runner: StepRunner): void {
  if (!runner.hasTruth()) {
    throw new Error('this step needs the synthetic data set, whose truth is known: generate synthetic data first');
  }
}

/** Picks the option of a signed difference: above +threshold, within ±threshold, or below. */
function classify(difference: number, threshold: number, higher: string, same: string, lower: string): string {
  if (difference > threshold) {
    return higher;
  }
  return difference < -threshold ? lower : same;
}

/** Replaces pCTR by √pCTR: a monotone map, so the AUC is unchanged, but small probabilities grow several times (badly calibrated). */
export function overconfidentClick(inputs: FormulaInputs): FormulaInputs {
  return inputs.pCTR === undefined ? inputs : { ...inputs, pCTR: Math.sqrt(inputs.pCTR) };
}

/** Describes what a run left on screen, for example "LR + user×item_topic on pCTR". */
export function describeTrained(result: TrainResult): string {
  const models = [...new Set(result.scores.map((score) => score.model))].map((model) => modelLabel(model, result.crosses));
  const tasks = TASKS.filter((task) => result.scores.some((score) => score.task === task)).map((task) => TASK_SHORT_LABELS[task]);
  return `The results and the ranked list now show this run: ${models.join(', ')} on ${tasks.join(', ')}${tasks.length === 1 ? ' only' : ''}.`;
}

/** A drop in the top-3 share of the best true utility below this fraction (0.02: 2 percentage points) counts as small. */
export const SMALL_UTILITY_LOSS = 0.02;

/**
 * Concludes the calibration step from the top-3 shares of the best true
 * utility (own pCTR, then √pCTR) and `inflation` = mean √pCTR / mean pCTR on
 * the test rows. The reason calibration matters follows from the formula
 * pCTR × pCVR × 50: scaling pCTR by `inflation` scales that whole term, as if
 * each conversion were worth `inflation` × 50.
 */
export function describeCalibrationCost(ownShare: number, inflatedShare: number, inflation: number): string {
  const loss = ownShare - inflatedShare;
  const factor = formatNumber(inflation, 1);
  const consequence = `In ${DEFAULT_UTILITY_FORMULA} the pCTR term is multiplied by a value (pCVR × 50), so √pCTR, about ${factor} times pCTR on average, weighs that term as if each conversion were worth ${factor} × 50 instead of 50 against the watch term. Any formula or auction that multiplies pCTR by a value inherits the same error in proportion.`;
  if (!(loss >= SMALL_UTILITY_LOSS)) {
    return `The effect on true utility is small here (${formatSigned(-loss * 100, 1)} percentage points). ${consequence}`;
  }
  return `√pCTR cost the top 3 ${formatNumber(loss * 100, 1)} percentage points of the best true utility. ${consequence}`;
}

export function createGuidedSteps(runner: StepRunner): PredictStep[] {
  const steps: PredictStep[] = [];
  /** Trains for the step `id` and passes the step's name, which the page shows above the results. */
  const train = (id: string, models: CtrModelKind[], tasks: CtrTask[], options?: Partial<CtrTrainOptions>) => {
    const index = steps.findIndex((step) => step.id === id);
    return runner.train(models, tasks, options, `step ${index + 1} (${steps[index]?.title ?? id})`);
  };

  steps.push(

    {
      id: 'lr-vs-fm',
      title: 'Logistic regression against a factorisation machine',
      question: 'Clicks here depend on how well an item’s topic matches a user’s hidden interests: a user × topic interaction. Which model reaches the higher test AUC on pCTR?',
      options: [
        { id: 'fm', label: 'FM', explanation: 'FM gives every field value a k-dimensional factor and adds ⟨v_user, v_topic⟩ for every pair of fields, so it can learn which topics each user likes. LR adds one weight per value, so it only learns that a user clicks often or a topic is popular, never which topic a given user likes.' },
        { id: 'same', label: 'About the same', explanation: 'The two are within the noise of a run this size. Try more epochs or more impressions: FM’s pairwise terms need enough data per user to learn the interaction.' },
        { id: 'lr', label: 'LR', explanation: 'LR won this run. With few impressions per user FM’s factors may not have converged; more epochs or data usually reverse this, because LR cannot represent the user × topic interaction at all.' },
      ],
      async run(status) {
        requireTruth(runner);
        status('Training LR and FM on pCTR… The charts below follow the run.');
        const result = await train('lr-vs-fm', ['lr', 'fm'], ['click'], { crosses: [] });
        const lr = aucOf(result, 'lr', 'click');
        const fm = aucOf(result, 'fm', 'click');
        const bayes = bayesAuc(result, 'click');
        return {
          findings: [`LR: test AUC ${formatNumber(lr, 4)}.`, `FM: test AUC ${formatNumber(fm, 4)} (${formatSigned(fm - lr, 4)} against LR).`, `The truth allows ${formatNumber(bayes, 4)}.`, describeTrained(result)],
          supported: classify(fm - lr, AUC_SAME, 'fm', 'same', 'lr'),
        };
      },
    },
    {
      id: 'deepfm-bayes',
      title: 'How close can DeepFM get?',
      question: 'The Bayes-optimal AUC predicts with the true click probability. How far below it will DeepFM’s test AUC be?',
      options: [
        {
          id: 'close',
          label: `Within ${BAYES_CLOSE}`,
          explanation:
            'DeepFM’s FM part learns the pairwise interactions and its MLP the rest. The Bayes-optimal AUC faces the same random clicks, so the remaining gap is estimation error: DeepFM learns each user’s interests from a finite number of impressions, and users with few impressions stay uncertain.',
        },
        { id: 'medium', label: `Between ${BAYES_CLOSE} and ${BAYES_FAR}`, explanation: 'Close, but not there: more epochs or a larger embedding usually narrow the gap. The ids show a user’s interests only through their clicks, so rare users stay hard.' },
        { id: 'far', label: `More than ${BAYES_FAR}`, explanation: 'A large gap: the model is under-trained (too few epochs, a learning rate too low) or over-fitted (too many epochs on few impressions). Compare its training curve with its test log loss.' },
      ],
      async run(status) {
        requireTruth(runner);
        status('Training DeepFM on pCTR…');
        const result = await train('deepfm-bayes', ['deepfm'], ['click']);
        const auc = aucOf(result, 'deepfm', 'click');
        const bayes = bayesAuc(result, 'click');
        const gap = bayes - auc;
        let supported = 'far';
        if (gap < BAYES_CLOSE) {
          supported = 'close';
        } else if (gap <= BAYES_FAR) {
          supported = 'medium';
        }
        return {
          findings: [`DeepFM: test AUC ${formatNumber(auc, 4)}.`, `Bayes-optimal: ${formatNumber(bayes, 4)}, so the gap is ${formatNumber(gap, 4)}.`, describeTrained(result)],
          supported,
        };
      },
    },
    {
      id: 'cross',
      title: 'A cross for the wide part',
      question: 'Give logistic regression one cross feature, user × item_topic (one weight per user–topic pair). What happens to its test AUC?',
      options: [
        { id: 'gain', label: 'It rises', explanation: 'The cross gives LR one weight per (user, topic) pair, so it can now learn which topics each user likes: the interaction that FM learns through factors. This is the "wide" part of Wide & Deep: memorising crosses a person chose.' },
        { id: 'same', label: 'It stays about the same', explanation: 'The cross has many values (users × topics) and each is seen only a few times in this log, so its weights barely train. A factorised interaction (FM) shares strength across users and needs less data.' },
        { id: 'drop', label: 'It falls', explanation: 'The cross’s many weights over-fit the training rows: each (user, topic) pair is seen only a few times. Regularisation or more data would help; FM avoids this by sharing factors.' },
      ],
      async run(status) {
        requireTruth(runner);
        status('Training LR without crosses…');
        const plain = aucOf(await train('cross', ['lr'], ['click'], { crosses: [] }), 'lr', 'click');
        status('Training LR with the cross user × item_topic…');
        const crossedResult = await train('cross', ['lr'], ['click'], { crosses: [{ a: 'user', b: 'item_topic' }] });
        const crossed = aucOf(crossedResult, 'lr', 'click');
        return {
          findings: [`LR without crosses: test AUC ${formatNumber(plain, 4)}.`, `LR with user × item_topic: ${formatNumber(crossed, 4)} (${formatSigned(crossed - plain, 4)}).`, describeTrained(crossedResult)],
          supported: classify(crossed - plain, AUC_SAME, 'gain', 'same', 'drop'),
        };
      },
    },
    {
      id: 'calibration',
      title: 'Good AUC, bad calibration',
      question: `Replace DeepFM’s pCTR by √pCTR: the order of items by pCTR, and so the AUC, stay exactly the same, but the probabilities are far too high. Ranking by ${DEFAULT_UTILITY_FORMULA}, what happens to the ranked lists?`,
      options: [
        { id: 'same', label: 'They stay the same, since the AUC is the same', explanation: 'On these users the order did not change. That happens when one term dominates the score; in general a sum of terms is sensitive to the scale of each prediction, not only its order.' },
        { id: 'changes', label: 'They change', explanation: 'The formula adds a pCTR term to a watch term, so it needs pCTR on the right scale, not only in the right order. Inflating pCTR shifts weight toward clicks and reorders items, although AUC cannot see any difference. This is why ranking (and ad auctions, which multiply bid by pCTR) need calibrated predictions.' },
      ],
      async run(status) {
        requireTruth(runner);
        status('Training DeepFM on pCTR, pCVR and watch…');
        const result = await train('calibration', ['deepfm'], ['click', 'conversion', 'watch']);
        if (result.cancelled) {
          throw new Error('the run was stopped before all three tasks were trained');
        }

        status('Ranking every user’s candidates with DeepFM’s own pCTR and with √pCTR…');
        const formula = parseUtilityFormula(DEFAULT_UTILITY_FORMULA);
        const lists = await runner.rankAll('deepfm');
        if (lists.length === 0) {
          throw new Error('the data set has no users with impressions in the test period: generate a larger data set');
        }

        let changed = 0;
        let ownShare = 0;
        let inflatedShare = 0;
        for (const list of lists) {
          const own = scoreCandidates(formula, list.candidates);
          const inflated = scoreCandidates(formula, list.candidates, overconfidentClick);
          if (own.some((entry, index) => entry.candidate.row !== inflated[index].candidate.row)) {
            changed += 1;
          }
          ownShare += topKUtilityShare(own, 3) / lists.length;
          inflatedShare += topKUtilityShare(inflated, 3) / lists.length;
        }

        const click = result.scores.find((score) => score.model === 'deepfm' && score.task === 'click');
        if (click === undefined) {
          throw new Error('DeepFM did not finish training on click: run the step again');
        }
        const inflation = click.meanSqrtPredicted / click.meanPredicted;
        return {
          findings: [
            `On the ${click.rows} test rows DeepFM’s pCTR averages ${formatNumber(click.meanPredicted, 4)} and √pCTR ${formatNumber(click.meanSqrtPredicted, 4)} (${formatNumber(inflation, 1)} times as high), against an observed click rate of ${formatNumber(click.meanObserved, 4)}. The AUC is ${formatNumber(click.auc, 4)} with pCTR and √pCTR alike.`,
            `The order changed for ${changed} of ${lists.length} users.`,
            `The top 3 reach ${formatPercent(ownShare)} of the best possible true utility with DeepFM’s own pCTR, and ${formatPercent(inflatedShare)} with √pCTR.`,
            describeCalibrationCost(ownShare, inflatedShare, inflation),
            describeTrained(result),
          ],
          supported: changed > 0 ? 'changes' : 'same',
        };
      },
    },
  );
  return steps;
}
