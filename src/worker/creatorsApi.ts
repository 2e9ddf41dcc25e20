import { errorMessage } from '../engine/backend/activate';
import type { BackendSwitcher } from '../engine/backend/fallback';
import type { BackendName, BackendReport } from '../engine/backend/types';
import { cascadeSizeHistogram } from '../engine/creators/cascades';
import { creatorRowsToCsv } from '../engine/creators/csv';
import type { CreatorTrafficChange } from '../engine/creators/dependency';
import { creatorEstimate, creatorTruth, type CreatorEstimate, type CreatorTruth } from '../engine/creators/groundTruth';
import { spearmanCorrelation } from '../engine/creators/rankCorrelation';
import type { ReachRow } from '../engine/creators/reach';
import { CreatorsRun, type CreatorTickRow } from '../engine/creators/run';
import { parseCreatorsParams, type CreatorsParams } from '../engine/scenarios/creators';
import { chooseBackend } from './backendChoice';
import type { EngineEnvironment } from './engineApi';
import { ProgressThrottle } from './progressThrottle';
import { SerialQueue } from './serialQueue';
import { yieldToEventLoop } from './yieldToEventLoop';
import { checkTicks, reportSafely } from './tickCalls';

export type CreatorsTwin = 'a' | 'b';

/** Parameters of twins A and B; they should share the seed and the world and differ in feed settings. */
export type CreatorsPair = Record<CreatorsTwin, CreatorsParams>;

/** One tick of both twins. */
export interface CreatorsTwinRow {
  tick: number;
  a: CreatorTickRow;
  b: CreatorTickRow;
}

/** State of one twin that is not a per-tick number: reach per creator, cascades and the platform's estimates. */
export interface CreatorsSnapshot {
  tick: number;
  /** One row per creator, from cumulative reach. */
  reach: ReachRow[];
  /** Follower count from which a creator counts as macro (the median over creators). */
  microThreshold: number;
  /** Mean distinct users reached by micro and by macro creators. */
  reachByGroup: { micro: number; macro: number };
  /** Spearman's ρ between followers and distinct users reached, over creators; NaN before any reach. */
  rankCorrelation: number;
  /** `counts[s]`: cascades of size s (impressions delivered by shares). */
  cascadeHistogram: number[];
  /** Ticks the new creator took to reach the target, or null. */
  ticksToTarget: number | null;
  /** The platform's logs of the focus creator and of the new creator. */
  focusEstimate: CreatorEstimate;
  newCreatorEstimate: CreatorEstimate;
  /** Every creator's mean platform impressions per tick before and after the change tick of the pair. */
  trafficChanges: CreatorTrafficChange[];
}

export interface CreatorsInit {
  backend: BackendReport;
  users: number;
  items: number;
  creators: number;
  topics: number;
  /** Index of the new creator (the last one). */
  newCreator: number;
  /** The truth at tick 0 about the focus creator and the new creator; both twins start from the same world. */
  focusTruth: CreatorTruth;
  newCreatorTruth: CreatorTruth;
  /** Followers per creator in the follow graph, [creators]; both twins draw the same graph. */
  followers: number[];
  snapshots: Record<CreatorsTwin, CreatorsSnapshot>;
}

/** Progress of `advance`: the rows finished since the last report and both twins' newest snapshots. */
export interface CreatorsProgress {
  tick: number;
  rows: CreatorsTwinRow[];
  snapshots: Record<CreatorsTwin, CreatorsSnapshot>;
}

export interface CreatorsAdvanceResult {
  rows: CreatorsTwinRow[];
  tick: number;
  snapshots: Record<CreatorsTwin, CreatorsSnapshot>;
  /** True when `cancel(runId)` stopped the call early. */
  cancelled: boolean;
}

/** A headless run of fresh twins, for the guided steps. */
export interface CreatorsExperiment {
  rows: CreatorsTwinRow[];
  snapshots: Record<CreatorsTwin, CreatorsSnapshot>;
}

/** Progress is sent at most this often, in milliseconds, plus once at the end of a call. */
const PROGRESS_INTERVAL_MS = 250;


interface Twins {
  a: CreatorsRun;
  b: CreatorsRun;
}

