import { FEATURE_STORE } from './store';
import type { SessionWindow } from './session';

/** One tick of a {@link runBingeProbe} experiment. */
export interface BingeProbeRow {
  /** Tick of the binge, 1 for the first. */
  tick: number;
  /** Binge events so far. */
  events: number;
  /** Share of the binged topic in the normalised long-term profile, in [0, 1]. */
  profileShare: number;
  /** Share of the binged topic in the session topic mix, in [0, 1]. */
  sessionShare: number;
  /** True when the binged topic is the top topic of the feature (ties go to the lower topic index). */
  profileTop: boolean;
  sessionTop: boolean;
}

export interface BingeProbeResult {
  rows: BingeProbeRow[];
  /** First tick at which each feature's top topic is the binged one; null when it never is within the probe. */
  profileNoticedAt: number | null;
  sessionNoticedAt: number | null;
}

export interface BingeProbeInput {
  /** The user's raw (unnormalised) long-term profile, [topics]; it is not changed. */
  profile: ArrayLike<number>;
  /** The user's session window; it is not changed (the probe works on a clone). */
  session: SessionWindow;
  /** Topic the user binges. */
  topic: number;
  /** Binge events per tick. */
  eventsPerTick: number;
  ticks: number;
  /** Per-tick profile decay; the feature store's own by default. */
  profileDecay?: number;
}

/**
 * What-if experiment: the user watches `eventsPerTick` videos purely about
 * `topic` (φ = e_topic) to the end (w = 1) in each of `ticks` ticks. Each
 * tick first decays the profile, p ← decay · p, then adds every event,
 * p_topic ← p_topic + 1, and pushes it into the session window. Rows give
 * the topic's share in both features after each tick, which shows
 * which feature notices the binge first. Deterministic: no randomness.
 */
export function runBingeProbe(input: BingeProbeInput): BingeProbeResult {
  const { topic, eventsPerTick, ticks } = input;
  const decay = input.profileDecay ?? FEATURE_STORE.profileDecay;
  const topics = input.session.topics;
  if (!Number.isInteger(topic) || topic < 0 || topic >= topics) {
    throw new Error(`Binge topic ${topic} does not exist; use a topic from 0 to ${topics - 1}.`);
  }
  const profile = Float64Array.from(input.profile);
  const session = input.session.clone();
  const pureTopic = new Float32Array(topics);
  pureTopic[topic] = 1;

  const rows: BingeProbeRow[] = [];
  let profileNoticedAt: number | null = null;
  let sessionNoticedAt: number | null = null;
  for (let tick = 1; tick <= ticks; tick += 1) {
    for (let t = 0; t < topics; t += 1) {
      profile[t] *= decay;
    }
    for (let event = 0; event < eventsPerTick; event += 1) {
      profile[topic] += 1;
      session.push(pureTopic, 0, 1, false, false, tick);
    }

    const total = profile.reduce((sum, value) => sum + value, 0);
    const profileMix = Array.from(profile, (value) => (total > 0 ? value / total : 1 / topics));
    const sessionMix = session.features().topicMix;
    const row: BingeProbeRow = {
      tick,
      events: tick * eventsPerTick,
      profileShare: profileMix[topic],
      sessionShare: sessionMix[topic],
      profileTop: argmax(profileMix) === topic,
      sessionTop: argmax(sessionMix) === topic,
    };
    rows.push(row);
    if (row.profileTop && profileNoticedAt === null) {
      profileNoticedAt = tick;
    }
    if (row.sessionTop && sessionNoticedAt === null) {
      sessionNoticedAt = tick;
    }
  }
  return { rows, profileNoticedAt, sessionNoticedAt };
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k += 1) {
    if (values[k] > values[best]) {
      best = k;
    }
  }
  return best;
}
