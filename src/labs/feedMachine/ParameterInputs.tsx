/**
 * Labelled number inputs for the simulation parameters, in two groups.
 * Policy settings (exploration, diversity weight, retrain period, drift rate,
 * utility weights) change during a run: past tick 0 a new value applies from
 * the next tick and the run goes on. World settings (seed, sizes, embedding
 * dimension) restart the run from tick 0. An input commits on Enter or when
 * it loses focus, not per keystroke. A rejected value keeps the old one and
 * the reason shows beside the input.
 */
import { useId, useState } from 'react';
import type { FeedMachineParams } from '../../engine/scenarios/feedMachine';
import { isPolicyField } from '../../engine/scenarios/policySchedule';
import { feedMachineFields } from '../../state/feedMachineUrl';
import { selectMode, selectParams } from '../../state/selectors';
import { feedLabStore, useFeedLab } from '../../state/store';
import { useController } from './controllerContext';
import { PARAMETER_INFO } from './parameterInfo';
import { useParamsInForce } from './usePolicySchedule';

type ParameterName = keyof FeedMachineParams;

function ParameterInput({ name, value }: { name: ParameterName; value: number }) {
  const id = useId();
  const controller = useController();
  const info = PARAMETER_INFO[name];
  const field = feedMachineFields[name];
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  const [error, setError] = useState<string | null>(null);

  // The value in force changed elsewhere (URL, a scheduled change, a guided step, Reset): show it.
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
    if (parsed === value) {
      setError(null);
      return;
    }
    if (isPolicyField(name) && controller !== null) {
      void controller.changePolicy({ [name]: parsed }).then(setError);
    } else {
      setError(feedLabStore.getState().setParams({ [name]: parsed }));
    }
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

interface ParameterGroupProps {
  legend: string;
  note: string;
  names: readonly ParameterName[];
  values: FeedMachineParams;
  /** Summary line of the disclosure that contains the group's advanced parameters. */
  moreLabel: string;
}

function ParameterGroup({ legend, note, names, values, moreLabel }: ParameterGroupProps) {
  const mode = useFeedLab(selectMode);
  const main = names.filter((name) => !PARAMETER_INFO[name].advanced);
  const advanced = names.filter((name) => PARAMETER_INFO[name].advanced);

  return (
    <fieldset className="parameters">
      <legend>{legend}</legend>
      <p className="reset-note">{note}</p>
      <div className="parameter-grid">
        {main.map((name) => (
          <ParameterInput key={name} name={name} value={values[name]} />
        ))}
      </div>
      {advanced.length > 0 && (
        <details className="advanced" open={mode === 'sandbox'}>
          <summary>{moreLabel}</summary>
          <div className="parameter-grid">
            {advanced.map((name) => (
              <ParameterInput key={name} name={name} value={values[name]} />
            ))}
          </div>
        </details>
      )}
    </fieldset>
  );
}

const NAMES = Object.keys(PARAMETER_INFO) as ParameterName[];
const POLICY_NAMES = NAMES.filter((name) => isPolicyField(name));
const WORLD_NAMES = NAMES.filter((name) => !isPolicyField(name));

export function ParameterInputs() {
  const params = useFeedLab(selectParams);
  const inForce = useParamsInForce();

  return (
    <div className="parameter-groups">
      <ParameterGroup
        legend="Policy settings"
        note="Apply from the next tick: the run goes on, and the change is listed under the run controls and marked on the charts. At tick 0 they set the starting values."
        names={POLICY_NAMES}
        values={inForce}
        moreLabel="More policy settings"
      />
      <ParameterGroup
        legend="World settings"
        note="Changing one restarts the run from tick 0 and clears the policy changes. The same values always give the same run."
        names={WORLD_NAMES}
        values={params}
        moreLabel="More world settings"
      />
    </div>
  );
}
