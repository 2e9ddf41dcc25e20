import { describe, expect, it } from 'vitest';
import type { SummaryTick } from '../../src/engine/experiments/seeds';
import { compareLorenz } from '../../src/engine/experiments/lorenzComparison';
import { meanInterval } from '../../src/engine/stats/interval';
import { planRun } from '../../src/labs/workerLabController';
import { describeLorenzOrder } from '../../src/labs/filterBubble/LorenzPanel';
import { summaryPoints } from '../../src/labs/filterBubble/MetricCharts';
import { BUBBLE_METRIC_NAMES, type BubbleMetricName } from '../../src/engine/experiments/bubbleMetrics';

describe('filter-bubble run plan', () => {
  it('runs the requested ticks from the current tick', () => {
    expect(planRun({ tick: 10, targetTick: 10, paused: false }, 40)).toEqual({ ticks: 40, target: 50 });
  });

  it('resumes a paused run to its target', () => {
    expect(planRun({ tick: 13, targetTick: 40, paused: true }, 40)).toEqual({ ticks: 27, target: 40 });
  });

  it('starts anew when the paused run is complete', () => {
    expect(planRun({ tick: 40, targetTick: 40, paused: true }, 40)).toEqual({ ticks: 40, target: 80 });
  });
});

describe('filter-bubble displayed intervals', () => {
  it('clips chart bands to each metric range', () => {
    const series = (values: number[]) => Object.fromEntries(BUBBLE_METRIC_NAMES.map((name) => [name, meanInterval(values)])) as Record<BubbleMetricName, ReturnType<typeof meanInterval>>;
    const tick: SummaryTick = { tick: 5, series: { a: series([0.01, 0.2]), b: series([0.95, 0.99]), difference: series([0.9, -0.8]) } };

    const [point] = summaryPoints([tick], 'coverage');

    expect(point.bands?.a[0]).toBe(0);
    expect(point.bands?.b[1]).toBe(1);
    expect(point.bands?.difference).toEqual([-1, 1]);
    expect(point.values.a).toBeCloseTo(0.105, 12);
  });
});

describe('Lorenz caption', () => {
  it('says crossing curves are not ordered by the Gini', () => {
    const a = { x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.15, 0.3, 0.45, 1] };
    const b = { x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.05, 0.2, 0.6, 1] };

    const caption = describeLorenzOrder(compareLorenz(a, b));

    expect(caption).toContain('The curves cross once (at 60.0% of creators, least exposed first): A is higher up to 60.0%, B above 60.0%.');
    expect(caption).toContain('the Gini alone does not order them');
  });

  it('describes each segment of twice crossing curves', () => {
    const a = { x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.05, 0.3, 0.5, 1] };
    const b = { x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.1, 0.2, 0.6, 1] };

    const caption = describeLorenzOrder(compareLorenz(a, b));

    expect(caption).toContain('The curves cross 2 times (at 33.3%, 62.5% of creators, least exposed first): B is higher up to 33.3%, A between 33.3% and 62.5%, B above 62.5%.');
    expect(caption).not.toContain('beyond the crossing');
  });

  it('names the more equal twin when one curve is above', () => {
    const even = { x: [0, 0.5, 1], y: [0, 0.4, 1] };
    const uneven = { x: [0, 0.5, 1], y: [0, 0.1, 1] };

    const caption = describeLorenzOrder(compareLorenz(uneven, even));

    expect(caption).toMatch(/^B's curve lies on or above A's at every share of creators/);
    expect(caption).toContain('Gini: A 0.400, B 0.100.');
  });
});
