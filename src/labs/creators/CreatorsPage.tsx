/**
 * Lab 9, "Creators and platform dependency": two feeds (twins A and B) on
 * the same seed, world and follow graph, side by side: reach against
 * followers, a new creator's cold start, share cascades, and one creator's
 * traffic when the ranking objective changes. The page owns its worker for
 * as long as it is mounted.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseCreatorsParams } from '../../engine/scenarios/creators';
import { useLabQuery } from '../../state/labQuery';
import { CheckQuestions } from '../../teaching/CheckQuestions';
import { CopyLinkButton } from '../../teaching/CopyLinkButton';
import { LabIntro } from '../../teaching/LabIntro';
import { ModeSwitch } from '../../teaching/ModeSwitch';
import { PredictThenRun } from '../../teaching/PredictThenRun';
import { downloadBlob } from '../../viz/exportChart';
import type { CreatorsTwin } from '../../worker/creatorsApi';
import './creators.css';
import { CreatorsControls } from './CreatorsControls';
import { GroundTruth } from './GroundTruth';
import { CreatorsController, useCreatorsSelector, type CreatorsState } from './labController';
import { ReachPanel, type TwinLabels } from './ReachPanel';
import { cliArguments, CREATORS_DEFAULTS, CREATORS_FIELDS, describeFeed, twinPair, type CreatorsSettings } from './settings';
import { buildSteps, CHECK_QUESTIONS, OBJECTIVES, STEP_TICKS } from './teaching';
import { CascadesPanel, DependencyPanel, NewCreatorPanel } from './TickPanels';

/** Returns why the settings cannot build twins (the engine's cross-field checks, with the fix), or null. */
export function settingsProblem(settings: CreatorsSettings): string | null {
  for (const twin of ['a', 'b'] as const) {
    try {
      parseCreatorsParams(twinPair(settings)[twin]);
    } catch (error) {
      return `Twin ${twin.toUpperCase()}: ${error instanceof Error ? error.message : String(error)} The twins keep their last valid settings.`;
    }
  }
  return null;
}

function Intro() {
  return (
    <LabIntro objectives={OBJECTIVES}>
      <p>
        On a follow-graph feed a creator reaches its followers; on an algorithmic feed the ranking decides, and follower counts matter only as far as the models learn from them. This lab runs two feeds, twin A and twin B, on the same seed:
        the same users, items, follow graph and visits. Only the feed settings differ, so every difference in the charts is theirs.
      </p>
      <p>
        The world is the engine’s default (400 users, 2,000 items, 80 creators), small enough that 40 ticks of both twins take seconds in a browser worker. The last creator is new: it has no followers and publishes mid-run. One focus
        creator stands for a creator or an advertiser whose traffic depends on the platform’s ranking objective.
      </p>
    </LabIntro>
  );
}

