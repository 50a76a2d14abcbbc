// Pins the trust model's dimensions, explanations and improvements on hand-computed evidence:
// exact unrounded parts, the texts users read, clamps and boundaries. Written to kill the mutants
// StrykerJS found surviving (`npm run test:mutation`).
import { describe, expect, it } from 'vitest';
import {
  accountAgeCredit,
  ASSURANCE_CREDIT,
  BAND_FLOORS,
  bandOf,
  DIMENSION_WEIGHTS,
  DIMENSIONS,
  eventWeight,
  historyDimension,
  identityDimension,
  improvementsFor,
  largestRemainder,
  MODEL_VERSION,
  NETWORK_FULL_RELATIVE_TRUST,
  NETWORK_MAX_POINTS,
  networkContributors,
  networkDimension,
  networkPoints,
  networkValue,
  newUserEvidence,
  RATER_FULL_STANDING_RELATIVE_TRUST,
  rawComposite,
  raterStanding,
  REASON_CODES,
  REFERENCE_ACCOUNTS_PER_ANCHOR,
  relativeTrust,
  reputationDimension,
  scoreUser,
  toScore,
  trustReference,
  type NetworkEvidence,
  type ReputationEvidence,
  type UserEvidence,
} from '../../src/trust/engine/index.js';
import { emptyReputation } from '../../src/trust/engine/model.js';

function withEvidence(change: Partial<UserEvidence>): UserEvidence {
  return { ...newUserEvidence(), ...change };
}
function network(change: Partial<NetworkEvidence>): NetworkEvidence {
  return { trust: 0, reference: 0.01, isAnchor: false, restartShare: 0, ...change };
}
function reputation(change: Partial<ReputationEvidence>): ReputationEvidence {
  return { ...emptyReputation(), ...change };
}
const fresh = (kind: 'COMMITMENT_FULFILLED' | 'COMMITMENT_LATE' | 'COMMITMENT_DEFAULTED', ageDays = 0) => ({
  kind,
  ageDays,
});

describe('model constants', () => {
  it('are the documented ones', () => {
    expect(MODEL_VERSION).toMatch(/^\d{4}-\d{2}\.\d+$/);
    expect(DIMENSIONS).toEqual(['IDENTITY', 'HISTORY', 'REPUTATION', 'NETWORK']);
    expect(DIMENSION_WEIGHTS).toEqual({ IDENTITY: 0.25, HISTORY: 0.3, REPUTATION: 0.2, NETWORK: 0.25 });
    expect(ASSURANCE_CREDIT).toEqual({ HIGH: 0.6, SUBSTANTIAL: 0.35, LOW: 0.12 });
    expect(BAND_FLOORS.map(({ band, floor }) => `${band}:${floor}`)).toEqual([
      'EXCELLENT:780',
      'VERY_GOOD:660',
      'GOOD:540',
      'FAIR:420',
      'POOR:300',
    ]);
    expect(REASON_CODES[0]).toBe('IDENTITY_HIGH_ASSURANCE_VERIFIED');
    expect(REASON_CODES).toHaveLength(12);
    expect(new Set(REASON_CODES).size).toBe(12);
  });

  it('clamps scores to 300..900, rounds half up, and puts anything below 420 in POOR', () => {
    expect(toScore(299.4)).toBe(300);
    expect(toScore(-50)).toBe(300);
    expect(toScore(1000)).toBe(900);
    expect(toScore(450.5)).toBe(451);
    expect(toScore(450.49)).toBe(450);
    expect(bandOf(250)).toBe('POOR');
    expect(bandOf(300)).toBe('POOR');
    expect(bandOf(779.5)).toBe('VERY_GOOD');
  });

  it('composes 300 + 600·Σ weight·value', () => {
    const dimensions = DIMENSIONS.map((dimension) => ({ dimension, value: 1, parts: [], evidence: '' }));
    expect(rawComposite(dimensions)).toBeCloseTo(900, 12);
    expect(rawComposite([{ dimension: 'HISTORY', value: 0.5, parts: [], evidence: '' }])).toBeCloseTo(
      390,
      12,
    );
    expect(rawComposite([])).toBe(300);
  });
});

