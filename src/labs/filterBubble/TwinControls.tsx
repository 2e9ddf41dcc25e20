/**
 * Lab 8's controls: the preset menu, the world and its user dynamics, and
 * each twin's pipeline, with every remedy as a switch and its parameter.
 * Every change rebuilds both twins from tick 0. Every control has its own id
 * and form name; a twin's controls carry the twin in both (`aEpsilon`,
 * `bEpsilonOn`) and in their accessible names.
 */
import { useId } from 'react';
import { RECOMMENDERS } from '../../engine/loop/interventions';
import { FILTER_BUBBLE_PRESETS } from '../../engine/scenarios/filterBubble';
import { NumberSetting } from '../../teaching/NumberSetting';
import { PresetSelect, type PresetOption } from '../../teaching/PresetSelect';
import { FILTER_BUBBLE_FIELDS, matchingPreset, presetSettings, type FilterBubbleSettings } from './settings';

/** The lab's presets as the preset select shows them. */
const PRESET_OPTIONS: readonly PresetOption[] = FILTER_BUBBLE_PRESETS.map((preset) => ({ value: preset.name, title: preset.title, description: preset.description }));

type Settings = FilterBubbleSettings;
type Change = (next: Partial<Settings>) => void;
type NumberKey = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

const WORLD_FIELDS: readonly { key: NumberKey; label: string; help: string }[] = [
  { key: 'seed', label: 'Seed', help: 'Both twins share it: the same users, items and visits.' },
  { key: 'users', label: 'Users', help: 'Synthetic users, 20 to 1,000 in the browser; the CLI (npm run sim) runs 10 to 5,000.' },
  { key: 'items', label: 'Items', help: 'Short videos in the catalogue, 100 to 5,000 in the browser; the CLI runs 20 to 20,000.' },
  { key: 'creators', label: 'Creators', help: 'Every item belongs to one; 1 to 500 in the browser, up to 2,000 in the CLI.' },
  { key: 'topics', label: 'Topics', help: 'Latent topics of the world; 2 to 20 in the browser, up to 40 in the CLI.' },
  { key: 'retrainEvery', label: 'Retrain every (ticks)', help: 'Ticks between retrains on the logs; 0 never retrains.' },
];

const DYNAMICS_FIELDS: readonly { key: NumberKey; label: string; help: string }[] = [
  { key: 'driftRate', label: 'Drift rate η', help: "How far a fully watched item pulls a user's true interests toward its topics, 0 to 0.5." },
  { key: 'boredom', label: 'Boredom β', help: 'Watch-logit cost of more of the same, 0 to 5; 0 is off.' },
  { key: 'popularityWeight', label: 'Taste for popularity γ', help: 'Multiplier of the users’ taste for popular items, 0 to 5; 1 is the default model.' },
  { key: 'attentionLoss', label: 'Attention loss α', help: 'Chance of leaving after a fully skipped item, 0 to 1.' },
];

/** A remedy: its switch sets the parameter to `onValue` (when it was 0) or to 0. */
const REMEDIES = [
  { field: 'Epsilon', label: 'Exploration', parameter: 'Share ε', onValue: 0.1, help: 'Share of each feed filled with random unseen items.' },
  { field: 'Diversity', label: 'MMR diversity re-ranking', parameter: 'λ', onValue: 1, help: 'Maximal marginal relevance (Carbonell and Goldstein 1998): penalty on items like those ranked above them.' },
  { field: 'Calibration', label: 'Calibrated recommendation (Steck 2018)', parameter: 'λ', onValue: 0.5, help: 'Matches the feed’s topic mix to the user’s history; above 0 it replaces MMR.' },
  { field: 'CreatorCap', label: 'Exposure cap per creator', parameter: 'Impressions per tick', onValue: 30, help: 'No creator gets more impressions per tick over all users.' },
] as const;

