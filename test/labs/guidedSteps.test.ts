import { describe, expect, it } from 'vitest';
import { TICK_METRIC_COLUMNS, type TickMetrics } from '../../src/engine/loop/types';
import { parseFeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import { checkSchedule } from '../../src/state/policyChanges';
import { GUIDED_STEPS } from '../../src/labs/feedMachine/guidedSteps';

/** A run of `ticks` rows where every metric is 0.5, with `overrides(tick)` on top. */
function run(ticks: number, overrides: (tick: number) => Partial<TickMetrics> = () => ({})): TickMetrics[] {
  return Array.from({ length: ticks }, (_, index) => {
    const row = Object.fromEntries(TICK_METRIC_COLUMNS.map((column) => [column, 0.5])) as unknown as TickMetrics;
    return { ...row, tick: index + 1, ...overrides(index + 1) };
  });
}

const step = (id: string) => GUIDED_STEPS.find((candidate) => candidate.id === id)!;

describe('guided steps', () => {
  it('use valid parameters in every run', () => {
    for (const guided of GUIDED_STEPS) {
      for (const stepRun of guided.runs) {
        expect(() => parseFeedMachineParams(stepRun.params)).not.toThrow();
      }
    }
  });

  it('schedule valid changes within the run', () => {
    for (const guided of GUIDED_STEPS) {
      for (const stepRun of guided.runs) {
        const changes = stepRun.changes ?? [];
        expect(() => checkSchedule(parseFeedMachineParams(stepRun.params), changes)).not.toThrow();
        expect(changes.every((change) => change.tick < guided.ticks)).toBe(true);
      }
    }
  });

  it('support an option that exists', () => {
    for (const guided of GUIDED_STEPS) {
      const outcome = guided.reveal(guided.runs.map(() => run(guided.ticks)));
      expect(guided.options.map((option) => option.id)).toContain(outcome.supported);
    }
  });

  it.each([
    [1.0, 1.5, 'lower'],
    [1.5, 1.5, 'same'],
    [2.0, 1.5, 'higher'],
  ])('exploration: entropy %f against %f supports %s', (withoutExploration, withExploration, expected) => {
    const outcome = step('exploration').reveal([run(40, () => ({ topicEntropy: withoutExploration })), run(40, () => ({ topicEntropy: withExploration }))]);
    expect(outcome.supported).toBe(expected);
    expect(outcome.findings[0]).toContain(withoutExploration.toFixed(2));
  });

  it('exploration averages only the last 10 ticks', () => {
    const early = (tick: number) => ({ topicEntropy: tick <= 30 ? 9 : 1 });
    const outcome = step('exploration').reveal([run(40, early), run(40, () => ({ topicEntropy: 1 }))]);
    expect(outcome.supported).toBe('same');
  });

  it.each([
    [0.2, 0.3, 0.4, 0.6, 'both'],
    [0.2, 0.4, 0.4, 0.42, 'clicks'],
    [0.2, 0.201, 0.4, 0.401, 'neither'],
  ])('retraining: clicks %f→%f, utility %f→%f supports %s', (clickNever, clickRetrained, utilityNever, utilityRetrained, expected) => {
    const outcome = step('retraining').reveal([
      run(40, () => ({ clickRate: clickNever, trueUtility: utilityNever })),
      run(40, () => ({ clickRate: clickRetrained, trueUtility: utilityRetrained })),
    ]);
    expect(outcome.supported).toBe(expected);
  });

  it.each([
    [0.3, 0.6, 0.3, 0.2, 'down'],
    [0.3, 0.6, 0.3, 0.3, 'same'],
    [0.3, 0.6, 0.2, 0.3, 'up'],
    [0.3, 0.3, 0.3, 0.1, 'flat'],
  ])('diversity: ILD %f→%f, clicks %f→%f supports %s', (ildPlain, ildDiverse, clickPlain, clickDiverse, expected) => {
    const outcome = step('diversity').reveal([
      run(40, () => ({ intraListDiversity: ildPlain, clickRate: clickPlain })),
      run(40, () => ({ intraListDiversity: ildDiverse, clickRate: clickDiverse })),
    ]);
    expect(outcome.supported).toBe(expected);
  });

  it('calibration compares ticks 1 to 15 only', () => {
    const rows = run(20, (tick) => (tick <= 15 ? { meanPredictedClick: 0.05, meanTrueClick: 0.15 } : { meanPredictedClick: 0.5, meanTrueClick: 0.3 }));
    const outcome = step('calibration').reveal([rows]);
    expect(outcome.supported).toBe('lower');
    expect(outcome.findings[0]).toContain('0.050');
    expect(outcome.findings[1]).toContain('0.500');
  });

  it.each([
    [1.2, 1.6, 'higher'],
    [1.2, 1.22, 'same'],
    [1.2, 0.9, 'lower'],
  ])('live exploration: entropy %f before and %f after supports %s', (before, after, expected) => {
    const rows = run(60, (tick) => ({ topicEntropy: tick <= 30 ? before : after, shareExploration: tick <= 30 ? 0 : 0.3 }));
    const outcome = step('live-exploration').reveal([rows]);
    expect(outcome.supported).toBe(expected);
    expect(outcome.findings[0]).toContain(before.toFixed(2));
    expect(outcome.findings[1]).toContain('0% before the change, 30% after it');
  });

  it('live exploration compares ticks 21 to 30 with 51 to 60', () => {
    const rows = run(60, (tick) => ({ topicEntropy: tick <= 20 || (tick > 30 && tick <= 50) ? 9 : 1 }));
    expect(step('live-exploration').reveal([rows]).supported).toBe('same');
  });
});