describe('IDENTITY', () => {
  it('credits the first identity of each level in full, the next ones by halves, and account age', () => {
    // HIGH 0.6; LOW 0.12 + 0.06 = 0.18 (two); expired HIGH nothing. Verification 0.78.
    // Age 400.5 days: 1 − 2^(−400.5/365) = 0.532596732…; IDENTITY = 0.75·0.78 + 0.25·0.5326 = 0.718149…
    const result = identityDimension(
      withEvidence({
        identities: [
          { assurance: 'HIGH', expired: false },
          { assurance: 'HIGH', expired: true },
          { assurance: 'LOW', expired: false },
          { assurance: 'LOW', expired: false },
        ],
        accountAgeDays: 400.5,
      }),
    );
    expect(result.dimension).toBe('IDENTITY');
    expect(result.value).toBeCloseTo(0.718149183, 8);
    expect(result.parts.map((part) => part.code)).toEqual([
      'IDENTITY_HIGH_ASSURANCE_VERIFIED',
      'IDENTITY_LOW_ASSURANCE_VERIFIED',
      'IDENTITY_ACCOUNT_AGE',
    ]);
    // Points: 150·0.75·0.6 = 67.5, 150·0.75·0.18 = 20.25, 150·0.25·0.5326 = 19.9724.
    expect(result.parts[0]!.points).toBeCloseTo(67.5, 10);
    expect(result.parts[1]!.points).toBeCloseTo(20.25, 10);
    expect(result.parts[2]!.points).toBeCloseTo(19.972377, 5);
    expect(result.parts.map((part) => part.summary)).toEqual([
      '1 verified high-assurance identity',
      '2 verified low-assurance identities',
      'Account age 400 days',
    ]);
    expect(result.evidence).toBe(
      '3 verified (1 high, 0 substantial, 2 low), 1 expired; account age 400 days',
    );
  });

  it('caps verification at 1 and scales each level’s part to its share of the cap', () => {
    // Two HIGH: 0.6 + 0.3 = 0.9; SUBSTANTIAL 0.35; total 1.25 → verification 1, each part ×0.8:
    // 150·0.75·0.9·0.8 = 81 and 150·0.75·0.35·0.8 = 31.5, summing to 150·0.75 = 112.5.
    const result = identityDimension(
      withEvidence({
        identities: [
          { assurance: 'HIGH', expired: false },
          { assurance: 'SUBSTANTIAL', expired: false },
          { assurance: 'HIGH', expired: false },
        ],
      }),
    );
    expect(result.value).toBeCloseTo(0.75, 12);
    expect(result.parts.map((part) => [part.code, part.points])).toEqual([
      ['IDENTITY_HIGH_ASSURANCE_VERIFIED', expect.closeTo(81, 10)],
      ['IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED', expect.closeTo(31.5, 10)],
    ]);
    expect(result.parts.map((part) => part.summary)).toEqual([
      '2 verified high-assurance identities',
      '1 verified substantial-assurance identity',
    ]);
    expect(result.evidence).toBe('3 verified (2 high, 1 substantial, 0 low), 0 expired; account age 0 days');
  });

  it('gives a brand-new or negative account age nothing, and a year half the age credit', () => {
    expect(accountAgeCredit(-30)).toBe(0);
    expect(accountAgeCredit(0)).toBe(0);
    expect(accountAgeCredit(365)).toBeCloseTo(0.5, 15);
    expect(accountAgeCredit(730)).toBeCloseTo(0.75, 15);
    const negative = identityDimension(withEvidence({ accountAgeDays: -30 }));
    expect(negative.value).toBe(0);
    expect(negative.parts).toEqual([]);
    expect(negative.evidence).toBe(
      '0 verified (0 high, 0 substantial, 0 low), 0 expired; account age 0 days',
    );
    const young = identityDimension(withEvidence({ accountAgeDays: 0.9 }));
    expect(young.parts.map((part) => part.summary)).toEqual(['Account age 0 days']);
  });
});

