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
  { key: 'user', label: 'User shown', help: 'Whose features the feature store shows: 0 to Users − 1.' },
  { key: 'sessionLength', label: 'Session length N (events)', help: 'The session features use the user’s last N events.' },
  { key: 'ticks', label: 'Ticks per run', help: 'Ticks that one press of Run plays.' },
  { key: 'staleRefresh', label: 'Stale refresh to compare (ticks)', help: 'The refresh period the freshness experiment compares with every tick.' },
  { key: 'compareTicks', label: 'Ticks per comparison run', help: 'Length of each of the two runs of the freshness experiment.' },
];

/**
 * Checks `text` against the URL field table and, for the user shown, against
 * the users of the current world. Returns the value or a message naming the
 * text and the accepted range.
 */
export function checkSetting(key: NumberKey, text: string, users: number): { value: number } | { error: string } {
  const urlField = EVENTS_FEATURES_FIELDS[key];
  const parsed = urlField.parse(text);
  if (parsed === undefined) {
    return { error: `${text || '(empty)'} is not ${key === 'user' ? `a whole number between 0 and ${users - 1}` : urlField.expected}` };
  }
  if (key === 'user' && parsed >= users) {
    return { error: `${parsed} is not a user of this world of ${users} users; choose 0 to ${users - 1}` };
  }
  return { value: parsed };
}

function NumberSetting({ field, value, users, onCommit }: { field: FieldInfo; value: number; users: number; onCommit(value: number): void }) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const commit = () => {
    if (text === null) {
      return;
    }
    const checked = checkSetting(field.key, text, users);
    if ('error' in checked) {
      setError(`${checked.error}; kept ${value}.`);
    } else {
      const parsed = checked.value;
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
        onChange={(event) => {
          setText(event.target.value);
          // A valid value clears the old message at once, also when it equals the kept value.
          if (!('error' in checkSetting(field.key, event.target.value, users))) {
            setError(null);
          }
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            // Enter on the unchanged, kept value confirms it, so the old message goes.
            if (text === null) {
              setError(null);
            }
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
          <NumberSetting key={field.key} field={field} value={settings[field.key]} users={settings.users} onCommit={(value) => onChange({ [field.key]: value })} />
        ))}
      </div>
      <h3>View and experiments</h3>
      <div className="parameter-grid">
        {VIEW_FIELDS.map((field) => (
          <NumberSetting key={field.key} field={field} value={settings[field.key]} users={settings.users} onCommit={(value) => onChange({ [field.key]: value })} />
        ))}
      </div>
    </>
  );
}
