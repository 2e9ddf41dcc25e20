/**
 * Lab 1's "predict, then run" steps: each runs its runs from tick 0 with
 * their policy changes through the page's controller (the charts follow
 * live), then reads what happened from the runs' own metric rows.
 */
import { useMemo } from 'react';
import type { TickMetrics } from '../../engine/loop/types';
import type { RunController } from '../../state/controller';
import { selectPhase } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { PredictThenRun } from '../../teaching/PredictThenRun';
import type { PredictStep } from '../../teaching/types';
import { useController } from './controllerContext';
import { GUIDED_STEPS, type GuidedStep } from './guidedSteps';

/** Wraps a step's runs as one experiment of the shared step card. */
function toPredictStep(step: GuidedStep, controller: RunController | null): PredictStep {
  return {
    id: step.id,
    title: step.title,
    question: step.question,
    options: step.options,
    async run(status) {
      if (!controller) {
        throw new Error('the lab is still starting');
      }
      const results: TickMetrics[][] = [];
      for (let index = 0; index < step.runs.length; index++) {
        const { label, params, changes = [] } = step.runs[index];
        status(`Running ${label} for ${step.ticks} ticks (${index + 1} of ${step.runs.length})… The charts below follow the run.`);
        const rows = await controller.runSchedule(params, changes, step.ticks);
        if (rows.length < step.ticks) {
          throw new Error(`the run "${label}" stopped after ${rows.length} of ${step.ticks} ticks (it was paused, reset or replaced)`);
        }
        results.push(rows.slice());
      }
      return step.reveal(results);
    },
  };
}

export function GuidedSteps() {
  const controller = useController();
  const phase = useFeedLab(selectPhase);
  const steps = useMemo(() => GUIDED_STEPS.map((step) => toPredictStep(step, controller)), [controller]);

  return (
    <PredictThenRun steps={steps} ready={controller !== null && phase !== 'starting'}>
      <p>
        Running a step replaces the run on screen. Each step sets its own parameters (a small world of 400 users so runs take seconds) and runs from tick 0; a step that changes a policy setting mid-run
        does so without restarting, as the policy settings do. Predict first; the page then shows the run’s own numbers. The last run stays on screen for you
        to explore.
      </p>
    </PredictThenRun>
  );
}
