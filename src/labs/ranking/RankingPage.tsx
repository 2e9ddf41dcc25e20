/**
 * Lab 4, "Ranking": the page that trains LR, FM, Wide & Deep and DeepFM on a
 * click log in the ranking worker, compares them with what the truth allows,
 * and ranks one user's candidates by the student's utility formula. It owns
 * the worker session for as long as it is mounted.
 */
import { ModeSwitch as SharedModeSwitch } from '../../teaching/ModeSwitch';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLabQuery } from '../../state/labQuery';
import { CheckQuestions } from '../../teaching/CheckQuestions';
import { CopyLinkButton } from '../../teaching/CopyLinkButton';
import { LabIntro } from '../../teaching/LabIntro';
import { PredictThenRun } from '../../teaching/PredictThenRun';
import { createRankingClient } from '../../worker/rankingClient';
import { CHECK_QUESTIONS } from './checkQuestions';
import { DataPanel } from './DataPanel';
import { GroundTruthPanel } from './GroundTruthPanel';
import { createGuidedSteps } from './guidedSteps';
import { ModelPanel } from './ModelPanel';
import { RankedList } from './RankedList';
import { RankingSession } from './rankingSession';
import { RANKING_DEFAULTS, RANKING_URL_FIELDS, syntheticOptions, trainRequestOf } from './rankingUrl';
import { CalibrationPanel, ScoreTable, TrainingCurves } from './ResultCharts';
import { RankingContext, useRankingPage, useSessionState } from './sessionContext';
import './ranking.css';

const OBJECTIVES = [
  'Say what the ranking stage does: predict click, conversion and watch time for each candidate, then order by a utility of those predictions.',
  'Explain what a factorisation machine, Wide & Deep and DeepFM each add to logistic regression, and show it with test AUC on data whose truth is known.',
  'Read AUC, log loss and a calibration plot, and compare a model with the Bayes-optimal AUC that the true response model allows.',
  'Show why a utility formula needs calibrated predictions, not only a good AUC.',
];

function ModeSwitch() {
  const { settings, setSettings } = useRankingPage();
  return (
    <SharedModeSwitch mode={settings.mode} onChange={(mode) => setSettings({ mode })} />
  );
}

function SessionMessages() {
  const { session } = useRankingPage();
  const notice = useSessionState((state) => state.notice);
  const error = useSessionState((state) => state.error);
  const phase = useSessionState((state) => state.phase);
  return (
    <>
      <div role="status" className={notice ? 'notice' : undefined} data-testid="notice">
        {notice}
      </div>
      <div role="alert" className={error ? 'run-error' : undefined} data-testid="run-error">
        {error}
        {phase === 'crashed' && (
          <>
            {' '}
            <button type="button" onClick={() => void session?.restart()}>
              Restart the worker
            </button>
          </>
        )}
      </div>
    </>
  );
}

function GuidedSteps() {
  const { session, settings } = useRankingPage();
  const phase = useSessionState((state) => state.phase);
  const dataset = useSessionState((state) => state.dataset);
  const needsSynthetic = dataset !== undefined && !dataset.hasTruth;
  const steps = useMemo(() => {
    if (session === null) {
      return [];
    }
    return createGuidedSteps({
      train: (models, tasks, options = {}, origin) => {
        const base = trainRequestOf(settings, session.store.getState().dataset);
        return session.train({ ...base, models, tasks, options: { ...base.options, ...options } }, origin);
      },
      rankAll: async (model) => Promise.all((session.store.getState().dataset?.contexts ?? []).map((context) => session.rank(context.id, model))),
      hasTruth: () => session.store.getState().dataset?.hasTruth ?? false,
    });
  }, [session, settings]);

  return (
    <PredictThenRun steps={steps} ready={session !== null && phase === 'ready' && !needsSynthetic}>
      <p>
        Each step trains models on the data set loaded now, with the epochs, learning rate and embedding dimension set in the controls, and replaces the results on screen. Predict first, and the page
        then shows the run’s own numbers.
      </p>
      {needsSynthetic && (
        <p className="steps-blocked" data-testid="steps-need-synthetic">
          The steps compare the models with the simulator’s true probabilities, which {dataset.fileName ?? 'an imported file'} does not have, so they are off.{' '}
          <button type="button" disabled={session === null || phase !== 'ready'} onClick={() => void session?.loadSynthetic(syntheticOptions(settings), settings.testShare)}>
            Generate synthetic data
          </button>
        </p>
      )}
    </PredictThenRun>
  );
}

export function RankingPage() {
  const [settings, setSettings] = useLabQuery(RANKING_URL_FIELDS, RANKING_DEFAULTS);
  const [session, setSession] = useState<RankingSession | null>(null);
  // The first data set follows the settings in the address when the page opened; later changes wait for "Generate synthetic data".
  const initialSettings = useRef(settings);

  useEffect(() => {
    const created = new RankingSession(createRankingClient);
    setSession(created);
    void created.start(syntheticOptions(initialSettings.current), initialSettings.current.testShare);
    return () => {
      created.dispose();
      setSession(null);
    };
  }, []);

  const context = useMemo(() => ({ session, settings, setSettings }), [session, settings, setSettings]);
  const guided = settings.mode === 'guided';

  return (
    <RankingContext.Provider value={context}>
      <main id="main" className="lab-page ranking-lab">
        <header className="lab-header">
          <h1>Lab 4: Ranking</h1>
          <ModeSwitch />
          <CopyLinkButton />
        </header>
        {guided ? (
          <LabIntro objectives={OBJECTIVES}>
            <p>
              After retrieval has found a few hundred candidates, the ranking stage scores each one for this user in this context: the probability of a click (pCTR), of a conversion after the click
              (pCVR) and the expected watch time. A utility formula then turns the predictions into one score. Here you train four classic ranking models on a click log logged from the synthetic world,
              where every impression’s true probabilities are known, so you can see how close each model gets to what is possible.
            </p>
          </LabIntro>
        ) : (
          <p className="lede">Sandbox: every control, no guidance. Switch to Guided for the steps and questions.</p>
        )}

        <div className="lab-grid">
          <section className="panel controls-panel" aria-labelledby="controls-heading">
            <h2 id="controls-heading">Train</h2>
            <SessionMessages />
            <ModelPanel />
            <DataPanel />
          </section>

          <aside className="panel truth-panel" aria-label="Ground truth">
            <GroundTruthPanel />
          </aside>

          <div className="lab-main">
            {guided && <GuidedSteps />}
            <section aria-labelledby="results-heading">
              <h2 id="results-heading">Training and test results</h2>
              <TrainingCurves />
              <ScoreTable />
              <CalibrationPanel />
            </section>
            <RankedList />
            {guided && <CheckQuestions questions={CHECK_QUESTIONS} />}
          </div>
        </div>
      </main>
    </RankingContext.Provider>
  );
}
