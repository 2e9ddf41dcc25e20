/**
 * Labelled inputs for Lab 3's URL settings. A number commits on Enter or
 * blur; a rejected value keeps the old one and shows the reason beside it.
 */
import { useId, useState } from 'react';
import { RETRIEVAL_FIELDS, type RetrievalSettings } from './settings';

type NumberKey = { [K in keyof RetrievalSettings]: RetrievalSettings[K] extends number ? K : never }[keyof RetrievalSettings];
type EnumKey = Exclude<keyof RetrievalSettings, NumberKey>;

export function NumberSetting({ name, label, value, onCommit }: { name: NumberKey; label: string; value: number; onCommit(next: Partial<RetrievalSettings>): void }) {
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
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function SelectSetting<K extends EnumKey>({ name, label, value, options, onCommit }: { name: K; label: string; value: RetrievalSettings[K]; options: readonly RetrievalSettings[K][]; onCommit(next: Partial<RetrievalSettings>): void }) {
  const id = useId();
  return (
    <div className="parameter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onCommit({ [name]: event.target.value } as Partial<RetrievalSettings>)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}
