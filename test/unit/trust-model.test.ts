import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_SCORE,
  bandOf,
  improvementsFor,
  largestRemainder,
  MODEL_VERSION,
  newUserEvidence,
  scoreUser,
  trustReference,
  type Assurance,
  type EventKind,
  type UserEvidence,
} from '../../src/trust/engine/index.js';

function withEvidence(change: Partial<UserEvidence>): UserEvidence {
  return { ...newUserEvidence(), ...change };
}

function reasonPoints(evidence: UserEvidence): Record<string, number> {
  return Object.fromEntries(scoreUser(evidence).reasons.map((reason) => [reason.code, reason.points]));
}

describe('scoreUser', () => {
  it('puts a brand-new user at the baseline 450 (FAIR) with no reasons', () => {
    // 300 + 600·(0.25·0 + 0.30·0.5 + 0.20·0.5 + 0.25·0) = 300 + 150 = 450.
    const score = scoreUser(newUserEvidence());
    expect(BASELINE_SCORE).toBe(450);
    expect(score).toMatchObject({ value: 450, baseline: 450, band: 'FAIR', modelVersion: MODEL_VERSION });
    expect(score.reasons).toEqual([]);
    expect(score.principalReasons).toEqual([]);
  });

  it('credits account age with a one-year half-life', () => {
    // age 365: credit 1 − 2^−1 = 0.5; IDENTITY = 0.25·0.5 = 0.125; points 600·0.25·0.125 = 18.75 → 469.
    const score = scoreUser(withEvidence({ accountAgeDays: 365 }));
    expect(score.value).toBe(469);
    expect(reasonPoints(withEvidence({ accountAgeDays: 365 }))).toEqual({ IDENTITY_ACCOUNT_AGE: 19 });
  });

  it('weights identities by assurance and splits rounding by largest remainder', () => {
    // HIGH 0.6 + SUBSTANTIAL 0.35 = 0.95; IDENTITY = 0.75·0.95 = 0.7125 → 106.875 points → 556.875 → 557.
    // Raw reasons 150·0.75·0.6 = 67.5 and 150·0.75·0.35 = 39.375: floors 67 + 39 = 106, one point
    // missing goes to the larger remainder (.5): 68 and 39.
    const evidence = withEvidence({
      identities: [
        { assurance: 'HIGH', expired: false },
        { assurance: 'SUBSTANTIAL', expired: false },
      ],
    });
    expect(scoreUser(evidence).value).toBe(557);
    expect(reasonPoints(evidence)).toEqual({
      IDENTITY_HIGH_ASSURANCE_VERIFIED: 68,
      IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED: 39,
    });
  });

  it('does not count expired identities and gives many low-assurance ones diminishing returns', () => {
    expect(scoreUser(withEvidence({ identities: [{ assurance: 'HIGH', expired: true }] })).value).toBe(450);
    // Ten LOW: 0.12·(1 + ½ + … + ½⁹) < 0.24 < one SUBSTANTIAL (0.35).
    const tenLow = scoreUser(
      withEvidence({ identities: Array.from({ length: 10 }, () => ({ assurance: 'LOW', expired: false })) }),
    );
    const oneSubstantial = scoreUser(
      withEvidence({ identities: [{ assurance: 'SUBSTANTIAL', expired: false }] }),
    );
    expect(tenLow.value).toBeLessThan(oneSubstantial.value);
    // 0.12·(1 − 2^−10)/0.5·0.75·150 = 26.97… → 477; one SUBSTANTIAL: 0.35·0.75·150 = 39.375 → 489.
    expect(tenLow.value).toBe(477);
    expect(oneSubstantial.value).toBe(489);
  });

  it('shrinks history toward the prior and weights it by recency', () => {
    // Two fresh defaults: HISTORY = (0.5·3 + 0)/(3 + 2) = 0.3 → 600·0.3·(0.3 − 0.5) = −36 → 414 (POOR).
    const defaults = withEvidence({
      events: [
        { kind: 'COMMITMENT_DEFAULTED', ageDays: 0 },
        { kind: 'COMMITMENT_DEFAULTED', ageDays: 0 },
      ],
    });
    const score = scoreUser(defaults);
    expect(score.value).toBe(414);
    expect(score.band).toBe('POOR');
    expect(score.principalReasons.map((reason) => [reason.code, reason.points])).toEqual([
      ['HISTORY_DEFAULTS', -36],
    ]);
    // Three fresh fulfilments: (1.5 + 3)/6 = 0.75 → +45 → 495.
    const fulfilled = withEvidence({
      events: Array.from({ length: 3 }, () => ({ kind: 'COMMITMENT_FULFILLED' as const, ageDays: 0 })),
    });
    expect(scoreUser(fulfilled).value).toBe(495);
    // One fulfilment a year ago weighs ½: (1.5 + 0.5)/3.5 = 4/7 → 180·(4/7 − 1/2) = 12.857… → 463.
    expect(scoreUser(withEvidence({ events: [{ kind: 'COMMITMENT_FULFILLED', ageDays: 365 }] })).value).toBe(
      463,
    );
  });

  it('counts a resolved default as a late commitment', () => {
    // (1.5 + 0.4)/4 = 0.475 → 180·(−0.025) = −4.5; raw 445.5 rounds to 446 either way.
    const resolved = scoreUser(
      withEvidence({ events: [{ kind: 'COMMITMENT_DEFAULTED', ageDays: 0, resolved: true }] }),
    );
    const late = scoreUser(withEvidence({ events: [{ kind: 'COMMITMENT_LATE', ageDays: 0 }] }));
    expect(resolved.value).toBe(late.value);
    expect(resolved.reasons.map((reason) => reason.code)).toEqual(['HISTORY_RESOLVED_DEFAULTS']);
  });

  it('maps reputation with shrinkage toward goodness 0', () => {
    // positive weight 2, negative 0.5, standing 3: r = 1.5/(3 + 3) = 0.25; REPUTATION = 0.625
    // → 120·0.125 = 15 points: positive 120·2/6/2 = 20, negative −120·0.5/6/2 = −5 → 465.
    const evidence = withEvidence({
      reputation: {
        ratingsReceived: 3,
        positiveRatingsReceived: 2,
        negativeRatingsReceived: 1,
        positiveWeight: 2,
        negativeWeight: 0.5,
        raterStanding: 3,
        goodness: 0.5,
      },
    });
    expect(scoreUser(evidence).value).toBe(465);
    expect(reasonPoints(evidence)).toEqual({
      REPUTATION_POSITIVE_RATINGS: 20,
      REPUTATION_NEGATIVE_RATINGS: -5,
    });
  });

  it('maps network trust relative to the reference account and splits the anchor share', () => {
    // 5 anchors: the reference account holds 1/(5·100) = 0.002. t = 0.04 → 20× → NETWORK = ln 21 / ln 21 = 1
    // → 150 points → 600; an anchor with restart share 0.4 → 60 + 90.
    const evidence = withEvidence({
      network: { trust: 0.04, reference: trustReference(5), isAnchor: true, restartShare: 0.4 },
    });
    expect(scoreUser(evidence).value).toBe(600);
    expect(reasonPoints(evidence)).toEqual({ NETWORK_ANCHOR: 60, NETWORK_ENDORSED_BY_TRUSTED: 90 });
  });

  it('has documented bands', () => {
    expect([300, 419, 420, 539, 540, 659, 660, 779, 780, 900].map(bandOf)).toEqual([
      'POOR',
      'POOR',
      'FAIR',
      'FAIR',
      'GOOD',
      'GOOD',
      'VERY_GOOD',
      'VERY_GOOD',
      'EXCELLENT',
      'EXCELLENT',
    ]);
  });
});

