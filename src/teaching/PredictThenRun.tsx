/**
 * "Predict, then run": the student picks a prediction, the step runs its
 * experiment, and the page reveals the run's own numbers and which option
 * they support. One step runs at a time.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { PredictStep, StepOutcome } from './types';

/** `predicted` is the option chosen when the run started; the reveal compares with it, not with a pick changed afterwards. */
type StepState =
  | { status: 'idle' }
  | { status: 'running'; text: string; predicted: string }
  | { status: 'done'; outcome: StepOutcome; predicted: string }
  | { status: 'failed'; message: string };

interface StepCardProps {
  step: PredictStep;
  number: number;
  /** True while any step of the list runs. */
  busy: boolean;
  onBusy(busy: boolean): void;
  /** False while the lab cannot run experiments yet (its worker is starting). */
  ready: boolean;
}

function StepCard({ step, number, busy, onBusy, ready }: StepCardProps) {
  const name = useId();
  const [prediction, setPrediction] = useState<string | null>(null);
  const [state, setState] = useState<StepState>({ status: 'idle' });
  const revealHeadingRef = useRef<HTMLHeadingElement>(null);
  const focusReveal = useRef(false);

  // The Run button the student pressed is replaced by "Predict again" when the step finishes, which drops keyboard focus to the page body.
  // Focus moves to the reveal's heading after React has committed it, so a keyboard or screen-reader user lands on the result.
  useEffect(() => {
    if (state.status === 'done' && focusReveal.current) {
      focusReveal.current = false;
      revealHeadingRef.current?.focus();
    }
  }, [state.status]);

  const run = async () => {
    if (prediction === null || state.status === 'running') {
      return;
    }
    const predictedAtRun = prediction;
    onBusy(true);
    setState({ status: 'running', text: 'Starting…', predicted: predictedAtRun });
    try {
      const outcome = await step.run((text) => setState({ status: 'running', text, predicted: predictedAtRun }));
      focusReveal.current = true;
      setState({ status: 'done', outcome, predicted: predictedAtRun });
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      onBusy(false);
    }
  };

  const supported = state.status === 'done' ? step.options.find((option) => option.id === state.outcome.supported) : undefined;
  const predicted = state.status === 'done' ? step.options.find((option) => option.id === state.predicted) : undefined;

  return (
    <li className="step-card">
      <h3>
        Step {number}: {step.title}
      </h3>
      {step.setup && <p className="help step-setup">{step.setup}</p>}
      <fieldset>
        <legend>{step.question}</legend>
        {step.options.map((option) => (
          <label key={option.id} className="choice">
            <input type="radio" name={name} value={option.id} checked={prediction === option.id} onChange={() => setPrediction(option.id)} disabled={state.status === 'running' || state.status === 'done'} />
            {option.label}
          </label>
        ))}
      </fieldset>
      {state.status === 'done' ? (
        <button type="button" onClick={() => setState({ status: 'idle' })} disabled={busy}>
          Predict again
        </button>
      ) : (
        // While its own step runs the button stays focusable (aria-disabled, not disabled), so keyboard focus is not dropped to the page body.
        <button type="button" className="primary" onClick={() => void run()} disabled={prediction === null || (busy && state.status !== 'running') || !ready} aria-disabled={state.status === 'running'}>
          Run the experiment
        </button>
      )}
      {prediction === null && <span className="help"> Choose a prediction first.</span>}
      <div aria-live="polite">
        {state.status === 'running' && <p>{state.text}</p>}
        {state.status === 'failed' && <p className="field-error">The step did not finish: {state.message}. Run it again.</p>}
        {state.status === 'done' && (
          <div className="reveal">
            <h4 ref={revealHeadingRef} tabIndex={-1}>
              What happened
            </h4>
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

interface PredictThenRunProps {
  steps: readonly PredictStep[];
  /** False while the lab cannot run experiments yet. */
  ready?: boolean;
  /** Note on how running a step changes the rest of the page, shown above the steps. */
  children?: ReactNode;
}

export function PredictThenRun({ steps, ready = true, children }: PredictThenRunProps) {
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby={headingId} className="guided-steps">
      <h2 id={headingId}>Predict, then run</h2>
      {children}
      <ol>
        {steps.map((step, index) => (
          <StepCard key={step.id} step={step} number={index + 1} busy={busy} onBusy={setBusy} ready={ready} />
        ))}
      </ol>
    </section>
  );
}
