/**
 * Lab 9's three "predict, then run" steps. Each step runs its own pair of
 * twins on each of {@link STEP_SEEDS} in the worker and reads its outcome from
 * those runs with a rule that the page states: step 1 and step 3 from the
 * paired differences B − A with their 95% t interval (a direction only when
 * the interval excludes 0), step 2 from the seeds on which each twin reached
 * the target sooner.
 */
import { countLargeChanges, type CreatorTrafficChange } from '../../engine/creators/dependency';
import { pairedEffect, type PairedEffect } from '../../engine/experiments/pairedEffect';
import { meanInterval } from '../../engine/stats/interval';
import type { PredictStep, StepOutcome } from '../../teaching/types';
import type { CreatorsExperiment, CreatorsPair, CreatorsSnapshot } from '../../worker/creatorsApi';
import { formatCount, formatMean, formatPercent, formatRho, formatSignedCount, formatSignedMean, formatSignedPercent } from './format';
import { CREATORS_DEFAULTS, CREATORS_PRESETS, presetSettings, twinPair, type CreatorsSettings } from './settings';

/** Ticks of each seed's run. */
export const STEP_TICKS = 40;

/** Seeds of every step, fixed so the findings are the same each time; 5 seeds give a t interval with 4 degrees of freedom. */
export const STEP_SEEDS: readonly number[] = [11, 12, 13, 14, 15];

/** Off-platform views per tick added to a creator's traffic in the objective-change step. */
export const STEP_EXTERNAL_VIEWS = 10;

/** Share of all users above which step 1 counts a creator as near the ceiling of reach. */
export const CEILING_SHARE = 0.9;

/** One seed's headless run of both twins. */
export interface SeedExperiment {
  seed: number;
  experiment: CreatorsExperiment;
}

/** Headless twin runner of the steps: the controller's `experiment`. */
export type RunExperiment = (pair: CreatorsPair, ticks: number, onProgress: (tick: number) => void) => Promise<CreatorsExperiment>;

/**
 * Builds a step's settings: the page's default world with the feeds of one
 * preset. The seed is replaced per run.
 */
export function stepSettings(presetId: string, extra: Partial<CreatorsSettings> = {}): CreatorsSettings {
  const preset = CREATORS_PRESETS.find((candidate) => candidate.id === presetId);
  if (preset === undefined) {
    throw new Error(`Preset "${presetId}" not found; use one of ${CREATORS_PRESETS.map((candidate) => candidate.id).join(', ')}.`);
  }
  return { ...CREATORS_DEFAULTS, ...presetSettings(preset, CREATORS_DEFAULTS.feedSize), ...extra };
}

/** Describes the seeds: "the 5 seeds 11 to 15". */
function seedText(runs: readonly SeedExperiment[]): string {
  return runs.length === 1 ? `seed ${runs[0]?.seed}` : `the ${runs.length} seeds ${runs[0]?.seed} to ${runs.at(-1)?.seed}`;
}

/** Formats a mean with its 95% interval as Lab 8 does: "−0.76, 95% interval [−0.98, −0.54]". */
function formatInterval(effect: PairedEffect, format: (value: number) => string): string {
  return `${format(effect.interval.mean)}, 95% interval [${format(effect.interval.low)}, ${format(effect.interval.high)}]`;
}

/** Says what an effect's interval shows, as the end of a sentence; a borderline interval (see {@link pairedEffect}) is called so. */
function directionText(effect: PairedEffect, lower: string, higher: string): string {
  const borderline = effect.borderline ? '; this is borderline, because the end nearer 0 is within a tenth of the half-width and a few more seeds could move it across' : '';
  switch (effect.direction) {
    case 'below':
      return `the interval lies below 0, so ${lower}${borderline}`;
    case 'above':
      return `the interval lies above 0, so ${higher}${borderline}`;
    case 'includes':
      return 'the interval includes 0, so there is no clear difference';
  }
}

function perSeedList(runs: readonly SeedExperiment[], value: (run: SeedExperiment) => string): string {
  return runs.map((run) => `seed ${run.seed}: ${value(run)}`).join('; ');
}

