import type { FeedMachineParams } from './feedMachine';
import { parseFeedMachineParams } from './feedMachine';

/**
 * Parameters that may change during a run: they steer the platform's policy
 * or the users' drift, not the size or draw of the world, so changing them
 * mid-run keeps every user, item and logged event.
 */
export const POLICY_FIELDS = ['epsilon', 'diversityWeight', 'retrainEvery', 'driftRate', 'clickWeight', 'watchWeight'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];
export type PolicyUpdate = Partial<Pick<FeedMachineParams, PolicyField>>;

/** A policy change that takes effect from tick `tick + 1`, i.e. after `tick` ticks have run. */
export interface PolicyChange {
  tick: number;
  update: PolicyUpdate;
}

export function isPolicyField(name: string): name is PolicyField {
  return (POLICY_FIELDS as readonly string[]).includes(name);
}

/**
 * Parses a schedule such as `20:epsilon=0.2,diversityWeight=1;45:epsilon=0`:
 * entries separated by `;`, each `TICK:FIELD=VALUE,...`, ticks strictly
 * increasing. The same text is the URL's `changes` field and the CLI's
 * `--changes` value, so a shared link and a CLI run apply the same changes.
 *
 * @throws Error naming the entry, the field or value at fault, and the fix.
 */
export function parsePolicySchedule(text: string, base: FeedMachineParams): PolicyChange[] {
  const changes: PolicyChange[] = [];
  let params = base;
  for (const entry of text.split(';').map((part) => part.trim()).filter((part) => part.length > 0)) {
    const colon = entry.indexOf(':');
    const tickText = colon < 0 ? '' : entry.slice(0, colon).trim();
    const tick = Number(tickText);
    if (colon < 0 || tickText === '' || !Number.isInteger(tick) || tick < 0) {
      throw new Error(`Invalid policy change "${entry}": expected TICK:FIELD=VALUE, with TICK a whole number of ticks already run, e.g. 20:epsilon=0.2`);
    }
    const previous = changes.at(-1);
    if (previous !== undefined && tick <= previous.tick) {
      throw new Error(`Invalid policy change "${entry}": tick ${tick} is not after tick ${previous.tick}; list changes in increasing tick order`);
    }
    const update: Record<string, number> = {};
    for (const assignment of entry.slice(colon + 1).split(',')) {
      const [name, valueText, extra] = assignment.split('=').map((part) => part.trim());
      if (name === undefined || valueText === undefined || extra !== undefined || !isPolicyField(name)) {
        throw new Error(`Invalid policy change "${entry}": "${assignment.trim()}" is not FIELD=VALUE with FIELD one of ${POLICY_FIELDS.join(', ')}`);
      }
      const value = Number(valueText);
      if (valueText === '' || !Number.isFinite(value)) {
        throw new Error(`Invalid policy change "${entry}": ${name}="${valueText}" is not a number`);
      }
      update[name] = value;
    }
    params = applyPolicy(params, update);
    changes.push({ tick, update: update as PolicyUpdate });
  }
  return changes;
}

/** Writes a schedule in the form {@link parsePolicySchedule} reads; values in full precision. */
export function formatPolicySchedule(changes: readonly PolicyChange[]): string {
  return changes
    .map((change) => {
      const assignments = POLICY_FIELDS.filter((field) => change.update[field] !== undefined).map((field) => `${field}=${change.update[field]}`);
      return `${change.tick}:${assignments.join(',')}`;
    })
    .join(';');
}

/**
 * Applies a policy update to parameters and validates the result.
 *
 * @throws Error when a field is not a policy field or a value is out of range.
 */
export function applyPolicy(params: FeedMachineParams, update: PolicyUpdate): FeedMachineParams {
  for (const name of Object.keys(update)) {
    if (!isPolicyField(name)) {
      throw new Error(`"${name}" cannot change during a run; only ${POLICY_FIELDS.join(', ')} can. Change it before tick 1 instead.`);
    }
  }
  return parseFeedMachineParams({ ...params, ...update });
}
