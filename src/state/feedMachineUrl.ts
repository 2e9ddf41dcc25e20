/**
 * The URL state of Lab 1, "The feed machine": the simulation parameters at
 * tick 0 (one field per key of `feedMachineSchema`), the policy changes made
 * during the run (`changes`), the view settings of the page, and the shell's
 * presentation flag. Example:
 * `#/lab/feed-machine?seed=7&users=1000&…&changes=20:epsilon=0.2&user=0&speed=5&mode=guided`.
 */
import { z } from 'zod';
import { feedMachineDefaults, feedMachineSchema, parseFeedMachineParams, type FeedMachineParams } from '../engine/scenarios/feedMachine';
import { formatPolicySchedule, parsePolicySchedule, type PolicyChange } from '../engine/scenarios/policySchedule';
import { fieldsFromSchema, readQuery, unknownParameters, writeQuery } from './urlFields';

/** Lab 1's route id: `#/lab/feed-machine`. */
export const FEED_MACHINE_LAB_ID = 'feed-machine';

/** TensorFlow.js backend requested through `backend=`; `auto` lets the worker's trial choose. */
export const BACKEND_CHOICES = ['auto', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** `guided`: narrative, predict-then-run steps and questions; `sandbox`: free play with every control. */
export const LAB_MODES = ['guided', 'sandbox'] as const;
export type LabMode = (typeof LAB_MODES)[number];

/** Settings of the page around the simulation; none of them changes the simulated numbers. */
export const labViewSchema = z.object({
  /** Chosen user for the feed and ground-truth panels (dense index, 0-based). */
  user: z.number().int().min(0).max(1_000_000),
  /** Play speed in ticks per second. */
  speed: z.number().int().min(1).max(60),
  /** TensorFlow.js backend passed to the worker's `init`. */
  backend: z.enum(BACKEND_CHOICES),
  mode: z.enum(LAB_MODES),
  /** Tick to replay to when the page opens; written only by "Copy link". */
  tick: z.number().int().min(0).max(100_000),
});
export type LabView = z.infer<typeof labViewSchema>;

export const labViewDefaults: LabView = { user: 0, speed: 5, backend: 'auto', mode: 'guided', tick: 0 };

/** Shell settings shared by every route. */
export const shellSchema = z.object({
  /** Presentation mode: large type for projecting. */
  present: z.boolean(),
});
export type ShellSettings = z.infer<typeof shellSchema>;

export const feedMachineFields = fieldsFromSchema(feedMachineSchema);
export const labViewFields = fieldsFromSchema(labViewSchema);
export const shellFields = fieldsFromSchema(shellSchema);

/**
 * Query parameter of the policy schedule, in the engine's text form
 * `TICK:FIELD=VALUE,...;...` (for example `20:epsilon=0.2;45:epsilon=0`).
 * It is not a schema field: its validity depends on the parameters it
 * applies to, so {@link readFeedMachineQuery} reads it after them.
 */
export const CHANGES_PARAMETER = 'changes';

/** Everything Lab 1's URL can set. */
export interface FeedMachineUrlState {
  /** Parameters in force at tick 0. */
  params: FeedMachineParams;
  /** Policy changes during the run, in increasing tick order; empty by default. */
  changes: PolicyChange[];
  view: LabView;
}

/** Result of reading Lab 1's query: the new state and one message per problem. */
export interface FeedMachineQueryReading extends FeedMachineUrlState {
  messages: string[];
}

/**
 * Reads Lab 1's query on top of `current`. Bad values keep the current value
 * and produce a message naming the value and the fix; unknown names are
 * ignored with a message; the rest of the state is kept.
 *
 * @param worldUsers users of the world now simulated, the bound of `user`.
 */
export function readFeedMachineQuery(query: URLSearchParams, current: FeedMachineUrlState, worldUsers?: number): FeedMachineQueryReading {
  const paramsReading = readQuery(feedMachineFields, query, current.params);
  const viewReading = readQuery(labViewFields, query, current.view);
  const messages = [...paramsReading.messages, ...viewReading.messages];

  for (const name of unknownParameters(query, [feedMachineFields, labViewFields, shellFields, { changes: { name: CHANGES_PARAMETER } }])) {
    messages.push(`${name} is not a parameter of this lab; ignored. Known parameters: ${knownParameterNames().join(', ')}`);
  }

  // Cross-field rules live in the engine's parser; a rejected combination keeps the current parameters.
  let params = paramsReading.values;
  try {
    params = parseFeedMachineParams(params);
  } catch (error) {
    messages.push(`${(error as Error).message}; keeping the previous parameters`);
    params = current.params;
  }

  const changes = readChanges(query, params, messages);

  const view = viewReading.values;
  const users = worldUsers ?? params.users;
  if (view.user >= users) {
    messages.push(`user=${view.user} is not a user of this world, which has users 0 to ${users - 1}; using 0`);
    view.user = 0;
  }

  return { params, changes, view, messages };
}

/**
 * Reads `changes=`. The schedule belongs to the run the URL describes, so an
 * absent parameter means no changes (it does not keep the current schedule),
 * and a rejected one starts the run without a schedule.
 */
function readChanges(query: URLSearchParams, params: FeedMachineParams, messages: string[]): PolicyChange[] {
  const raw = query.get(CHANGES_PARAMETER);
  if (raw === null || raw.trim() === '') {
    return [];
  }
  try {
    return parsePolicySchedule(raw, params);
  } catch (error) {
    messages.push(`${CHANGES_PARAMETER}=${raw} was not used: ${(error as Error).message}; the run starts without policy changes`);
    return [];
  }
}

/** Reads the presentation flag from any route's query. */
export function readShellQuery(query: URLSearchParams, current: ShellSettings): { values: ShellSettings; messages: string[] } {
  return readQuery(shellFields, query, current);
}

/**
 * Writes Lab 1's query: every simulation parameter, the policy changes, then
 * the view settings. `changes` is written only when there are any, `backend`
 * only when it is not `auto`, `present` only when on, and `tick` only for a
 * copied link (`includeTick`) past tick 0.
 */
export function writeFeedMachineQuery(state: FeedMachineUrlState, shell: ShellSettings, includeTick = false): URLSearchParams {
  const query = writeQuery(feedMachineFields, state.params);
  if (state.changes.length > 0) {
    query.set(CHANGES_PARAMETER, formatPolicySchedule(state.changes));
  }
  writeQuery(labViewFields, state.view, query);
  if (state.view.backend === 'auto') {
    query.delete('backend');
  }
  if (!includeTick || state.view.tick === 0) {
    query.delete('tick');
  }
  if (shell.present) {
    writeQuery(shellFields, shell, query);
  }
  return query;
}

/** Writes the shell's query for routes without their own parameters. */
export function writeShellQuery(shell: ShellSettings): URLSearchParams {
  return shell.present ? writeQuery(shellFields, shell) : new URLSearchParams();
}

function knownParameterNames(): string[] {
  const names = [feedMachineFields, labViewFields, shellFields].flatMap((table) => Object.values(table).map((field) => field.name));
  names.splice(Object.keys(feedMachineFields).length, 0, CHANGES_PARAMETER);
  return names;
}

export const feedMachineUrlDefaults: FeedMachineUrlState = { params: feedMachineDefaults, changes: [], view: labViewDefaults };