function RemedySwitch({ twin, remedy, settings, onChange, disabled }: { twin: 'a' | 'b'; remedy: (typeof REMEDIES)[number]; settings: Settings; onChange: Change; disabled: boolean }) {
  const switchId = useId();
  const key = `${twin}${remedy.field}` as NumberKey;
  const value = settings[key];
  const on = value > 0;
  return (
    <div className="remedy">
      <label className="choice" htmlFor={switchId}>
        <input id={switchId} name={`${key}On`} type="checkbox" checked={on} disabled={disabled} onChange={(event) => onChange({ [key]: event.target.checked ? remedy.onValue : 0 })} />
        {remedy.label}
        <span className="visually-hidden"> of twin {twin.toUpperCase()}</span>
      </label>
      <NumberSetting label={remedy.parameter} ariaLabel={`${remedy.label} of twin ${twin.toUpperCase()}: ${remedy.parameter}`} help={remedy.help} field={FILTER_BUBBLE_FIELDS[key]} value={value} disabled={disabled || !on} onCommit={(next) => onChange({ [key]: next })} />
    </div>
  );
}

function PipelineFieldset({ twin, settings, onChange }: { twin: 'a' | 'b'; settings: Settings; onChange: Change }) {
  const id = useId();
  const recommenderKey = `${twin}Recommender` as const;
  const recommender = settings[recommenderKey];
  return (
    <fieldset className={`twin-pipeline twin-${twin}`}>
      <legend>Twin {twin.toUpperCase()}</legend>
      <div className="parameter">
        <label htmlFor={id}>Recommender of twin {twin.toUpperCase()}</label>
        <select id={id} name={recommenderKey} value={recommender} onChange={(event) => onChange({ [recommenderKey]: event.target.value as Settings[typeof recommenderKey] })}>
          {RECOMMENDERS.map((name) => (
            <option key={name} value={name}>
              {RECOMMENDER_LABELS[name]}
            </option>
          ))}
        </select>
      </div>
      {REMEDIES.map((remedy) => (
        <RemedySwitch key={remedy.field} twin={twin} remedy={remedy} settings={settings} onChange={onChange} disabled={recommender !== 'platform'} />
      ))}
      {recommender !== 'platform' && <p className="help">The remedies apply to the platform recommender only; this twin is a reference.</p>}
    </fieldset>
  );
}

const RECOMMENDER_LABELS: Record<(typeof RECOMMENDERS)[number], string> = {
  platform: 'Platform (retrains on its own logs)',
  random: 'Random (reference)',
  ideal: 'Ideal (true utility, reference)',
};

export function TwinControls({ settings, onChange }: { settings: Settings; onChange: Change }) {
  const preset = matchingPreset(settings);
  return (
    <>
      <PresetSelect
        presets={PRESET_OPTIONS}
        selected={preset?.name}
        onSelect={(value) => {
          const chosen = FILTER_BUBBLE_PRESETS.find((candidate) => candidate.name === value);
          if (chosen) {
            onChange(presetSettings(chosen));
          }
        }}
      />
      <div className="twin-pipelines">
        <PipelineFieldset twin="a" settings={settings} onChange={onChange} />
        <PipelineFieldset twin="b" settings={settings} onChange={onChange} />
      </div>
      <h3>World (changing one restarts from tick 0)</h3>
      <div className="parameter-grid">
        {WORLD_FIELDS.map((field) => (
          <NumberSetting key={field.key} label={field.label} help={field.help} field={FILTER_BUBBLE_FIELDS[field.key]} value={settings[field.key]} onCommit={(value) => onChange({ [field.key]: value })} />
        ))}
      </div>
      <h3>User dynamics</h3>
      <div className="parameter-grid">
        {DYNAMICS_FIELDS.map((field) => (
          <NumberSetting key={field.key} label={field.label} help={field.help} field={FILTER_BUBBLE_FIELDS[field.key]} value={settings[field.key]} onCommit={(value) => onChange({ [field.key]: value })} />
        ))}
      </div>
      <h3>Runs</h3>
      <div className="parameter-grid">
        <NumberSetting label="Ticks per run" help="Ticks that one press of Run plays." field={FILTER_BUBBLE_FIELDS.ticks} value={settings.ticks} onCommit={(ticks) => onChange({ ticks })} />
      </div>
    </>
  );
}
