/**
 * Lab 4's settings as one table of URL fields (`#/lab/ranking?deepfm=1&epochs=6`),
 * read and written through `useLabQuery`, so a copied address reopens the lab
 * with the same data, models and formula.
 */
import { z } from 'zod';
import { CTR_MODEL_INFO, CTR_MODEL_KINDS, CTR_TRAIN_DEFAULTS } from '../../engine/ctr/modelInfo';
import { SYNTHETIC_CTR_DEFAULTS, syntheticCtrSchema } from '../../engine/ctr/synthetic';
import type { CtrModelKind, CtrTask, FieldCross } from '../../engine/ctr/types';
import { DEFAULT_UTILITY_FORMULA, MAX_FORMULA_LENGTH, tryParseUtilityFormula } from '../../engine/ranking/utilityFormula';
import type { DatasetSummary, TrainRequest } from '../../worker/rankingProtocol';
import { enumField, fieldsFromSchema, type UrlField, type UrlFieldTable } from '../../state/urlFields';

export const MODEL_KINDS: readonly CtrModelKind[] = CTR_MODEL_KINDS;
export const TASKS: readonly CtrTask[] = ['click', 'conversion', 'watch'];

export { CTR_MODEL_INFO };

/** Short names of the models in the page's tables and legends; `CTR_MODEL_INFO` has the full names and sources. */
export const MODEL_LABELS: Readonly<Record<CtrModelKind, string>> = { lr: 'LR', fm: 'FM', 'wide-deep': 'Wide & Deep', deepfm: 'DeepFM' };

/** Models whose wide (linear) part uses the crosses; FM and DeepFM ignore them. */
export const WIDE_MODELS: readonly CtrModelKind[] = ['lr', 'wide-deep'];

/** Returns the short name of a trained model with the crosses its wide part used, for example "LR + user×item_topic". */
export function modelLabel(kind: CtrModelKind, crosses: readonly FieldCross[] = []): string {
  if (!WIDE_MODELS.includes(kind) || crosses.length === 0) {
    return MODEL_LABELS[kind];
  }
  return [MODEL_LABELS[kind], ...crosses.map((cross) => `${cross.a}×${cross.b}`)].join(' + ');
}

/** Short names of the tasks, for table rows. */
export const TASK_SHORT_LABELS: Readonly<Record<CtrTask, string>> = { click: 'pCTR', conversion: 'pCVR', watch: 'watch' };

/** Page wording of each task's prediction. */
export const TASK_LABELS: Readonly<Record<CtrTask, string>> = { click: 'pCTR (click)', conversion: 'pCVR (conversion given click)', watch: 'expected watch fraction' };

/** Numbers and switches of the lab; the model and task switches are on/off flags, one per model and task. */
const numberSchema = syntheticCtrSchema.pick({ seed: true, samples: true, users: true, items: true, topics: true, positionBias: true }).extend({
  lr: z.boolean(),
  fm: z.boolean(),
  wideDeep: z.boolean(),
  deepfm: z.boolean(),
  click: z.boolean(),
  conversion: z.boolean(),
  watch: z.boolean(),
  epochs: z.number().int().min(1).max(30),
  learningRate: z.number().min(0.0001).max(0.5),
  embeddingDim: z.number().int().min(1).max(32),
  testShare: z.number().min(0.05).max(0.5),
  /** Context of the ranked list (a user id, or a block of test rows); −1 is the first one listed. */
  context: z.number().int().min(-1).max(1_000_000),
});

export type RankingSettings = z.infer<typeof numberSchema> & {
  mode: 'guided' | 'sandbox';
  /** Field names the models use; empty means every field. */
  fields: string[];
  crosses: FieldCross[];
  formula: string;
  /** Model whose predictions the ranked list shows. */
  rankModel: CtrModelKind;
};

