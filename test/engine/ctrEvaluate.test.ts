import { describe, expect, it } from 'vitest';
import { bayesOptimal, evaluatePredictions, softLogLoss } from '../../src/engine/ctr/evaluate';
import { taskLabels, taskRows, timeSplit } from '../../src/engine/ctr/split';
import type { CtrDataset } from '../../src/engine/ctr/types';

/** Six impressions of one field; times out of order so the split must sort them. */
function sixRows(): CtrDataset {
  return {
    fields: [{ name: 'f', description: 'Field f.', cardinality: 1, offset: 0, kind: 'categorical' }],
    vocabulary: 1,
    length: 6,
    features: new Int32Array(6),
    time: Int32Array.of(5, 0, 3, 3, 1, 9),
    labels: {
      click: Float32Array.of(1, 0, 1, 0, 1, 0),
      conversion: Float32Array.of(1, 0, 0, 0, 1, 0),
      watch: Float32Array.of(0.9, 0.1, 0.6, 0.2, 0.4, 0.7),
    },
    truth: {
      click: Float32Array.of(0.8, 0.2, 0.6, 0.4, 0.3, 0.5),
      conversion: Float32Array.of(0.7, 0.1, 0.2, 0.1, 0.5, 0.1),
      watch: Float32Array.of(0.8, 0.2, 0.5, 0.3, 0.5, 0.6),
    },
  };
}

describe('evaluatePredictions', () => {
  it('matches hand-computed AUC and log loss', () => {
    const labels = Float32Array.of(1, 0, 1, 0);
    const result = evaluatePredictions(labels, Float32Array.of(0.9, 0.3, 0.4, 0.6), Int32Array.of(0, 1, 2, 3));
    // Positive-negative pairs: 0.9 > 0.3, 0.9 > 0.6, 0.4 > 0.3, 0.4 < 0.6, so 3 of 4 are ordered.
    expect(result.auc).toBeCloseTo(0.75, 12);
    expect(result.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.7) + Math.log(0.4) + Math.log(0.4)) / 4, 6);
    expect(result.calibration).toHaveLength(10);
    expect(result.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(4);
    // Float32 0.4 and 0.6 sit just above the bin edges: 0.4 (a positive) in [0.4, 0.5), 0.6 (a negative) in [0.6, 0.7).
    expect(result.calibration[4]).toMatchObject({ count: 1, observedRate: 1 });
    expect(result.calibration[6]).toMatchObject({ count: 1, observedRate: 0 });
  });

  it('aligns predictions with rows', () => {
    const labels = Float32Array.of(0, 1, 0, 1);
    // Rows 3 and 0: a positive scored 0.8 and a negative scored 0.2.
    const result = evaluatePredictions(labels, Float32Array.of(0.8, 0.2), Int32Array.of(3, 0), 4);
    expect(result.auc).toBe(1);
    expect(result.logLoss).toBeCloseTo(-Math.log(0.8), 6);
    expect(result.calibration).toHaveLength(4);
  });

  it('gives NaN AUC for one class', () => {
    const result = evaluatePredictions(Float32Array.of(1, 1), Float32Array.of(0.4, 0.6), Int32Array.of(0, 1));
    expect(result.auc).toBeNaN();
    expect(Number.isFinite(result.logLoss)).toBe(true);
  });

  it('rejects predictions not aligned with rows', () => {
    expect(() => evaluatePredictions(Float32Array.of(1, 0), Float32Array.of(0.5), Int32Array.of(0, 1))).toThrow('Got 1 predictions for 2 rows');
  });

  it('scores soft labels with cross-entropy', () => {
    const labels = Float32Array.of(0.9, 0.2);
    const predictions = Float32Array.of(0.7, 0.4);
    const result = evaluatePredictions(labels, predictions, Int32Array.of(0, 1));
    const expected = -(0.9 * Math.log(0.7) + 0.1 * Math.log(0.3) + 0.2 * Math.log(0.4) + 0.8 * Math.log(0.6)) / 2;
    expect(result.logLoss).toBeCloseTo(expected, 6);
    expect(softLogLoss(labels, predictions)).toBeCloseTo(expected, 6);
    // 0.9 counts as a positive (> 0.5) and 0.2 as a negative; the positive scores higher.
    expect(result.auc).toBe(1);
    // Float32 0.4 is 0.40000001, in bin [0.4, 0.5), with its soft label 0.2 as the observed rate.
    expect(result.calibration[4]).toMatchObject({ count: 1 });
    expect(result.calibration[4].observedRate).toBeCloseTo(0.2, 6);
  });
});

describe('bayesOptimal', () => {
  it('evaluates the true probabilities', () => {
    const data = sixRows();
    const rows = Int32Array.of(0, 1, 2, 3);
    const bayes = bayesOptimal(data, 'click', rows);
    const direct = evaluatePredictions(data.labels.click, Float32Array.of(0.8, 0.2, 0.6, 0.4), rows);
    expect(bayes).toEqual({ auc: direct.auc, logLoss: direct.logLoss });
    expect(bayes?.auc).toBe(1);
  });

  it('uses clicked rows for conversion', () => {
    const data = sixRows();
    // Clicked rows among 0-3 are 0 and 2: converted with truth 0.7, not converted with truth 0.2.
    const bayes = bayesOptimal(data, 'conversion', Int32Array.of(0, 1, 2, 3));
    expect(bayes?.auc).toBe(1);
    expect(bayes?.logLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 6);
  });

  it('returns null without truth', () => {
    const data = { ...sixRows(), truth: undefined };
    expect(bayesOptimal(data, 'click', Int32Array.of(0, 1))).toBeNull();
  });
});

describe('timeSplit', () => {
  it('puts the latest rows in the test set', () => {
    const { train, test } = timeSplit(sixRows(), 1 / 3);
    // Times 5, 0, 3, 3, 1, 9: order by time (ties by row) is 1, 4, 2, 3, 0, 5.
    expect([...train]).toEqual([1, 4, 2, 3]);
    expect([...test]).toEqual([0, 5]);
  });

  it('rejects shares outside (0, 1)', () => {
    expect(() => timeSplit(sixRows(), 0)).toThrow('Invalid test share 0');
    expect(() => timeSplit(sixRows(), 1)).toThrow('Invalid test share 1');
  });

  it('rejects a share that empties a part', () => {
    expect(() => timeSplit(sixRows(), 0.01)).toThrow('empty test set');
  });
});

describe('taskRows and taskLabels', () => {
  it('keeps clicked rows for conversion only', () => {
    const data = sixRows();
    const rows = Int32Array.of(0, 1, 2, 3, 4, 5);
    expect([...taskRows(data, 'conversion', rows)]).toEqual([0, 2, 4]);
    expect(taskRows(data, 'watch', rows)).toBe(rows);
  });

  it('names a missing label set', () => {
    const data = { ...sixRows(), labels: { click: Float32Array.of(1, 0, 1, 0, 1, 0) } };
    expect(() => taskLabels(data, 'conversion')).toThrow('no conversion labels');
  });
});
