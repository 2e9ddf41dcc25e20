import { describe, expect, it } from 'vitest';
import type { CreatorTickRow } from '../../src/engine/creators/run';
import { buildSteps, followFeedOutcome, newCreatorOutcome, objectiveChangeOutcome } from '../../src/labs/creators/teaching';
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

describe('Lab 9 step outcomes', () => {
  it('call the follow feed higher when its ρ is', () => {
    expect(followFeedOutcome(experiment({ rankCorrelation: 0.8 }, { rankCorrelation: 0.4 })).supported).toBe('follow-higher');
    expect(followFeedOutcome(experiment({ rankCorrelation: 0.2 }, { rankCorrelation: 0.6 })).supported).toBe('algorithmic-higher');
    expect(followFeedOutcome(experiment({ rankCorrelation: 0.5 }, { rankCorrelation: 0.53 })).supported).toBe('similar');
  });

  it('report ρ with two decimals', () => {
    expect(followFeedOutcome(experiment({ rankCorrelation: 0.8 }, { rankCorrelation: 0.4 })).findings[0]).toContain('follow feed 0.80, algorithmic feed 0.40');
  });

  it('read the new creator’s time to target', () => {
    const settings = { newCreatorTick: 10, reachTarget: 50 };
    expect(newCreatorOutcome(experiment({ ticksToTarget: null }, { ticksToTarget: 7 }), settings).supported).toBe('exploration-sooner');
    expect(newCreatorOutcome(experiment({ ticksToTarget: 5 }, { ticksToTarget: 9 }), settings).supported).toBe('exploration-later');
    expect(newCreatorOutcome(experiment({ ticksToTarget: 5 }, { ticksToTarget: null }), settings).supported).toBe('exploration-later');
    expect(newCreatorOutcome(experiment({ ticksToTarget: 6 }, { ticksToTarget: 6 }), settings).supported).toBe('same');
    const neither = newCreatorOutcome(experiment({ ticksToTarget: null }, { ticksToTarget: null }), settings);
    expect(neither.supported).toBe('neither');
    expect(neither.findings[0]).toContain('with ε = 0, not within 31 ticks; with ε = 0.1, not within 31 ticks');
  });

  it('read the objective change from twin B’s traffic', () => {
    const traffic = (tick: number, b: number) => ({ tick, a: row(tick, { focusImpressions: 20, focusTraffic: 30 }), b: row(tick, { focusImpressions: b, focusTraffic: b + 10 }) });
    const falls = objectiveChangeOutcome({ rows: [traffic(1, 20), traffic(2, 20), traffic(3, 10), traffic(4, 10)], snapshots: experiment({}, {}).snapshots }, 2);
    expect(falls.supported).toBe('falls');
    expect(falls.findings[0]).toContain('20 against 10, a drop of 50.0%');
    expect(falls.findings[1]).toContain('from 30 to 20, a drop of 33.3%');
    expect(falls.findings[2]).toContain('averaged 20 platform impressions');

    const rises = objectiveChangeOutcome({ rows: [traffic(1, 10), traffic(2, 30)], snapshots: experiment({}, {}).snapshots }, 1);
    expect(rises.supported).toBe('rises');
    expect(rises.findings[0]).toContain('a gain of 200.0%');

    const unchanged = objectiveChangeOutcome({ rows: [traffic(1, 100), traffic(2, 97)], snapshots: experiment({}, {}).snapshots }, 1);
    expect(unchanged.supported).toBe('unchanged');
  });

  it('offer an option for every outcome they can read', () => {
    const steps = buildSteps(() => Promise.reject(new Error('not run')));
    const ids = Object.fromEntries(steps.map((step) => [step.id, step.options.map((option) => option.id)]));
    expect(ids['follow-feed']).toEqual(['follow-higher', 'algorithmic-higher', 'similar']);
    expect(ids['new-creator']).toEqual(['exploration-sooner', 'exploration-later', 'same', 'neither']);
    expect(ids['objective-change']).toEqual(['falls', 'rises', 'unchanged']);
  });
});