describe('HISTORY', () => {
  it('weights events by recency, counts resolved defaults as late, and explains each outcome', () => {
    // Weights: fulfilled 1 (today) + 0.5 (a year ago) = 1.5; late 0.25 (two years); resolved default 1;
    // unresolved default 1 (a negative age counts as 0). Total 3.75, denominator 6.75.
    // Numerator 0.5·3 + 1.5·1 + 0.25·0.4 + 1·0.4 + 1·0 = 3.5 → HISTORY = 3.5/6.75 = 0.518518…
    const result = historyDimension(
      withEvidence({
        events: [
          fresh('COMMITMENT_FULFILLED'),
          fresh('COMMITMENT_FULFILLED', 365),
          fresh('COMMITMENT_LATE', 730),
          { kind: 'COMMITMENT_DEFAULTED', ageDays: 0, resolved: true },
          { kind: 'COMMITMENT_DEFAULTED', ageDays: -10, resolved: false },
        ],
      }),
    );
    expect(result.dimension).toBe('HISTORY');
    expect(result.value).toBeCloseTo(3.5 / 6.75, 12);
    // Parts: 180·weight·(value − 0.5)/6.75.
    expect(result.parts.map((part) => [part.code, part.points])).toEqual([
      ['HISTORY_FULFILLED_COMMITMENTS', expect.closeTo(20, 10)],
      ['HISTORY_LATE_COMMITMENTS', expect.closeTo(-2 / 3, 10)],
      ['HISTORY_RESOLVED_DEFAULTS', expect.closeTo(-8 / 3, 10)],
      ['HISTORY_DEFAULTS', expect.closeTo(-40 / 3, 10)],
    ]);
    expect(result.parts.map((part) => part.summary)).toEqual([
      '2 commitments fulfilled, recency-weighted',
      '1 commitment fulfilled late, recency-weighted',
      '1 default later resolved, recency-weighted',
      '1 unresolved default, recency-weighted',
    ]);
    // Confidence 3.75/6.75 = 0.5555… → 0.56.
    expect(result.evidence).toBe(
      '2 fulfilled, 1 late, 1 resolved defaults, 1 unresolved defaults; confidence 0.56',
    );
  });

  it('uses the singular and plural words of each outcome', () => {
    const result = historyDimension(
      withEvidence({
        events: [
          fresh('COMMITMENT_FULFILLED'),
          fresh('COMMITMENT_LATE'),
          fresh('COMMITMENT_LATE'),
          { kind: 'COMMITMENT_DEFAULTED', ageDays: 0, resolved: true },
          { kind: 'COMMITMENT_DEFAULTED', ageDays: 0, resolved: true },
          fresh('COMMITMENT_DEFAULTED'),
          fresh('COMMITMENT_DEFAULTED'),
        ],
      }),
    );
    expect(result.parts.map((part) => part.summary)).toEqual([
      '1 commitment fulfilled, recency-weighted',
      '2 commitments fulfilled late, recency-weighted',
      '2 defaults later resolved, recency-weighted',
      '2 unresolved defaults, recency-weighted',
    ]);
    // (1.5 + 1 + 0.8 + 0.8 + 0)/(3 + 7) = 0.41; confidence 7/10.
    expect(result.value).toBeCloseTo(0.41, 12);
    expect(result.evidence).toBe(
      '1 fulfilled, 2 late, 2 resolved defaults, 2 unresolved defaults; confidence 0.70',
    );
  });

  it('sits at the prior without events, and weighs a negative age like today', () => {
    const empty = historyDimension(newUserEvidence());
    expect(empty.value).toBe(0.5);
    expect(empty.parts).toEqual([]);
    expect(empty.evidence).toBe(
      '0 fulfilled, 0 late, 0 resolved defaults, 0 unresolved defaults; confidence 0.00',
    );
    expect(eventWeight(-5)).toBe(1);
    expect(eventWeight(0)).toBe(1);
    expect(eventWeight(730)).toBeCloseTo(0.25, 15);
  });
});

