/**
 * A labelled number input of a lab's settings. Its value is checked against
 * its URL field when committed (Enter or leaving the field). An invalid value
 * keeps the last valid one, marks the input `aria-invalid`, and ties the
 * message to the input through `aria-describedby`, after the help text. A
 * message that another setting causes (a cross-field check) comes in as
 * `problem` and is shown the same way. A message disappears as soon as the
 * field has a valid value again, whether the student or another setting changed it.
 */
import { useId, useState } from 'react';
import type { UrlField } from '../state/urlFields';

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
  /** Message of a cross-field check that the current value fails, with the fix; null or absent when it passes. */
  problem?: string | null;
  onCommit(value: number): void;
}

export function NumberSetting({ label, ariaLabel, help, field, value, disabled = false, name = field.name, problem = null, onCommit }: NumberSettingProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const [text, setText] = useState<string | null>(null);
  // The message of a rejected entry, with the value kept; it is stale once the value changes.
  const [rejected, setRejected] = useState<{ message: string; kept: number } | null>(null);
  const error = rejected !== null && rejected.kept === value ? rejected.message : problem;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter((part) => part !== null).join(' ');

  const commit = (confirmed = false) => {
    if (text === null) {
      // Enter on the unedited field confirms the valid value it shows, so a message about an earlier entry goes.
      if (confirmed) {
        setRejected(null);
      }
      return;
    }
    const parsed = field.parse(text);
    if (parsed === undefined) {
      setRejected({ message: `${label}: ${text || '(empty)'} is not ${field.expected}; kept ${value}.`, kept: value });
    } else {
      setRejected(null);
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
        onBlur={() => commit()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            commit(true);
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
