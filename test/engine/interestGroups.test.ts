import { describe, expect, it } from 'vitest';
import { interestGroups } from '../../src/engine/metrics/interestGroups';

describe('interestGroups', () => {
  it('separate bubbles: users favour different topics and each is narrow', () => {
    // Two users on topic 0, two on topic 1, each with weight 0.9 on it.
    const interests = Float32Array.from([0.9, 0.1, 0.9, 0.1, 0.1, 0.9, 0.1, 0.9]);

    const groups = interestGroups(interests, 4, 2);

    expect(groups.mainTopicEntropy).toBeCloseTo(Math.log(2), 6);
    expect(groups.meanTopInterest).toBeCloseTo(0.9, 6);
  });

  it('convergence: every user favours the same topic', () => {
    const interests = Float32Array.from([0.6, 0.4, 0.7, 0.3, 0.55, 0.45]);

    const groups = interestGroups(interests, 3, 2);

    expect(groups.mainTopicEntropy).toBe(0);
    expect(groups.meanTopInterest).toBeCloseTo((0.6 + 0.7 + 0.55) / 3, 6);
  });

  it('gives ties to the first topic, and handles no users', () => {
    expect(interestGroups(Float32Array.from([0.5, 0.5, 0.5, 0.5]), 2, 2).mainTopicEntropy).toBe(0);
    expect(interestGroups(new Float32Array(0), 0, 3).mainTopicEntropy).toBe(0);
    expect(interestGroups(new Float32Array(0), 0, 3).meanTopInterest).toBeNaN();
  });

  it('rejects a matrix of the wrong shape', () => {
    expect(() => interestGroups(new Float32Array(5), 2, 3)).toThrow('expected [2, 3]');
  });
});
