/** A labelled number input of Lab 8. Its value is checked against its URL field when committed (Enter or leaving the field). */
import { useId, useState } from 'react';
import type { UrlField } from '../../state/urlFields';

interface NumberSettingProps {
  label: string;
  /** Accessible name when the visible label needs its context, e.g. the twin. */
  ariaLabel?: string;
  help?: string;
  field: UrlField<number>;
  value: number;
  disabled?: boolean;
  onCommit(value: number): void;
}

export function NumberSetting({ label, ariaLabel, help, field, value, disabled = false, onCommit }: NumberSettingProps) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const commit = () => {
    if (text === null) {
      return;
    }
    const parsed = field.parse(text);
    if (parsed === undefined) {
      setError(`${text || '(empty)'} is not ${field.expected}; kept ${value}.`);
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
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text ?? String(value)}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-describedby={help ? `${id}-help` : undefined}
        aria-invalid={error !== null}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            commit();
          }
        }}
      />
      {help && (
        <span id={`${id}-help`} className="help">
          {help}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
