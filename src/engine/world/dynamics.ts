import type { World } from './types';

/**
 * User dynamics beyond Lab 1's response model, switched on per world through
 * `World.dynamics`. A world without them behaves exactly as Lab 1's.
 *
 * With s_ui = cos(r_u, φ_i) = 1 − ν_ui, the saturation of item i for user u
 * (how much it resembles what u watched recently, r_u):
 *
 *   boredom      watch logit − β s_ui,   true utility − β_U s_ui,   β_U = {@link BOREDOM_UTILITY_SHARE} β
 *   popularity   the watch logit's ρ_u (π_i − ½) term is scaled by the popularity weight
 *   attention    after an item watched for fraction w, the user closes the app with probability α (1 − w)
 *
 * Drift of true interests (θ_u ← (1 − η w) θ_u + η w φ_i) is Lab 1's and
 * stays in `FeedMachineParams.driftRate`.
 */
export interface UserDynamics {
  /** β ≥ 0: how much a topic the user has just watched a lot of loses watch time and value; 0 turns boredom off. */
  boredom: number;
  /** Multiplier of the popularity-taste term of the watch logit; 1 is Lab 1's model, 0 removes the taste. */
  popularityWeight: number;
  /** α in [0, 1]: chance of leaving the session after a fully skipped item; 0 means every user sees the whole feed. */
  attentionLoss: number;
}

/** The dynamics of Lab 1's model: no boredom, the popularity taste as it is, no early exits. */
export const LAB1_DYNAMICS: UserDynamics = { boredom: 0, popularityWeight: 1, attentionLoss: 0 };

/** β_U / β: boredom costs true utility a quarter of what it costs the watch logit, the ratio of the novelty terms (0.2 / 0.8). */
export const BOREDOM_UTILITY_SHARE = 0.25;

/**
 * Returns the shift of user u's watch logit for an item of novelty ν and
 * visible popularity π: −β (1 − ν) + (weight − 1) a_ρ ρ_u (π − ½). It is 0
 * for a world without dynamics, so Lab 1's numbers do not change.
 */
export function watchLogitShift(world: World, user: number, novelty: number, popularity: number, popularityCoefficient: number): number {
  const dynamics = world.dynamics;
  if (dynamics === undefined) {
    return 0;
  }
  const boredom = dynamics.boredom * (1 - novelty);
  const popularityExtra = (dynamics.popularityWeight - 1) * popularityCoefficient * world.userPopularityTaste[user] * (popularity - 0.5);
  return popularityExtra - boredom;
}

/** Returns the shift of true utility for an item of novelty ν: −β_U (1 − ν); 0 without dynamics. */
export function utilityShift(world: World, novelty: number): number {
  const boredom = world.dynamics?.boredom ?? 0;
  return boredom === 0 ? 0 : -BOREDOM_UTILITY_SHARE * boredom * (1 - novelty);
}

/** Returns the probability that a user leaves the session after watching fraction w of an item: α (1 − w). */
export function leaveProbability(dynamics: UserDynamics | undefined, watch: number): number {
  return dynamics === undefined ? 0 : dynamics.attentionLoss * (1 - watch);
}

/** The user dynamics as LaTeX formulas with their meaning, for the page (like `RESPONSE_MODEL_DOC`). */
export const USER_DYNAMICS_DOC: { name: string; latex: string; explanation: string }[] = [
  {
    name: 'Interest drift',
    latex: '\\theta_u \\leftarrow (1 - \\eta w)\\,\\theta_u + \\eta w\\,\\phi_i',
    explanation: "Every watched item pulls the user's true interests toward its topics, by the drift rate η times the watch fraction w. This is how a feed changes what people like, not only what they see.",
  },
  {
    name: 'Recent mix and saturation',
    latex: 'r_u \\leftarrow (1 - 0.2 w)\\,r_u + 0.2 w\\,\\phi_i,\\qquad s_{ui} = \\cos(r_u, \\phi_i)',
    explanation: 'r_u is a moving average of the topics the user watched recently; s is how much an item resembles it (1 for more of the same, 0 for a new topic).',
  },
  {
    name: 'Boredom',
    latex: `\\operatorname{logit} E[w_{ui}] \\mathrel{-}= \\beta\\, s_{ui},\\qquad U_{ui} \\mathrel{-}= ${BOREDOM_UTILITY_SHARE}\\,\\beta\\, s_{ui}`,
    explanation: 'More of the same is watched less and is worth less to the user. β is the boredom setting; 0 turns it off.',
  },
  {
    name: 'Taste for popularity',
    latex: '\\operatorname{logit} E[w_{ui}] = \\dots + \\gamma\\, a_\\rho\\, \\rho_u\\,(\\pi_i - \\tfrac12) + \\dots',
    explanation: 'The popularity term of the watch logit. $\\pi_i \\in [0, 1]$ is the item’s visible popularity, $\\ln(1 + n_i) / \\ln(1 + \\max_j n_j)$ with $n_i$ its impressions so far, so $\\tfrac12$ is the middle of that log scale. Users with a high popularity taste $\\rho_u$ watch items above the middle longer. $a_\\rho$ is the coefficient of $\\rho_u(\\pi_i - \\tfrac12)$ in the response model’s expected watch fraction, and $\\gamma$ the popularity weight (1 is the default model, 0 removes the term).',
  },
  {
    name: 'Attention',
    latex: 'P(\\text{leave after } i) = \\alpha\\,(1 - w_{ui})',
    explanation: 'After a poorly watched item the user may close the app, so a feed that bores people is seen less. α is the attention loss; 0 means every feed is seen to the end.',
  },
];
