/**
 * The run's policy schedule as the page keeps it: the base parameters in
 * force at tick 0, plus a list of `PolicyChange`s in increasing tick order,
 * each applied after `tick` ticks have run (so from tick `tick + 1`).
 *
 * The schedule is the single record of what the run did: the URL writes it,
 * and a replay (a shared link, a crashed worker) re-applies it at the same
 * ticks, which gives the same rows because the engine is deterministic.
 */
import type { FeedMachineParams } from '../engine/scenarios/feedMachine';
import {
  applyPolicy,
  formatPolicySchedule,
  parsePolicySchedule,
  POLICY_FIELDS,
  type PolicyChange,
  type PolicyField,
  type PolicyUpdate,
} from '../engine/scenarios/policySchedule';

/**
 * Returns the parameters in force for tick `tick + 1`: `base` with every
 * change at or before `tick` applied in schedule order.
 */
export function policyAt(base: FeedMachineParams, changes: readonly PolicyChange[], tick: number): FeedMachineParams {
  let params = base;
  for (const change of changes) {
    if (change.tick > tick) {
      break;
    }
    params = applyPolicy(params, change.update);
  }
  return params;
}

/** Returns the policy fields whose value in `to` differs from `from`, with the values of `to`; empty when they agree. */
export function policyDifference(from: FeedMachineParams, to: FeedMachineParams): PolicyUpdate {
  const update: PolicyUpdate = {};
  for (const field of POLICY_FIELDS) {
    if (!Object.is(from[field], to[field])) {
      update[field] = to[field];
    }
  }
  return update;
}

export function isEmptyUpdate(update: PolicyUpdate): boolean {
  return Object.keys(update).length === 0;
}

/** Returns the tick of the first change after `tick`, or undefined when none is left. */
export function nextChangeTick(changes: readonly PolicyChange[], tick: number): number | undefined {
  return changes.find((change) => change.tick > tick)?.tick;
}

/**
 * Merges a change made at `tick` into the schedule and returns the new
 * schedule (the input is not modified). A change at a tick that already has
 * an entry merges into it, the new values winning. Fields whose value equals
 * the one already in force before that tick are dropped, and an entry left
 * empty is removed, so setting a value back within the same tick leaves no
 * trace. Later entries are kept.
 *
 * @throws Error when `update` names a field that is not a policy field or a value is out of range.
 */
export function mergePolicyChange(base: FeedMachineParams, changes: readonly PolicyChange[], tick: number, update: PolicyUpdate): PolicyChange[] {
  const existing = changes.find((change) => change.tick === tick);
  const earlier = changes.filter((change) => change.tick < tick);
  const before = policyAt(base, earlier, tick);
  const merged = { ...existing?.update, ...update };
  applyPolicy(before, merged);

  const kept: PolicyUpdate = {};
  for (const field of POLICY_FIELDS) {
    const value = merged[field];
    if (value !== undefined && !Object.is(value, before[field])) {
      kept[field] = value;
    }
  }

  const others = changes.filter((change) => change.tick !== tick);
  if (isEmptyUpdate(kept)) {
    return others;
  }
  return [...others, { tick, update: kept }].sort((a, b) => a.tick - b.tick);
}

/**
 * Removes `fields` from the entry at `tick`, dropping the entry when it
 * becomes empty. Used when a value typed at tick 0 becomes the base value,
 * so that a tick-0 entry from a link does not override it.
 */
export function removeFieldsAt(changes: readonly PolicyChange[], tick: number, fields: readonly PolicyField[]): PolicyChange[] {
  const result: PolicyChange[] = [];
  for (const change of changes) {
    if (change.tick !== tick) {
      result.push(change);
      continue;
    }
    const update: PolicyUpdate = { ...change.update };
    for (const field of fields) {
      delete update[field];
    }
    if (!isEmptyUpdate(update)) {
      result.push({ tick, update });
    }
  }
  return result;
}

/** True when both schedules have the same entries (compared through their text form). */
export function sameSchedule(a: readonly PolicyChange[], b: readonly PolicyChange[]): boolean {
  return a === b || formatPolicySchedule(a) === formatPolicySchedule(b);
}

/**
 * Validates a schedule against base parameters: ticks strictly increasing,
 * policy fields only, every value in range once applied.
 *
 * @throws Error with the schedule parser's message, which names the entry and the fix.
 */
export function checkSchedule(base: FeedMachineParams, changes: readonly PolicyChange[]): PolicyChange[] {
  return parsePolicySchedule(formatPolicySchedule(changes), base);
}
