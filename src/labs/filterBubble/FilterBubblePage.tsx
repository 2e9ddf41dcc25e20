/**
 * Lab 8, "Feedback loops and filter bubbles": two pipelines (twins A and B)
 * on the same seed and users, side by side, with every metric of both and
 * their difference, the bubble view of users' interests, exposure over
 * creators, and a many-seeds summary. The page owns its worker for as long
 * as it is mounted.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { BACKEND_CHOICES, type BackendChoice } from '../../state/feedMachineUrl';
import { useLabQuery } from '../../state/labQuery';
import { CheckQuestions } from '../../teaching/CheckQuestions';
import { CopyLinkButton } from '../../teaching/CopyLinkButton';
import { LabIntro } from '../../teaching/LabIntro';
import { ModeSwitch } from '../../teaching/ModeSwitch';
import { PredictThenRun } from '../../teaching/PredictThenRun';
import { BubblePanel } from './BubblePanel';
import './filterBubble.css';
import { describePipeline } from './format';
import { GroundTruth } from './GroundTruth';
import { FilterBubbleController, useTwinSelector, type TwinState } from './labController';
import { LorenzPanel } from './LorenzPanel';
import { MetricCharts, type TwinLabels } from './MetricCharts';
import { SeedsPanel } from './SeedsPanel';
import { FILTER_BUBBLE_DEFAULTS, FILTER_BUBBLE_FIELDS, twinConfig, twinPipeline, type FilterBubbleSettings } from './settings';
import { buildSteps, STEP_SEEDS, STEP_TICKS } from './steps';
import { CHECK_QUESTIONS, OBJECTIVES } from './teaching';
import { TwinControls } from './TwinControls';
import { WorkerError } from '../WorkerError';

function Intro() {
  return (
    <LabIntro objectives={OBJECTIVES}>
      <p>
        A platform recommender learns from clicks and watch time, but it only sees reactions to the feeds it chose. When it retrains on those logs, its next feeds lean further toward what it already showed. This lab runs two pipelines,
        twin A and twin B, on the same seed: the same users, items and visits. Only the pipeline differs, so every difference in the charts is the pipeline’s doing.
      </p>
      <p>
        Users here change too: each watched item pulls their true interests toward its topics (drift rate η). The bubble view draws every user on a fixed map of the topic space, so you can watch whether clusters form.
      </p>
    </LabIntro>
  );
}

function RunPanel({ controller, settings, setSettings }: { controller: FilterBubbleController; settings: FilterBubbleSettings; setSettings(next: Partial<FilterBubbleSettings>): void }) {
  const status = useTwinSelector(controller, (state) => state.status);
  const message = useTwinSelector(controller, (state) => state.message);
  const error = useTwinSelector(controller, (state) => state.error);
  const init = useTwinSelector(controller, (state) => state.init);
  const paused = useTwinSelector(controller, (state) => state.paused);
  const targetTick = useTwinSelector(controller, (state) => state.targetTick);
  const backendId = useId();
  return (
    <section className="panel controls-panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Run both twins</h2>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void controller.run(settings.ticks)} disabled={status !== 'ready'}>
          {paused ? `Resume to tick ${targetTick}` : `Run ${settings.ticks} ticks`}
        </button>
        <button type="button" onClick={() => controller.stop()} disabled={status !== 'running'}>
          Pause
        </button>
        <button type="button" onClick={() => void controller.open(settings)} disabled={status === 'starting' || status === 'crashed'}>
          Reset to tick 0
        </button>
        <CopyLinkButton note="It reopens both twins on this seed; press Run to reach the same numbers at the same tick." />
      </div>
      <p role="status" className="run-status" data-testid="run-status">
        {message}
      </p>
      <WorkerError error={error} onRestart={() => void controller.restart()} />
      {init && (
        <p className="help" data-testid="world-summary">
          Backend: {init.backend.active}. World: {init.users} users, {init.items} items, {init.creators} creators, {init.topics} topics.
        </p>
      )}
      <div className="parameter">
        <label htmlFor={backendId}>TensorFlow.js backend</label>
        <select id={backendId} name="backend" value={settings.backend} aria-describedby={`${backendId}-help`} onChange={(event) => setSettings({ backend: event.target.value as BackendChoice })}>
          {BACKEND_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 'auto' ? 'auto (timed trial)' : choice}
            </option>
          ))}
        </select>
        <span id={`${backendId}-help`} className="help">
          Kept in the URL as backend=. Changing it rebuilds both twins from tick 0 on that backend.
        </span>
      </div>
      <TwinControls settings={settings} onChange={setSettings} />
    </section>
  );
}

const selectRows = (state: TwinState) => state.rows;
const selectInit = (state: TwinState) => state.init;
const selectBubbles = (state: TwinState) => state.bubbles;
const selectGroups = (state: TwinState) => state.groups;
const selectTick = (state: TwinState) => state.tick;
const selectTargetTick = (state: TwinState) => state.targetTick;
const selectLorenz = (state: TwinState) => state.lorenz;
const selectReady = (state: TwinState) => state.status === 'ready';

const MemoGroundTruth = memo(GroundTruth);
const MemoPredictThenRun = memo(PredictThenRun);
const MemoCheckQuestions = memo(CheckQuestions);

interface LabBodyProps {
  controller: FilterBubbleController;
  settings: FilterBubbleSettings;
  setSettings(next: Partial<FilterBubbleSettings>): void;
  guided: boolean;
}

function LabBody({ controller, settings, setSettings, guided }: LabBodyProps) {
  const rows = useTwinSelector(controller, selectRows);
  const init = useTwinSelector(controller, selectInit);
  const bubbles = useTwinSelector(controller, selectBubbles);
  const groups = useTwinSelector(controller, selectGroups);
  const tick = useTwinSelector(controller, selectTick);
  const targetTick = useTwinSelector(controller, selectTargetTick);
  const lorenz = useTwinSelector(controller, selectLorenz);
  const ready = useTwinSelector(controller, selectReady);
  const aText = describePipeline(twinPipeline(settings, 'a'));
  const bText = describePipeline(twinPipeline(settings, 'b'));
  const labels = useMemo<TwinLabels>(() => ({ a: `A: ${aText}`, b: `B: ${bText}`, difference: 'B − A' }), [aText, bText]);
  const steps = useMemo(() => buildSteps((config, seed, ticks, onProgress) => controller.experiment(config, seed, ticks, onProgress)), [controller]);
  const stepsNote = useMemo(
    () => (
      <p>
        Each step runs its own pair of twins on a small world for {STEP_TICKS} ticks on each of {STEP_SEEDS.length} seeds, and reads the paired differences B − A with their 95% interval: it names a direction only when the interval excludes 0, and “clearly” in an option means the interval lies wholly on that side. The twins on the page
        are left as they are.
      </p>
    ),
    [],
  );

  return (
    <div className="lab-grid filter-bubble-grid">
      <RunPanel controller={controller} settings={settings} setSettings={setSettings} />
      <aside className="panel truth-panel" aria-label="Ground truth">
        <MemoGroundTruth />
      </aside>
      <div className="lab-main">
        {guided && (
          <MemoPredictThenRun steps={steps} ready={ready}>
            {stepsNote}
          </MemoPredictThenRun>
        )}
        {init && bubbles && groups && <BubblePanel init={init} bubbles={bubbles} groups={groups} tick={tick} labels={labels} />}
        <MetricCharts rows={rows} labels={labels} maxTick={Math.max(tick, targetTick, settings.ticks)} />
        {lorenz && <LorenzPanel lorenz={lorenz} tick={tick} labels={labels} />}
        <SeedsPanel controller={controller} settings={settings} onChange={setSettings} labels={labels} ready={ready} backend={init?.backend.active ?? 'wasm'} />
        {guided && (
          <div className="deferred-render">
            <MemoCheckQuestions questions={CHECK_QUESTIONS} />
          </div>
        )}
      </div>
    </div>
  );
}

export function FilterBubblePage() {
  const [settings, setSettings] = useLabQuery(FILTER_BUBBLE_FIELDS, FILTER_BUBBLE_DEFAULTS);
  const [controller, setController] = useState<FilterBubbleController | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  useEffect(() => {
    const created = new FilterBubbleController(settingsRef.current);
    setController(created);
    return () => {
      created.dispose();
      setController(null);
    };
  }, []);

  // Any change to the world or a pipeline rebuilds both twins from tick 0, but run lengths and the mode do not.
  const configKey = JSON.stringify([settings.seed, settings.backend, twinConfig(settings)]);
  useEffect(() => {
    if (controller !== null) {
      void controller.open(settingsRef.current);
    }
  }, [controller, configKey]);

  const changeSettings = useCallback((next: Partial<FilterBubbleSettings>) => setSettings(next), [setSettings]);
  const guided = settings.mode === 'guided';
  return (
    <main id="main" className="lab-page">
      <header className="lab-header">
        <h1>Lab 8: Feedback loops and filter bubbles</h1>
        <ModeSwitch mode={settings.mode} onChange={(mode) => setSettings({ mode })} />
      </header>
      {guided ? <Intro /> : <p className="lede">Sandbox: every control, no guidance. Switch to Guided for the steps and questions.</p>}
      {controller && <LabBody controller={controller} settings={settings} setSettings={changeSettings} guided={guided} />}
    </main>
  );
}
