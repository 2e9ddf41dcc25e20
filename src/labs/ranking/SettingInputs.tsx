/**
 * Labelled inputs bound to one URL setting each. A value the setting rejects
 * stays in the box with a message naming what is accepted, and the setting
 * keeps its last valid value.
 */
import { useId, useState } from 'react';
import { RANKING_URL_FIELDS, type RankingSettings } from './rankingUrl';
import { useRankingPage } from './sessionContext';

type NumberKey = { [K in keyof RankingSettings]: RankingSettings[K] extends number ? K : never }[keyof RankingSettings];
type FlagKey = { [K in keyof RankingSettings]: RankingSettings[K] extends boolean ? K : never }[keyof RankingSettings];

export function NumberSetting({ name, label, help, step, disabled = false }: { name: NumberKey; label: string; help?: string; step?: number; disabled?: boolean }) {
  const { settings, setSettings } = useRankingPage();
  const id = useId();
  const field = RANKING_URL_FIELDS[name];
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(settings[name]);
  const invalid = draft !== null && field.parse(draft) === undefined;
  let describedBy: string | undefined;
  if (invalid) {
    describedBy = `${id}-error`;
  } else if (help) {
    describedBy = `${id}-help`;
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        step={step ?? 'any'}
        value={text}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => {
          const value = event.currentTarget.value;
          const parsed = field.parse(value);
          setDraft(value);
          if (parsed !== undefined) {
            setSettings({ [name]: parsed } as Partial<RankingSettings>);
          }
        }}
        onBlur={() => {
          if (!invalid) {
            setDraft(null);
          }
        }}
      />
      {invalid ? (
        <span id={`${id}-error`} className="field-error">
          {draft === '' ? 'Empty' : `${draft} is not accepted`}: enter {field.expected}. Using {String(settings[name])}.
        </span>
      ) : (
        help && (
          <span id={`${id}-help`} className="help">
            {help}
          </span>
        )
      )}
    </div>
  );
}

export function FlagSetting({ name, label, disabled = false }: { name: FlagKey; label: string; disabled?: boolean }) {
  const { settings, setSettings } = useRankingPage();
  return (
    <label className="choice">
      <input type="checkbox" checked={settings[name]} disabled={disabled} onChange={(event) => setSettings({ [name]: event.currentTarget.checked } as Partial<RankingSettings>)} />
      {label}
    </label>
  );
}
