/**
 * Shapes of a lab's teaching material: check questions with feedback per
 * option, and "predict, then run" steps whose outcome is computed from the
 * run's own numbers.
 */

export interface CheckOption {
  id: string;
  label: string;
  correct: boolean;
  /** Shown as soon as the option is picked. */
  feedback: string;
}

export interface CheckQuestion {
  id: string;
  question: string;
  options: CheckOption[];
}

export interface StepOption {
  id: string;
  label: string;
  /** Explanation of the outcome, shown when the run supports this option. */
  explanation: string;
}

export interface StepOutcome {
  /** Sentences with the run's numbers. */
  findings: string[];
  /** Id of the option the numbers support. */
  supported: string;
}

/**
 * One "predict, then run" step. `run` performs the experiment (usually in a
 * worker), calls `status` with a short line on what it is doing, and returns
 * the outcome read from its own results; it rejects with a readable message
 * when it cannot finish.
 */
export interface PredictStep {
  id: string;
  title: string;
  question: string;
  /** The experiment's set-up (world, seeds, settings), shown under the title when given. */
  setup?: string;
  options: StepOption[];
  run(status: (text: string) => void): Promise<StepOutcome>;
}