describe('REPUTATION', () => {
  it('explains positive and negative ratings with their counts, goodness and rater standing', () => {
    // r = (2 − 0.5)/(3 + 3) = 0.25 → 0.625; parts 120·2/6/2 = 20 and −120·0.5/6/2 = −5.
    const result = reputationDimension(
      withEvidence({
        reputation: reputation({
          ratingsReceived: 3,
          positiveRatingsReceived: 2,
          negativeRatingsReceived: 1,
          positiveWeight: 2,
          negativeWeight: 0.5,
          raterStanding: 3,
          goodness: 0.5,
        }),
      }),
    );
    expect(result.dimension).toBe('REPUTATION');
    expect(result.value).toBeCloseTo(0.625, 12);
    expect(result.parts).toEqual([
      {
        code: 'REPUTATION_POSITIVE_RATINGS',
        points: 20,
        summary: '2 positive ratings received, weighted by rater reliability',
      },
      {
        code: 'REPUTATION_NEGATIVE_RATINGS',
        points: -5,
        summary: '1 negative rating received, weighted by rater reliability',
      },
    ]);
    expect(result.evidence).toBe('3 ratings (2 positive, 1 negative); goodness 0.500; rater standing 3.00');
  });

  it('has no part for a side without ratings, and says so without goodness', () => {
    const onlyNegative = reputationDimension(
      withEvidence({
        reputation: reputation({
          ratingsReceived: 1,
          negativeRatingsReceived: 1,
          negativeWeight: 1,
          raterStanding: 1,
          goodness: -0.25,
        }),
      }),
    );
    // r = −1/4 → 0.375; part −120·1/4/2 = −15.
    expect(onlyNegative.value).toBeCloseTo(0.375, 12);
    expect(onlyNegative.parts.map((part) => [part.code, part.points, part.summary])).toEqual([
      ['REPUTATION_NEGATIVE_RATINGS', -15, '1 negative rating received, weighted by rater reliability'],
    ]);
    expect(onlyNegative.evidence).toBe(
      '1 rating (0 positive, 1 negative); goodness -0.250; rater standing 1.00',
    );
    const onlyPositive = reputationDimension(
      withEvidence({
        reputation: reputation({ ratingsReceived: 1, positiveRatingsReceived: 1, goodness: 1 }),
      }),
    );
    expect(onlyPositive.parts.map((part) => [part.code, part.points, part.summary])).toEqual([
      ['REPUTATION_POSITIVE_RATINGS', 0, '1 positive rating received, weighted by rater reliability'],
    ]);
    const none = reputationDimension(newUserEvidence());
    expect(none.value).toBe(0.5);
    expect(none.parts).toEqual([]);
    expect(none.evidence).toBe('0 ratings (0 positive, 0 negative); goodness none; rater standing 0.00');
  });
});

