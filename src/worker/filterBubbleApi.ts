import { transfer } from 'comlink';
import { errorMessage } from '../engine/backend/activate';
import type { BackendSwitcher } from '../engine/backend/fallback';
import type { BackendName, BackendReport } from '../engine/backend/types';
import { bubbleRunsToCsv } from '../engine/experiments/bubbleCsv';
import { runSeeds, summariseSeeds, type SeedRun, type SummaryTick, type TwinRow } from '../engine/experiments/seeds';
import { TwinSimulation, type Twin } from '../engine/experiments/twin';
import { interestGroups, type InterestGroups } from '../engine/metrics/interestGroups';
import { filterBubbleWorldSchema, pipelineSchema, type FilterBubbleConfig } from '../engine/scenarios/filterBubble';
import { chooseBackend } from './backendChoice';
import type { EngineEnvironment } from './engineApi';
import { ProgressThrottle } from './progressThrottle';
import { SerialQueue } from './serialQueue';
import { yieldToEventLoop } from './yieldToEventLoop';
import { checkTicks, reportSafely } from './tickCalls';

/** Users' true interests on the fixed interest map, [users, 2] row-major per twin. */
export type BubblePoints = Record<Twin, Float32Array>;

/** Grouping of each twin's users' true interests (see {@link InterestGroups}), sent beside the bubble points. */
export type BubbleGroups = Record<Twin, InterestGroups>;

export interface FilterBubbleInit {
  backend: BackendReport;
  users: number;
  items: number;
  creators: number;
  topics: number;
  /** Share of the tick-0 interest variance that each axis of the bubble map explains. */
  explainedVariance: [number, number];
  /** The bubble points at tick 0 (both twins start from the same interests). */
  bubbles: BubblePoints;
  groups: BubbleGroups;
}

/** Progress of `advance`: the rows finished since the last report and the newest bubble points. */
export interface TwinProgress {
  done: number;
  total: number;
  tick: number;
  rows: TwinRow[];
  bubbles: BubblePoints;
  groups: BubbleGroups;
}

export interface TwinAdvanceResult {
  /** Rows of every tick run by this call. */
  rows: TwinRow[];
  tick: number;
  bubbles: BubblePoints;
  groups: BubbleGroups;
  /** True when `cancel(runId)` stopped the call early. */
  cancelled: boolean;
}

/** Lorenz curve of impressions over creators, n + 1 points from (0, 0) to (1, 1). */
export interface LorenzCurve {
  x: Float64Array;
  y: Float64Array;
}

export interface SeedsProgress {
  /** Seeds finished, and ticks finished of the seed that runs. */
  seedsDone: number;
  seeds: number;
  tick: number;
  ticks: number;
}

export interface SeedsResult {
  seeds: number[];
  ticks: number;
  summary: SummaryTick[];
  /** The same CSV that `--lab filter-bubble` writes for these seeds and ticks. */
  csv: string;
  cancelled: boolean;
}

/** Rows of one headless twin run, for the guided steps. */
export interface TwinExperiment {
  rows: TwinRow[];
  lorenz: Record<Twin, LorenzCurve>;
}

/**
 * Progress is sent at most this often, in milliseconds, plus once at the end
 * of a call. Each report re-renders the charts and the bubble view.
 */
const PROGRESS_INTERVAL_MS = 250;


/** Most seeds one `runSeeds` call accepts. */
const MAX_SEEDS = 20;

/** Raised inside the engine's progress callback to stop `runSeeds` between ticks. */
class SeedsCancelled extends Error {}

/**
 * Validates a twin set-up from the page.
 *
 * @throws Error naming the twin or world field at fault, with the accepted range.
 */
