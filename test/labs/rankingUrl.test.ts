import { describe, expect, it } from 'vitest';
import { RANKING_DEFAULTS, RANKING_URL_FIELDS, chosenModels, chosenTasks, trainRequestOf } from '../../src/labs/ranking/rankingUrl';
import type { DatasetSummary } from '../../src/worker/rankingProtocol';
import { readQuery, writeQuery } from '../../src/state/urlFields';

describe('RANKING_URL_FIELDS', () => {
  it('writes the defaults and reads them back', () => {
    const query = writeQuery(RANKING_URL_FIELDS, RANKING_DEFAULTS);
    const reading = readQuery(RANKING_URL_FIELDS, query, RANKING_DEFAULTS);
    expect(reading.messages).toEqual([]);
    expect(reading.values).toEqual(RANKING_DEFAULTS);
  });

  it('reads fields, crosses and a formula', () => {
    const query = new URLSearchParams({ fields: 'user, item_topic,user', crosses: 'user*item_topic,item*position', formula: ' pCTR * 2 ', rankModel: 'fm' });
    const { values, messages } = readQuery(RANKING_URL_FIELDS, query, RANKING_DEFAULTS);
    expect(messages).toEqual([]);
    expect(values.fields).toEqual(['user', 'item_topic']);
    expect(values.crosses).toEqual([
      { a: 'user', b: 'item_topic' },
      { a: 'item', b: 'position' },
    ]);
    expect(values.formula).toBe('pCTR * 2');
    expect(values.rankModel).toBe('fm');
    expect(writeQuery(RANKING_URL_FIELDS, values).get('crosses')).toBe('user*item_topic,item*position');
  });

  it.each([
    ['crosses', 'user*user', 'a comma-separated list of crosses'],
    ['crosses', 'user*item*topic', 'a comma-separated list of crosses'],
    ['fields', 'user;item', 'a comma-separated list of field names'],
    ['formula', 'pCTR +', 'a utility formula over pCTR, pCVR, watch'],
    ['rankModel', 'gbdt', 'one of lr, fm, wide-deep, deepfm'],
    ['epochs', '0', 'a whole number between 1 and 30'],
    ['learningRate', '2', 'a number between 0.0001 and 0.5'],
  ])('rejects %s=%s', (name, raw, expected) => {
    const { values, messages } = readQuery(RANKING_URL_FIELDS, new URLSearchParams({ [name]: raw }), RANKING_DEFAULTS);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`${name}=${raw} is not ${expected}`);
    expect(values).toEqual(RANKING_DEFAULTS);
  });
});

describe('chosen models and tasks', () => {
  it('lists the models switched on, simplest first', () => {
    expect(chosenModels({ ...RANKING_DEFAULTS, lr: false, fm: true, wideDeep: true, deepfm: true })).toEqual(['fm', 'wide-deep', 'deepfm']);
  });

  it('keeps only tasks the data set has', () => {
    expect(chosenTasks(RANKING_DEFAULTS, ['click'])).toEqual(['click']);
    expect(chosenTasks({ ...RANKING_DEFAULTS, click: false }, ['click', 'conversion', 'watch'])).toEqual(['conversion', 'watch']);
  });
});

describe('trainRequestOf', () => {
  const dataset = {
    fields: ['user', 'item', 'item_topic'].map((name, index) => ({ name, description: name, cardinality: 4, offset: 4 * index, kind: 'categorical' as const })),
    tasks: ['click'],
  } as unknown as DatasetSummary;

  it('leaves out fields and crosses the data set lacks', () => {
    const request = trainRequestOf(
      {
        ...RANKING_DEFAULTS,
        fields: ['user', 'creator', 'item_topic'],
        crosses: [
          { a: 'user', b: 'item_topic' },
          { a: 'user', b: 'creator' },
        ],
      },
      dataset,
    );
    expect(request.options.useFields).toEqual(['user', 'item_topic']);
    expect(request.options.crosses).toEqual([{ a: 'user', b: 'item_topic' }]);
    expect(request.tasks).toEqual(['click']);
    expect(request.models).toEqual(['lr', 'fm', 'deepfm']);
    expect(request.seed).toBe(RANKING_DEFAULTS.seed);
  });
});
