import { describe, expect, it } from 'vitest';
import type { CreatorTickRow } from '../../src/engine/creators/run';
import { buildSteps, followFeedOutcome, largestChangeLoss, newCreatorOutcome, objectiveChangeOutcome, soonerTwin, type SeedExperiment } from '../../src/labs/creators/steps';
import type { CreatorTrafficChange } from '../../src/engine/creators/dependency';
import type { CreatorsExperiment, CreatorsSnapshot } from '../../src/worker/creatorsApi';

function snapshot(patch: Partial<CreatorsSnapshot>): CreatorsSnapshot {
  const estimate = { impressions: 0, shares: 0, estimatedShareRate: 0.01 };
  return { tick: 40, reach: [], microThreshold: 30, reachByGroup: { micro: 100, macro: 200 }, rankCorrelation: 0.5, cascadeHistogram: [], ticksToTarget: null, focusEstimate: estimate, newCreatorEstimate: estimate, trafficChanges: [], ...patch };
}

function row(tick: number, patch: Partial<CreatorTickRow> = {}): CreatorTickRow {
  return {
    tick,
    impressions: 1000,
    followingShare: 0,
    sharedShare: 0,
    creatorGini: 0.5,
    microShare: 0.3,
    focusImpressions: 0,
    focusUsers: 0,
    focusExternalViews: 10,
    focusTraffic: 10,
    focusOffPlatformShare: 1,
    newCreatorImpressions: 0,
    newCreatorUsers: 0,
    cascades: 0,
    meanCascadeSize: Number.NaN,
    maxCascadeSize: 0,
    clickWeight: 1,
    watchWeight: 1,
    shareWeight: 0,
    ...patch,
  };
}

function experiment(a: Partial<CreatorsSnapshot>, b: Partial<CreatorsSnapshot>, rows = [{ tick: 40, a: row(40), b: row(40) }]): CreatorsExperiment {
  return { rows, snapshots: { a: snapshot(a), b: snapshot(b) } };
}

/** Five seeds of experiments whose snapshots get `a(i)` and `b(i)` on seed 11 + i. */
function seeds(a: (index: number) => Partial<CreatorsSnapshot>, b: (index: number) => Partial<CreatorsSnapshot>): SeedExperiment[] {
  return [0, 1, 2, 3, 4].map((index) => ({ seed: 11 + index, experiment: experiment(a(index), b(index)) }));
}

function change(creator: number, before: number, after: number): CreatorTrafficChange {
  return { creator, followers: 10, before, after, change: before > 0 ? (after - before) / before : Number.NaN };
}

