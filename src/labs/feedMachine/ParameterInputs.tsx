/**
 * Labelled number inputs for the simulation parameters. An input commits on
 * Enter or when it loses focus (not per keystroke, since every change restarts
 * the run). A rejected value keeps the old one and the reason shows beside the input.
 */
import { useId, useState } from 'react';
import type { FeedMachineParams } from '../../engine/scenarios/feedMachine';
import { feedMachineFields } from '../../state/feedMachineUrl';
import { selectMode, selectParams } from '../../state/selectors';
import { feedLabStore, useFeedLab } from '../../state/store';
import { ADVANCED_PARAMETERS, MAIN_PARAMETERS, PARAMETER_INFO } from './parameterInfo';

function ParameterInput({ name, value }: { name: keyof FeedMachineParams; value: number }) {
  const id = useId();
  const info = PARAMETER_INFO[name];
  const field = feedMachineFields[name];
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  const [error, setError] = useState<string | null>(null);

  // The stored value changed elsewhere (URL, a guided step, Reset): show it.
  if (shown !== value) {
    setShown(value);
    setDraft(String(value));
    setError(null);
  }

  const commit = () => {
    const parsed = field.parse(draft);
    if (parsed === undefined) {
      setError(`${draft === '' ? 'An empty value' : draft} is not ${field.expected}; keeping ${value}.`);
      return;
    }
    setError(feedLabStore.getState().setParams({ [name]: parsed }));
  };

  return (
    <div className="parameter">
      <label htmlFor={id}>
        {info.label}
        {info.unit && <span className="unit"> ({info.unit})</span>}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        step={info.step}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            commit();
          }
        }}
      />
      <span id={`${id}-help`} className="help">
        {info.help}
      </span>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function ParameterInputs() {
  const params = useFeedLab(selectParams);
  const mode = useFeedLab(selectMode);

  return (
    <fieldset className="parameters">
      <legend>Parameters</legend>
      <p className="reset-note">Changing a parameter restarts the run from tick 0 with the new value. The same values always give the same run.</p>
      <div className="parameter-grid">
        {MAIN_PARAMETERS.map((name) => (
          <ParameterInput key={name} name={name} value={params[name]} />
        ))}
      </div>
      <details className="advanced" open={mode === 'sandbox'}>
        <summary>Advanced parameters</summary>
        <div className="parameter-grid">
          {ADVANCED_PARAMETERS.map((name) => (
            <ParameterInput key={name} name={name} value={params[name]} />
          ))}
        </div>
      </details>
    </fieldset>
  );
}