/**
 * Validates both twins' parameters with the engine's checks.
 *
 * @throws Error naming the twin and the invalid field, value and accepted range.
 */
export function parseCreatorsPair(pair: CreatorsPair): CreatorsPair {
  const parse = (twin: CreatorsTwin) => {
    try {
      return parseCreatorsParams(pair[twin]);
    } catch (error) {
      throw new Error(`Twin ${twin.toUpperCase()}: ${errorMessage(error)}`);
    }
  };
  return { a: parse('a'), b: parse('b') };
}

/** Reads one twin's snapshot; cheap (O(creators + items)), so progress reports send it each time. */
export function snapshotOf(run: CreatorsRun): CreatorsSnapshot {
  const reach = run.reachRows();
  const reached = reach.some((row) => row.distinctUsers > 0);
  return {
    tick: run.simulation.tick,
    reach,
    microThreshold: run.microThreshold,
    reachByGroup: run.reachByGroup(),
    rankCorrelation: reached ? spearmanCorrelation(reach.map((row) => row.followers), reach.map((row) => row.distinctUsers)) : Number.NaN,
    cascadeHistogram: cascadeSizeHistogram(run.loop.cascades.sizes),
    ticksToTarget: run.newCreatorTicksToTarget(),
    focusEstimate: creatorEstimate(run.loop, run.params.focusCreator),
    newCreatorEstimate: creatorEstimate(run.loop, run.newCreator),
    trafficChanges: run.trafficChanges(),
  };
}

function snapshots(twins: Twins): Record<CreatorsTwin, CreatorsSnapshot> {
  return { a: snapshotOf(twins.a), b: snapshotOf(twins.b) };
}

/**
 * Builds Lab 9's worker API: twins A and B of `CreatorsRun` that the page
 * steps and draws, and headless runs for the guided steps, which leave the
 * page's twins as they are. Each twin's CSV has the bytes that `npm run sim
 * -- --lab creators` writes for the same parameters and backend. Calls that
 * run ticks go through one queue in call order and yield to the event loop
 * after every tick, so `cancel(runId)` stops them between ticks.
 */
