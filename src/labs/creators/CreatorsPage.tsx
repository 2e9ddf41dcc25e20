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
import { cliArguments, CREATORS_DEFAULTS, CREATORS_FIELDS, describeFeed, fieldProblems, repairSettings, twinPair, type CreatorsSettings } from './settings';
import { buildSteps, STEP_SEEDS, STEP_TICKS } from './steps';
import { CHECK_QUESTIONS, OBJECTIVES } from './teaching';
import { CascadesPanel, DependencyPanel, NewCreatorPanel } from './TickPanels';
import { WorkerError } from '../WorkerError';

/** Returns why the settings cannot build twins (the cross-field checks, with the fix), or null. */
export function settingsProblem(settings: CreatorsSettings): string | null {
  const problems = Object.values(fieldProblems(settings));
  if (problems.length > 0) {
    return `${problems.join(' ')} The twins keep their last valid settings.`;
  }
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
      {tick === 0 ? (
        <p className="help">Run at least one tick; each twin then gets a download and the command that writes the same file.</p>
      ) : (
        <>
          <p className="help">
            Each file has the same bytes as the file that this command writes for that twin after the same {tick} ticks on the {backend} backend (run it in the repository; <code>-s</code> keeps npm’s own lines out of the output). The embedding dimension has no control on the page and keeps the CLI’s default.
          </p>
          {(['a', 'b'] as const).map((twin) => (
            <pre key={twin} className="cli-command" data-testid={`cli-command-${twin}`}>
              {`# twin ${twin.toUpperCase()}\nnpm run -s sim -- ${cliArguments(settings, twin, tick, backend, `twin-${twin}.csv`).join(' ')}`}
            </pre>
          ))}
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

/** Describes what a copied link reproduces: the settings at tick 0, and the tick that one press of Run then reaches. */
export function copyLinkNote(tick: number, ticksPerRun: number): string {
  const base = `It reopens both twins at tick 0 on this seed with these settings; pressing Run ${ticksPerRun} ticks there reaches tick ${ticksPerRun}`;
  if (tick === 0 || tick === ticksPerRun) {
    return `${base}, with the same numbers as here at that tick.`;
  }
  return `${base}, not the tick ${tick} shown here. To share tick ${tick}, set “Ticks per run” to ${tick} before copying.`;
}

function RunPanel({ controller, settings, setSettings }: { controller: CreatorsController; settings: CreatorsSettings; setSettings(next: Partial<CreatorsSettings>): void }) {
  const status = useCreatorsSelector(controller, (state) => state.status);
  const message = useCreatorsSelector(controller, (state) => state.message);
  const error = useCreatorsSelector(controller, (state) => state.error);
  const settingsError = useCreatorsSelector(controller, (state) => state.settingsError);
  const init = useCreatorsSelector(controller, (state) => state.init);
  const paused = useCreatorsSelector(controller, (state) => state.paused);
  const tick = useCreatorsSelector(controller, (state) => state.tick);
  const targetTick = useCreatorsSelector(controller, (state) => state.targetTick);
  const runRef = useRef<HTMLButtonElement>(null);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const keepFocus = useRef(false);

  // Run is disabled while the twins run and Pause after: focus moves to whichever is enabled, so the keyboard user does not land on the page body.
  useEffect(() => {
    if (!keepFocus.current) {
      return;
    }
    if (status === 'running') {
      pauseRef.current?.focus();
    } else if (status === 'ready') {
      keepFocus.current = false;
      runRef.current?.focus();
    }
  }, [status]);

  const startRun = () => {
    keepFocus.current = document.activeElement === runRef.current;
    void controller.run(settings.ticks);
  };

  return (
    <section className="panel controls-panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Run both twins</h2>
      <div className="button-row">
        <button ref={runRef} type="button" className="primary" onClick={startRun} disabled={status !== 'ready'}>
          {paused ? `Resume to tick ${targetTick}` : `Run ${settings.ticks} ticks`}
        </button>
        <button ref={pauseRef} type="button" onClick={() => controller.stop()} disabled={status !== 'running'}>
          Pause
        </button>
        <button type="button" onClick={() => void controller.open(settings)} disabled={status === 'starting' || status === 'crashed' || settingsError !== null}>
          Reset to tick 0
        </button>
        <CopyLinkButton note={copyLinkNote(tick, settings.ticks)} />
      </div>
      <p role="status" className="run-status" data-testid="run-status">
        {message}
      </p>
      {settingsError !== null && (
        <p role="alert" className="run-error" data-testid="settings-error">
          {settingsError}
        </p>
      )}
      <WorkerError error={error} onRestart={() => void controller.restart()} />
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
  const stepsNote = useMemo(
    () => (
      <p>
        Each step runs its own pair of twins on the default world for {STEP_TICKS} ticks on each of the {STEP_SEEDS.length} seeds {STEP_SEEDS[0]} to {STEP_SEEDS.at(-1)} (about half a minute in all), and states the rule by which it reads the result: steps 1 and 3 name a direction only when the 95% interval of the paired difference B − A excludes 0.
        The twins on the page are left as they are.
      </p>
    ),
    [],
  );
  const maxTick = Math.max(tick, targetTick, settings.ticks);
  const weightsAfter = `click weight ${settings.clickWeightAfter}, watch weight ${settings.watchWeightAfter} and share weight ${settings.shareWeightAfter}`;
  const changes = useMemo(() => ({ a: settings.aChange, b: settings.bChange }), [settings.aChange, settings.bChange]);
  const followCreator = useCallback((creator: number) => setSettings({ focusCreator: creator }), [setSettings]);

  return (
    <div className="lab-grid creators-grid">
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
        {snapshots && <ReachPanel snapshots={snapshots} labels={labels} users={init?.users ?? settings.users} />}
        {snapshots && init && <NewCreatorPanel rows={rows} snapshots={snapshots} labels={labels} maxTick={maxTick} releaseTick={settings.newCreatorTick} target={settings.reachTarget} newCreator={init.newCreator} />}
        {snapshots && <CascadesPanel rows={rows} snapshots={snapshots} labels={labels} maxTick={maxTick} />}
        <DependencyPanel rows={rows} labels={labels} followers={init?.followers} maxTick={maxTick} changeTick={settings.changeTick} focusCreator={settings.focusCreator} externalViews={settings.externalViews} changes={changes} weightsAfter={weightsAfter} snapshots={snapshots ?? undefined} onFollow={followCreator} feedsDiffer={settings.aFollowingSlots !== settings.bFollowingSlots || settings.aEpsilon !== settings.bEpsilon} />
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
  // Settings that do not fit together keep the last valid twins; in the opening link, where there are none yet, they are replaced.
  const configKey = JSON.stringify(twinPair(settings));
  const opened = useRef(false);
  const [linkNotice, setLinkNotice] = useState<string | null>(null);
  useEffect(() => {
    if (controller === null) {
      return;
    }
    const problem = settingsProblem(settingsRef.current);
    if (problem !== null && !opened.current) {
      const repaired = repairSettings(settingsRef.current);
      if (repaired.messages.length > 0) {
        setLinkNotice(repaired.messages.join(' '));
        setSettings(repaired.changes);
        return;
      }
    }
    if (problem !== null) {
      controller.rejectSettings(problem);
      return;
    }
    opened.current = true;
    controller.acceptSettings();
    void controller.open(settingsRef.current);
  }, [controller, configKey, setSettings]);

  const changeSettings = useCallback((next: Partial<CreatorsSettings>) => setSettings(next), [setSettings]);
  const guided = settings.mode === 'guided';
  return (
    <main id="main" className="lab-page">
      <header className="lab-header">
        <h1>Lab 9: Creators and platform dependency</h1>
        <ModeSwitch mode={settings.mode} onChange={(mode) => setSettings({ mode })} />
      </header>
      {guided ? <Intro /> : <p className="lede">Sandbox: every control, no guidance. Switch to Guided for the steps and questions.</p>}
      {linkNotice !== null && (
        <p role="alert" className="run-error" data-testid="link-notice">
          {linkNotice}
        </p>
      )}
      {controller && <LabBody controller={controller} settings={settings} setSettings={changeSettings} guided={guided} />}
    </main>
  );
}