describe('NETWORK', () => {
  it('measures trust against the reference account of k anchors, never below 0', () => {
    expect(REFERENCE_ACCOUNTS_PER_ANCHOR).toBe(100);
    expect(NETWORK_FULL_RELATIVE_TRUST).toBe(20);
    expect(RATER_FULL_STANDING_RELATIVE_TRUST).toBe(5);
    expect(NETWORK_MAX_POINTS).toBe(150);
    // One anchor's share 1/k over 100 accounts; no anchors count as one.
    expect(trustReference(1)).toBe(0.01);
    expect(trustReference(4)).toBe(1 / 400);
    expect(trustReference(0)).toBe(0.01);
    expect(newUserEvidence().network.reference).toBe(0.01);
    expect(relativeTrust(0.05, 0.01)).toBeCloseTo(5, 12);
    expect(relativeTrust(-0.1, 0.01)).toBe(0);
    // ln(1 + 4)/ln 21 = 0.528633946…; full at 20 and capped above.
    expect(networkValue(0.04, 0.01)).toBeCloseTo(0.5286339468, 9);
    expect(networkValue(0.2, 0.01)).toBeCloseTo(1, 12);
    expect(networkValue(0.41, 0.01)).toBe(1);
    expect(networkValue(0, 0.01)).toBe(0);
    expect(networkPoints(0.04, 0.01)).toBeCloseTo(150 * 0.5286339468, 7);
    expect(networkPoints(0.5, 0.01)).toBe(150);
  });

  it('rejects an anchor count that is not a non-negative integer and a reference that is not positive', () => {
    expect(() => trustReference(-1)).toThrow('anchorCount must be a non-negative integer, got -1');
    expect(() => trustReference(1.5)).toThrow('anchorCount must be a non-negative integer, got 1.5');
    expect(() => trustReference(Number.NaN)).toThrow(RangeError);
    expect(() => relativeTrust(0.1, 0)).toThrow('reference must be a positive finite number, got 0');
    expect(() => relativeTrust(0.1, -0.01)).toThrow('reference must be a positive finite number, got -0.01');
    expect(() => relativeTrust(0.1, Infinity)).toThrow(
      'reference must be a positive finite number, got Infinity',
    );
    expect(() => relativeTrust(0.1, Number.NaN)).toThrow(RangeError);
    expect(() => networkValue(0.1, 0)).toThrow(RangeError);
    expect(() => raterStanding(0.1, 0)).toThrow(RangeError);
  });

  it('gives raters full standing at five times the reference trust, linear below, never negative', () => {
    expect(raterStanding(0.01, 0.01)).toBeCloseTo(0.2, 12);
    expect(raterStanding(0.05, 0.01)).toBeCloseTo(1, 12);
    expect(raterStanding(0.1, 0.01)).toBe(1);
    expect(raterStanding(-1, 0.01)).toBe(0);
    expect(raterStanding(0.5, 1)).toBeCloseTo(0.1, 12);
  });

  it('splits NETWORK points between endorsements and the anchor restart, clamping the share', () => {
    // t·n = 20 → NETWORK = 1 → 150 points.
    const full = { trust: 0.2, reference: 0.01 };
    const endorsed = networkDimension(withEvidence({ network: network(full) }));
    expect(endorsed.dimension).toBe('NETWORK');
    expect(endorsed.parts).toEqual([
      {
        code: 'NETWORK_ENDORSED_BY_TRUSTED',
        points: expect.closeTo(150, 10),
        summary: 'Endorsed or rated positively by accounts trusted from the anchors',
      },
    ]);
    expect(endorsed.evidence).toBe('trust 20.000× the reference account');
    const anchorOnly = networkDimension(
      withEvidence({ network: network({ ...full, isAnchor: true, restartShare: 1.5 }) }),
    );
    expect(anchorOnly.parts).toEqual([
      { code: 'NETWORK_ANCHOR', points: expect.closeTo(150, 10), summary: 'Pre-trusted anchor account' },
    ]);
    expect(anchorOnly.evidence).toBe('trust 20.000× the reference account; anchor');
    const negativeShare = networkDimension(
      withEvidence({ network: network({ ...full, isAnchor: true, restartShare: -0.5 }) }),
    );
    expect(negativeShare.parts.map((part) => [part.code, part.points])).toEqual([
      ['NETWORK_ENDORSED_BY_TRUSTED', expect.closeTo(150, 10)],
    ]);
    const none = networkDimension(withEvidence({ network: network({ restartShare: 0.5, isAnchor: true }) }));
    expect(none.value).toBe(0);
    expect(none.parts).toEqual([]);
    expect(none.evidence).toBe('trust 0.000× the reference account; anchor');
  });
});

