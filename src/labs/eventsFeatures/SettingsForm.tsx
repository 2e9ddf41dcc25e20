/** Labelled inputs for Lab 2's settings; a value is checked against the URL field table when it is committed (Enter or leaving the field). */
import { useId, useState } from 'react';
import { EVENTS_FEATURES_FIELDS, type EventsFeaturesSettings } from './settings';

type NumberKey = Exclude<keyof EventsFeaturesSettings, 'mode'>;

interface FieldInfo {
  key: NumberKey;
  label: string;
  help: string;
}

/** Fields whose change rebuilds the world from tick 0. */
export const WORLD_FIELDS: readonly FieldInfo[] = [
  { key: 'seed', label: 'Seed', help: 'The same seed repeats the run exactly.' },
  { key: 'users', label: 'Users', help: 'Synthetic users.' },
  { key: 'items', label: 'Items', help: 'Short videos in the catalogue.' },
  { key: 'topics', label: 'Topics', help: 'Latent topics of the world.' },
  { key: 'featureRefresh', label: 'Batch refresh (ticks)', help: 'Ticks between refreshes of the profile and item statistics the ranker reads; 1 serves them live.' },
];

/** Fields that change what is shown or the next experiment, without a reset. */
export const VIEW_FIELDS: readonly FieldInfo[] = [
  { key: 'user', label: 'User shown', help: 'Whose features the feature store shows.' },
  { key: 'sessionLength', label: 'Session length N (events)', help: 'The session features use the user’s last N events.' },
  { key: 'ticks', label: 'Ticks per run', help: 'Ticks that one press of Run plays.' },
  { key: 'staleRefresh', label: 'Stale refresh to compare (ticks)', help: 'The refresh period the freshness experiment compares with every tick.' },
  { key: 'compareTicks', label: 'Ticks per comparison run', help: 'Length of each of the two runs of the freshness experiment.' },
];

function NumberSetting({ field, value, onCommit }: { field: FieldInfo; value: number; onCommit(value: number): void }) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const urlField = EVENTS_FEATURES_FIELDS[field.key];

  const commit = () => {
    if (text === null) {
      return;
    }
    const parsed = urlField.parse(text);
    if (parsed === undefined) {
      setError(`${text || '(empty)'} is not ${urlField.expected}; kept ${value}.`);
    } else {
      setError(null);
      if (parsed !== value) {
        onCommit(parsed);
      }
    }
    setText(null);
  };

  return (
    <div className="parameter">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text ?? String(value)}
        aria-describedby={`${id}-help`}
        aria-invalid={error !== null}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            commit();
          }
        }}
      />
      <span id={`${id}-help`} className="help">
        {field.help}
      </span>
      {error && (
        <span role="alert" className="field-error">
          {field.label}: {error}
        </span>
      )}
    </div>
  );
}

export function SettingsForm({ settings, onChange }: { settings: EventsFeaturesSettings; onChange(next: Partial<EventsFeaturesSettings>): void }) {
  return (
    <>
      <h3>World (changing one restarts from tick 0)</h3>
      <div className="parameter-grid">
        {WORLD_FIELDS.map((field) => (
          <NumberSetting key={field.key} field={field} value={settings[field.key]} onCommit={(value) => onChange({ [field.key]: value })} />
        ))}
      </div>
      <h3>View and experiments</h3>
      <div className="parameter-grid">
        {VIEW_FIELDS.map((field) => (
          <NumberSetting key={field.key} field={field} value={settings[field.key]} onCommit={(value) => onChange({ [field.key]: value })} />
        ))}
      </div>
    </>
  );
}
