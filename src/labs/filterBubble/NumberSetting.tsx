/**
 * A labelled number input of Lab 8. Its value is checked against its URL
 * field when committed (Enter or leaving the field). An invalid value keeps
 * the last valid one, marks the input `aria-invalid`, and ties the message to
 * the input through `aria-describedby`, after the help text.
 */
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
  /** Form name of the input; defaults to the URL field's name, which is unique on the page (`aEpsilon`, `bEpsilon`). */
  name?: string;
  onCommit(value: number): void;
}

export function NumberSetting({ label, ariaLabel, help, field, value, disabled = false, name = field.name, onCommit }: NumberSettingProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const describedBy = [help ? helpId : null, error ? errorId : null].filter((part) => part !== null).join(' ');

  const commit = () => {
    if (text === null) {
      return;
    }
    const parsed = field.parse(text);
    if (parsed === undefined) {
      setError(`${label}: ${text || '(empty)'} is not ${field.expected}; kept ${value}.`);
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
        name={name}
        type="text"
        inputMode="decimal"
        value={text ?? String(value)}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-describedby={describedBy || undefined}
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
        <span id={helpId} className="help">
          {help}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
