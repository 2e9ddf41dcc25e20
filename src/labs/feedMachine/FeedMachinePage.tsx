/**
 * Lab 1, "The feed machine": the page that runs the closed loop live through
 * the engine worker. It owns the run controller for as long as it is mounted.
 */
import { ModeSwitch as SharedModeSwitch } from '../../teaching/ModeSwitch';
import { useEffect, useState } from 'react';
import { RunController } from '../../state/controller';
import { selectMode, selectNotice, selectRunError } from '../../state/selectors';
import { clearRun, feedLabStore, useFeedLab } from '../../state/store';
import { BackendPanel } from './BackendPanel';
import { CheckQuestions } from '../../teaching/CheckQuestions';
import { CHECK_QUESTIONS } from './checkQuestions';
import { ControllerContext } from './controllerContext';
import { EmbeddingMapPanel } from './EmbeddingMapPanel';
import { Formulas } from './Formulas';
import { GroundTruthPanel } from './GroundTruthPanel';
import { GuidedSteps } from './GuidedSteps';
import { MeasuredCharts } from './MeasuredCharts';
import { MetricsTable } from './MetricsTable';
import { Narrative } from './Narrative';
import { ParameterInputs } from './ParameterInputs';
import { PolicyChangeList } from './PolicyChangeList';
import { RatingsImport } from './RatingsImport';
import { RunControls } from './RunControls';
import { TopicMixPanel } from './TopicMixPanel';
import { UserFeedPanel } from './UserFeedPanel';

function ModeSwitch() {
  const mode = useFeedLab(selectMode);
  return (
    <SharedModeSwitch mode={mode} onChange={(next) => feedLabStore.getState().setView({ mode: next })} />
  );
}

function RunMessages() {
  const notice = useFeedLab(selectNotice);
  const runError = useFeedLab(selectRunError);
  return (
    <>
      <div role="status" className={notice ? 'notice' : undefined} data-testid="notice">
        {notice}
      </div>
      <div role="alert" className={runError ? 'run-error' : undefined} data-testid="run-error">
        {runError}
      </div>
    </>
  );
}

export function FeedMachinePage() {
  const mode = useFeedLab(selectMode);
  const [controller, setController] = useState<RunController | null>(null);

  useEffect(() => {
    const created = new RunController(feedLabStore);
    setController(created);
    void created.start();
    return () => {
      created.dispose();
      clearRun();
      setController(null);
    };
  }, []);

  const guided = mode === 'guided';

  return (
    <ControllerContext.Provider value={controller}>
      <main id="main" className="lab-page">
        <header className="lab-header">
          <h1>Lab 1: The feed machine</h1>
          <ModeSwitch />
        </header>
        {guided ? <Narrative /> : <p className="lede">Sandbox: every control, no guidance. Switch to Guided for the steps and questions.</p>}

        <div className="lab-grid">
          <section className="panel controls-panel" aria-labelledby="controls-heading">
            <h2 id="controls-heading">Run</h2>
            <RunControls />
            <RunMessages />
            <PolicyChangeList />
            <BackendPanel />
            <ParameterInputs />
            <RatingsImport />
          </section>

          <aside className="panel truth-panel" aria-label="Ground truth">
            <GroundTruthPanel />
          </aside>

          <div className="lab-main">
            {guided && <GuidedSteps />}
            <MeasuredCharts />
            <section aria-labelledby="population-heading">
              <h2 id="population-heading">The population</h2>
              <div className="chart-pair">
                <TopicMixPanel />
                <EmbeddingMapPanel />
              </div>
            </section>
            <UserFeedPanel />
            <MetricsTable />
            {guided && <CheckQuestions questions={CHECK_QUESTIONS} />}
            <Formulas />
          </div>
        </div>
      </main>
    </ControllerContext.Provider>
  );
}