describe('scoreUser', () => {
  it('orders reasons by impact, ties by reason code, and lists the four most negative first', () => {
    // Equal and opposite reputation parts (120·2/6/2 = 20 each way) cancel: value stays 450.
    const tie = scoreUser(
      withEvidence({
        reputation: reputation({
          ratingsReceived: 2,
          positiveRatingsReceived: 1,
          negativeRatingsReceived: 1,
          positiveWeight: 2,
          negativeWeight: 2,
          raterStanding: 3,
        }),
      }),
    );
    expect(tie.value).toBe(450);
    expect(tie.reasons.map((reason) => [reason.code, reason.points])).toEqual([
      ['REPUTATION_POSITIVE_RATINGS', 20],
      ['REPUTATION_NEGATIVE_RATINGS', -20],
    ]);
    expect(tie.principalReasons.map((reason) => reason.code)).toEqual(['REPUTATION_NEGATIVE_RATINGS']);
    const reputationScore = tie.dimensions.find((dimension) => dimension.dimension === 'REPUTATION');
    expect(reputationScore).toEqual({
      dimension: 'REPUTATION',
      value: 0.5,
      weight: 0.2,
      points: 0,
      evidence: '2 ratings (1 positive, 1 negative); goodness none; rater standing 3.00',
    });
  });

  it('keeps the most negative reasons first among the principal ones', () => {
    // A late, a resolved and an unresolved default today, and one negative rating:
    // HISTORY = (1.5 + 0.4 + 0.4)/6 → parts 180·(−0.1)/6 = −3, −3 and 180·(−0.5)/6 = −15;
    // REPUTATION: −120·3/6/2 = −30. Total −51 → 399.
    const score = scoreUser(
      withEvidence({
        events: [
          fresh('COMMITMENT_LATE'),
          { kind: 'COMMITMENT_DEFAULTED', ageDays: 0, resolved: true },
          fresh('COMMITMENT_DEFAULTED'),
        ],
        reputation: reputation({
          ratingsReceived: 1,
          negativeRatingsReceived: 1,
          negativeWeight: 3,
          raterStanding: 3,
        }),
      }),
    );
    expect(score.value).toBe(399);
    expect(score.band).toBe('POOR');
    expect(score.principalReasons.map((reason) => [reason.code, reason.points])).toEqual([
      ['REPUTATION_NEGATIVE_RATINGS', -30],
      ['HISTORY_DEFAULTS', -15],
      ['HISTORY_LATE_COMMITMENTS', -3],
      ['HISTORY_RESOLVED_DEFAULTS', -3],
    ]);
    expect(score.reasons.map((reason) => reason.dimension)).toEqual([
      'REPUTATION',
      'HISTORY',
      'HISTORY',
      'HISTORY',
    ]);
    expect(score.reasons[0]!.summary).toBe('1 negative rating received, weighted by rater reliability');
    expect(
      score.dimensions.map((dimension) => [dimension.dimension, dimension.points, dimension.weight]),
    ).toEqual([
      ['IDENTITY', 0, 0.25],
      ['HISTORY', -21, 0.3],
      ['REPUTATION', -30, 0.2],
      ['NETWORK', 0, 0.25],
    ]);
  });
});

describe('largestRemainder', () => {
  it('rejects a non-integer total and a non-zero total over no parts', () => {
    expect(() => largestRemainder([1.5], 1.5)).toThrow('total must be an integer, got 1.5');
    expect(() => largestRemainder([], 2)).toThrow('cannot allocate 2 over no parts');
    expect(largestRemainder([], 0)).toEqual([]);
  });

  it('goes round the parts again when more units are missing or extra than there are parts', () => {
    // Floors 0, 0; five missing: 0, 1, 0, 1, 0 (ties to the lower index).
    expect(largestRemainder([0.5, 0.5], 5)).toEqual([3, 2]);
    // Three too many: take from the smallest remainder first (index 1), then index 0, then index 1.
    expect(largestRemainder([0.5, 0.2], -3)).toEqual([-1, -2]);
    // Remainders 0.5, 0.2, 0.8: one too many comes off the smallest (index 1).
    expect(largestRemainder([0.5, 0.2, 0.8], -1)).toEqual([0, -1, 0]);
    expect(largestRemainder([0.5, 0.2, 0.8], 2)).toEqual([1, 0, 1]);
  });

  it('gives a missing unit to the largest remainder and takes an extra one from the smallest', () => {
    expect(largestRemainder([0.3, 0.7], 1)).toEqual([0, 1]);
    expect(largestRemainder([0.7, 0.3], 1)).toEqual([1, 0]);
    expect(largestRemainder([0.5, 0.5], 1)).toEqual([1, 0]);
    expect(largestRemainder([0.3, 0.7], -1)).toEqual([-1, 0]);
    expect(largestRemainder([0.7, 0.3], -1)).toEqual([0, -1]);
    expect(largestRemainder([2, 3], 5)).toEqual([2, 3]);
  });
});

