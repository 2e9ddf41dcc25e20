import { describe, expect, it } from 'vitest';
import { BUBBLE_CSV_COLUMNS, bubbleRunsToCsv, summaryTable } from '../../src/engine/experiments/bubbleCsv';
import type { BubbleMetrics } from '../../src/engine/experiments/bubbleMetrics';
import { BUBBLE_METRIC_DOC, BUBBLE_METRIC_NAMES, meanUserEntropy } from '../../src/engine/experiments/bubbleMetrics';
import { InterestMap } from '../../src/engine/experiments/interestMap';
import type { SeedRun } from '../../src/engine/experiments/seeds';
import { parseSeedList, summariseSeeds } from '../../src/engine/experiments/seeds';
import { twinDifference } from '../../src/engine/experiments/twin';
import { interestShiftPerUser } from '../../src/engine/metrics/interestDrift';
import { pca2 } from '../../src/engine/metrics/pca';
import { FILTER_BUBBLE_PRESETS, findPreset, formatPipeline, parsePipeline, pipelineInterventions, platformPipeline } from '../../src/engine/scenarios/filterBubble';

/** Builds a metrics row whose every metric is `value`. */
function row(tick: number, value: number): BubbleMetrics {
  const metrics = { tick } as BubbleMetrics;
  for (const name of BUBBLE_METRIC_NAMES) {
    metrics[name] = value;
  }
  return metrics;
}

function run(seed: number, values: [number, number][]): SeedRun {
  return {
    seed,
    rows: values.map(([a, b], index) => ({ tick: index + 1, a: row(index + 1, a), b: row(index + 1, b), difference: twinDifference(row(index + 1, a), row(index + 1, b)) })),
  };
}

describe('mean user topic entropy', () => {
  it('averages over users with consumption only', () => {
    // User 0 saw one topic (entropy 0), user 1 two equally (ln 2), user 2 nothing.
    const mass = Float64Array.of(2, 0, 1, 1, 0, 0);
    expect(meanUserEntropy(mass, 3, 2)).toBeCloseTo(Math.log(2) / 2, 12);
  });

  it('is 0 for empty histories', () => {
    expect(meanUserEntropy(new Float64Array(6), 3, 2)).toBe(0);
    expect(meanUserEntropy(new Float64Array(0), 0, 2)).toBe(0);
  });

  it('is 0 with a single topic mix everyone shares', () => {
    expect(meanUserEntropy(Float64Array.of(3, 1), 2, 1)).toBe(0);
  });
});

describe('twin difference', () => {
  it('is B − A per metric and keeps the tick', () => {
    const difference = twinDifference(row(4, 0.25), row(4, 1));
    expect(difference.tick).toBe(4);
    for (const name of BUBBLE_METRIC_NAMES) {
      expect(difference[name]).toBe(0.75);
    }
  });
});

describe('summary over seeds', () => {
  it('gives the mean and t interval of each series', () => {
    const summary = summariseSeeds([run(1, [[1, 2]]), run(2, [[3, 6]])]);
    expect(summary.length).toBe(1);
    const a = summary[0].series.a.homogenisation;
    expect(a.mean).toBe(2);
    // s = √2, half-width t(0.975, 1) · s / √2 = 12.706.
    expect(a.low).toBeCloseTo(2 - 12.706, 10);
    expect(a.high).toBeCloseTo(2 + 12.706, 10);
    expect(summary[0].series.b.coverage.mean).toBe(4);
    // Paired differences 1 and 3: mean 2.
    expect(summary[0].series.difference.creatorGini.mean).toBe(2);
  });

  it('has zero width for one seed and nothing for no seeds', () => {
    const [tick] = summariseSeeds([run(1, [[0.5, 0.25]])]);
    expect(tick.series.a.trueUtility).toEqual({ mean: 0.5, low: 0.5, high: 0.5, n: 1 });
    expect(summariseSeeds([])).toEqual([]);
  });

  it('rejects runs of different lengths', () => {
    expect(() => summariseSeeds([run(1, [[1, 1]]), run(2, [[1, 1], [2, 2]])])).toThrow(/seed 2 has 2 ticks/);
  });
});

describe('seed list', () => {
  it('reads ranges, single seeds and lists', () => {
    expect(parseSeedList('1-3')).toEqual([1, 2, 3]);
    expect(parseSeedList('7')).toEqual([7]);
    expect(parseSeedList('1-2, 9,2')).toEqual([1, 2, 9]);
  });

  it('rejects malformed and reversed ranges', () => {
    expect(() => parseSeedList('3-1')).toThrow(/"3-1" is not a seed or a range/);
    expect(() => parseSeedList('a')).toThrow(/Invalid seed list "a"/);
    expect(() => parseSeedList('')).toThrow(/Invalid seed list/);
    expect(() => parseSeedList('1-5000')).toThrow(/at most 1000/);
  });
});