export function parseTwinConfig(config: FilterBubbleConfig): FilterBubbleConfig {
  const world = filterBubbleWorldSchema.safeParse(config.world);
  if (!world.success) {
    throw new Error(`Invalid world: ${world.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const pipeline = (twin: Twin) => {
    const result = pipelineSchema.safeParse(config[twin]);
    if (!result.success) {
      throw new Error(`Invalid pipeline of twin ${twin.toUpperCase()}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    return result.data;
  };
  return { world: world.data, a: pipeline('a'), b: pipeline('b') };
}

function groupsOf(twin: TwinSimulation): BubbleGroups {
  const { users, topics } = twin.a.world;
  return { a: interestGroups(twin.a.world.userInterests, users, topics), b: interestGroups(twin.b.world.userInterests, users, topics) };
}

function copyBubbles(twin: TwinSimulation): BubblePoints {
  const { users, userInterests } = twin.a.world;
  return { a: twin.map.project(userInterests, users), b: twin.map.project(twin.b.world.userInterests, users) };
}

/**
 * Builds Lab 8's worker API: one pair of twins that the page steps and draws,
 * plus headless runs beside it (many seeds, the guided steps), which leave
 * the page's twins as they are. Calls that run ticks go through one queue in
 * call order and yield to the event loop after every tick, so `cancel(runId)`
 * stops them between ticks.
 *
 * NOTE: like Lab 2's worker, this one does not watch for a lost WebGL
 * context, which reads back zeros without throwing. It skips software WebGL
 * in the backend trial and falls back only on errors that are thrown.
 */
export function createFilterBubbleApi(environment: EngineEnvironment) {
  const { log } = environment;
  const queue = new SerialQueue();
  const cancelledRuns = new Set<number>();
  let twins: TwinSimulation | undefined;
  let switcher: BackendSwitcher | undefined;
  let requestedBackend: BackendName | 'auto' | undefined;

  function requireTwins(): TwinSimulation {
    if (twins === undefined) {
      throw new Error('The filter-bubble worker has no twins yet: call init first');
    }
    return twins;
  }

  /** Returns the backend switcher, choosing a backend on the first call and again when `requested` differs from the last request. */
  async function ensureBackend(requested: BackendName | 'auto'): Promise<BackendSwitcher> {
    if (switcher !== undefined && requested === requestedBackend) {
      return switcher;
    }
    switcher = await chooseBackend(environment, requested, { skipSoftwareWebGL: true });
    requestedBackend = requested;
    return switcher;
  }

  const api = {
    /**
     * Chooses the backend on the first call, and again when `backend` (the
     * page's `backend=`) differs from the last request. Then builds new twins
     * on `seed` and replaces the current ones.
     */
    async init(config: FilterBubbleConfig, seed: number, backend: BackendName | 'auto' = 'auto'): Promise<FilterBubbleInit> {
      return queue.run(async () => {
        const parsed = parseTwinConfig(config);
        const backends = await ensureBackend(backend);
        const built = await backends.run(() => TwinSimulation.create(parsed, seed), 0);
        twins = built;
        const { world } = built.a;
        log.info(`init: seed ${seed}, ${world.users} users, ${world.items} items; A ${JSON.stringify(parsed.a)}, B ${JSON.stringify(parsed.b)}`);
        const bubbles = copyBubbles(built);
        const init: FilterBubbleInit = { backend: backends.report(), users: world.users, items: world.items, creators: world.creators, topics: world.topics, explainedVariance: built.map.explainedVariance, bubbles, groups: groupsOf(built) };
        return transfer(init, [bubbles.a.buffer, bubbles.b.buffer]);
      });
    },

    /**
     * Runs `ticks` ticks of both twins. `onProgress` gets the rows finished
     * since its last call and the newest bubble points, at most every 250 ms
     * and once at the end.
     */
    async advance(ticks: number, runId: number, onProgress?: (progress: TwinProgress) => unknown): Promise<TwinAdvanceResult> {
      checkTicks('advance', ticks);
      return queue.run(async () => {
        const twin = requireTwins();
        const backends = switcher as BackendSwitcher;
        const rows: TwinRow[] = [];
        let bubbles: BubblePoints = copyBubbles(twin);
        let reported = 0;
        const progress = new ProgressThrottle<number>((done) => {
          const update: TwinProgress = { done, total: ticks, tick: twin.tick, rows: rows.slice(reported), bubbles, groups: groupsOf(twin) };
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
            const tick = await backends.run(() => twin.step(), twin.tick + 1);
            rows.push({ tick: tick.tick, a: tick.a, b: tick.b, difference: tick.difference });
            bubbles = tick.bubbles;
            progress.report(done + 1);
            await yieldToEventLoop();
          }
        } catch (error) {
          log.error(`advance ${runId} failed at tick ${twin.tick}: ${errorMessage(error)}`);
          throw error;
        } finally {
          cancelledRuns.delete(runId);
        }
        progress.flush(rows.length);
        return { rows, tick: twin.tick, bubbles: copyBubbles(twin), groups: groupsOf(twin), cancelled };
      });
    },

    /** Stops the `advance`, `runSeeds` or `experiment` call with this `runId` after its current tick. */
    async cancel(runId: number): Promise<void> {
      cancelledRuns.add(runId);
    },

    /** Returns the Lorenz curves of impressions so far over creators, per twin. */
    async creatorLorenz(): Promise<Record<Twin, LorenzCurve>> {
      return requireTwins().creatorLorenz();
    },

    /**
     * Runs the current twin set-up for `ticks` ticks on each of `seeds`, one
     * seed after the other, and returns the mean and 95% interval per tick
     * and the CSV of every row. The page's twins are not changed.
     */
    async runSeeds(seeds: number[], ticks: number, runId: number, onProgress?: (progress: SeedsProgress) => unknown): Promise<SeedsResult> {
      checkTicks('runSeeds', ticks);
      if (seeds.length < 1 || seeds.length > MAX_SEEDS || !seeds.every((seed) => Number.isInteger(seed) && seed >= 0)) {
        throw new Error(`runSeeds: give 1 to ${MAX_SEEDS} whole-number seeds of at least 0; received ${seeds.join(', ')}`);
      }
      return queue.run(async () => {
        const { config } = requireTwins();
        const runs: SeedRun[] = [];
        const progress = new ProgressThrottle<SeedsProgress>((value) => reportSafely(log, `runSeeds ${runId}`, () => onProgress?.(value)), PROGRESS_INTERVAL_MS);
        let cancelled = false;
        try {
          for (const seed of seeds) {
            // One engine call per seed: each seed is an independent run, so the rows equal one call over all seeds, and the worker can yield between seeds.
            // NOTE: not wrapped in the backend switcher, because it would count the cancellation thrown here as a backend failure. So a backend that fails during this call fails the call.
            const [run] = await runSeeds(config, [seed], ticks, (_, row) => {
              if (cancelledRuns.has(runId)) {
                throw new SeedsCancelled('cancelled');
              }
              progress.report({ seedsDone: runs.length, seeds: seeds.length, tick: row.tick, ticks });
            });
            runs.push(run);
            await yieldToEventLoop();
          }
        } catch (error) {
          if (!(error instanceof SeedsCancelled)) {
            log.error(`runSeeds ${runId} failed after ${runs.length} seeds: ${errorMessage(error)}`);
            throw error;
          }
          cancelled = true;
        } finally {
          cancelledRuns.delete(runId);
        }
        progress.flush({ seedsDone: runs.length, seeds: seeds.length, tick: ticks, ticks });
        const summary = summariseSeeds(runs);
        log.info(`runSeeds ${runId}: ${runs.length} of ${seeds.length} seeds over ${ticks} ticks${cancelled ? ', cancelled' : ''}`);
        return { seeds: runs.map((run) => run.seed), ticks, summary, csv: bubbleRunsToCsv(runs, summary), cancelled };
      });
    },

    /**
     * Runs fresh twins of `config` on `seed` for `ticks` ticks without bubble
     * points, for the guided steps. Returns every row and the final Lorenz
     * curves, and leaves the page's twins as they are.
     */
    async experiment(config: FilterBubbleConfig, seed: number, ticks: number, runId: number, onProgress?: (tick: number) => unknown): Promise<TwinExperiment> {
      checkTicks('experiment', ticks);
      const parsed = parseTwinConfig(config);
      return queue.run(async () => {
        const backends = await ensureBackend(requestedBackend ?? 'auto');
        const twin = await backends.run(() => TwinSimulation.create(parsed, seed), 0);
        const rows: TwinRow[] = [];
        const progress = new ProgressThrottle<number>((tick) => reportSafely(log, `experiment ${runId}`, () => onProgress?.(tick)), PROGRESS_INTERVAL_MS);
        try {
          for (let done = 0; done < ticks; done += 1) {
            if (cancelledRuns.delete(runId)) {
              throw new Error(`experiment ${runId} was cancelled at tick ${twin.tick}`);
            }
            const tick = await backends.run(() => twin.step({ withoutBubbles: true }), twin.tick + 1);
            rows.push({ tick: tick.tick, a: tick.a, b: tick.b, difference: tick.difference });
            progress.report(tick.tick);
            await yieldToEventLoop();
          }
        } finally {
          cancelledRuns.delete(runId);
        }
        return { rows, lorenz: twin.creatorLorenz() };
      });
    },
  };
  return api;
}