describe('Lab 9 step outcomes', () => {
  it('call the follow feed higher when the interval of ρ lies below 0', () => {
    const jitter = [0.01, -0.02, 0.03, 0, -0.01];
    expect(followFeedOutcome(seeds(() => ({ rankCorrelation: 0.8 }), (i) => ({ rankCorrelation: 0.1 + jitter[i] })), 400).supported).toBe('follow-higher');
    expect(followFeedOutcome(seeds(() => ({ rankCorrelation: 0.2 }), (i) => ({ rankCorrelation: 0.6 + jitter[i] })), 400).supported).toBe('algorithmic-higher');
    expect(followFeedOutcome(seeds(() => ({ rankCorrelation: 0.5 }), (i) => ({ rankCorrelation: 0.5 + jitter[i] })), 400).supported).toBe('similar');
  });

  it('report ρ per seed and the ceiling share', () => {
    const reach = [
      { creator: 0, followers: 5, distinctUsers: 380, impressions: 500, reachPerFollower: 76 },
      { creator: 1, followers: 50, distinctUsers: 100, impressions: 150, reachPerFollower: 2 },
    ];
    const outcome = followFeedOutcome(seeds(() => ({ rankCorrelation: 0.8 }), () => ({ rankCorrelation: 0.4, reach })), 400);
    expect(outcome.findings[0]).toContain('seed 11: 0.80 against 0.40');
    expect(outcome.findings[2]).toContain('algorithmic feed 50.0%');
  });

  it('rank a twin that never reached the target last', () => {
    expect(soonerTwin(null, 7)).toBe('b');
    expect(soonerTwin(5, null)).toBe('a');
    expect(soonerTwin(5, 9)).toBe('a');
    expect(soonerTwin(6, 6)).toBe('tie');
    expect(soonerTwin(null, null)).toBe('tie');
  });

  it('judge exploration by users reached, not ticks to target', () => {
    const settings = { newCreatorTick: 10, reachTarget: 50, users: 400 };
    /** Five seeds whose new creator reached `a[i]` and `b[i]` users by tick 40, and the target when at least 50. */
    const reachSeeds = (a: number[], b: number[]): SeedExperiment[] =>
      a.map((users, i) => ({
        seed: 11 + i,
        experiment: experiment({ ticksToTarget: users >= 50 ? 20 : null }, { ticksToTarget: b[i] >= 50 ? 12 : null }, [{ tick: 40, a: row(40, { newCreatorUsers: users }), b: row(40, { newCreatorUsers: b[i] }) }]),
      }));

    const more = newCreatorOutcome(reachSeeds([0, 10, 5, 20, 8], [60, 75, 58, 90, 70]), settings);
    expect(more.supported).toBe('more-with-exploration');
    expect(more.findings[0]).toContain('ε = 0.1 reached more users on 5 of 5 seeds and fewer on 0');
    expect(more.findings[2]).toContain('ε = 0 reached the target on 0 of 5 seeds and ε = 0.1 on 5');

    const fewer = newCreatorOutcome(reachSeeds([60, 75, 58, 90, 70], [0, 10, 5, 20, 8]), settings);
    expect(fewer.supported).toBe('more-without');

    const mixed = newCreatorOutcome(reachSeeds([0, 204, 0, 20, 21], [12, 136, 15, 121, 133]), settings);
    expect(mixed.supported).toBe('no-clear');
    expect(mixed.findings[0]).toContain('more users on 4 of 5 seeds and fewer on 1');
    expect(mixed.findings[2]).toContain('seed 11: not within 31 ticks against not within 31 ticks');
  });

  it('pick the creator the change cut most against its counterfactual', () => {
    const runs = seeds(
      () => ({ trafficChanges: [change(0, 100, 5), change(1, 20, 18)] }),
      (i) => ({ trafficChanges: [change(0, 100, 4), change(1, 20, i === 2 ? 2 : 18)] }),
    );
    expect(largestChangeLoss(runs)).toEqual({ seed: 13, creator: 1, before: 20, afterWithout: 18, afterWith: 2 });
  });

  it('read the objective change from the counts of halved creators', () => {
    const halved = (count: number) => Array.from({ length: 10 }, (_, creator) => change(creator, 10, creator < count ? 2 : 10));
    const more = objectiveChangeOutcome(seeds((i) => ({ trafficChanges: halved(2 + (i % 2)) }), (i) => ({ trafficChanges: halved(6 + (i % 2)) })), 20);
    expect(more.supported).toBe('more-halved');
    expect(more.findings[0]).toContain('seed 11: 2 against 6 of 10');
    expect(more.findings[2]).toContain('the largest of 50 gaps');
    expect(more.findings[2]).toContain('the median gap was 0.0 per tick');
    expect(more.findings[3]).toContain('20.0 → 12.0 per tick, −8.0 (−40.0%)');

    const fewer = objectiveChangeOutcome(seeds((i) => ({ trafficChanges: halved(6 + (i % 2)) }), (i) => ({ trafficChanges: halved(2 + (i % 2)) })), 20);
    expect(fewer.supported).toBe('fewer-halved');

    const same = objectiveChangeOutcome(seeds((i) => ({ trafficChanges: halved(3 + (i % 2)) }), (i) => ({ trafficChanges: halved(4 - (i % 2)) })), 20);
    expect(same.supported).toBe('no-clear');
  });

  it('offer an option for every outcome they can read', () => {
    const steps = buildSteps(() => Promise.reject(new Error('not run')));
    const ids = Object.fromEntries(steps.map((step) => [step.id, step.options.map((option) => option.id)]));
    expect(ids['follow-feed']).toEqual(['follow-higher', 'algorithmic-higher', 'similar']);
    expect(ids['new-creator']).toEqual(['more-with-exploration', 'more-without', 'no-clear']);
    expect(ids['objective-change']).toEqual(['more-halved', 'no-clear', 'fewer-halved']);
  });
});
