/**
 * Lab 9's controls: the preset menu, each twin's feed, the shared world, the
 * new creator, the focus creator and the objective change. Every change
 * rebuilds both twins from tick 0.
 */
import { useId } from 'react';
import type { UrlField } from '../../state/urlFields';
import { NumberSetting } from '../../teaching/NumberSetting';
import { PresetSelect, type PresetOption } from '../../teaching/PresetSelect';
import { CREATORS_FIELDS, CREATORS_PRESETS, fieldProblems, matchingPreset, presetSettings, type CreatorsSettings, type CrossFieldKey } from './settings';

/** The lab's presets as the preset select shows them. */
const PRESET_OPTIONS: readonly PresetOption[] = CREATORS_PRESETS.map((preset) => ({ value: preset.id, title: preset.title, description: preset.description }));

type Change = (next: Partial<CreatorsSettings>) => void;
type NumberKey = { [K in keyof CreatorsSettings]: CreatorsSettings[K] extends number ? K : never }[keyof CreatorsSettings];
type FieldRow = { key: NumberKey; label: string; help: string };

const WORLD_FIELDS: readonly FieldRow[] = [
  { key: 'seed', label: 'Seed', help: 'Both twins share it: the same users, items, follow graph and visits.' },
  { key: 'users', label: 'Users', help: 'Synthetic users, 10 to 1,000.' },
  { key: 'items', label: 'Items', help: 'Short videos in the catalogue.' },
  { key: 'creators', label: 'Creators', help: 'Every item belongs to one; the last one is the new creator.' },
  { key: 'topics', label: 'Topics', help: 'Latent topics of the world.' },
  { key: 'feedSize', label: 'Feed size K', help: 'Items in each served feed.' },
  { key: 'retrainEvery', label: 'Retrain every (ticks)', help: 'Ticks between retrains; 0 never retrains.' },
  { key: 'followsPerUser', label: 'Follows per user', help: 'Creators each user follows.' },
  { key: 'shareFanout', label: 'Share fan-out', help: 'Co-followers each share is sent to; 0 turns cascades off.' },
];

const CREATOR_FIELDS: readonly FieldRow[] = [
  { key: 'newCreatorTick', label: 'New creator release tick', help: 'Tick at which the new creator publishes.' },
  { key: 'newCreatorItems', label: 'New creator items', help: 'Items it publishes, the catalogue’s last ones.' },
  { key: 'reachTarget', label: 'Reach target (users)', help: 'Distinct users the new creator must reach.' },
  { key: 'focusCreator', label: 'Focus creator', help: 'Creator (0-based) whose traffic panel 4 follows.' },
  { key: 'externalViews', label: 'Off-platform views per tick', help: 'Views the focus creator gets from channels the platform does not control.' },
];

const CHANGE_FIELDS: readonly FieldRow[] = [
  { key: 'changeTick', label: 'Change after tick', help: 'Ticks run before the objective changes; 0 never changes it.' },
  { key: 'clickWeightAfter', label: 'Click weight after', help: 'Weight of predicted clicks, 0 to 10.' },
  { key: 'watchWeightAfter', label: 'Watch weight after', help: 'Weight of predicted watch fraction, 0 to 10.' },
  { key: 'shareWeightAfter', label: 'Share weight after', help: 'Weight of the estimated share rate, 0 to 100 (0 before the change).' },
];

type Problems = Partial<Record<CrossFieldKey, string>>;

/** Draws the focus creator's field, bounded by the current creator count instead of the page's maximum world. */
function focusCreatorField(creators: number): UrlField<number> {
  const field = CREATORS_FIELDS.focusCreator;
  const last = creators - 1;
  return {
    ...field,
    expected: `a whole number between 0 and ${last} (the world has ${creators} creators)`,
    parse: (raw) => {
      const value = field.parse(raw);
      return value !== undefined && value <= last ? value : undefined;
    },
  };
}