describe('bubble CSV', () => {
  it('writes per-seed rows, then summary rows', () => {
    const runs = [run(1, [[1, 2]]), run(2, [[3, 6]])];
    const csv = bubbleRunsToCsv(runs, summariseSeeds(runs));
    const lines = csv.split('\n');
    expect(lines[0]).toBe(BUBBLE_CSV_COLUMNS.join(','));
    expect(lines[0].startsWith('seed,tick,series,statistic,homogenisation,')).toBe(true);
    // 2 seeds × 1 tick × 3 series, then 1 tick × 3 series × 3 statistics, then the trailing newline.
    expect(lines.length).toBe(1 + 6 + 9 + 1);
    expect(lines[1]).toBe(['1', '1', 'a', 'value', ...BUBBLE_METRIC_NAMES.map(() => '1')].join(','));
    expect(lines[3]).toBe(['1', '1', 'difference', 'value', ...BUBBLE_METRIC_NAMES.map(() => '1')].join(','));
    expect(lines[7]).toBe(['all', '1', 'a', 'mean', ...BUBBLE_METRIC_NAMES.map(() => '2')].join(','));
    expect(lines[16]).toBe('');
  });

  it('writes a table with one line per metric', () => {
    const runs = [run(1, [[1, 2]])];
    const table = summaryTable(summariseSeeds(runs)[0], 1);
    expect(table.split('\n').length).toBe(2 + BUBBLE_METRIC_NAMES.length);
    expect(table).toContain(BUBBLE_METRIC_DOC.homogenisation.label);
    expect(table).toContain('1.0000 [1.0000, 1.0000]');
  });
});

describe('interest map', () => {
  const interests = Float32Array.of(0.9, 0.1, 0, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6, 0.5, 0.5, 0);

  it('projects tick-0 interests as pca2 does', () => {
    const map = new InterestMap(interests, 4, 3);
    expect(Array.from(map.project(interests, 4))).toEqual(Array.from(pca2(interests, 4, 3).points));
  });

  it('keeps its axes when interests move', () => {
    const map = new InterestMap(interests, 4, 3);
    const moved = interests.slice();
    moved.set([0.1, 0.8, 0.1], 0);
    const before = map.project(interests, 4);
    const after = map.project(moved, 4);
    expect(Array.from(after.subarray(2))).toEqual(Array.from(before.subarray(2)));
    expect(after[0]).not.toBeCloseTo(before[0], 3);
    // User 0 now has user 1's interests, so it lands on user 1's point.
    expect(after[0]).toBeCloseTo(before[2], 6);
    expect(after[1]).toBeCloseTo(before[3], 6);
  });
});

describe('filter-bubble scenarios', () => {
  it('parses a pipeline on top of a base', () => {
    const pipeline = parsePipeline('epsilon=0.1, creatorCap=30', platformPipeline);
    expect(pipeline).toEqual({ ...platformPipeline, epsilon: 0.1, creatorCap: 30 });
    expect(parsePipeline(formatPipeline(pipeline), platformPipeline)).toEqual(pipeline);
    expect(parsePipeline('recommender=ideal', platformPipeline).recommender).toBe('ideal');
  });

  it('rejects unknown fields and bad values', () => {
    expect(() => parsePipeline('epsilon', platformPipeline)).toThrow(/"epsilon" is not FIELD=VALUE/);
    expect(() => parsePipeline('seed=3', platformPipeline)).toThrow(/FIELD one of recommender, epsilon/);
    expect(() => parsePipeline('epsilon=2', platformPipeline)).toThrow(/epsilon=2/);
    expect(() => parsePipeline('epsilon=', platformPipeline)).toThrow(/Invalid pipeline/);
    expect(() => parsePipeline('recommender=oracle', platformPipeline)).toThrow(/recommender="oracle"/);
  });

  it('turns creator cap 0 into no cap', () => {
    expect(pipelineInterventions(platformPipeline).creatorCap).toBe(Infinity);
    expect(pipelineInterventions({ ...platformPipeline, creatorCap: 5 }).creatorCap).toBe(5);
  });

  it('finds every preset by name and describes it', () => {
    for (const preset of FILTER_BUBBLE_PRESETS) {
      expect(findPreset(preset.name)).toBe(preset);
      expect(preset.description.length).toBeGreaterThan(50);
    }
    expect(findPreset('chaney').b.recommender).toBe('ideal');
    expect(() => findPreset('nope')).toThrow(/expected one of chaney, exploration/);
  });
});

describe('per-user interest shift', () => {
  it('is the total variation distance per user', () => {
    const start = Float32Array.of(1, 0, 0.5, 0.5);
    const now = Float32Array.of(0, 1, 0.5, 0.5);
    expect(Array.from(interestShiftPerUser(start, now, 2, 2))).toEqual([1, 0]);
    expect(interestShiftPerUser(new Float32Array(0), new Float32Array(0), 0, 3).length).toBe(0);
    expect(() => interestShiftPerUser(start, now, 3, 2)).toThrow(/expected two \[3, 2\] matrices/);
  });
});
