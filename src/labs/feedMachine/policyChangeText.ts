/**
 * Words for policy changes: the short chart label ("ε → 0.2") and the
 * sentence of the schedule list ("after tick 20: exploration ε 0.1 → 0.2").
 */
import type { FeedMachineParams } from '../../engine/scenarios/feedMachine';
import { POLICY_FIELDS, type PolicyChange, type PolicyField, type PolicyUpdate } from '../../engine/scenarios/policySchedule';
import { policyAt } from '../../state/policyChanges';
import type { TickAnnotation } from '../../viz/TickAnnotations';
import { PARAMETER_INFO } from './parameterInfo';

/** Symbol of the fields that the lab's formulas write with one; the others go by their label. */
const SYMBOLS: Partial<Record<PolicyField, string>> = { epsilon: 'ε', diversityWeight: 'λ', driftRate: 'η' };

function changedFields(update: PolicyUpdate): PolicyField[] {
  return POLICY_FIELDS.filter((field) => update[field] !== undefined);
}

/** Chart label of a change: the symbol (or lower-case label) and the new value of each field, for example "ε → 0.2, λ → 1". */
export function changeLabel(update: PolicyUpdate): string {
  return changedFields(update)
    .map((field) => `${SYMBOLS[field] ?? PARAMETER_INFO[field].label.toLowerCase()} → ${update[field]}`)
    .join(', ');
}

/** Sentence of a change: label, symbol, old and new value of each field, for example "exploration ε 0.1 → 0.2". */
export function describeChange(update: PolicyUpdate, before: FeedMachineParams): string {
  return changedFields(update)
    .map((field) => {
      const symbol = SYMBOLS[field];
      const name = `${PARAMETER_INFO[field].label.toLowerCase()}${symbol ? ` ${symbol}` : ''}`;
      const unit = field === 'retrainEvery' ? ' ticks' : '';
      return `${name} ${before[field]} → ${update[field]}${unit}`;
    })
    .join(', ');
}

/** One entry of the schedule list. */
export interface ScheduleEntryText {
  tick: number;
  /** "After tick 20: exploration ε 0.1 → 0.2". */
  text: string;
  /** True while the run has not reached the change's tick yet (a change from a link). */
  pending: boolean;
}

/** Describes every change against the parameters in force just before it. */
export function describeSchedule(base: FeedMachineParams, changes: readonly PolicyChange[], currentTick: number): ScheduleEntryText[] {
  return changes.map((change, index) => {
    const before = policyAt(base, changes.slice(0, index), change.tick);
    return {
      tick: change.tick,
      text: `After tick ${change.tick}: ${describeChange(change.update, before)}`,
      pending: change.tick > currentTick,
    };
  });
}

/** Chart markers of the schedule, one per change. */
export function changeAnnotations(changes: readonly PolicyChange[]): TickAnnotation[] {
  return changes.map((change) => ({ tick: change.tick, label: changeLabel(change.update) }));
}

/**
 * Caption sentence for the markers up to `lastTick`, for example
 * "Solid vertical lines mark policy changes: after tick 20, ε → 0.2.". It is
 * empty while no change is on the chart.
 */
export function describeMarkers(annotations: readonly TickAnnotation[], lastTick: number): string {
  const onChart = annotations.filter((annotation) => annotation.tick <= lastTick);
  if (onChart.length === 0) {
    return '';
  }
  return `Solid vertical lines mark policy changes: ${onChart.map((annotation) => `after tick ${annotation.tick}, ${annotation.label}`).join('; ')}.`;
}