describe('largestRemainder', () => {
  it('hands missing units to the largest remainders and takes excess from the smallest', () => {
    expect(largestRemainder([1.5, 2.25, 0.25], 4)).toEqual([2, 2, 0]);
    expect(largestRemainder([1.5, 2.25, 0.25], 5)).toEqual([2, 3, 0]);
    expect(largestRemainder([-0.4, -0.4], -1)).toEqual([0, -1]);
    expect(largestRemainder([0.6, 0.6], 0)).toEqual([0, 0]);
  });
});

const assuranceArbitrary = fc.constantFrom<Assurance>('LOW', 'SUBSTANTIAL', 'HIGH');
const eventKindArbitrary = fc.constantFrom<EventKind>(
  'COMMITMENT_FULFILLED',
  'COMMITMENT_LATE',
  'COMMITMENT_DEFAULTED',
);
const evidenceArbitrary: fc.Arbitrary<UserEvidence> = fc
  .record({
    identities: fc.array(fc.record({ assurance: assuranceArbitrary, expired: fc.boolean() }), {
      maxLength: 8,
    }),
    accountAgeDays: fc.double({ min: 0, max: 5000, noNaN: true }),
    events: fc.array(
      fc.record({
        kind: eventKindArbitrary,
        ageDays: fc.double({ min: 0, max: 3000, noNaN: true }),
        resolved: fc.boolean(),
      }),
      { maxLength: 30 },
    ),
    positive: fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true })),
      { maxLength: 20 },
    ),
    negative: fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true })),
      { maxLength: 20 },
    ),
    trust: fc.double({ min: 0, max: 1, noNaN: true }),
    anchorCount: fc.integer({ min: 0, max: 500 }),
    isAnchor: fc.boolean(),
    restartShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ positive, negative, trust, anchorCount, isAnchor, restartShare, ...profile }) => ({
    ...profile,
    // Each rating: (rater standing·fairness, |w|).
    reputation: {
      ratingsReceived: positive.length + negative.length,
      positiveRatingsReceived: positive.length,
      negativeRatingsReceived: negative.length,
      positiveWeight: positive.reduce((sum, [rater, weight]) => sum + rater * weight, 0),
      negativeWeight: negative.reduce((sum, [rater, weight]) => sum + rater * weight, 0),
      raterStanding: [...positive, ...negative].reduce((sum, [rater]) => sum + rater, 0),
      goodness: positive.length + negative.length > 0 ? 0 : null,
    },
    network: {
      trust,
      reference: trustReference(anchorCount),
      isAnchor,
      restartShare: isAnchor ? restartShare : 0,
    },
  }));

