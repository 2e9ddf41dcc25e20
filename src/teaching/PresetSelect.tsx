/**
 * A labelled select of a lab's presets with the chosen preset's description
 * below it. When the settings match no preset it shows "Custom twins".
 */
import { useId } from 'react';

/** One preset as the select shows it. */
export interface PresetOption {
  value: string;
  title: string;
  description: string;
}

interface PresetSelectProps {
  presets: readonly PresetOption[];
  /** Value of the preset the settings match, or undefined for custom settings. */
  selected: string | undefined;
  onSelect(value: string): void;
}

export function PresetSelect({ presets, selected, onSelect }: PresetSelectProps) {
  const id = useId();
  const chosen = presets.find((preset) => preset.value === selected);
  return (
    <>
      <div className="parameter">
        <label htmlFor={id}>Preset</label>
        <select id={id} name="preset" value={chosen?.value ?? 'custom'} onChange={(event) => onSelect(event.target.value)}>
          {chosen === undefined && <option value="custom">Custom twins</option>}
          {presets.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.title}
            </option>
          ))}
        </select>
      </div>
      {chosen && (
        <div className="preset-description" data-testid="preset-description">
          <p>{chosen.description}</p>
        </div>
      )}
    </>
  );
}
