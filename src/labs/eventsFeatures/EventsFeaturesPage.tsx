/**
 * Lab 2, "Events and features": the event log of the closed loop as a live
 * table and rates, one user's feature store (batch and real-time features),
 * and what stale batch features cost. The page owns its worker for as long
 * as it is mounted.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLabQuery } from '../../state/labQuery';
import { CheckQuestions } from '../../teaching/CheckQuestions';
import { CopyLinkButton } from '../../teaching/CopyLinkButton';
import { LabIntro } from '../../teaching/LabIntro';
import { ModeSwitch } from '../../teaching/ModeSwitch';
import { PredictThenRun } from '../../teaching/PredictThenRun';
import type { FreshnessComparison } from '../../worker/eventsFeaturesApi';
import './eventsFeatures.css';
import { EventStream } from './EventStream';
import { FeatureStoreView } from './FeatureStoreView';
import { FreshnessPanel } from './FreshnessPanel';
import { GroundTruth } from './GroundTruth';
import { EventsFeaturesController, useLabSelector, type LabState } from './labController';
import { RatesChart } from './RatesChart';
import { EVENTS_FEATURES_DEFAULTS, EVENTS_FEATURES_FIELDS, type EventsFeaturesSettings } from './settings';
import { SettingsForm } from './SettingsForm';
import { buildSteps, CHECK_QUESTIONS, OBJECTIVES, TRENDING_TICK } from './teaching';
import { WorkerError } from '../WorkerError';

function Intro() {
  return (
    <LabIntro objectives={OBJECTIVES}>
      <p>
        A two-stage recommender retrieves a few hundred candidates and ranks them. Both stages read <em>features</em>, and every feature is computed from the platform’s own <em>event log</em>: one row per impression, with what the user did. This lab shows
        that log as it grows, the features built from it for one user, and what happens when those features are late.
      </p>
      <p>
        The long-term profile and the item statistics are <strong>batch</strong> features: a periodic job recomputes them. Session features and trending counts are <strong>real-time</strong>: a stream job updates them with every event. The
        simulator also knows the truth the features estimate, so you can check them.
      </p>
    </LabIntro>
  );
}

interface RunPanelProps {
  controller: EventsFeaturesController;
  settings: EventsFeaturesSettings;
  setSettings(next: Partial<EventsFeaturesSettings>): void;
  /** Message on the replaced user shown, or null. */
  usersNote: string | null;
}

function RunPanel({ controller, settings, setSettings, usersNote }: RunPanelProps) {
  const status = useLabSelector(controller, (state) => state.status);
  const message = useLabSelector(controller, (state) => state.message);
  const error = useLabSelector(controller, (state) => state.error);
  const init = useLabSelector(controller, (state) => state.init);
  const pausedTicks = useLabSelector(controller, (state) => state.pausedTicks);
  return (
    <section className="panel controls-panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Run</h2>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void controller.run(settings.ticks)} disabled={status !== 'ready'}>
          Run {settings.ticks} ticks
        </button>
        <button type="button" onClick={() => controller.stop()} disabled={status !== 'running'}>
          Pause the run
        </button>
        <button type="button" onClick={() => void controller.resume()} disabled={status !== 'ready' || pausedTicks === 0}>
          Resume{pausedTicks > 0 ? ` (${pausedTicks} ticks left)` : ''}
        </button>
        <button type="button" onClick={() => void controller.open(settings)} disabled={status === 'starting' || status === 'crashed'}>
          Reset to tick 0
        </button>
      </div>
      <p role="status" className="run-status" data-testid="run-status">
        {message}
      </p>
      <WorkerError error={error} onRestart={() => void controller.restart()} />
      {usersNote && <p className="notice">{usersNote}</p>}
      <CopyLinkButton note="It reopens these settings at tick 0; press Run to replay the same run." />
      {init && <p className="help">Backend: {init.backend.active}. World: {init.users} users, {init.items} items, {init.topicNames.length} topics.</p>}
      <SettingsForm settings={settings} onChange={setSettings} />
    </section>
  );
}

