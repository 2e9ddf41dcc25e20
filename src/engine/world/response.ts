import type { Random } from '../random';
import type { World } from './types';
import { log, sigmoid } from '../math';
import { utilityShift, watchLogitShift } from './dynamics';

/**
 * The true response model: how a user really reacts to an item. The platform
 * never sees these probabilities, only the sampled actions.
 *
 * For user u with true interests θ_u (a probability vector over topics),
 * recent watched-topic mix r_u, novelty taste n_u and popularity taste ρ_u,
 * and item i with topic mix φ_i, quality q_i, clickbait c_i, length L_i
 * (seconds) and visible popularity π_i ∈ [0, 1]:
 *
 *   match      m = (θ_u · φ_i) / max_t θ_ut                        ∈ [0, 1]
 *   novelty    ν = 1 − cos(r_u, φ_i)                               ∈ [0, 1]
 *   watch      E[w] = σ(a0 + a_m m + a_q q + a_c c + a_ρ ρ_u (π − ½) + a_ν n_u (ν − ½) − a_L ln(L / 30))
 *   click      P(click) = σ(b0 + b_m m + b_c c + b_q q)
 *   like       P(like | not skipped)  = σ(g0 + g_m m + g_q q − g_c c)
 *   share      P(share | not skipped) = σ(s0 + s_m m + s_q q − s_c c)
 *   conversion P(conversion | click)  = σ(v0 + v_m m + v_q q − v_c c)
 *   utility    U = m (u0 + u_q q) − u_c c + u_ν n_u ν
 *
 * The observed watch fraction is Beta(κ E[w], κ (1 − E[w])); a watch
 * fraction below the skip threshold is a skip. Clickbait raises clicks and
 * watch but lowers true utility, so engagement and utility can disagree.
 * Conversion (an install, a purchase or a follow after the click) is used
 * only by Lab 4's click logs, so the feed simulation never draws it.
 * When `world.dynamics` is set (Lab 8), ./dynamics.ts adds boredom to the
 * watch logit and to U, and scales the popularity term.
 */
export const RESPONSE_COEFFICIENTS = {
  watch: { bias: -1.2, match: 3, quality: 1, clickbait: 0.8, popularity: 0.8, novelty: 0.8, length: 0.4 },
  click: { bias: -3.4, match: 2, clickbait: 2, quality: 0.5 },
  like: { bias: -3, match: 2.5, quality: 1.5, clickbait: 1 },
  share: { bias: -4.5, match: 2, quality: 2, clickbait: 1 },
  conversion: { bias: -2, match: 1.5, quality: 2, clickbait: 2.5 },
  utility: { base: 0.4, quality: 0.6, clickbait: 0.5, novelty: 0.2 },
  /** Concentration κ of the Beta draw of the observed watch fraction. */
  watchConcentration: 6,
  /** Watch fractions below this are skips (the user swiped away). */
  skipThreshold: 0.15,
  /** Weight of one new watched item in the recent-topic moving average r_u. */
  recentTopicsRate: 0.2,
} as const;

/** The response model's formulas, for display (LaTeX) beside their meaning. */
const K = RESPONSE_COEFFICIENTS;

/** Writes a coefficient with its sign for a LaTeX sum: "+ 2", "- 0.4". */
function term(value: number, symbol: string): string {
  const magnitude = Math.abs(value) === 1 ? '' : String(Math.abs(value));
  return `${value < 0 ? '-' : '+'} ${magnitude}${symbol}`;
}