/** Share of creators who reached more than {@link CEILING_SHARE} of all users. */
export function ceilingShare(snapshot: CreatorsSnapshot, users: number): number {
  const near = snapshot.reach.filter((row) => row.distinctUsers > CEILING_SHARE * users).length;
  return snapshot.reach.length > 0 ? near / snapshot.reach.length : Number.NaN;
}

/** Reads step 1 (A the follow feed, B the algorithmic feed) from ρ on each seed; `users` is the world's user count. */
export function followFeedOutcome(runs: readonly SeedExperiment[], users: number): StepOutcome {
  const rho = (run: SeedExperiment, twin: 'a' | 'b') => run.experiment.snapshots[twin].rankCorrelation;
  const effect = pairedEffect(
    runs.map((run) => rho(run, 'b') - rho(run, 'a')),
    [-2, 2],
  );
  const outcomes = { below: 'follow-higher', above: 'algorithmic-higher', includes: 'similar' } as const;
  const supported = outcomes[effect.direction];
  const ceiling = (twin: 'a' | 'b') => meanInterval(runs.map((run) => ceilingShare(run.experiment.snapshots[twin], users))).mean;
  const reach = (twin: 'a' | 'b', group: 'micro' | 'macro') => meanInterval(runs.map((run) => run.experiment.snapshots[twin].reachByGroup[group])).mean;
  return {
    supported,
    findings: [
      `Spearman’s ρ between followers and distinct users reached after ${STEP_TICKS} ticks, follow feed against algorithmic feed: ${perSeedList(runs, (run) => `${formatRho(rho(run, 'a'))} against ${formatRho(rho(run, 'b'))}`)}.`,
      `Paired difference B − A over ${seedText(runs)}: ${formatInterval(effect, formatRho)}; ${directionText(effect, 'reach follows follower counts more closely in the follow feed', 'reach follows follower counts more closely in the algorithmic feed')}.`,
      `Creators who reached more than ${formatPercent(CEILING_SHARE)} of the ${users} users, mean over the seeds: follow feed ${formatPercent(ceiling('a'))}, algorithmic feed ${formatPercent(ceiling('b'))}. Creators at this ceiling cannot be ordered by reach, which lowers ρ whatever their followers.`,
      `Mean distinct users reached by micro and macro creators, mean over the seeds: follow feed ${formatCount(reach('a', 'micro'))} and ${formatCount(reach('a', 'macro'))}, algorithmic feed ${formatCount(reach('b', 'micro'))} and ${formatCount(reach('b', 'macro'))}.`,
    ],
  };
}

/** Describes a twin's time to the reach target. */
function describeTicks(ticks: number | null, available: number): string {
  return ticks === null ? `not within ${available} ticks` : `${ticks} ticks`;
}

/**
 * Returns the twin that got the new creator to the target sooner on one
 * seed. A twin that never reached it counts as later than one that did.
 */
export function soonerTwin(a: number | null, b: number | null): 'a' | 'b' | 'tie' {
  if (a === b) {
    return 'tie';
  }
  if (b !== null && (a === null || b < a)) {
    return 'b';
  }
  return 'a';
}

/**
 * Reads step 2 (A no exploration, B ε = 0.1, both algorithmic) from the
 * distinct users the new creator reached by the last tick, by the paired
 * 95% interval of B − A. Ticks to the target are reported beside it but do
 * not decide, because a seed on which neither twin reaches the target shows
 * nothing about which is faster.
 */
