/**
 * The "predict, then run" steps: pick a prediction, run the step's runs from
 * tick 0 with their policy changes (the charts follow live), then read what
 * happened with the run's own numbers and whether they support the prediction.
 */
import { useId, useRef, useState } from 'react';
import type { TickMetrics } from '../../engine/loop/types';
import { selectPhase } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { useController } from './controllerContext';
import { GUIDED_STEPS, type GuidedStep, type StepOutcome } from './guidedSteps';

type StepState = { status: 'idle' } | { status: 'running'; run: number } | { status: 'done'; outcome: StepOutcome } | { status: 'failed'; message: string };

function StepCard({ step, number, busy, onBusy }: { step: GuidedStep; number: number; busy: boolean; onBusy: (busy: boolean) => void }) {
  const controller = useController();
  const phase = useFeedLab(selectPhase);
  const name = useId();
  const [prediction, setPrediction] = useState<string | null>(null);
  const [state, setState] = useState<StepState>({ status: 'idle' });
  const revealRef = useRef<HTMLDivElement>(null);

  const run = async () => {
    if (!controller) {
      return;
    }
    onBusy(true);
    try {
      const results: TickMetrics[][] = [];
      for (let index = 0; index < step.runs.length; index++) {
        setState({ status: 'running', run: index });
        const rows = await controller.runSchedule(step.runs[index].params, step.runs[index].changes ?? [], step.ticks);
        if (rows.length < step.ticks) {
          throw new Error(`the run "${step.runs[index].label}" stopped after ${rows.length} of ${step.ticks} ticks (it was paused, reset or replaced)`);
        }
        results.push(rows.slice());
      }
      setState({ status: 'done', outcome: step.reveal(results) });
      // The button the student pressed may be disabled or relabelled: move focus to the result instead of losing it.
      requestAnimationFrame(() => revealRef.current?.focus());
    } catch (error) {
      setState({ status: 'failed', message: (error as Error).message });
    } finally {
      onBusy(false);
    }
  };

  const supported = state.status === 'done' ? step.options.find((option) => option.id === state.outcome.supported) : undefined;
  const predicted = step.options.find((option) => option.id === prediction);

  return (
    <li className="step-card">
      <h3>
        Step {number}: {step.title}
      </h3>
      <fieldset>
        <legend>{step.question}</legend>
        {step.options.map((option) => (
          <label key={option.id} className="choice">
            <input type="radio" name={name} value={option.id} checked={prediction === option.id} onChange={() => setPrediction(option.id)} disabled={state.status === 'running'} />
            {option.label}
          </label>
        ))}
      </fieldset>
      <button type="button" className="primary" onClick={() => void run()} disabled={prediction === null || busy || controller === null || phase === 'starting'}>
        {state.status === 'done' ? 'Run again' : 'Run the experiment'}
      </button>
      {prediction === null && <span className="help"> Choose a prediction first.</span>}
      <div aria-live="polite">
        {state.status === 'running' && (
          <p>
            Running {step.runs[state.run].label} for {step.ticks} ticks ({state.run + 1} of {step.runs.length})… The charts below follow the run.
          </p>
        )}
        {state.status === 'failed' && <p className="field-error">The step did not finish: {state.message}. Run it again.</p>}
        {state.status === 'done' && (
          <div className="reveal" ref={revealRef} tabIndex={-1}>
            <h4>What happened</h4>
            <ul>
              {state.outcome.findings.map((finding) => (
                <li key={finding}>{finding}</li>
              ))}
            </ul>
            <p>
              The numbers support: <strong>{supported?.label}</strong>.{' '}
              {predicted && (predicted.id === supported?.id ? 'That is what you predicted.' : `You predicted: ${predicted.label}.`)}
            </p>
            <p>{supported?.explanation}</p>
          </div>
        )}
      </div>
    </li>
  );
}

export function GuidedSteps() {
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="steps-heading" className="guided-steps">
      <h2 id="steps-heading">Predict, then run</h2>
      <p>
        Running a step replaces the run on screen. Each step sets its own parameters (a small world of 400 users so runs take seconds) and runs from tick 0; a step that changes a policy setting mid-run
        does so without restarting, as the policy settings do. Predict first; the page then shows the run’s own numbers. The last run stays on screen for you
        to explore.
      </p>
      <ol>
        {GUIDED_STEPS.map((step, index) => (
          <StepCard key={step.id} step={step} number={index + 1} busy={busy} onBusy={setBusy} />
        ))}
      </ol>
    </section>
  );
}