export const RESPONSE_MODEL_DOC: { name: string; latex: string; explanation: string }[] = [
  {
    name: 'Match',
    latex: 'm_{ui} = \\frac{\\theta_u \\cdot \\phi_i}{\\max_t \\theta_{ut}}',
    explanation: "How well the item's topics fit the user's true interests; 1 for an item purely about the user's favourite topic.",
  },
  {
    name: 'Novelty',
    latex: '\\nu_{ui} = 1 - \\cos(r_u, \\phi_i)',
    explanation: 'How far the item is from what the user watched recently (r_u, a moving average of watched topics).',
  },
  {
    name: 'Expected watch fraction',
    latex:
      `E[w_{ui}] = \\sigma(${K.watch.bias} ${term(K.watch.match, 'm')} ${term(K.watch.quality, 'q')} ${term(K.watch.clickbait, 'c')} ` +
      `${term(K.watch.popularity, '\\rho_u(\\pi_i - \\tfrac12)')} ${term(K.watch.novelty, 'n_u(\\nu - \\tfrac12)')} ${term(-K.watch.length, '\\ln\\tfrac{L_i}{30}')})`,
    explanation: 'Match, quality and clickbait keep people watching; popular items attract popularity-seekers; long videos lose viewers.',
  },
  {
    name: 'Click',
    latex: `P(\\text{click}) = \\sigma(${K.click.bias} ${term(K.click.match, 'm')} ${term(K.click.clickbait, 'c')} ${term(K.click.quality, 'q')})`,
    explanation: 'A tap on the video (profile, link or comments). Clickbait raises it as much as real interest does.',
  },
  {
    name: 'Like and share',
    latex:
      `P(\\text{like}) = \\sigma(${K.like.bias} ${term(K.like.match, 'm')} ${term(K.like.quality, 'q')} ${term(-K.like.clickbait, 'c')}),\\quad ` +
      `P(\\text{share}) = \\sigma(${K.share.bias} ${term(K.share.match, 'm')} ${term(K.share.quality, 'q')} ${term(-K.share.clickbait, 'c')})`,
    explanation: 'Only for items not skipped. Quality matters more here, and clickbait lowers both.',
  },
  {
    name: 'Conversion',
    latex: `P(\\text{conversion} \\mid \\text{click}) = \\sigma(${K.conversion.bias} ${term(K.conversion.match, 'm')} ${term(K.conversion.quality, 'q')} ${term(-K.conversion.clickbait, 'c')})`,
    explanation: 'After a click, an install, purchase or follow. Quality drives it and clickbait, which earned the click, loses it.',
  },
  {
    name: 'True utility',
    latex: `U_{ui} = m(${K.utility.base} ${term(K.utility.quality, 'q')}) ${term(-K.utility.clickbait, 'c')} ${term(K.utility.novelty, '\\,n_u\\,\\nu')}`,
    explanation: 'What the user really gained: relevant, good items, a little novelty for those who like it, and a cost for clickbait. The platform never observes it.',
  },
  {
    name: 'Interest drift',
    latex: '\\theta_u \\leftarrow (1 - \\eta w)\\,\\theta_u + \\eta w\\,\\phi_i',
    explanation: 'Watching an item pulls true interests toward its topics, by the drift rate η times the watch fraction w.',
  },
];

/** Expected responses of one user to one item under the true model. */
export interface TrueResponse {
  match: number;
  novelty: number;
  expectedWatch: number;
  clickProb: number;
  likeProb: number;
  shareProb: number;
  utility: number;
}

/** One sampled reaction. */
export interface ObservedResponse {
  watch: number;
  click: boolean;
  like: boolean;
  share: boolean;
  skip: boolean;
}

export { sigmoid };

/** max_t θ_ut for user u. */
export function maxInterest(world: World, user: number): number {
  const offset = user * world.topics;
  let best = 0;
  for (let t = 0; t < world.topics; t += 1) {
    best = Math.max(best, world.userInterests[offset + t]);
  }
  return best;
}

/**
 * Match m and novelty ν of item i for user u; `userMax` is max_t θ_ut (pass
 * it when scoring many items for one user).
 */
function matchAndNovelty(world: World, user: number, item: number, userMax: number): [number, number] {
  const T = world.topics;
  const uo = user * T;
  const io = item * T;
  let dot = 0;
  let recentDot = 0;
  let recentNorm = 0;
  let itemNorm = 0;
  for (let t = 0; t < T; t += 1) {
    const phi = world.itemTopics[io + t];
    const recent = world.userRecentTopics[uo + t];
    dot += world.userInterests[uo + t] * phi;
    recentDot += recent * phi;
    recentNorm += recent * recent;
    itemNorm += phi * phi;
  }
  const match = userMax > 0 ? Math.min(1, dot / userMax) : 0;
  const denominator = Math.sqrt(recentNorm * itemNorm);
  const novelty = denominator > 0 ? 1 - recentDot / denominator : 1;
  return [match, novelty];
}

/** Expected responses of user u to item i, given the item's visible popularity π ∈ [0, 1]. */
export function trueResponse(world: World, user: number, item: number, popularity: number, userMax = maxInterest(world, user)): TrueResponse {
  const k = RESPONSE_COEFFICIENTS;
  const [match, novelty] = matchAndNovelty(world, user, item, userMax);
  const q = world.itemQuality[item];
  const c = world.itemClickbait[item];
  const watchLogit =
    k.watch.bias +
    k.watch.match * match +
    k.watch.quality * q +
    k.watch.clickbait * c +
    k.watch.popularity * world.userPopularityTaste[user] * (popularity - 0.5) +
    k.watch.novelty * world.userNoveltyTaste[user] * (novelty - 0.5) -
    k.watch.length * log(world.itemLength[item] / 30) +
    watchLogitShift(world, user, novelty, popularity, k.watch.popularity);
  return {
    match,
    novelty,
    expectedWatch: sigmoid(watchLogit),
    clickProb: sigmoid(k.click.bias + k.click.match * match + k.click.clickbait * c + k.click.quality * q),
    likeProb: sigmoid(k.like.bias + k.like.match * match + k.like.quality * q - k.like.clickbait * c),
    shareProb: sigmoid(k.share.bias + k.share.match * match + k.share.quality * q - k.share.clickbait * c),
    utility: utilityOf(world, user, item, match, novelty),
  };
}

