import { FeedSimulation } from '../loop/simulation';
import { interestShiftPerUser } from '../metrics/interestDrift';
import { Random } from '../random';
import type { FilterBubbleConfig, Pipeline } from '../scenarios/filterBubble';
import { loopParams, pipelineInterventions, worldDynamics } from '../scenarios/filterBubble';
import { createSyntheticWorld } from '../world/synthetic';
import type { BubbleMetrics } from './bubbleMetrics';
import { BUBBLE_METRIC_NAMES, BubbleMetricsTracker } from './bubbleMetrics';
import { InterestMap } from './interestMap';

/** The twins' names: A and B of the page, `a` and `b` in the CSV. */
export const TWINS = ['a', 'b'] as const;
export type Twin = (typeof TWINS)[number];

/** One tick of both twins. */
export interface TwinTick {
  tick: number;
  a: BubbleMetrics;
  b: BubbleMetrics;
  /** B − A for every metric; its `tick` is the tick. */
  difference: BubbleMetrics;
  /** Users' true interests on the fixed interest map, [users, 2] row-major per twin; transferable. */
  bubbles: { a: Float32Array; b: Float32Array };
}

/** Options of {@link TwinSimulation.step}. */
export interface TwinStepOptions {
  /** Skip the bubble projection, for headless runs that do not draw it. */
  withoutBubbles?: boolean;
  /** Fraction of this tick's retraining done over both twins, in [0, 1]: A's retrain is the first half, B's the second. */
  onTrainingProgress?: (fraction: number) => void;
  /** Passed to both loops' `step()`: throws when the backend has failed silently (see `StepOptions.checkBackend`). */
  checkBackend?: () => void;
}

/** Returns B − A for every metric; `tick` is kept. */
export function twinDifference(a: BubbleMetrics, b: BubbleMetrics): BubbleMetrics {
  const difference = { ...a };
  for (const name of BUBBLE_METRIC_NAMES) {
    difference[name] = b[name] - a[name];
  }
  return difference;
}

/**
 * Two closed loops on the same seed. The same world is drawn for both, and
 * each gets its own copy because interests drift. Each loop forks its random
 * streams from the same seed, so the same users open the app at the same
 * ticks. Only the pipelines differ. Each step advances A, then B.
 */
export class TwinSimulation {
  readonly config: FilterBubbleConfig;
  readonly seed: number;
  readonly a: FeedSimulation;
  readonly b: FeedSimulation;
  readonly map: InterestMap;
  /** Rows of every tick so far, without bubble points (they are returned by {@link step} only). */
  readonly history: TwinTick[] = [];
  private readonly trackers: Record<Twin, BubbleMetricsTracker>;

  private constructor(config: FilterBubbleConfig, seed: number, a: FeedSimulation, b: FeedSimulation) {
    this.config = config;
    this.seed = seed;
    this.a = a;
    this.b = b;
    this.trackers = { a: new BubbleMetricsTracker(a), b: new BubbleMetricsTracker(b) };
    this.map = new InterestMap(a.world.userInitialInterests, a.world.users, a.world.topics);
  }

  /** Builds both twins. The caller must have set the TensorFlow.js backend. */
  static async create(config: FilterBubbleConfig, seed: number): Promise<TwinSimulation> {
    const build = (pipeline: Pipeline): Promise<FeedSimulation> => {
      const params = loopParams(config.world, pipeline, seed);
      const world = createSyntheticWorld(params, new Random(seed).fork('world'));
      world.dynamics = worldDynamics(config.world);
      return FeedSimulation.create(params, world, { interventions: pipelineInterventions(pipeline) });
    };
    return new TwinSimulation(config, seed, await build(config.a), await build(config.b));
  }

  get tick(): number {
    return this.a.tick;
  }

  /**
   * Runs one tick of both twins and returns their rows, the difference and
   * the bubble points. When a retrain throws, the error propagates and the
   * next call finishes the same tick: A is not stepped again once it has
   * finished, so both twins stay on the same tick.
   */
  async step(options: TwinStepOptions = {}): Promise<TwinTick> {
    const { onTrainingProgress, checkBackend } = options;
    if (this.a.tick === this.b.tick) {
      await this.a.step({ checkBackend, onTrainingProgress: (fraction) => onTrainingProgress?.(fraction / 2) });
    }
    await this.b.step({ checkBackend, onTrainingProgress: (fraction) => onTrainingProgress?.(0.5 + fraction / 2) });
    const a = this.trackers.a.update();
    const b = this.trackers.b.update();
    const { users } = this.a.world;
    const bubbles = options.withoutBubbles
      ? { a: new Float32Array(0), b: new Float32Array(0) }
      : { a: this.map.project(this.a.world.userInterests, users), b: this.map.project(this.b.world.userInterests, users) };
    const row: TwinTick = { tick: a.tick, a, b, difference: twinDifference(a, b), bubbles };
    this.history.push({ ...row, bubbles: { a: new Float32Array(0), b: new Float32Array(0) } });
    return row;
  }

  /** Computes each user's total variation distance from their tick-0 interests, [users] per twin; transferable. */
  interestShifts(): Record<Twin, Float32Array> {
    const { users, topics } = this.a.world;
    const shifts = (simulation: FeedSimulation): Float32Array => interestShiftPerUser(simulation.world.userInitialInterests, simulation.world.userInterests, users, topics);
    return { a: shifts(this.a), b: shifts(this.b) };
  }

  /** Lorenz curves of impressions so far over creators, per twin. */
  creatorLorenz(): Record<Twin, { x: Float64Array; y: Float64Array }> {
    return { a: this.trackers.a.creatorLorenz(), b: this.trackers.b.creatorLorenz() };
  }
}