function CsvDownloads({ controller, settings }: { controller: CreatorsController; settings: CreatorsSettings }) {
  const tick = useCreatorsSelector(controller, (state) => state.tick);
  const backend = useCreatorsSelector(controller, (state) => state.init?.backend.active ?? 'wasm');
  const status = useCreatorsSelector(controller, (state) => state.status);
  const [error, setError] = useState<string | null>(null);
  const download = async (twin: CreatorsTwin) => {
    try {
      setError(null);
      const csv = await controller.csv(twin);
      downloadBlob(new Blob([csv], { type: 'text/csv' }), `creators-${twin}-seed-${settings.seed}-tick-${tick}.csv`);
    } catch (caught) {
      setError(`The CSV download failed: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  };
  return (
    <div className="csv-downloads">
      <h3>Per-tick rows as CSV</h3>
      <div className="button-row">
        {(['a', 'b'] as const).map((twin) => (
          <button key={twin} type="button" onClick={() => void download(twin)} disabled={status !== 'ready' || tick === 0}>
            Download CSV of twin {twin.toUpperCase()}
          </button>
        ))}
      </div>
      <p className="help">Each file has the same bytes as the CSV that this command writes for that twin on the {backend} backend:</p>
      {(['a', 'b'] as const).map((twin) => (
        <pre key={twin} className="cli-command" data-testid={`cli-command-${twin}`}>
          {`# twin ${twin.toUpperCase()}\nnpm run sim -- ${cliArguments(settings, twin, Math.max(tick, 1), backend).join(' ')}`}
        </pre>
      ))}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

function RunPanel({ controller, settings, setSettings }: { controller: CreatorsController; settings: CreatorsSettings; setSettings(next: Partial<CreatorsSettings>): void }) {
  const status = useCreatorsSelector(controller, (state) => state.status);
  const message = useCreatorsSelector(controller, (state) => state.message);
  const error = useCreatorsSelector(controller, (state) => state.error);
  const settingsError = useCreatorsSelector(controller, (state) => state.settingsError);
  const init = useCreatorsSelector(controller, (state) => state.init);
  return (
    <section className="panel controls-panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Run both twins</h2>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void controller.run(settings.ticks)} disabled={status !== 'ready'}>
          Run {settings.ticks} ticks
        </button>
        <button type="button" onClick={() => controller.stop()} disabled={status !== 'running'}>
          Pause
        </button>
        <button type="button" onClick={() => void controller.open(settings)} disabled={status === 'starting' || status === 'crashed' || settingsError !== null}>
          Reset to tick 0
        </button>
        <CopyLinkButton note="It reopens both twins on this seed; press Run to reach the same numbers at the same tick." />
      </div>
      <p role="status" className="run-status" data-testid="run-status">
        {message}
      </p>
      {settingsError !== null && (
        <p role="alert" className="run-error" data-testid="settings-error">
          {settingsError}
        </p>
      )}
      {error !== null && (
        <div role="alert" className="run-error">
          <p>{error}</p>
          <button type="button" onClick={() => void controller.restart()}>
            Restart the worker
          </button>
        </div>
      )}
      {init && (
        <p className="help">
          Backend: {init.backend.active}. World: {init.users} users, {init.items} items, {init.creators} creators (creator {init.newCreator} is new), {init.topics} topics.
        </p>
      )}
      <CreatorsControls settings={settings} onChange={setSettings} />
      <CsvDownloads controller={controller} settings={settings} />
    </section>
  );
}

const selectRows = (state: CreatorsState) => state.rows;
const selectInit = (state: CreatorsState) => state.init;
const selectSnapshots = (state: CreatorsState) => state.snapshots;
const selectTick = (state: CreatorsState) => state.tick;
const selectTargetTick = (state: CreatorsState) => state.targetTick;
const selectReady = (state: CreatorsState) => state.status === 'ready';

const MemoGroundTruth = memo(GroundTruth);
const MemoPredictThenRun = memo(PredictThenRun);
const MemoCheckQuestions = memo(CheckQuestions);

interface LabBodyProps {
  controller: CreatorsController;
  settings: CreatorsSettings;
  setSettings(next: Partial<CreatorsSettings>): void;
  guided: boolean;
}

function LabBody({ controller, settings, setSettings, guided }: LabBodyProps) {
  const rows = useCreatorsSelector(controller, selectRows);
  const init = useCreatorsSelector(controller, selectInit);
  const snapshots = useCreatorsSelector(controller, selectSnapshots);
  const tick = useCreatorsSelector(controller, selectTick);
  const targetTick = useCreatorsSelector(controller, selectTargetTick);
  const ready = useCreatorsSelector(controller, selectReady);
  const aText = describeFeed(settings, 'a');
  const bText = describeFeed(settings, 'b');
  const labels = useMemo<TwinLabels>(() => ({ a: `A: ${aText}`, b: `B: ${bText}` }), [aText, bText]);
  const steps = useMemo(() => buildSteps((pair, ticks, onProgress) => controller.experiment(pair, ticks, onProgress)), [controller]);
  const stepsNote = useMemo(() => <p>Each step runs its own pair of twins on the default world and seed for {STEP_TICKS} ticks; the twins on the page are left as they are.</p>, []);
  const maxTick = Math.max(tick, targetTick, settings.ticks);
  const weightsAfter = `click weight ${settings.clickWeightAfter}, watch weight ${settings.watchWeightAfter} and share weight ${settings.shareWeightAfter}`;
  const changes = useMemo(() => ({ a: settings.aChange, b: settings.bChange }), [settings.aChange, settings.bChange]);
  const followCreator = useCallback((creator: number) => setSettings({ focusCreator: creator }), [setSettings]);

  return (
    <div className="lab-grid">
      <RunPanel controller={controller} settings={settings} setSettings={setSettings} />
      <aside className="panel truth-panel" aria-label="Ground truth">
        <MemoGroundTruth init={init} snapshots={snapshots} />
      </aside>
      <div className="lab-main">
        {guided && (
          <MemoPredictThenRun steps={steps} ready={ready}>
            {stepsNote}
          </MemoPredictThenRun>
        )}
        {snapshots && <ReachPanel snapshots={snapshots} labels={labels} />}
        {snapshots && init && <NewCreatorPanel rows={rows} snapshots={snapshots} labels={labels} maxTick={maxTick} releaseTick={settings.newCreatorTick} target={settings.reachTarget} newCreator={init.newCreator} />}
        {snapshots && <CascadesPanel rows={rows} snapshots={snapshots} labels={labels} maxTick={maxTick} />}
        <DependencyPanel rows={rows} labels={labels} maxTick={maxTick} changeTick={settings.changeTick} focusCreator={settings.focusCreator} externalViews={settings.externalViews} changes={changes} weightsAfter={weightsAfter} snapshots={snapshots ?? undefined} onFollow={followCreator} />
        {guided && (
          <div className="deferred-render">
            <MemoCheckQuestions questions={CHECK_QUESTIONS} />
          </div>
        )}
      </div>
    </div>
  );
}

export function CreatorsPage() {
  const [settings, setSettings] = useLabQuery(CREATORS_FIELDS, CREATORS_DEFAULTS);
  const [controller, setController] = useState<CreatorsController | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  useEffect(() => {
    const created = new CreatorsController(settingsRef.current);
    setController(created);
    return () => {
      created.dispose();
      setController(null);
    };
  }, []);

  // Any change to the world or a twin's feed rebuilds both twins from tick 0, but the run length and the mode do not.
  const configKey = JSON.stringify(twinPair(settings));
  useEffect(() => {
    if (controller === null) {
      return;
    }
    const problem = settingsProblem(settingsRef.current);
    if (problem !== null) {
      controller.rejectSettings(problem);
      return;
    }
    controller.acceptSettings();
    void controller.open(settingsRef.current);
  }, [controller, configKey]);

  const changeSettings = useCallback((next: Partial<CreatorsSettings>) => setSettings(next), [setSettings]);
  const guided = settings.mode === 'guided';
  return (
    <main id="main" className="lab-page">
      <header className="lab-header">
        <h1>Lab 9: Creators and platform dependency</h1>
        <ModeSwitch mode={settings.mode} onChange={(mode) => setSettings({ mode })} />
      </header>
      {guided ? <Intro /> : <p className="lede">Sandbox: every control, no guidance. Switch to Guided for the steps and questions.</p>}
      {controller && <LabBody controller={controller} settings={settings} setSettings={changeSettings} guided={guided} />}
    </main>
  );
}