describe('networkContributors', () => {
  // t·n = 20 and restart share 0.4: NETWORK_ANCHOR 60, NETWORK_ENDORSED_BY_TRUSTED 90.
  const anchorScore = scoreUser(
    withEvidence({ network: network({ trust: 0.2, reference: 0.01, isAnchor: true, restartShare: 0.4 }) }),
  );

  it('splits the endorsed points by share and gives the anchor points to the restart term', () => {
    // Users' shares 0.1 and 0.5 of 0.6: 90·1/6 = 15 and 90·5/6 = 75; largest shares first.
    const contributors = networkContributors(anchorScore, [
      { contributor: 2, share: 0.1 },
      { contributor: 5, share: 0.5 },
      { contributor: null, share: 0.4 },
    ]);
    expect(contributors).toEqual([
      { contributor: 5, share: 0.5, points: 75 },
      { contributor: null, share: 0.4, points: 60 },
      { contributor: 2, share: 0.1, points: 15 },
    ]);
  });

  it('breaks share ties by contributor index, the restart term last', () => {
    const contributors = networkContributors(anchorScore, [
      { contributor: 3, share: 0.3 },
      { contributor: 1, share: 0.3 },
      { contributor: null, share: 0.3 },
    ]);
    expect(contributors.map((entry) => [entry.contributor, entry.points])).toEqual([
      [1, 45],
      [3, 45],
      [null, 60],
    ]);
  });

  it('refuses points without the shares to carry them', () => {
    expect(() => networkContributors(anchorScore, [{ contributor: null, share: 1 }])).toThrow(
      'NETWORK_ENDORSED_BY_TRUSTED points without in-neighbour shares',
    );
    expect(() => networkContributors(anchorScore, [{ contributor: 1, share: 1 }])).toThrow(
      'NETWORK_ANCHOR points without a restart share',
    );
    // No network points: users with zero share get zero points, and no shares give no contributors.
    const plain = scoreUser(newUserEvidence());
    expect(networkContributors(plain, [{ contributor: 4, share: 0 }])).toEqual([
      { contributor: 4, share: 0, points: 0 },
    ]);
    expect(networkContributors(plain, [])).toEqual([]);
    expect(networkContributors(plain, [{ contributor: null, share: 1 }])).toEqual([
      { contributor: null, share: 1, points: 0 },
    ]);
  });
});