export function newCreatorOutcome(runs: readonly SeedExperiment[], settings: Pick<CreatorsSettings, 'newCreatorTick' | 'reachTarget' | 'users'>): StepOutcome {
  const available = Math.max(0, STEP_TICKS - settings.newCreatorTick + 1);
  const ticks = (run: SeedExperiment, twin: 'a' | 'b') => run.experiment.snapshots[twin].ticksToTarget;
  const users = (run: SeedExperiment, twin: 'a' | 'b') => run.experiment.rows.at(-1)?.[twin].newCreatorUsers ?? Number.NaN;
  const effect = pairedEffect(
    runs.map((run) => users(run, 'b') - users(run, 'a')),
    [-settings.users, settings.users],
  );
  const outcomes = { above: 'more-with-exploration', below: 'more-without', includes: 'no-clear' } as const;
  const more = runs.filter((run) => users(run, 'b') > users(run, 'a')).length;
  const fewer = runs.filter((run) => users(run, 'b') < users(run, 'a')).length;
  const winners = runs.map((run) => soonerTwin(ticks(run, 'a'), ticks(run, 'b')));
  const count = (winner: 'a' | 'b' | 'tie') => winners.filter((entry) => entry === winner).length;
  const reached = (twin: 'a' | 'b') => runs.filter((run) => ticks(run, twin) !== null).length;
  return {
    supported: outcomes[effect.direction],
    findings: [
      `Distinct users the new creator reached by tick ${STEP_TICKS}, ε = 0 against ε = 0.1: ${perSeedList(runs, (run) => `${formatCount(users(run, 'a'))} against ${formatCount(users(run, 'b'))}`)}. ε = 0.1 reached more users on ${more} of ${runs.length} seeds and fewer on ${fewer}.`,
      `Paired difference B − A over ${seedText(runs)}: ${formatInterval(effect, formatSignedCount)} users; ${directionText(effect, 'the new creator reached more users without exploration', 'the new creator reached more users with exploration')}.`,
      `Ticks to ${settings.reachTarget} users (the release tick ${settings.newCreatorTick} counts as tick 1), ε = 0 against ε = 0.1: ${perSeedList(runs, (run) => `${describeTicks(ticks(run, 'a'), available)} against ${describeTicks(ticks(run, 'b'), available)}`)}. ε = 0 reached the target on ${reached('a')} of ${runs.length} seeds and ε = 0.1 on ${reached('b')}; ε = 0.1 was sooner on ${count('b')} seeds and later on ${count('a')}.`,
    ],
  };
}

/** One creator's platform impressions per tick in both twins, for the creator the change hurt most. */
export interface ChangeLoss {
  seed: number;
  creator: number;
  /** Mean per tick before the change (the twins are identical until then), and after it without (A) and with (B) the change. */
  before: number;
  afterWithout: number;
  afterWith: number;
}

/**
 * Finds the creator whose platform traffic the change cut most: the largest
 * afterWithout − afterWith over every creator and seed. Before the change the
 * twins run the same ticks, so the gap after it is the change's doing.
 */
export function largestChangeLoss(runs: readonly SeedExperiment[]): ChangeLoss | null {
  return changeLosses(runs).reduce<ChangeLoss | null>((best, loss) => (best === null || gap(loss) > gap(best) ? loss : best), null);
}

/** Gap that the change opened in one creator's platform traffic: after without it − after with it, per tick. */
function gap(loss: ChangeLoss): number {
  return loss.afterWithout - loss.afterWith;
}

/** Collects every creator's traffic after the change without and with it, on every seed, leaving out creators without a measured change. */
export function changeLosses(runs: readonly SeedExperiment[]): ChangeLoss[] {
  const losses: ChangeLoss[] = [];
  for (const run of runs) {
    const without: readonly CreatorTrafficChange[] = run.experiment.snapshots.a.trafficChanges;
    for (const row of run.experiment.snapshots.b.trafficChanges) {
      const counterfactual = without[row.creator];
      if (counterfactual === undefined || !Number.isFinite(row.after) || !Number.isFinite(counterfactual.after)) {
        continue;
      }
      losses.push({ seed: run.seed, creator: row.creator, before: row.before, afterWithout: counterfactual.after, afterWith: row.after });
    }
  }
  return losses;
}

