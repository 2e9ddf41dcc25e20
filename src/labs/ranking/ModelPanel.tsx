/**
 * Training controls: the models, tasks, fields and crosses, and the Train
 * and Stop buttons. Crosses feed the wide part: LR and Wide & Deep.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CtrModelKind } from '../../engine/ctr/types';
import { MODEL_FLAG, MODEL_KINDS, MODEL_LABELS, TASK_LABELS, TASKS, trainRequestOf } from './rankingUrl';
import { useRankingPage, useSessionState } from './sessionContext';
import { FlagSetting, NumberSetting } from './SettingInputs';

function FieldChoice() {
  const { settings, setSettings } = useRankingPage();
  const dataset = useSessionState((state) => state.dataset);
  if (!dataset) {
    return null;
  }
  const names = dataset.fields.map((field) => field.name);
  const used = settings.fields.length === 0 ? names : settings.fields.filter((name) => names.includes(name));
  const unknown = settings.fields.filter((name) => !names.includes(name));

  const toggle = (name: string, on: boolean) => {
    const next = on ? [...used, name] : used.filter((candidate) => candidate !== name);
    // Every field on is written as the empty list, the default.
    setSettings({ fields: next.length === names.length ? [] : names.filter((candidate) => next.includes(candidate)) });
  };

  return (
    <fieldset className="field-choice">
      <legend>Fields the models use</legend>
      {dataset.fields.map((field) => (
        <label key={field.name} className="choice" title={field.description}>
          <input type="checkbox" checked={used.includes(field.name)} onChange={(event) => toggle(field.name, event.currentTarget.checked)} />
          {field.name} <span className="help">({field.cardinality})</span>
        </label>
      ))}
      {unknown.length > 0 && (
        <p className="field-error">
          The address names field(s) {unknown.join(', ')}, which this data set does not have; they are left out. Fields here: {names.join(', ')}.
        </p>
      )}
    </fieldset>
  );
}

function CrossEditor() {
  const { settings, setSettings } = useRankingPage();
  const dataset = useSessionState((state) => state.dataset);
  const firstId = useId();
  const secondId = useId();
  const [first, setFirst] = useState('user');
  const [second, setSecond] = useState('item_topic');
  if (!dataset) {
    return null;
  }
  const names = dataset.fields.map((field) => field.name);
  const a = names.includes(first) ? first : names[0];
  const b = names.includes(second) ? second : names[1];
  const exists = settings.crosses.some((cross) => (cross.a === a && cross.b === b) || (cross.a === b && cross.b === a));

  return (
    <fieldset className="cross-editor">
      <legend>Crosses of the wide part (LR, Wide & Deep)</legend>
      <ul>
        {settings.crosses.length === 0 && <li className="help">No crosses: the wide part sees each field on its own.</li>}
        {settings.crosses.map((cross) => (
          <li key={`${cross.a}*${cross.b}`}>
            {cross.a} × {cross.b}
            {(!names.includes(cross.a) || !names.includes(cross.b)) && <span className="field-error"> (a field of this cross is not in this data set, so training leaves it out)</span>}{' '}
            <button type="button" className="small" onClick={() => setSettings({ crosses: settings.crosses.filter((other) => other !== cross) })} aria-label={`Remove cross ${cross.a} × ${cross.b}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor={firstId}>Cross</label>{' '}
      <select id={firstId} value={a} onChange={(event) => setFirst(event.currentTarget.value)}>
        {names.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>{' '}
      <label htmlFor={secondId}>with</label>{' '}
      <select id={secondId} value={b} onChange={(event) => setSecond(event.currentTarget.value)}>
        {names.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>{' '}
      <button type="button" disabled={a === b || exists} onClick={() => setSettings({ crosses: [...settings.crosses, { a, b }] })}>
        Add cross
      </button>
    </fieldset>
  );
}

/** True when keyboard focus sits on nothing usable: the page body, or a button that a run just disabled. */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
}

/**
 * Keeps keyboard focus on the run controls. A run (from Train or a guided
 * step) disables the button that started it, so focus moves to Stop. When the
 * run ends, Stop is disabled and focus moves back to Train. Focus on a usable
 * element elsewhere stays where it is.
 */
function useRunFocus(training: boolean) {
  const stopRef = useRef<HTMLButtonElement>(null);
  const trainRef = useRef<HTMLButtonElement>(null);
  const wasTraining = useRef(training);

  useEffect(() => {
    const ended = wasTraining.current && !training;
    wasTraining.current = training;
    if (training && focusIsLost()) {
      stopRef.current?.focus({ preventScroll: true });
    } else if (ended && (document.activeElement === stopRef.current || focusIsLost())) {
      trainRef.current?.focus({ preventScroll: true });
    }
  }, [training]);

  return { stopRef, trainRef };
}

export function ModelPanel() {
  const { session, settings } = useRankingPage();
  const phase = useSessionState((state) => state.phase);
  const dataset = useSessionState((state) => state.dataset);
  const backend = useSessionState((state) => state.backend);
  const request = trainRequestOf(settings, dataset);
  const training = phase === 'training';
  const { stopRef, trainRef } = useRunFocus(training);
  let blocker: string | null = null;
  if (request.models.length === 0) {
    blocker = 'Choose at least one model.';
  } else if (dataset !== undefined && request.tasks.length === 0) {
    blocker = 'Choose at least one task that this data set has labels for.';
  }

  return (
    <section aria-labelledby="models-heading" className="ranking-models">
      <h3 id="models-heading">Models</h3>
      <fieldset>
        <legend>Models to compare</legend>
        {MODEL_KINDS.map((kind: CtrModelKind) => (
          <FlagSetting key={kind} name={MODEL_FLAG[kind]} label={MODEL_LABELS[kind]} disabled={training} />
        ))}
      </fieldset>
      <fieldset>
        <legend>Tasks</legend>
        {TASKS.map((task) => (
          <FlagSetting key={task} name={task} label={TASK_LABELS[task] + (dataset && !dataset.tasks.includes(task) ? ' (no labels in this data set)' : '')} disabled={training} />
        ))}
      </fieldset>
      <div className="field-grid">
        <NumberSetting name="epochs" label="Epochs" step={1} disabled={training} />
        <NumberSetting name="learningRate" label="Learning rate (Adam)" step={0.001} disabled={training} />
        <NumberSetting name="embeddingDim" label="Embedding dimension k" step={1} disabled={training} />
      </div>
      <FieldChoice />
      <CrossEditor />
      <div className="run-buttons">
        <button ref={trainRef} type="button" className="primary" disabled={session === null || phase !== 'ready' || blocker !== null} onClick={() => void session?.train(request).catch(() => undefined)}>
          Train {request.models.length > 1 ? `${request.models.length} models` : 'model'}
        </button>{' '}
        <button ref={stopRef} type="button" disabled={!training} onClick={() => void session?.stop()}>
          Stop
        </button>
      </div>
      {blocker && <p className="field-error">{blocker}</p>}
      {dataset === undefined && <p className="help">Loading…</p>}
      <p className="help">
        TensorFlow.js backend: <strong data-testid="backend">{backend ? backend.active : 'choosing…'}</strong>
        {backend && backend.fallbacks.length > 0 && <> (fell back: {backend.fallbacks.map((fallback) => `${fallback.from} → ${fallback.to}: ${fallback.reason}`).join('; ')})</>}
      </p>
    </section>
  );
}
