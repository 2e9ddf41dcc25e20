/**
 * The URL state of Lab 1, "The feed machine": the simulation parameters (one
 * field per key of `feedMachineSchema`), the view settings of the page, and
 * the shell's presentation flag. Example:
 * `#/lab/feed-machine?seed=7&users=1000&…&user=0&speed=5&mode=guided`.
 */
import { z } from 'zod';
import { feedMachineDefaults, feedMachineSchema, parseFeedMachineParams, type FeedMachineParams } from '../engine/scenarios/feedMachine';
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

/** Everything Lab 1's URL can set. */
export interface FeedMachineUrlState {
  params: FeedMachineParams;
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

  for (const name of unknownParameters(query, [feedMachineFields, labViewFields, shellFields])) {
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

  const view = viewReading.values;
  const users = worldUsers ?? params.users;
  if (view.user >= users) {
    messages.push(`user=${view.user} is not a user of this world, which has users 0 to ${users - 1}; using 0`);
    view.user = 0;
  }

  return { params, view, messages };
}

/** Reads the presentation flag from any route's query. */
export function readShellQuery(query: URLSearchParams, current: ShellSettings): { values: ShellSettings; messages: string[] } {
  return readQuery(shellFields, query, current);
}

/**
 * Writes Lab 1's query: every simulation parameter, then the view settings.
 * `backend` is written only when it is not `auto`, `present` only when on, and
 * `tick` only for a copied link (`includeTick`) past tick 0.
 */
export function writeFeedMachineQuery(state: FeedMachineUrlState, shell: ShellSettings, includeTick = false): URLSearchParams {
  const query = writeQuery(feedMachineFields, state.params);
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
  return [feedMachineFields, labViewFields, shellFields].flatMap((table) => Object.values(table).map((field) => field.name));
}

export const feedMachineUrlDefaults: FeedMachineUrlState = { params: feedMachineDefaults, view: labViewDefaults };
