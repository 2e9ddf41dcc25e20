/**
 * Definitions of Lab 8's metrics for people: each metric's label, formula
 * (LaTeX), the meaning of every symbol in it, its range of values, and the
 * publication it comes from where there is one.
 */
import type { ValueRange } from '../stats/interval';
import { RESPONSE_COEFFICIENTS } from '../world/response';
import type { BubbleMetricName } from './bubbleMetrics';

const SKIP_THRESHOLD = RESPONSE_COEFFICIENTS.skipThreshold;
const U = RESPONSE_COEFFICIENTS.utility;

export interface BubbleMetricDoc {
  label: string;
  latex: string;
  /**
   * Every symbol of `latex`, defined in one or more plain sentences. Symbols
   * in the text are written as LaTeX between dollar signs (`$C_u$`), so the
   * page renders them like the formula.
   */
  symbols: string;
  /** Values the metric can take; the page clips displayed interval ends to it. */
  range: ValueRange;
  /** Author(s), year and title of the publication that defines the metric; null for the simulator's own quantities. */
  source: string | null;
}

const SHARE: ValueRange = [0, 1];
const UNBOUNDED: ValueRange = [-Infinity, Infinity];
const NON_NEGATIVE: ValueRange = [0, Infinity];

export const BUBBLE_METRIC_DOC: Record<BubbleMetricName, BubbleMetricDoc> = {
  homogenisation: {
    label: 'Homogenisation',
    latex: '\\frac{1}{|P|}\\sum_{(u,v) \\in P} \\frac{|C_u \\cap C_v|}{|C_u \\cup C_v|}',
    symbols:
      `$P$ is the set of user pairs $(u, v)$ with $u \\neq v$, up to 500 pairs drawn once per seed (all pairs when there are fewer). $C_u$ is the set of items user $u$ has consumed so far, where consumed means a watch fraction of at least ${SKIP_THRESHOLD} (below it the impression is a skip). $|\\cdot|$ is the number of elements of a set, so each term is the Jaccard index of two users’ consumption.`,
    range: SHARE,
    source: 'Chaney, Stewart and Engelhardt (2018), “How algorithmic confounding in recommendation systems increases homogeneity and decreases utility”, RecSys',
  },
  trueUtility: {
    label: 'True utility per impression',
    latex: '\\frac{1}{N}\\sum_{(u,i)} U_{ui}',
    symbols:
      `$N$ is the number of impressions this tick, and the sum runs over those $N$ (user $u$, item $i$) impressions. $U_{ui} = m_{ui}(${U.base} + ${U.quality}\\,q_i) - ${U.clickbait}\\,c_i + ${U.novelty}\\,n_u \\nu_{ui}$ is the true utility of item $i$ to user $u$ in the simulator’s response model, which the platform never observes: $m_{ui} = \\theta_u \\cdot \\phi_i / \\max_t \\theta_{ut}$ is how well the item’s topics match the user’s interests now, $q_i$ its quality, $c_i$ its clickbait, $n_u$ the user’s taste for novelty and $\\nu_{ui}$ the item’s novelty against what the user watched recently (boredom $\\beta$ subtracts a further term). It can be negative (clickbait). Because $m_{ui}$ uses the user’s interests now, a user whose interests drift toward what they are served gets more utility from the same items.`,
    range: UNBOUNDED,
    source: null,
  },
  utilityRatio: {
    label: 'Utility relative to the ideal recommender',
    latex: '\\bar U / \\bar U^{\\text{ideal}}',
    symbols:
      '$\\bar U$ is this twin’s true utility per impression this tick. $\\bar U^{\\text{ideal}}$ is the mean true utility of the $K$ items the ideal recommender would serve each of this twin’s users who visit this tick: the user’s unseen items of highest true utility, for the user’s interests now. 1 is as good as the ideal recommender. The denominator belongs to each twin: it depends on its users’ current interests and on which items they have already seen, so twin A and twin B are each compared with a different yardstick. A twin whose users’ interests have narrowed, or who have not yet used up their best items, has a higher yardstick. Compare raw true utility per impression to see which twin’s users got more.',
    range: UNBOUNDED,
    source: 'the ideal recommender as the yardstick follows Chaney, Stewart and Engelhardt (2018), “How algorithmic confounding in recommendation systems increases homogeneity and decreases utility”, RecSys',
  },
  intraListDiversity: {
    label: 'Intra-list diversity',
    latex: '1 - \\frac{2}{K(K-1)}\\sum_{a<b} \\cos(\\phi_a, \\phi_b)',
    symbols: '$K$ is the number of items in one feed, $a$ and $b$ are positions in it, $\\phi_a$ is the topic mix of the item at position $a$, and $\\cos$ is cosine similarity. The value is averaged over this tick’s feeds.',
    range: SHARE,
    source: 'Ziegler, McNee, Konstan and Lausen (2005), “Improving recommendation lists through topic diversification”, WWW',
  },
  userTopicEntropy: {
    label: 'Per-user topic entropy (nats)',
    latex: '-\\sum_{t=1}^{T} p_{ut} \\ln p_{ut},\\quad p_u \\propto \\sum_{i \\in C_u} \\phi_i',
    symbols:
      '$T$ is the number of topics. $C_u$ is the set of items user $u$ has consumed so far and $\\phi_i$ the topic mix of item $i$. $p_u$ is their sum normalised to 1, and $p_{ut}$ its share on topic $t$. The value is averaged over users who consumed anything; it is 0 for a user who saw one topic and at most $\\ln T$.',
    range: NON_NEGATIVE,
    source: 'Shannon (1948), “A mathematical theory of communication”',
  },
  popularityBias: {
    label: 'Exposure share of the top 1% of items',
    latex: '\\sum_{i \\in \\text{top }1\\%} n_i \\Big/ \\sum_{i \\in I} n_i',
    symbols: '$I$ is the catalogue and $n_i$ the impressions of item $i$ so far. The top 1% are the $\\lceil 0.01\\,|I| \\rceil$ items with the most impressions.',
    range: SHARE,
    source: null,
  },
  creatorGini: {
    label: 'Exposure Gini over creators',
    latex: '\\frac{\\sum_{j=1}^{n} (2j - n - 1)\\, x_{(j)}}{n \\sum_{j=1}^{n} x_j}',
    symbols:
      '$n$ is the number of creators and $x_j$ the impressions of creator $j$ so far. $x_{(j)}$ are the same values sorted in ascending order, so $x_{(1)}$ belongs to the least exposed creator. The Gini coefficient is 0 for equal exposure and $(n - 1)/n$ when one creator gets every impression; it is twice the area between the Lorenz curve and the line of equality.',
    range: SHARE,
    source: 'Gini (1912), “Variabilità e mutabilità”; Lorenz (1905), “Methods of measuring the concentration of wealth”',
  },
  coverage: {
    label: 'Catalogue coverage',
    latex: '|\\{i \\in I : n_i > 0\\}| / |I|',
    symbols: '$I$ is the catalogue, $|I|$ its number of items, and $n_i$ the impressions of item $i$ so far, so this is the share of items served at least once.',
    range: SHARE,
    source: 'Herlocker, Konstan, Terveen and Riedl (2004), “Evaluating collaborative filtering recommender systems”, ACM TOIS',
  },
  interestShift: {
    label: 'Interest shift from tick 0',
    latex: '\\frac{1}{|U|}\\sum_{u \\in U} \\tfrac12 \\lVert \\theta_u - \\theta_u^0 \\rVert_1',
    symbols:
      '$U$ is the set of users, $\\theta_u$ user $u$’s true interests now (a probability vector over topics) and $\\theta_u^0$ the same at tick 0. $\\lVert\\cdot\\rVert_1$ is the sum of absolute values, so each term is the total variation distance between the two vectors, from 0 (no change) to 1 (no topic in common).',
    range: SHARE,
    source: null,
  },
  meanWatch: {
    label: 'Mean watch fraction',
    latex: '\\bar w',
    symbols: '$\\bar w$ is the mean of the watch fraction (0 to 1 of an item’s length) over this tick’s impressions: the engagement the platform logs.',
    range: SHARE,
    source: null,
  },
  clickRate: {
    label: 'Click rate',
    latex: '\\text{clicks} / N',
    symbols: '$\\text{clicks}$ is the number of clicks this tick and $N$ the number of impressions this tick.',
    range: SHARE,
    source: null,
  },
  impressions: {
    label: 'Impressions',
    latex: 'N',
    symbols: '$N$ is the number of items served this tick over all feeds.',
    range: NON_NEGATIVE,
    source: null,
  },
};
