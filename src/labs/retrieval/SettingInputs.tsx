/**
 * Labelled inputs for Lab 3's URL settings. A number commits on Enter or
 * blur; a rejected value keeps the old one and shows the reason beside it.
 */
import { useId, useState } from 'react';
import { RETRIEVAL_FIELDS, type RetrievalSettings } from './settings';

type NumberKey = { [K in keyof RetrievalSettings]: RetrievalSettings[K] extends number ? K : never }[keyof RetrievalSettings];
type EnumKey = Exclude<keyof RetrievalSettings, NumberKey>;

interface NumberSettingProps {
  name: NumberKey;
  label: string;
  value: number;
  onCommit(next: Partial<RetrievalSettings>): void;
  /** Whole-number range that depends on the loaded data, checked instead of the URL field's static bounds. */
  range?: { min: number; max: number; noun: string };
  disabled?: boolean;
  /** Short note shown under the field, such as why it is disabled. */
  help?: string;
}

export function NumberSetting({ name, label, value, onCommit, range, disabled = false, help }: NumberSettingProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  const [error, setError] = useState<string | null>(null);
  if (shown !== value) {
    setShown(value);
    setDraft(String(value));
    setError(null);
  }
  const commit = () => {
    if (range !== undefined) {
      const parsed = Number(draft.trim());
      if (draft.trim() === '' || !Number.isInteger(parsed) || parsed < range.min || parsed > range.max) {
        setError(`${draft} is not a ${range.noun}: enter a whole number from ${range.min} to ${range.max}; keeping ${value}`);
        return;
      }
      setError(null);
      onCommit({ [name]: parsed } as Partial<RetrievalSettings>);
      return;
    }
    const field = RETRIEVAL_FIELDS[name];
    const parsed = field.parse(draft);
    if (parsed === undefined) {
      setError(`${draft} is not ${field.expected}; keeping ${value}`);
      return;
    }
    setError(null);
    onCommit({ [name]: parsed } as Partial<RetrievalSettings>);
  };
  return (
    <div className="parameter">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={[error ? `${id}-error` : '', help ? `${id}-help` : ''].join(' ').trim() || undefined}
      />
      {help && (
        <span id={`${id}-help`} className="help">
          {help}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

interface SelectSettingProps<K extends EnumKey> {
  name: K;
  label: string;
  value: RetrievalSettings[K];
  options: readonly RetrievalSettings[K][];
  onCommit(next: Partial<RetrievalSettings>): void;
  /** Options that cannot be chosen now, each with the reason shown in its label. */
  unavailable?: Partial<Record<RetrievalSettings[K], string>>;
  /** Short note shown under the field. */
  help?: string;
}

export function SelectSetting<K extends EnumKey>({ name, label, value, options, onCommit, unavailable, help }: SelectSettingProps<K>) {
  const id = useId();
  return (
    <div className="parameter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onCommit({ [name]: event.target.value } as Partial<RetrievalSettings>)} aria-describedby={help ? `${id}-help` : undefined}>
        {options.map((option) => {
          const reason = unavailable?.[option];
          return (
            <option key={option} value={option} disabled={reason !== undefined}>
              {reason === undefined ? option : `${option} (${reason})`}
            </option>
          );
        })}
      </select>
      {help && (
        <span id={`${id}-help`} className="help">
          {help}
        </span>
      )}
    </div>
  );
}