export function createCreatorsApi(environment: EngineEnvironment) {
  const { log } = environment;
  const queue = new SerialQueue();
  const cancelledRuns = new Set<number>();
  let twins: Twins | undefined;
  let switcher: BackendSwitcher | undefined;

  function requireTwins(): Twins {
    if (twins === undefined) {
      throw new Error('The creators worker has no twins yet: call init first');
    }
    return twins;
  }

  async function ensureBackend(requested: BackendName | 'auto'): Promise<BackendSwitcher> {
    switcher ??= await chooseBackend(environment, requested, { skipSoftwareWebGL: true });
    return switcher;
  }

  /**
   * Builds both twins. Each creator's traffic is split at `trafficSplitTick`
   * when given, else at the later change tick of the two, so a twin without
   * the objective change (change tick 0) compares the same ticks as its sibling.
   */
  async function buildTwins(backends: BackendSwitcher, pair: CreatorsPair, splitTick?: number): Promise<Twins> {
    const trafficSplitTick = splitTick ?? Math.max(pair.a.changeTick, pair.b.changeTick);
    return backends.run(async () => ({ a: await CreatorsRun.create(pair.a, { trafficSplitTick }), b: await CreatorsRun.create(pair.b, { trafficSplitTick }) }), 0);
  }

  async function stepBoth(backends: BackendSwitcher, built: Twins): Promise<CreatorsTwinRow> {
    const tick = built.a.simulation.tick + 1;
    const a = await backends.run(() => built.a.step(), tick);
    const b = await backends.run(() => built.b.step(), tick);
    return { tick: a.tick, a, b };
  }

  const api = {
    /**
     * Chooses the backend on the first call, then builds new twins and
     * replaces the current ones. `trafficSplitTick` is the tick after which
     * each creator's traffic counts as "after". It defaults to the pair's
     * later change tick. The page passes its change tick even when neither
     * twin applies the change.
     */
    async init(pair: CreatorsPair, backend: BackendName | 'auto' = 'auto', trafficSplitTick?: number): Promise<CreatorsInit> {
      const parsed = parseCreatorsPair(pair);
      return queue.run(async () => {
        const backends = await ensureBackend(backend);
        const built = await buildTwins(backends, parsed, trafficSplitTick);
        twins = built;
        const { world } = built.a.simulation;
        log.info(`init: seed ${parsed.a.seed}, ${world.users} users, ${world.items} items, ${world.creators} creators; A ${JSON.stringify(parsed.a)}, B ${JSON.stringify(parsed.b)}`);
        return {
          backend: backends.report(),
          users: world.users,
          items: world.items,
          creators: world.creators,
          topics: world.topics,
          newCreator: built.a.newCreator,
          focusTruth: creatorTruth(world, parsed.a.focusCreator),
          newCreatorTruth: creatorTruth(world, built.a.newCreator),
          followers: Array.from(built.a.followers),
          snapshots: snapshots(built),
        };
      });
    },

    /** Runs `ticks` ticks of both twins; `onProgress` gets the new rows and snapshots at most every 250 ms and once at the end. */
    async advance(ticks: number, runId: number, onProgress?: (progress: CreatorsProgress) => unknown): Promise<CreatorsAdvanceResult> {
      checkTicks('advance', ticks);
      return queue.run(async () => {
        const built = requireTwins();
        const backends = switcher as BackendSwitcher;
        const rows: CreatorsTwinRow[] = [];
        let reported = 0;
        const progress = new ProgressThrottle<number>(() => {
          const update: CreatorsProgress = { tick: built.a.simulation.tick, rows: rows.slice(reported), snapshots: snapshots(built) };
          reported = rows.length;
          reportSafely(log, `advance ${runId}`, () => onProgress?.(update));
        }, PROGRESS_INTERVAL_MS);

        let cancelled = false;
        try {
          for (let done = 0; done < ticks; done += 1) {
            if (cancelledRuns.delete(runId)) {
              cancelled = true;
              break;
            }
            rows.push(await stepBoth(backends, built));
            progress.report(done + 1);
            await yieldToEventLoop();
          }
        } catch (error) {
          log.error(`advance ${runId} failed at tick ${built.a.simulation.tick}: ${errorMessage(error)}`);
          throw error;
        } finally {
          cancelledRuns.delete(runId);
        }
        progress.flush(rows.length);
        return { rows, tick: built.a.simulation.tick, snapshots: snapshots(built), cancelled };
      });
    },

    /** Stops the `advance` or `experiment` call with this `runId` after its current tick. */
    async cancel(runId: number): Promise<void> {
      cancelledRuns.add(runId);
    },

    /** Returns the CSV of every tick run so far by one twin: the bytes of `npm run sim -- --lab creators` with that twin's parameters and backend. */
    async csv(twin: CreatorsTwin): Promise<string> {
      return queue.run(async () => creatorRowsToCsv(requireTwins()[twin].rows));
    },

    /** Runs fresh twins of `pair` for `ticks` ticks, for a guided step, and leaves the page's twins as they are. */
    async experiment(pair: CreatorsPair, ticks: number, runId: number, onProgress?: (tick: number) => unknown): Promise<CreatorsExperiment> {
      checkTicks('experiment', ticks);
      const parsed = parseCreatorsPair(pair);
      return queue.run(async () => {
        const backends = await ensureBackend('auto');
        const built = await buildTwins(backends, parsed);
        const rows: CreatorsTwinRow[] = [];
        const progress = new ProgressThrottle<number>((tick) => reportSafely(log, `experiment ${runId}`, () => onProgress?.(tick)), PROGRESS_INTERVAL_MS);
        try {
          for (let done = 0; done < ticks; done += 1) {
            if (cancelledRuns.delete(runId)) {
              throw new Error(`experiment ${runId} was cancelled at tick ${built.a.simulation.tick}`);
            }
            const row = await stepBoth(backends, built);
            rows.push(row);
            progress.report(row.tick);
            await yieldToEventLoop();
          }
        } finally {
          cancelledRuns.delete(runId);
        }
        return { rows, snapshots: snapshots(built) };
      });
    },
  };
  return api;
}
