import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/sim';
import { NODE_BACKENDS } from '../../src/engine/backend/node';
import { FILTER_BUBBLE_PRESETS } from '../../src/engine/scenarios/filterBubble';
import { cliArguments, FILTER_BUBBLE_DEFAULTS, FILTER_BUBBLE_FIELDS, matchingPreset, presetSettings, summarySeeds, twinConfig, twinPipeline, type FilterBubbleSettings } from '../../src/labs/filterBubble/settings';
import { readQuery, writeQuery } from '../../src/state/urlFields';
import type { EngineLogger } from '../../src/worker/engineApi';
import { createFilterBubbleApi } from '../../src/worker/filterBubbleApi';

const silent: EngineLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('filter-bubble settings', () => {
  it('round-trips through the URL', () => {
    const settings: FilterBubbleSettings = { ...FILTER_BUBBLE_DEFAULTS, seed: 9, bRecommender: 'ideal', aCreatorCap: 25, driftRate: 0.05, mode: 'sandbox' };

    const read = readQuery(FILTER_BUBBLE_FIELDS, writeQuery(FILTER_BUBBLE_FIELDS, settings), FILTER_BUBBLE_DEFAULTS);

    expect(read.messages).toEqual([]);
    expect(read.values).toEqual(settings);
  });

  it('names a bad URL value and keeps the default', () => {
    const read = readQuery(FILTER_BUBBLE_FIELDS, new URLSearchParams('aEpsilon=2&bRecommender=best'), FILTER_BUBBLE_DEFAULTS);

    expect(read.messages).toEqual(['aEpsilon=2 is not a number between 0 and 1; using 0', 'bRecommender=best is not one of platform, random, ideal; using platform']);
    expect(read.values).toEqual(FILTER_BUBBLE_DEFAULTS);
  });

  it('applies and recognises every preset', () => {
    for (const preset of FILTER_BUBBLE_PRESETS) {
      const settings = { ...FILTER_BUBBLE_DEFAULTS, ...presetSettings(preset) };

      expect(matchingPreset(settings)?.name, preset.name).toBe(preset.name);
      expect(twinPipeline(settings, 'a'), preset.name).toEqual(preset.a);
      expect(twinPipeline(settings, 'b'), preset.name).toEqual(preset.b);
    }
    expect(matchingPreset({ ...FILTER_BUBBLE_DEFAULTS, bEpsilon: 0.3 })).toBeUndefined();
  });

  it('keeps backend=cpu in the URL', () => {
    const read = readQuery(FILTER_BUBBLE_FIELDS, new URLSearchParams('seed=3&backend=cpu'), FILTER_BUBBLE_DEFAULTS);
    const written = writeQuery(FILTER_BUBBLE_FIELDS, read.values);

    expect(read.messages).toEqual([]);
    expect(read.values.backend).toBe('cpu');
    expect(written.get('backend')).toBe('cpu');
  });

  it('names a bad backend and keeps auto', () => {
    const read = readQuery(FILTER_BUBBLE_FIELDS, new URLSearchParams('backend=gpu'), FILTER_BUBBLE_DEFAULTS);

    expect(read.messages).toEqual(['backend=gpu is not one of auto, webgl, wasm, cpu; using auto']);
    expect(read.values.backend).toBe('auto');
  });

  it('lists seeds from the seed', () => {
    expect(summarySeeds({ ...FILTER_BUBBLE_DEFAULTS, seed: 4, seedCount: 3 })).toEqual([4, 5, 6]);
  });

  it('page CSV matches the CLI', async () => {
    const settings: FilterBubbleSettings = { ...FILTER_BUBBLE_DEFAULTS, seed: 2, seedCount: 2, seedTicks: 5, users: 40, items: 150, creators: 12, topics: 4, retrainEvery: 2, bCreatorCap: 15 };
    const api = createFilterBubbleApi({ candidates: NODE_BACKENDS, log: silent });
    await api.init(twinConfig(settings), settings.seed, 'wasm');
    const page = await api.runSeeds(summarySeeds(settings), settings.seedTicks, 1);
    const out = join(mkdtempSync(join(tmpdir(), 'feedlab-lab8-')), 'seeds.csv');
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };

    const code = await main([...cliArguments(settings), '--backend', 'wasm', '--out', out], io);

    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(page.csv);
  }, 60_000);
});