describe('explanations (property)', () => {
  it('reasons sum exactly to value − baseline, dimensions too, value in 300..900', () => {
    fc.assert(
      fc.property(evidenceArbitrary, (evidence) => {
        const score = scoreUser(evidence);
        expect(Number.isInteger(score.value)).toBe(true);
        expect(score.value).toBeGreaterThanOrEqual(300);
        expect(score.value).toBeLessThanOrEqual(900);
        expect(score.reasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(
          score.value - score.baseline,
        );
        expect(score.dimensions.reduce((sum, dimension) => sum + dimension.points, 0)).toBe(
          score.value - score.baseline,
        );
        for (const reason of score.reasons)
          expect(Number.isInteger(reason.points) && reason.points !== 0).toBe(true);
        const negative = score.reasons.filter((reason) => reason.points < 0).map((reason) => reason.points);
        expect(score.principalReasons.map((reason) => reason.points)).toEqual(
          negative.sort((a, b) => a - b).slice(0, 4),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('improvements predict exactly the gain observed after the action, and are deterministic', () => {
    fc.assert(
      fc.property(evidenceArbitrary, (evidence) => {
        const before = scoreUser(evidence).value;
        const improvements = improvementsFor(evidence);
        for (const improvement of improvements) {
          expect(improvement.gain).toBeGreaterThan(0);
          expect(scoreUser(improvement.apply(evidence)).value - before).toBe(improvement.gain);
        }
        expect(improvementsFor(evidence).map(({ action, gain }) => [action, gain])).toEqual(
          improvements.map(({ action, gain }) => [action, gain]),
        );
        expect(scoreUser(evidence)).toEqual(scoreUser(evidence));
      }),
      { numRuns: 300 },
    );
  });

  it('suggests resolving a default with its exact gain and never suggests network actions', () => {
    // Two fresh defaults: 414. Resolving one: (1.5 + 0.4)/5 = 0.38 → 180·(−0.12) = −21.6 → 428: gain 14.
    const evidence = withEvidence({
      events: [
        { kind: 'COMMITMENT_DEFAULTED', ageDays: 0 },
        { kind: 'COMMITMENT_DEFAULTED', ageDays: 0 },
      ],
    });
    const improvements = improvementsFor(evidence);
    const resolve = improvements.find((improvement) => improvement.action === 'RESOLVE_DEFAULT');
    expect(resolve?.gain).toBe(14);
    // It changes HISTORY, to (1.5 + 0.4)/5 = 0.38.
    expect(resolve?.dimension).toBe('HISTORY');
    expect(resolve?.dimensionValue).toBeCloseTo(0.38, 12);
    // Verifying a HIGH identity changes IDENTITY, to 0.75·0.6 = 0.45 (account age 0).
    const verifyHigh = improvements.find(
      (improvement) => improvement.action === 'VERIFY_HIGH_ASSURANCE_IDENTITY',
    );
    expect(verifyHigh?.dimension).toBe('IDENTITY');
    expect(verifyHigh?.dimensionValue).toBeCloseTo(0.45, 12);
    expect(improvements.map((improvement) => improvement.action)).not.toContain('GET_ENDORSEMENTS');
    // Renewing an expired HIGH identity gains what verifying a new one would.
    const expired = withEvidence({ identities: [{ assurance: 'HIGH', expired: true }] });
    const renew = improvementsFor(expired).find(
      (improvement) => improvement.action === 'RENEW_EXPIRED_IDENTITY',
    );
    const verify = improvementsFor(expired).find(
      (improvement) => improvement.action === 'VERIFY_HIGH_ASSURANCE_IDENTITY',
    );
    expect(renew?.gain).toBe(verify?.gain);
  });
});
