/**
 * Advancing the engine worker along a policy schedule: the run is cut at
 * every change tick, and before each piece the worker's policy is set to the
 * one in force (`setPolicy`). A live run, a replay of a shared link and the
 * replay after a worker crash all go through here, so they apply the same
 * changes at the same ticks and give the same rows.
 */
import { proxy } from 'comlink';
import type { FeedMachineParams } from '../engine/scenarios/feedMachine';
import type { PolicyChange } from '../engine/scenarios/policySchedule';
import type { EngineClient } from '../worker/client';
import type { AdvanceProgress, AdvanceResult } from '../worker/protocol';
import { isEmptyUpdate, nextChangeTick, policyAt, policyDifference } from './policyChanges';

/** Parameters at tick 0 and the changes after them. */
export interface PolicySchedule {
  base: FeedMachineParams;
  changes: readonly PolicyChange[];
}

/**
 * Sets the worker's policy to the one in force after `tick` ticks, calling
 * `setPolicy` only for the fields that differ from `inForce`.
 *
 * @returns the parameters now in force in the worker.
 */
export async function syncPolicy(api: EngineClient['api'], inForce: FeedMachineParams, schedule: PolicySchedule, tick: number): Promise<FeedMachineParams> {
  const update = policyDifference(inForce, policyAt(schedule.base, schedule.changes, tick));
  return isEmptyUpdate(update) ? inForce : api.setPolicy(update);
}

export interface ScheduledAdvanceRequest {
  api: EngineClient['api'];
  /** Ticks to run in all. */
  ticks: number;
  /** Run id of every `advance` call, so one `cancel(runId)` stops the whole request. */
  runId: number;
  /** The worker's tick and the parameters in force there when the request starts. */
  tick: number;
  policy: FeedMachineParams;
  /** Returns the schedule to follow; read again before every piece. */
  schedule(): PolicySchedule;
  /** Receives the parameters in force after each `setPolicy`, so a caller knows them even when a later call fails. */
  onPolicy?(policy: FeedMachineParams): void;
  /** Progress over the whole request: `done` and `total` count all its ticks. */
  onProgress?(progress: AdvanceProgress): void;
  /** Receives each piece's result; returns false to stop, for example when the run was replaced meanwhile. */
  onPiece(result: AdvanceResult): boolean;
}

export interface ScheduledAdvanceOutcome {
  /** The worker's tick and the parameters in force there afterwards. */
  tick: number;
  policy: FeedMachineParams;
  /** True when an `advance` call returned `cancelled` (or ran no tick). */
  cancelled: boolean;
  /** True when `onPiece` returned false. */
  stopped: boolean;
}

/**
 * Runs `ticks` ticks, cut at each change tick of the schedule, and sets the
 * policy before every piece and once more at the end, so the worker always
 * rests with the policy of its next tick.
 *
 * @throws the worker's error when `advance` or `setPolicy` rejects.
 */
export async function advanceWithSchedule(request: ScheduledAdvanceRequest): Promise<ScheduledAdvanceOutcome> {
  const { api, ticks, runId } = request;
  let tick = request.tick;
  let policy = request.policy;
  let done = 0;

  const sync = async (schedule: PolicySchedule) => {
    const next = await syncPolicy(api, policy, schedule, tick);
    if (next !== policy) {
      policy = next;
      request.onPolicy?.(next);
    }
  };

  while (done < ticks) {
    const schedule = request.schedule();
    await sync(schedule);

    const nextChange = nextChangeTick(schedule.changes, tick);
    const count = nextChange === undefined ? ticks - done : Math.min(ticks - done, nextChange - tick);
    const doneBefore = done;
    const onProgress = request.onProgress;
    const forward = onProgress && ((progress: AdvanceProgress) => onProgress({ ...progress, done: doneBefore + progress.done, total: ticks }));

    const result = await api.advance(count, runId, forward && proxy(forward));
    if (!request.onPiece(result)) {
      return { tick: result.tick, policy, cancelled: result.cancelled, stopped: true };
    }
    tick = result.tick;
    done += result.metrics.length;
    // An advance that ran no tick would make this loop spin forever, so it ends the request like a cancel.
    if (result.cancelled || result.metrics.length === 0) {
      return { tick, policy, cancelled: true, stopped: false };
    }
  }

  await sync(request.schedule());
  return { tick, policy, cancelled: false, stopped: false };
}
