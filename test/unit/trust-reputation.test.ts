import { describe, expect, it } from 'vitest';
import {
  accountAgeDaysFromTimeline,
  computeAll,
  reputationEvidence,
  selectAnchorsByEarlyPositiveRatings,
} from '../../src/trust/engine/index.js';

describe('reputationEvidence', () => {
  it('weights each rating by the rater’s standing min(1, (t/reference)/5) and fairness (hand-computed)', () => {
    // reference = 0.1 (the reference account's trust). Rater A: t = 0.6 → 6× the reference ≥ 5 → standing 1,
    // f = 0.9, rates +10 → 1·0.9·1.0 = 0.9.
    // Rater B: t = 0.25 → 2.5× → standing 0.5, f = 0.8, rates +5 → 0.5·0.8·0.5 = 0.2.
    // Rater C: t = 0.1 → 1× (the reference account) → standing 0.2, f = 1, rates −10 → negative 0.2.
    // Rater D: t = 0 (unvouched) → standing 0, rates +10 → counts, but weighs 0.
    const evidence = reputationEvidence(
      [
        { rating: 10, raterTrust: 0.6, raterFairness: 0.9 },
        { rating: 5, raterTrust: 0.25, raterFairness: 0.8 },
        { rating: -10, raterTrust: 0.1, raterFairness: 1 },
        { rating: 10, raterTrust: 0, raterFairness: 1 },
      ],
      0.4,
      0.1,
    );
    expect(evidence.ratingsReceived).toBe(4);
    expect(evidence.positiveRatingsReceived).toBe(3);
    expect(evidence.negativeRatingsReceived).toBe(1);
    expect(evidence.positiveWeight).toBeCloseTo(1.1, 12);
    expect(evidence.negativeWeight).toBeCloseTo(0.2, 12);
    expect(evidence.raterStanding).toBeCloseTo(1.7, 12);
    expect(evidence.goodness).toBe(0.4);
  });

  it('is empty (goodness null) without ratings and rejects ratings outside −10..10 or 0', () => {
    expect(reputationEvidence([], 0, 0.01)).toEqual({
      ratingsReceived: 0,
      positiveRatingsReceived: 0,
      negativeRatingsReceived: 0,
      positiveWeight: 0,
      negativeWeight: 0,
      raterStanding: 0,
      goodness: null,
    });
    expect(() => reputationEvidence([{ rating: 0, raterTrust: 0, raterFairness: 1 }], 0, 0.01)).toThrow(
      RangeError,
    );
    expect(() => reputationEvidence([{ rating: 11, raterTrust: 0, raterFairness: 1 }], 0, 0.01)).toThrow(
      RangeError,
    );
  });

  it('gives exactly what computeAll gives for the same user', () => {
    const computation = computeAll({
      userCount: 4,
      ratings: {
        src: Int32Array.from([0, 1, 2, 0]),
        dst: Int32Array.from([3, 3, 3, 1]),
        rating: Float64Array.from([8, -3, 6, 10]),
      },
      endorsements: {
        src: Int32Array.from([0]),
        dst: Int32Array.from([2]),
        strength: Float64Array.from([4]),
      },
      anchors: Int32Array.from([0]),
    });
    const { trust } = computation.network;
    const single = reputationEvidence(
      [0, 1, 2].map((rater, index) => ({
        rating: [8, -3, 6][index] as number,
        raterTrust: trust[rater] as number,
        raterFairness: computation.fairness[rater] as number,
      })),
      computation.goodness[3] as number,
      // One anchor: the reference account holds 1/(1·100) of the trust.
      0.01,
    );
    expect(single).toEqual(computation.evidence[3]!.reputation);
  });
});

describe('selectAnchorsByEarlyPositiveRatings', () => {
  it('ranks users by distinct positive raters in the earliest 20% of the time span', () => {
    // Times span 0..100, so the window ends at 20 (inclusive).
    // User 1: positive from 0, 2, 3 at t ≤ 20 (0 twice counts once) → 3 raters.
    // User 2: positive from 0 and 3 early → 2; its +10 from 4 at t = 21 is too late.
    // User 3: positive from 4 early → 1, and a −5 from 0 that does not count.
    // User 4: self-rating only → 0 (not ranked). User 5: rated only at t = 100.
    const edges: [number, number, number, number][] = [
      [0, 1, 5, 0],
      [0, 1, 7, 10],
      [2, 1, 1, 20],
      [3, 1, 9, 5],
      [0, 2, 3, 1],
      [3, 2, 2, 2],
      [4, 2, 10, 21],
      [4, 3, 4, 3],
      [0, 3, -5, 4],
      [4, 4, 10, 6],
      [1, 5, 10, 100],
    ];
    const select = (k: number): number[] =>
      Array.from(
        selectAnchorsByEarlyPositiveRatings(
          Int32Array.from(edges.map((edge) => edge[0])),
          Int32Array.from(edges.map((edge) => edge[1])),
          Float64Array.from(edges.map((edge) => edge[2])),
          Float64Array.from(edges.map((edge) => edge[3])),
          6,
          k,
        ),
      );
    expect(select(2)).toEqual([1, 2]);
    expect(select(10)).toEqual([1, 2, 3]);
  });

  it('breaks ties to the lower index', () => {
    const anchors = selectAnchorsByEarlyPositiveRatings(
      Int32Array.from([0, 0]),
      Int32Array.from([2, 1]),
      Float64Array.from([1, 1]),
      Float64Array.from([0, 0]),
      3,
      1,
    );
    expect(Array.from(anchors)).toEqual([1]);
  });
});

describe('accountAgeDaysFromTimeline', () => {
  it('counts days from a user’s first rating given or received to the end of the data', () => {
    const day = 86_400;
    // User 0 first appears at day 0 (gives), 1 at day 0 (receives), 2 at day 3, 3 at day 10, 4 never.
    const ages = accountAgeDaysFromTimeline(
      Int32Array.from([0, 2, 3, 2]),
      Int32Array.from([1, 0, 0, 1]),
      Float64Array.from([0, 3 * day, 10 * day, 7 * day]),
      5,
    );
    expect(Array.from(ages)).toEqual([10, 10, 7, 0, 0]);
    const asOf = accountAgeDaysFromTimeline(
      Int32Array.from([0]),
      Int32Array.from([1]),
      Float64Array.from([day]),
      2,
      31 * day,
    );
    expect(Array.from(asOf)).toEqual([30, 30]);
  });
});
