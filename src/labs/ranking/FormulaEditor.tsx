/**
 * The utility formula's text box. A formula that does not parse stays in the
 * box with the parser's message and a caret under the column it names. The
 * ranked list keeps using the last valid formula.
 */
import { useId, useState } from 'react';
import { DEFAULT_UTILITY_FORMULA, MAX_FORMULA_LENGTH, tryParseUtilityFormula } from '../../engine/ranking/utilityFormula';
import { useRankingPage } from './sessionContext';

export function FormulaEditor() {
  const { settings, setSettings } = useRankingPage();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? settings.formula;
  const parsed = tryParseUtilityFormula(text);

  return (
    <div className="formula-editor">
      <label htmlFor={id}>Utility formula (variables pCTR, pCVR, watch; numbers; + - * / and parentheses; × and ÷ also work)</label>
      <input
        id={id}
        type="text"
        className="formula-input"
        spellCheck={false}
        maxLength={MAX_FORMULA_LENGTH + 20}
        value={text}
        aria-invalid={parsed.error !== undefined}
        aria-describedby={`${id}-message`}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setDraft(value);
          if (tryParseUtilityFormula(value).formula) {
            setSettings({ formula: value.trim() });
          }
        }}
        onBlur={() => {
          if (parsed.formula) {
            setDraft(null);
          }
        }}
      />{' '}
      <button
        type="button"
        className="small"
        onClick={() => {
          setDraft(null);
          setSettings({ formula: DEFAULT_UTILITY_FORMULA });
        }}
      >
        Default formula
      </button>
      <div id={`${id}-message`} aria-live="polite">
        {parsed.error ? (
          <div className="field-error" data-testid="formula-error">
            <pre className="formula-caret" aria-hidden="true">
              {text}
              {'\n'}
              {' '.repeat(Math.min(parsed.error.position, text.length))}^
            </pre>
            {parsed.error.message} The list below still uses {settings.formula}.
          </div>
        ) : (
          <p className="help">Each item's score is the sum of the formula's top-level terms; the waterfall shows each term.</p>
        )}
      </div>
    </div>
  );
}