describe('improvementsFor', () => {
  it('ranks actions by their exact gain and explains each one', () => {
    // Two fresh defaults and a year of account age: IDENTITY 0.25·0.5 → +18.75, HISTORY 1.5/5 = 0.3 → −36:
    // raw 432.75 → 433. HIGH +67.5 → 500.25 → 500 (+67); SUBSTANTIAL +39.375 → 472 (+39);
    // LOW +13.5 → 446 (+13); settling a default: HISTORY 1.9/5 = 0.38 → −21.6 → 447.15 → 447 (+14).
    const evidence = withEvidence({
      accountAgeDays: 365,
      events: [fresh('COMMITMENT_DEFAULTED'), fresh('COMMITMENT_DEFAULTED')],
    });
    expect(scoreUser(evidence).value).toBe(433);
    const improvements = improvementsFor(evidence);
    expect(improvements.map((entry) => [entry.action, entry.gain, entry.dimension])).toEqual([
      ['VERIFY_HIGH_ASSURANCE_IDENTITY', 67, 'IDENTITY'],
      ['VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY', 39, 'IDENTITY'],
      ['RESOLVE_DEFAULT', 14, 'HISTORY'],
      ['VERIFY_LOW_ASSURANCE_IDENTITY', 13, 'IDENTITY'],
    ]);
    expect(improvements.map((entry) => entry.summary)).toEqual([
      'Verify a high-assurance identity',
      'Verify a substantial-assurance identity',
      'Settle your most recent unresolved default with the partner that reported it; once it records the ' +
        'settlement, the default counts as a late commitment',
      'Verify a low-assurance identity',
    ]);
    // IDENTITY after a LOW identity: 0.75·0.12 + 0.25·0.5 = 0.215; HISTORY after settling: 0.38.
    expect(improvements[3]!.dimensionValue).toBeCloseTo(0.215, 12);
    expect(improvements[2]!.dimensionValue).toBeCloseTo(0.38, 12);
    expect(improvements[3]!.apply(evidence).identities).toEqual([{ assurance: 'LOW', expired: false }]);
    // Of two equally recent defaults the first is settled.
    expect(improvements[2]!.apply(evidence).events).toEqual([
      { kind: 'COMMITMENT_DEFAULTED', ageDays: 0, resolved: true },
      { kind: 'COMMITMENT_DEFAULTED', ageDays: 0 },
    ]);
  });

  it('settles the most recent unresolved default and renews the highest-assurance expired identity', () => {
    const evidence = withEvidence({
      identities: [
        { assurance: 'LOW', expired: true },
        { assurance: 'SUBSTANTIAL', expired: true },
        { assurance: 'SUBSTANTIAL', expired: false },
      ],
      events: [
        fresh('COMMITMENT_DEFAULTED', 100),
        { kind: 'COMMITMENT_DEFAULTED', ageDays: 10, resolved: true },
        fresh('COMMITMENT_FULFILLED', 5),
        fresh('COMMITMENT_DEFAULTED', 50),
        fresh('COMMITMENT_LATE', 1),
      ],
    });
    const improvements = improvementsFor(evidence);
    const renew = improvements.find((entry) => entry.action === 'RENEW_EXPIRED_IDENTITY')!;
    expect(renew.summary).toBe('Renew your expired substantial-assurance identity');
    expect(renew.dimension).toBe('IDENTITY');
    expect(renew.apply(evidence).identities).toEqual([
      { assurance: 'LOW', expired: true },
      { assurance: 'SUBSTANTIAL', expired: false },
      { assurance: 'SUBSTANTIAL', expired: false },
    ]);
    const resolve = improvements.find((entry) => entry.action === 'RESOLVE_DEFAULT')!;
    expect(
      resolve
        .apply(evidence)
        .events.map((event) => event.kind === 'COMMITMENT_DEFAULTED' && event.resolved === true),
    ).toEqual([false, true, false, true, false]);
    // Only one renewal is offered, even with two expired identities.
    expect(improvements.filter((entry) => entry.action === 'RENEW_EXPIRED_IDENTITY')).toHaveLength(1);
  });

  it('leaves out actions that gain nothing and offers nothing to settle without unresolved defaults', () => {
    // Verification already capped (two HIGH + one SUBSTANTIAL = 1.25): another identity gains nothing.
    const capped = withEvidence({
      identities: [
        { assurance: 'HIGH', expired: false },
        { assurance: 'HIGH', expired: false },
        { assurance: 'SUBSTANTIAL', expired: false },
      ],
      events: [{ kind: 'COMMITMENT_DEFAULTED', ageDays: 0, resolved: true }],
    });
    expect(improvementsFor(capped)).toEqual([]);
  });
});
