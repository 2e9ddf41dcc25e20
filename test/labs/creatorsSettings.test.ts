import { describe, expect, it } from 'vitest';
import { creatorsSchema } from '../../src/engine/scenarios/creators';
import { settingsProblem } from '../../src/labs/creators/CreatorsPage';
import { cliArguments, CREATORS_DEFAULTS, fieldProblems, repairSettings, CREATORS_FIELDS, CREATORS_PRESETS, describeFeed, matchingPreset, presetSettings, twinPair, twinParams } from '../../src/labs/creators/settings';
import { readQuery } from '../../src/state/urlFields';

describe('Lab 9 settings', () => {
  it('default to the follow-vs-algorithmic preset', () => {
    expect(matchingPreset(CREATORS_DEFAULTS)?.id).toBe('follow-vs-algorithmic');
  });

  it('build valid engine parameters for both twins', () => {
    const pair = twinPair(CREATORS_DEFAULTS);
    expect(creatorsSchema.safeParse(pair.a).success).toBe(true);
    expect(creatorsSchema.safeParse(pair.b).success).toBe(true);
    expect(pair.a.followingSlots).toBe(CREATORS_DEFAULTS.feedSize);
    expect(pair.b.followingSlots).toBe(0);
    expect(pair.b.epsilon).toBe(0);
  });

  it('give a twin without the change tick 0', () => {
    const settings = { ...CREATORS_DEFAULTS, aChange: false, bChange: true };
    expect(twinParams(settings, 'a').changeTick).toBe(0);
    expect(twinParams(settings, 'b').changeTick).toBe(CREATORS_DEFAULTS.changeTick);
    expect(describeFeed(settings, 'a')).toBe('follow feed, ε = 0, no objective change');
    expect(describeFeed(settings, 'b')).toBe(`algorithmic, ε = 0, objective change after tick ${CREATORS_DEFAULTS.changeTick}`);
  });

  it('turn the change off in presets about other topics', () => {
    const change = Object.fromEntries(CREATORS_PRESETS.map((preset) => [preset.id, preset.feeds(10)]));
    expect(change['follow-vs-algorithmic']).toMatchObject({ a: { change: false }, b: { change: false } });
    expect(change['new-creator-exploration']).toMatchObject({ a: { change: false }, b: { change: false } });
    expect(change['objective-change']).toMatchObject({ a: { change: false }, b: { change: true } });
  });

  it('apply each preset and recognise it', () => {
    for (const preset of CREATORS_PRESETS) {
      const settings = { ...CREATORS_DEFAULTS, feedSize: 6, ...presetSettings(preset, 6) };
      expect(matchingPreset(settings)?.id, preset.id).toBe(preset.id);
    }
  });

  it('report a bad URL value with its name and the fix', () => {
    const reading = readQuery(CREATORS_FIELDS, new URLSearchParams('bEpsilon=lots&aChange=yes&users=50'), CREATORS_DEFAULTS);

    expect(reading.values.bEpsilon).toBe(CREATORS_DEFAULTS.bEpsilon);
    expect(reading.values.aChange).toBe(CREATORS_DEFAULTS.aChange);
    expect(reading.values.users).toBe(50);
    expect(reading.messages.join('\n')).toContain('bEpsilon=lots is not a number between 0 and 1');
    expect(reading.messages.join('\n')).toContain('aChange=yes is not 1 or 0');
  });

  it('name a cross-field problem with the fix', () => {
    expect(settingsProblem(CREATORS_DEFAULTS)).toBeNull();
    expect(settingsProblem({ ...CREATORS_DEFAULTS, focusCreator: 80 })).toContain('Focus creator: 80 does not exist in a world of 80 creators; choose 0 to 79.');
    expect(settingsProblem({ ...CREATORS_DEFAULTS, aFollowingSlots: 12 })).toContain('Follow slots of twin A: 12 is more than the feed size K = 10; use 0 to 10.');
  });

  it('mark each cross-field problem at its field', () => {
    expect(fieldProblems(CREATORS_DEFAULTS)).toEqual({});
    expect(Object.keys(fieldProblems({ ...CREATORS_DEFAULTS, focusCreator: 500, bFollowingSlots: 11, newCreatorItems: 2000 })).sort()).toEqual(['bFollowingSlots', 'focusCreator', 'newCreatorItems']);
  });

  it('repair a link whose values do not fit together', () => {
    const repaired = repairSettings({ ...CREATORS_DEFAULTS, creators: 20, focusCreator: 25, feedSize: 5, aFollowingSlots: 8 });
    expect(repaired.changes).toEqual({ focusCreator: 0, aFollowingSlots: 5 });
    expect(repaired.messages[0]).toContain('The link’s value was replaced by 0.');
  });

  it('build the CLI arguments of one twin', () => {
    const argv = cliArguments(CREATORS_DEFAULTS, 'b', 40, 'wasm');

    expect(argv.slice(0, 6)).toEqual(['--lab', 'creators', '--ticks', '40', '--backend', 'wasm']);
    expect(argv).toContain('--following-slots');
    expect(argv[argv.indexOf('--following-slots') + 1]).toBe('0');
    expect(argv[argv.indexOf('--epsilon') + 1]).toBe('0');
    expect(argv[argv.indexOf('--external-views') + 1]).toBe(String(CREATORS_DEFAULTS.externalViews));
    expect(argv).not.toContain('--embedding-dim');
    expect(cliArguments(CREATORS_DEFAULTS, 'a', 8, 'wasm', 'twin-a.csv').slice(-2)).toEqual(['--out', 'twin-a.csv']);
  });
});
