import { describe, expect, it } from 'vitest';
import type { PlannedSlot } from '../../src/engine/loop/feed';
import { playSession } from '../../src/engine/loop/session';
import { Random } from '../../src/engine/random';
import { BOREDOM_UTILITY_SHARE, LAB1_DYNAMICS, USER_DYNAMICS_DOC, leaveProbability } from '../../src/engine/world/dynamics';
import { RESPONSE_COEFFICIENTS, sampleResponse, sigmoid, trueResponse, trueUtilityRow } from '../../src/engine/world/response';
import type { World } from '../../src/engine/world/types';

/** Builds a world of one user with popularity taste 1 who just watched topic 0, and items on topic 0, topic 1 and an even mix. */
function tinyWorld(): World {
  const interests = Float32Array.of(0.5, 0.5);
  return {
    source: 'synthetic',
    users: 1,
    items: 3,
    creators: 1,
    topics: 2,
    topicNames: ['a', 'b'],
    userInterests: interests.slice(),
    userInitialInterests: interests.slice(),
    userActivity: Float32Array.of(1),
    userNoveltyTaste: Float32Array.of(0),
    userPopularityTaste: Float32Array.of(1),
    userRecentTopics: Float32Array.of(1, 0),
    itemTopics: Float32Array.of(1, 0, 0, 1, 0.5, 0.5),
    itemQuality: Float32Array.of(0.5, 0.5, 0.5),
    itemClickbait: Float32Array.of(0, 0, 0),
    itemLength: Float32Array.of(30, 30, 30),
    itemCreator: Uint32Array.of(0, 0, 0),
    itemTopic: Uint8Array.of(0, 1, 0),
    creatorFollowers: Float32Array.of(100),
    creatorTopic: Uint8Array.of(0),
  };
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

describe('user dynamics', () => {
  it('leave Lab 1 responses unchanged at Lab 1 settings', () => {
    const plain = tinyWorld();
    const withDynamics = { ...tinyWorld(), dynamics: LAB1_DYNAMICS };
    for (let item = 0; item < 3; item += 1) {
      expect(trueResponse(withDynamics, 0, item, 0.7)).toEqual(trueResponse(plain, 0, item, 0.7));
    }
  });

  it('boredom lowers watch logit and utility by saturation', () => {
    const plain = tinyWorld();
    const bored = { ...tinyWorld(), dynamics: { ...LAB1_DYNAMICS, boredom: 2 } };
    // Item 0 equals the recent mix (saturation 1); item 1 is orthogonal to it (saturation 0).
    const same = [trueResponse(plain, 0, 0, 0.5), trueResponse(bored, 0, 0, 0.5)];
    expect(logit(same[1].expectedWatch)).toBeCloseTo(logit(same[0].expectedWatch) - 2, 5);
    expect(same[1].utility).toBeCloseTo(same[0].utility - BOREDOM_UTILITY_SHARE * 2, 6);
    const fresh = [trueResponse(plain, 0, 1, 0.5), trueResponse(bored, 0, 1, 0.5)];
    expect(fresh[1].expectedWatch).toBeCloseTo(fresh[0].expectedWatch, 10);
    expect(fresh[1].utility).toBeCloseTo(fresh[0].utility, 10);
  });

  it('boredom enters the utility row like trueResponse', () => {
    const bored = { ...tinyWorld(), dynamics: { ...LAB1_DYNAMICS, boredom: 1.5 } };
    const row = new Float32Array(3);
    trueUtilityRow(bored, 0, row);
    for (let item = 0; item < 3; item += 1) {
      expect(row[item]).toBeCloseTo(trueResponse(bored, 0, item, 0.5).utility, 5);
    }
  });

  it('popularity weight scales the popularity term', () => {
    const doubled = { ...tinyWorld(), dynamics: { ...LAB1_DYNAMICS, popularityWeight: 2 } };
    const none = { ...tinyWorld(), dynamics: { ...LAB1_DYNAMICS, popularityWeight: 0 } };
    const plain = tinyWorld();
    const term = RESPONSE_COEFFICIENTS.watch.popularity * 1 * (1 - 0.5);
    expect(logit(trueResponse(doubled, 0, 1, 1).expectedWatch)).toBeCloseTo(logit(trueResponse(plain, 0, 1, 1).expectedWatch) + term, 5);
    expect(trueResponse(none, 0, 1, 1).expectedWatch).toBeCloseTo(trueResponse(none, 0, 1, 0).expectedWatch, 10);
  });

  it('leave probability is α (1 − w), 0 without dynamics', () => {
    expect(leaveProbability(undefined, 0)).toBe(0);
    expect(leaveProbability({ ...LAB1_DYNAMICS, attentionLoss: 0.4 }, 0.25)).toBeCloseTo(0.3, 12);
    expect(leaveProbability({ ...LAB1_DYNAMICS, attentionLoss: 1 }, 1)).toBe(0);
  });

  it('documents every dynamic with a formula', () => {
    expect(USER_DYNAMICS_DOC.map((entry) => entry.name)).toEqual(['Interest drift', 'Recent mix and saturation', 'Boredom', 'Taste for popularity', 'Attention']);
    expect(USER_DYNAMICS_DOC.every((entry) => entry.latex.length > 0 && entry.explanation.length > 0)).toBe(true);
  });
});

describe('playSession', () => {
  const slots: PlannedSlot[] = [0, 1, 2, 3, 4].map((item) => ({ item, source: 'embedding', predictedClick: 0, predictedWatch: 0, clickPart: 0, watchPart: 0, diversityPenalty: 0, finalScore: 0 }));
  const expected = slots.map(() => ({ match: 0, novelty: 0, expectedWatch: 0.001, clickProb: 0.1, likeProb: 0.1, shareProb: 0.1, utility: 0 }));

  it('plays every slot with the draws of Lab 1 without attention loss', () => {
    const played = playSession(slots, expected, undefined, new Random(3));
    const rng = new Random(3);
    expect(played.map((entry) => entry.observed)).toEqual(expected.map((truth) => sampleResponse(truth, rng)));
  });

  it('stops after the first item when the user always leaves', () => {
    // Expected watch 0.001 makes w almost 0, so α = 1 leaves with probability almost 1.
    const played = playSession(slots, expected, { ...LAB1_DYNAMICS, attentionLoss: 1 }, new Random(4));
    expect(played.length).toBe(1);
  });

  it('shortens sessions on average with attention loss', () => {
    let total = 0;
    const rng = new Random(5);
    const half = slots.map(() => ({ ...expected[0], expectedWatch: sigmoid(0) }));
    for (let run = 0; run < 400; run += 1) {
      total += playSession(slots, half, { ...LAB1_DYNAMICS, attentionLoss: 0.5 }, rng).length;
    }
    expect(total / 400).toBeLessThan(4.5);
    expect(total / 400).toBeGreaterThan(1);
  });
});