/** P(conversion | click) of an item with quality q and clickbait c at match m, under the true model. */
export function conversionProbability(world: World, item: number, match: number): number {
  const k = RESPONSE_COEFFICIENTS.conversion;
  return sigmoid(k.bias + k.match * match + k.quality * world.itemQuality[item] - k.clickbait * world.itemClickbait[item]);
}

function utilityOf(world: World, user: number, item: number, match: number, novelty: number): number {
  const k = RESPONSE_COEFFICIENTS.utility;
  return match * (k.base + k.quality * world.itemQuality[item]) - k.clickbait * world.itemClickbait[item] + k.novelty * world.userNoveltyTaste[user] * novelty + utilityShift(world, novelty);
}

/**
 * Dot products of one user's interests θ_u and recent mix r_u with every
 * item's topic mix, [items] each; computed in a batch by the caller.
 */
export interface UserTopicDots {
  interests: Float32Array;
  recent: Float32Array;
}

/**
 * True utility U of every item for user u, written into `out` ([items]).
 * The same formula as {@link trueResponse}, unrolled without allocations
 * because it runs over the whole catalogue for every active user. `dots`,
 * when given, contains θ_u · φ_i and r_u · φ_i from a batched matrix product,
 * which spares the O(items × topics) loop here.
 */
export function trueUtilityRow(world: World, user: number, out: Float32Array, dots?: UserTopicDots): void {
  const k = RESPONSE_COEFFICIENTS.utility;
  const T = world.topics;
  const uo = user * T;
  const userMax = maxInterest(world, user);
  const noveltyWeight = k.novelty * world.userNoveltyTaste[user];
  let recentNorm = 0;
  for (let t = 0; t < T; t += 1) {
    recentNorm += world.userRecentTopics[uo + t] * world.userRecentTopics[uo + t];
  }
  recentNorm = Math.sqrt(recentNorm);
  const interests = world.userInterests;
  const recent = world.userRecentTopics;
  const topics = world.itemTopics;
  const itemNorms = itemTopicNorms(world);
  for (let i = 0; i < world.items; i += 1) {
    let dot = 0;
    let recentDot = 0;
    if (dots === undefined) {
      const io = i * T;
      for (let t = 0; t < T; t += 1) {
        const phi = topics[io + t];
        dot += interests[uo + t] * phi;
        recentDot += recent[uo + t] * phi;
      }
    } else {
      dot = dots.interests[i];
      recentDot = dots.recent[i];
    }
    const match = userMax > 0 ? Math.min(1, dot / userMax) : 0;
    const denominator = recentNorm * itemNorms[i];
    const novelty = denominator > 0 ? 1 - recentDot / denominator : 1;
    out[i] = match * (k.base + k.quality * world.itemQuality[i]) - k.clickbait * world.itemClickbait[i] + noveltyWeight * novelty + utilityShift(world, novelty);
  }
}

const normsByTopics = new WeakMap<Float32Array, Float32Array>();

/** |φ_i| of every item, [items], computed once per world (item topic mixes never change). */
function itemTopicNorms(world: World): Float32Array {
  let norms = normsByTopics.get(world.itemTopics);
  if (norms === undefined) {
    norms = new Float32Array(world.items);
    for (let i = 0; i < world.items; i += 1) {
      let sum = 0;
      for (let t = 0; t < world.topics; t += 1) {
        const value = world.itemTopics[i * world.topics + t];
        sum += value * value;
      }
      norms[i] = Math.sqrt(sum);
    }
    normsByTopics.set(world.itemTopics, norms);
  }
  return norms;
}

/** Samples one reaction from the expected responses. */
export function sampleResponse(expected: TrueResponse, rng: Random): ObservedResponse {
  const k = RESPONSE_COEFFICIENTS;
  const mean = Math.min(0.999, Math.max(0.001, expected.expectedWatch));
  const watch = rng.beta(k.watchConcentration * mean, k.watchConcentration * (1 - mean));
  const skip = watch < k.skipThreshold;
  const click = rng.bernoulli(expected.clickProb);
  const like = !skip && rng.bernoulli(expected.likeProb);
  const share = !skip && rng.bernoulli(expected.shareProb);
  return { watch, click, like, share, skip };
}

/**
 * Updates user u's true state after watching item i for fraction w: interests
 * drift toward φ_i by η w (rows stay probability vectors), and the recent
 * mix r_u moves toward φ_i by rate × w.
 */
export function applyWatch(world: World, user: number, item: number, watch: number, driftRate: number): void {
  const T = world.topics;
  const uo = user * T;
  const io = item * T;
  const drift = driftRate * watch;
  const recentStep = RESPONSE_COEFFICIENTS.recentTopicsRate * watch;
  for (let t = 0; t < T; t += 1) {
    const phi = world.itemTopics[io + t];
    world.userInterests[uo + t] = (1 - drift) * world.userInterests[uo + t] + drift * phi;
    world.userRecentTopics[uo + t] = (1 - recentStep) * world.userRecentTopics[uo + t] + recentStep * phi;
  }
}