/** Median of the gaps of {@link changeLosses}; NaN without any. */
export function medianGap(losses: readonly ChangeLoss[]): number {
  const sorted = losses.map(gap).sort((x, y) => x - y);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Describes a change of a mean per tick: "117.2 → 3.5 per tick, −113.7 (−97.0%)". */
export function describeChange(before: number, after: number): string {
  return `${formatMean(before)} → ${formatMean(after)} per tick, ${formatSignedMean(after - before)} (${formatSignedPercent(before > 0 ? (after - before) / before : Number.NaN)})`;
}

/** Reads step 3 (A no change, the counterfactual; B changes its objective after `changeTick`). */
export function objectiveChangeOutcome(runs: readonly SeedExperiment[], changeTick: number): StepOutcome {
  const halved = (run: SeedExperiment, twin: 'a' | 'b') => countLargeChanges(run.experiment.snapshots[twin].trafficChanges);
  const effect = pairedEffect(
    runs.map((run) => halved(run, 'b').halved - halved(run, 'a').halved),
    [-Infinity, Infinity],
  );
  const outcomes = { above: 'more-halved', below: 'fewer-halved', includes: 'no-clear' } as const;
  const supported = outcomes[effect.direction];
  const findings = [
    `Creators whose platform impressions per tick after tick ${changeTick} were half or less of those before it, without the change (A) against with it (B): ${perSeedList(runs, (run) => `${halved(run, 'a').halved} against ${halved(run, 'b').halved} of ${halved(run, 'b').measured}`)}.`,
    `Paired difference B − A over ${seedText(runs)}: ${formatInterval(effect, formatSignedCount)} creators; ${directionText(effect, 'fewer creators lost half their traffic with the change than without it', 'more creators lost half their traffic with the change than without it')}.`,
  ];
  const losses = changeLosses(runs);
  const loss = largestChangeLoss(runs);
  if (loss !== null) {
    const views = STEP_EXTERNAL_VIEWS;
    findings.push(
      `The creator the change cut most is creator ${loss.creator} on seed ${loss.seed}: the largest of ${losses.length} gaps (every creator on every seed) between its platform traffic after the change without and with it. It is the extreme, not the typical case: the median gap was ${formatSignedMean(medianGap(losses))} per tick. Its platform traffic went ${describeChange(loss.before, loss.afterWith)} with the change; without it, ${describeChange(loss.before, loss.afterWithout)}.`,
      `Had it ${views} views per tick from outside the platform, its total traffic went ${describeChange(loss.before + views, loss.afterWith + views)} with the change: the same absolute loss is a smaller share of a larger total.`,
    );
  }
  return { supported, findings };
}

function seedsRun(runExperiment: RunExperiment, settings: CreatorsSettings, read: (runs: SeedExperiment[]) => StepOutcome): PredictStep['run'] {
  return async (status) => {
    const runs: SeedExperiment[] = [];
    for (const [index, seed] of STEP_SEEDS.entries()) {
      const prefix = `Seed ${seed} (${index + 1} of ${STEP_SEEDS.length})`;
      status(`${prefix}: running both twins for ${STEP_TICKS} ticks…`);
      const experiment = await runExperiment(twinPair({ ...settings, seed }), STEP_TICKS, (tick) => status(`${prefix}: tick ${tick} of ${STEP_TICKS}…`));
      runs.push({ seed, experiment });
    }
    return read(runs);
  };
}

function setupText(settings: CreatorsSettings, feeds: string): string {
  return `The default world (${settings.users.toLocaleString('en')} users, ${settings.items.toLocaleString('en')} items, ${settings.creators} creators), seeds ${STEP_SEEDS[0]} to ${STEP_SEEDS.at(-1)}, ${STEP_TICKS} ticks each. ${feeds}`;
}

/** Builds the three steps on a headless runner (the page passes its controller's `experiment`). */
export function buildSteps(runExperiment: RunExperiment): PredictStep[] {
  const follow = stepSettings('follow-vs-algorithmic');
  const exploration = stepSettings('new-creator-exploration');
  const change = stepSettings('objective-change');
  return [
    {
      id: 'follow-feed',
      title: 'Reach and followers',
      setup: setupText(follow, 'A: follow feed. B: algorithmic feed. Neither explores (ε = 0) and neither changes its objective, so the feed is the only difference.'),
      question: `Twin A fills feed slots from followed creators first; twin B ranks the whole catalogue. After ${STEP_TICKS} ticks, in which feed does a creator’s reach follow its follower count more closely (higher rank correlation)?`,
      options: [
        { id: 'follow-higher', label: 'In the follow feed', explanation: 'In the follow feed a creator reaches mostly its followers and the recipients of their shares; the ranking only fills slots that a user’s followed creators cannot. So the follower count caps reach, and the ranks line up. In the algorithmic feed many creators reach nearly every user, so reach no longer separates them: part of the low ρ is this ceiling, not only the ranking’s indifference to followers.' },
        { id: 'algorithmic-higher', label: 'In the algorithmic feed', explanation: 'Here the ranking gave more reach to creators with many followers than the follow graph did. Popular creators’ items collect engagement, and the models learn to rank them first.' },
        { id: 'similar', label: 'No clear difference', explanation: 'The interval of the paired difference includes 0: over these seeds the two feeds order creators about as their follower counts do. Look at the scatter for who breaks the pattern.' },
      ],
      run: seedsRun(runExperiment, follow, (runs) => followFeedOutcome(runs, follow.users)),
    },
    {
      id: 'new-creator',
      title: 'A new creator and exploration',
      setup: setupText(exploration, `Both twins use the algorithmic feed without the objective change; A never explores, B has ε = 0.1. The verdict comes from the paired 95% interval of the users reached by tick ${STEP_TICKS} (B − A); the ticks to ${exploration.reachTarget} users are shown beside it.`),
      question: `A creator with no followers releases ${exploration.newCreatorItems} items at tick ${exploration.newCreatorTick}. Twin A never explores; twin B fills 10% of each feed with random unseen items. In which twin does the creator reach more distinct users by tick ${STEP_TICKS}?`,
      options: [
        { id: 'more-with-exploration', label: 'B, with exploration', explanation: 'Random slots show the new items to users the models would never have picked; their reactions enter the logs, and once the items enter the trending list or, after a retrain, the embedding retrieval, the ranking takes over.' },
        { id: 'more-without', label: 'A, without exploration', explanation: 'Here the creator reached more users without exploration on most seeds. Random slots go to any unseen item, so they also spread engagement over many other items that compete for the same ranked sources.' },
        {
          id: 'no-clear',
          label: 'No clear difference',
          explanation: `Read the per-seed counts before concluding that exploration does not matter: a seed on which one twin’s creator took off dominates five seeds. Exploration alone gives the creator a trickle: each slot is random with probability 0.1 and then lands on one of its ${exploration.newCreatorItems} items out of ${exploration.items.toLocaleString('en')}, so a few impressions per tick at most. The creator takes off only when its items enter a ranked source, the trending list (the 400 items with the most recent engagement) or the embedding retrieval after a retrain every ${exploration.retrainEvery} ticks, and whether and when that happens varies with the seed. Five seeds cannot separate the twins here; more seeds would be needed.`,
        },
      ],
      run: seedsRun(runExperiment, exploration, (runs) => newCreatorOutcome(runs, exploration)),
    },
    {
      id: 'objective-change',
      title: 'The platform switches to shares',
      setup: setupText(change, `Both twins use the algorithmic feed with ε = 0.1; after tick ${change.changeTick} twin B ranks by estimated share rate (weights: click ${change.clickWeightAfter}, watch ${change.watchWeightAfter}, share ${change.shareWeightAfter}), twin A keeps its objective. Until the change the twins run identical ticks.`),
      question: `Some creators lose half or more of their platform traffic after tick ${change.changeTick} even when nothing changes, because items run out of unseen users and trends move. Does the change to shares make more creators lose half or more?`,
      options: [
        { id: 'more-halved', label: 'Yes, more creators lose half in B', explanation: 'The share objective concentrates impressions on the items with the highest logged share rates, so many creators fall out of the feed at once.' },
        { id: 'no-clear', label: 'No clear difference', explanation: 'The count of creators who lost half moves with the seed as much as with the change. A count hides who lost: read the creator the change cut most, whose loss is measured against its own counterfactual.' },
        { id: 'fewer-halved', label: 'No, fewer creators lose half in B', explanation: 'Without the change, traffic already runs down as items exhaust their unseen users and trends move on, and the change did not add to that count. The count hides who lost, though: the creator the change cut most lost most of its platform traffic against its own counterfactual, and only views from outside the platform cushion such a loss.' },
      ],
      run: seedsRun(runExperiment, change, (runs) => objectiveChangeOutcome(runs, change.changeTick)),
    },
  ];
}