function Fields({ fields, settings, problems, onChange }: { fields: readonly FieldRow[]; settings: CreatorsSettings; problems: Problems; onChange: Change }) {
  return (
    <div className="parameter-grid">
      {fields.map((field) => (
        <NumberSetting
          key={field.key}
          label={field.label}
          help={field.key === 'focusCreator' ? `Creator (0 to ${settings.creators - 1}) whose traffic panel 4 follows; it stands for any creator or advertiser.` : field.help}
          field={field.key === 'focusCreator' ? focusCreatorField(settings.creators) : CREATORS_FIELDS[field.key]}
          value={settings[field.key]}
          problem={problems[field.key as CrossFieldKey] ?? null}
          onCommit={(value) => onChange({ [field.key]: value })}
        />
      ))}
    </div>
  );
}

function TwinFieldset({ twin, settings, problems, onChange }: { twin: 'a' | 'b'; settings: CreatorsSettings; problems: Problems; onChange: Change }) {
  const changeId = useId();
  const name = twin.toUpperCase();
  const slotsKey = `${twin}FollowingSlots` as const;
  const epsilonKey = `${twin}Epsilon` as const;
  const changeKey = `${twin}Change` as const;
  return (
    <fieldset className={`twin-pipeline twin-${twin}`}>
      <legend>Twin {name}</legend>
      <NumberSetting label="Follow slots" ariaLabel={`Follow slots of twin ${name}`} help={`Slots filled first from followed creators: 0 is the algorithmic feed, ${settings.feedSize} a pure follow feed.`} field={CREATORS_FIELDS[slotsKey]} value={settings[slotsKey]} problem={problems[slotsKey] ?? null} onCommit={(value) => onChange({ [slotsKey]: value })} />
      <NumberSetting label="Exploration ε" ariaLabel={`Exploration ε of twin ${name}`} help="Share of slots given to random unseen items, 0 to 1." field={CREATORS_FIELDS[epsilonKey]} value={settings[epsilonKey]} onCommit={(value) => onChange({ [epsilonKey]: value })} />
      <div className="parameter">
        <label htmlFor={changeId}>
          <input id={changeId} type="checkbox" checked={settings[changeKey]} onChange={(event) => onChange({ [changeKey]: event.target.checked })} /> Twin {name} applies the objective change
        </label>
      </div>
    </fieldset>
  );
}

export function CreatorsControls({ settings, onChange }: { settings: CreatorsSettings; onChange: Change }) {
  const preset = matchingPreset(settings);
  const problems = fieldProblems(settings);
  return (
    <>
      <PresetSelect
        presets={PRESET_OPTIONS}
        selected={preset?.id}
        onSelect={(value) => {
          const chosen = CREATORS_PRESETS.find((candidate) => candidate.id === value);
          if (chosen) {
            onChange(presetSettings(chosen, settings.feedSize));
          }
        }}
      />
      <div className="twin-pipelines">
        <TwinFieldset twin="a" settings={settings} problems={problems} onChange={onChange} />
        <TwinFieldset twin="b" settings={settings} problems={problems} onChange={onChange} />
      </div>
      <h3>World (changing one restarts from tick 0)</h3>
      <Fields fields={WORLD_FIELDS} settings={settings} problems={problems} onChange={onChange} />
      <h3>New creator and focus creator</h3>
      <Fields fields={CREATOR_FIELDS} settings={settings} problems={problems} onChange={onChange} />
      <h3>Objective change</h3>
      <p className="help">Before the change both twins rank by clicks and watch time as in Lab 1; the weights below apply from the tick after “change after tick”.</p>
      <Fields fields={CHANGE_FIELDS} settings={settings} problems={problems} onChange={onChange} />
      <h3>Runs</h3>
      <div className="parameter-grid">
        <NumberSetting label="Ticks per run" help="Ticks that one press of Run plays." field={CREATORS_FIELDS.ticks} value={settings.ticks} onCommit={(ticks) => onChange({ ticks })} />
      </div>
    </>
  );
}