/** The lab's starting settings: the engine's defaults for the data and the training, and the three models that tell the story (LR, FM, DeepFM). */
export const RANKING_DEFAULTS: RankingSettings = {
  seed: SYNTHETIC_CTR_DEFAULTS.seed,
  samples: SYNTHETIC_CTR_DEFAULTS.samples,
  users: SYNTHETIC_CTR_DEFAULTS.users,
  items: SYNTHETIC_CTR_DEFAULTS.items,
  topics: SYNTHETIC_CTR_DEFAULTS.topics,
  positionBias: SYNTHETIC_CTR_DEFAULTS.positionBias,
  lr: true,
  fm: true,
  wideDeep: false,
  deepfm: true,
  click: true,
  conversion: true,
  watch: true,
  epochs: CTR_TRAIN_DEFAULTS.epochs,
  learningRate: CTR_TRAIN_DEFAULTS.learningRate,
  embeddingDim: CTR_TRAIN_DEFAULTS.embeddingDim,
  testShare: 0.2,
  context: -1,
  mode: 'guided',
  fields: [],
  crosses: [],
  formula: DEFAULT_UTILITY_FORMULA,
  rankModel: 'deepfm',
};

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Builds the URL field of a comma-separated list of field names; an empty value is an empty list. */
function nameListField(name: string): UrlField<string[]> {
  return {
    name,
    expected: 'a comma-separated list of field names such as user,item,item_topic',
    parse(raw) {
      const names = raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      return names.every((part) => NAME.test(part)) ? [...new Set(names)] : undefined;
    },
    format: (value) => value.join(','),
  };
}

/** Builds the URL field of crosses written `a*b`, separated by commas: `user*item_topic,item*position`. */
function crossListField(name: string): UrlField<FieldCross[]> {
  return {
    name,
    expected: 'a comma-separated list of crosses such as user*item_topic',
    parse(raw) {
      const crosses: FieldCross[] = [];
      for (const part of raw.split(',').map((text) => text.trim())) {
        if (part === '') {
          continue;
        }
        const [a, b, extra] = part.split('*').map((text) => text.trim());
        if (extra !== undefined || !NAME.test(a ?? '') || !NAME.test(b ?? '') || a === b) {
          return undefined;
        }
        crosses.push({ a, b });
      }
      return crosses;
    },
    format: (value) => value.map((cross) => `${cross.a}*${cross.b}`).join(','),
  };
}

function formulaField(name: string): UrlField<string> {
  return {
    name,
    expected: `a utility formula over pCTR, pCVR, watch and numbers with + - * / and parentheses, at most ${MAX_FORMULA_LENGTH} characters`,
    parse: (raw) => (tryParseUtilityFormula(raw).formula === undefined ? undefined : raw.trim()),
    format: (value) => value,
  };
}

export const RANKING_URL_FIELDS: UrlFieldTable<RankingSettings> = {
  ...fieldsFromSchema(numberSchema),
  mode: enumField('mode', ['guided', 'sandbox'] as const),
  fields: nameListField('fields'),
  crosses: crossListField('crosses'),
  formula: formulaField('formula'),
  rankModel: enumField('rankModel', MODEL_KINDS),
};

/** Returns the models switched on, simplest first. */
export function chosenModels(settings: RankingSettings): CtrModelKind[] {
  const on: Record<CtrModelKind, boolean> = { lr: settings.lr, fm: settings.fm, 'wide-deep': settings.wideDeep, deepfm: settings.deepfm };
  return MODEL_KINDS.filter((kind) => on[kind]);
}

/** The flag of the settings that switches `kind` on. */
export const MODEL_FLAG: Readonly<Record<CtrModelKind, 'lr' | 'fm' | 'wideDeep' | 'deepfm'>> = { lr: 'lr', fm: 'fm', 'wide-deep': 'wideDeep', deepfm: 'deepfm' };

/** Returns the tasks switched on that the data set has labels for. */
export function chosenTasks(settings: RankingSettings, available: readonly CtrTask[]): CtrTask[] {
  return TASKS.filter((task) => settings[task] && available.includes(task));
}

/** Returns the synthetic data set options of the settings. */
export function syntheticOptions(settings: RankingSettings) {
  return { ...SYNTHETIC_CTR_DEFAULTS, seed: settings.seed, samples: settings.samples, users: settings.users, items: settings.items, topics: settings.topics, positionBias: settings.positionBias };
}

/**
 * Builds the training request of the settings: every chosen model on every
 * chosen task the data set has. Fields and crosses that name a field the data
 * set lacks are left out, and the controls show a message about them.
 */
export function trainRequestOf(settings: RankingSettings, dataset: DatasetSummary | undefined): TrainRequest {
  const names = new Set(dataset?.fields.map((field) => field.name) ?? []);
  return {
    models: chosenModels(settings),
    tasks: chosenTasks(settings, dataset?.tasks ?? []),
    seed: settings.seed,
    options: {
      epochs: settings.epochs,
      learningRate: settings.learningRate,
      embeddingDim: settings.embeddingDim,
      useFields: settings.fields.filter((name) => names.has(name)),
      crosses: settings.crosses.filter((cross) => names.has(cross.a) && names.has(cross.b)),
    },
  };
}