export function EventsFeaturesPage() {
  const [settings, setSettings] = useLabQuery(EVENTS_FEATURES_FIELDS, EVENTS_FEATURES_DEFAULTS);
  const [controller, setController] = useState<EventsFeaturesController | null>(null);
  const [comparison, setComparison] = useState<FreshnessComparison | null>(null);
  const [compareProgress, setCompareProgress] = useState<string | null>(null);
  const [usersNote, setUsersNote] = useState<string | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  // A user outside the world (from the URL, or after Users shrank) is replaced in the field and the URL.
  useEffect(() => {
    if (settings.user >= settings.users) {
      setUsersNote(`User ${settings.user} does not exist in a world of ${settings.users} users (users 0 to ${settings.users - 1}); showing user 0 instead.`);
      setSettings({ user: 0 });
    }
  }, [settings.user, settings.users, setSettings]);

  useEffect(() => {
    const created = new EventsFeaturesController(settingsRef.current);
    setController(created);
    return () => {
      created.dispose();
      setController(null);
    };
  }, []);

  const worldKey = [settings.seed, settings.users, settings.items, settings.topics, settings.featureRefresh].join(':');
  useEffect(() => {
    if (controller !== null) {
      void controller.open(settingsRef.current);
    }
  }, [controller, worldKey]);

  // Every reset (a world setting changed, or Reset to tick 0) drops the freshness result of the discarded run.
  useEffect(() => {
    if (controller === null) {
      return;
    }
    let seen = controller.getState().resets;
    return controller.subscribe(() => {
      const resets = controller.getState().resets;
      if (resets !== seen) {
        seen = resets;
        setComparison(null);
        setCompareProgress(null);
      }
    });
  }, [controller]);

  useEffect(() => {
    void controller?.showUser(settingsRef.current);
  }, [controller, settings.user, settings.sessionLength]);

  const steps = useMemo(() => (controller === null ? [] : buildSteps({ controller, staleRefresh: settings.staleRefresh, compareTicks: settings.compareTicks, onComparison: setComparison })), [controller, settings.staleRefresh, settings.compareTicks]);

  const runComparison = useCallback(() => {
    if (controller === null) {
      return;
    }
    setCompareProgress('Starting…');
    controller
      .compareFreshness([1, settings.staleRefresh], settings.compareTicks, (progress) => setCompareProgress(`Run ${progress.run + 1} of ${progress.runs}: tick ${progress.done} of ${progress.total}`))
      .then((result) => {
        setComparison(result);
        setCompareProgress(result.cancelled ? 'Cancelled.' : 'Done.');
      })
      .catch((error: unknown) => setCompareProgress(`The comparison failed: ${error instanceof Error ? error.message : String(error)}. Run it again.`));
  }, [controller, settings.staleRefresh, settings.compareTicks]);

  const guided = settings.mode === 'guided';
  return (
    <main id="main" className="lab-page">
      <header className="lab-header">
        <h1>Lab 2: Events and features</h1>
        <ModeSwitch mode={settings.mode} onChange={(mode) => setSettings({ mode })} />
      </header>
      {guided ? <Intro /> : <p className="lede">Sandbox: every control, no guidance. Switch to Guided for the steps and questions.</p>}
      {controller && <LabBody controller={controller} settings={settings} setSettings={setSettings} usersNote={usersNote} guided={guided} steps={steps} comparison={comparison} compareProgress={compareProgress} runComparison={runComparison} />}
    </main>
  );
}

interface LabBodyProps {
  controller: EventsFeaturesController;
  settings: EventsFeaturesSettings;
  setSettings(next: Partial<EventsFeaturesSettings>): void;
  usersNote: string | null;
  guided: boolean;
  steps: ReturnType<typeof buildSteps>;
  comparison: FreshnessComparison | null;
  compareProgress: string | null;
  runComparison(): void;
}

const selectView = (state: LabState) => state.view;
const selectTopicNames = (state: LabState) => state.init?.topicNames ?? NO_TOPICS;
const selectRates = (state: LabState) => state.rates;
const selectVersion = (state: LabState) => state.version;
const selectReady = (state: LabState) => state.status === 'ready';
const selectResets = (state: LabState) => state.resets;
const NO_TOPICS: readonly string[] = [];

const MemoGroundTruth = memo(GroundTruth);
const MemoFeatureStoreView = memo(FeatureStoreView);
const MemoFreshnessPanel = memo(FreshnessPanel);
const MemoPredictThenRun = memo(PredictThenRun);
const MemoCheckQuestions = memo(CheckQuestions);

function LabBody({ controller, settings, setSettings, usersNote, guided, steps, comparison, compareProgress, runComparison }: LabBodyProps) {
  const view = useLabSelector(controller, selectView);
  const topicNames = useLabSelector(controller, selectTopicNames);
  const rates = useLabSelector(controller, selectRates);
  const version = useLabSelector(controller, selectVersion);
  const ready = useLabSelector(controller, selectReady);
  const resets = useLabSelector(controller, selectResets);
  const stepsNote = useMemo(
    () => (
      <p>
        Steps 2 and 3 play the page’s simulation forward when it has not reached their tick yet. Step 3 replays the same world from tick 0 in the worker when the page’s run is past tick {TRENDING_TICK}. Step 1 runs two separate simulations and leaves the page’s run as it
        is. Reset clears the steps’ results.
      </p>
    ),
    [],
  );
  return (
    <div className="lab-grid">
      <RunPanel controller={controller} settings={settings} setSettings={setSettings} usersNote={usersNote} />
      <aside className="panel truth-panel" aria-label="Ground truth">
        <MemoGroundTruth view={view} topicNames={topicNames} />
      </aside>
      <div className="lab-main">
        {guided && (
          <MemoPredictThenRun key={resets} steps={steps} ready={ready}>
            {stepsNote}
          </MemoPredictThenRun>
        )}
        <EventStream controller={controller} />
        <RatesChart rates={rates} version={version} />
        <MemoFeatureStoreView view={view} topicNames={topicNames} sessionLength={settings.sessionLength} />
        <MemoFreshnessPanel comparison={comparison} progress={compareProgress} onRun={runComparison} disabled={!ready} staleRefresh={settings.staleRefresh} compareTicks={settings.compareTicks} />
        {guided && (
          <div className="deferred-render">
            <MemoCheckQuestions questions={CHECK_QUESTIONS} />
          </div>
        )}
      </div>
    </div>
  );
}
