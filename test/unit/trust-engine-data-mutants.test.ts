// Pins the engine's data-facing functions (computeAll, reputation evidence, the data-only anchor
// rule, account ages from a timeline) on hand-computed inputs, including every input check.
// Written to kill the mutants StrykerJS found surviving (`npm run test:mutation`).
import { describe, expect, it } from 'vitest';
import {
  accountAgeDaysFromTimeline,
  ANCHOR_EARLY_WINDOW,
  computeAll,
  contributorsFor,
  DEFAULT_ANCHOR_COUNT,
  MODEL_VERSION,
  reputationEvidence,
  SCORE_FXG_TOLERANCE,
  selectAnchorsByEarlyPositiveRatings,
  type TrustGraph,
} from '../../src/trust/engine/index.js';

const i32 = (values: number[]) => Int32Array.from(values);
const f64 = (values: number[]) => Float64Array.from(values);
const list = (values: ArrayLike<number>) => Array.from(values);
const DAY = 86_400;

function graph(
  ratings: [number, number, number][],
  endorsements: [number, number, number][],
  anchors: number[],
  userCount = 3,
): TrustGraph {
  return {
    userCount,
    ratings: {
      src: i32(ratings.map(([u]) => u)),
      dst: i32(ratings.map(([, v]) => v)),
      rating: f64(ratings.map(([, , w]) => w)),
    },
    endorsements: {
      src: i32(endorsements.map(([u]) => u)),
      dst: i32(endorsements.map(([, v]) => v)),
      strength: f64(endorsements.map(([, , s]) => s)),
    },
    anchors: i32(anchors),
  };
}

describe('computeAll', () => {
  // Anchor 0 rates user 1 with 4 and endorses 1 and 2 with strength 5.
  // EigenTrust (a = 0.3) on the stronger statement per pair: 0 -> 1 max(5/5, 4/10) = 1 and 0 -> 2 1,
  // so c01 = c02 = 1/2; 1 and 2 are dangling: t1 = t2 = 0.35·t0, t0 = 0.3 + 0.7·(t1 + t2) = 0.3 + 0.49·t0
  // ⇒ t0 = 0.3/0.51. FxG on 4/10: g1 = f0·0.4 = 0.4, f0 = 1 − |0.4 − 0.4|/2 = 1; unchanged at iteration 2.
  const example = graph(
    [[0, 1, 4]],
    [
      [0, 1, 5],
      [0, 2, 5],
    ],
    [0],
  );
  const t0 = 0.3 / 0.51;

  it('combines ratings and endorsements into one network, keeping the stronger statement per pair', () => {
    const computation = computeAll(example);
    expect(computation.modelVersion).toBe(MODEL_VERSION);
    expect(list(computation.network.csr.inWeight)).toEqual([0.5, 0.5]);
    expect(computation.network.trust[0]).toBeCloseTo(t0, 9);
    expect(computation.network.trust[1]).toBeCloseTo(0.35 * t0, 9);
    expect(computation.network.trust[2]).toBeCloseTo(0.35 * t0, 9);
    expect(list(computation.goodness)).toEqual([0, 0.4, 0]);
    expect(list(computation.fairness)).toEqual([1, 1, 1]);
    expect(computation.fxgIterations).toBe(2);
    expect(list(computation.rated)).toEqual([0, 1, 0]);
  });

  it('builds each user’s evidence: reputation from the raters’ standing, network trust and anchor share', () => {
    const computation = computeAll(example);
    // One anchor: the reference account's trust is 1/100. Rater 0: standing min(1, (t0/0.01)/5) = 1,
    // fairness 1, rating 4 → positive weight 0.4.
    expect(computation.reference).toBe(0.01);
    expect(computation.evidence[1]!.reputation).toEqual({
      ratingsReceived: 1,
      positiveRatingsReceived: 1,
      negativeRatingsReceived: 0,
      positiveWeight: 0.4,
      negativeWeight: 0,
      raterStanding: 1,
      goodness: 0.4,
    });
    expect(computation.evidence[2]!.reputation.goodness).toBeNull();
    // The anchor has no in-neighbours: all of its trust is the restart.
    expect(computation.evidence[0]!.network).toEqual({
      trust: expect.closeTo(t0, 9),
      reference: 0.01,
      isAnchor: true,
      restartShare: 1,
    });
    expect(computation.evidence[1]!.network).toEqual({
      trust: expect.closeTo(0.35 * t0, 9),
      reference: 0.01,
      isAnchor: false,
      restartShare: 0,
    });
    // No profiles: brand-new profile evidence.
    expect(computation.evidence[2]).toMatchObject({ identities: [], accountAgeDays: 0, events: [] });
    expect(computation.scores).toHaveLength(3);
    expect(computation.scores[0]!.reasons.map((reason) => reason.code)).toContain('NETWORK_ANCHOR');
  });

  it('measures rater standing against the reference of the distinct anchors', () => {
    // Two distinct anchors (0 given twice): reference 1/(2·100).
    expect(computeAll(graph([], [], [0, 2, 0])).reference).toBe(0.005);
    // Anchor 0 endorses users 1..29 (strength 5); user 1 rates user 2 with 10. With a = 0.3:
    // t_k = 0.7·t0/29 for k = 1..29 (plus 0.7·t1 for user 2); the dangling users 2..29 hold 1 − t0 − t1, which
    // restarts at 0: t0 = 0.3 + 0.7·(1 − t0 − t1) ⇒ t0 = 1/(1.7 + 0.49/29).
    const endorsements: [number, number, number][] = Array.from({ length: 29 }, (_, index) => [
      0,
      index + 1,
      5,
    ]);
    const computation = computeAll(graph([[1, 2, 10]], endorsements, [0], 30));
    const t0 = 1 / (1.7 + 0.49 / 29);
    const t1 = (0.7 * t0) / 29;
    expect(computation.network.trust[0]).toBeCloseTo(t0, 9);
    expect(computation.network.trust[1]).toBeCloseTo(t1, 9);
    // Standing of user 1: (t1/0.01)/5 < 1; fairness 1 (its only rating matches user 2's goodness).
    const standing = t1 / 0.01 / 5;
    expect(standing).toBeLessThan(1);
    expect(computation.evidence[2]!.reputation.raterStanding).toBeCloseTo(standing, 8);
    expect(computation.evidence[2]!.reputation.positiveWeight).toBeCloseTo(standing, 8);
  });

  it('gives an anchor with in-neighbours the restart’s share of its trust', () => {
    // Anchor 0 and user 1 endorse each other; a = 0.3: t1 = 0.7·t0, t0 = 0.7·t1 + 0.3 ⇒ t0 = 0.3/0.51,
    // and the restart's share of t0 is 0.3/t0 = 0.51.
    const computation = computeAll(
      graph(
        [],
        [
          [0, 1, 3],
          [1, 0, 3],
        ],
        [0],
        2,
      ),
    );
    expect(computation.evidence[0]!.network.restartShare).toBeCloseTo(0.51, 9);
    expect(computation.evidence[1]!.network.restartShare).toBe(0);
  });

  it('takes profiles where given, and a brand-new profile where the array has no entry', () => {
    const profile = {
      identities: [{ assurance: 'HIGH' as const, expired: false }],
      accountAgeDays: 10,
      events: [{ kind: 'COMMITMENT_FULFILLED' as const, ageDays: 1 }],
    };
    const computation = computeAll({ ...example, profiles: [undefined, profile] });
    expect(computation.evidence[1]).toMatchObject(profile);
    expect(computation.evidence[0]).toMatchObject({ identities: [], accountAgeDays: 0, events: [] });
    expect(computation.evidence[2]).toMatchObject({ identities: [], accountAgeDays: 0, events: [] });
  });

  it('passes its tolerances and restart probability on, and can skip the scores', () => {
    expect(SCORE_FXG_TOLERANCE).toBe(1e-9);
    // FxG's first iteration changes g by 1 + 0.6 + 1 = 2.6 and f by 0: a tolerance of 10 stops it there.
    const loose = computeAll(example, { fxgTolerance: 10, eigenTrustTolerance: 10 });
    expect(loose.fxgIterations).toBe(1);
    // EigenTrust's first change is 2·0.7·1 = 1.4 < 10.
    expect(loose.network.iterations).toBe(1);
    // a = 1: everything restarts at the anchor.
    expect(list(computeAll(example, { alpha: 1 }).network.trust)).toEqual([1, 0, 0]);
    const skipped = computeAll(example, { skipScores: true });
    expect(skipped.scores).toEqual([]);
    expect(skipped.evidence).toHaveLength(3);
    // contributorsFor scores the user on demand when the scores were skipped.
    expect(contributorsFor(skipped, 1)).toEqual(contributorsFor(computeAll(example), 1));
    expect(contributorsFor(skipped, 1).map((entry) => entry.contributor)).toEqual([0]);
  });

  it('uses the default tolerances: FxG to 1e-9 and EigenTrust to 1e-10', () => {
    // 0 -> 2 rated 10 and 1 -> 2 rated 5: at FxG's default tolerance the fixed-point equations hold to
    // 1e-9 (at the paper's 0.001 they would not).
    const computation = computeAll(
      graph(
        [
          [0, 2, 10],
          [1, 2, 5],
        ],
        [],
        [0],
      ),
    );
    // Independent fixed point: g2 = (f0 + 0.5·f1)/2, f0 = 1 − (1 − g2)/2, f1 = 1 − |0.5 − g2|/2.
    const g2 = computation.goodness[2] as number;
    expect(computation.fairness[0]).toBeCloseTo(1 - (1 - g2) / 2, 9);
    expect(computation.fairness[1]).toBeCloseTo(1 - Math.abs(0.5 - g2) / 2, 9);
    expect(g2).toBeCloseTo(
      ((computation.fairness[0] as number) + 0.5 * (computation.fairness[1] as number)) / 2,
      9,
    );
    expect(computation.fxgIterations).toBeGreaterThan(10);
    // Anchor 0 -> 2, node 2 dangling: errors shrink by 0.49 per iteration, so 1e-10 takes over 20.
    expect(computation.network.iterations).toBeGreaterThan(20);
  });

  it('rejects ratings that are not integers in −10..−1 ∪ 1..10 and strengths outside 1..5', () => {
    const rate = (value: number) => () => computeAll(graph([[0, 1, value]], [], [0]));
    for (const bad of [0, 11, -11, 2.5, Number.NaN]) expect(rate(bad)).toThrow(RangeError);
    expect(rate(0)).toThrow('rating 0 of edge 0 is not an integer in -10..-1 or 1..10');
    for (const good of [10, -10, 1, -1]) expect(rate(good)).not.toThrow();
    const endorse = (value: number) => () => computeAll(graph([], [[0, 1, value]], [0]));
    for (const bad of [0.5, 6, Number.NaN]) expect(endorse(bad)).toThrow(RangeError);
    expect(endorse(6)).toThrow('endorsement strength 6 of edge 0 is outside 1..5');
    for (const good of [1, 5, 2.5]) expect(endorse(good)).not.toThrow();
  });
});

describe('reputationEvidence input checks', () => {
  const one = (rating: number, raterTrust: number, raterFairness: number) =>
    reputationEvidence([{ rating, raterTrust, raterFairness }], 0.3, 0.1);

  it('accepts the extremes and weighs a negative rating by its size', () => {
    // Reference 0.1, t = 0.5: standing min(1, (0.5/0.1)/5) = 1; −10 → negative weight 1·0.5·1.
    expect(one(-10, 0.5, 0.5)).toEqual({
      ratingsReceived: 1,
      positiveRatingsReceived: 0,
      negativeRatingsReceived: 1,
      positiveWeight: 0,
      negativeWeight: 0.5,
      raterStanding: 1,
      goodness: 0.3,
    });
    expect(one(10, 0.05, 1)).toMatchObject({ positiveWeight: expect.closeTo(0.1, 12), raterStanding: 0.1 });
    expect(one(1, 0, 0).positiveRatingsReceived).toBe(1);
  });

  it('rejects ratings, fairness and trust outside their ranges', () => {
    expect(() => one(2.5, 0, 1)).toThrow('rating 2.5 is not an integer in -10..-1 or 1..10');
    expect(() => one(-11, 0, 1)).toThrow(RangeError);
    expect(() => one(1, 0, 1.1)).toThrow('rater fairness 1.1 is outside [0, 1]');
    expect(() => one(1, 0, -0.1)).toThrow('rater fairness -0.1 is outside [0, 1]');
    expect(() => one(1, 0, Number.NaN)).toThrow(RangeError);
    expect(() => one(1, Infinity, 1)).toThrow('rater trust Infinity is not finite');
    expect(() => one(1, Number.NaN, 1)).toThrow('rater trust NaN is not finite');
  });
});

describe('selectAnchorsByEarlyPositiveRatings', () => {
  // Times 50..150, so the default window (20%) ends at 70, inclusive.
  //   2 -> 1 +3 at 50; 3 -> 2 +1 at 70 (on the cutoff); 0 -> 2 +4 at 55; 1 -> 2 rated 0 at 60 (not positive);
  //   0 -> 3 +2 at 71 (too late); 0 -> 1 +5 at 150.
  const edges: [number, number, number, number][] = [
    [2, 1, 3, 50],
    [3, 2, 1, 70],
    [0, 2, 4, 55],
    [1, 2, 0, 60],
    [0, 3, 2, 71],
    [0, 1, 5, 150],
  ];
  const select = (k?: number, window?: number, rows = edges, n = 4) =>
    list(
      selectAnchorsByEarlyPositiveRatings(
        i32(rows.map((edge) => edge[0])),
        i32(rows.map((edge) => edge[1])),
        f64(rows.map((edge) => edge[2])),
        f64(rows.map((edge) => edge[3])),
        n,
        k,
        window,
      ),
    );

  it('counts distinct positive raters up to the cutoff, measured from the first timestamp', () => {
    expect(ANCHOR_EARLY_WINDOW).toBe(0.2);
    // User 2: raters 3 and 0 → 2; user 1: rater 2 → 1; user 3: none in time.
    expect(select()).toEqual([2, 1]);
    expect(select(1)).toEqual([2]);
    expect(select(0)).toEqual([]);
    // Window 0: only the first instant (50) counts; window 1: everything, user 3 included.
    expect(select(5, 0)).toEqual([1]);
    expect(select(5, 1)).toEqual([1, 2, 3]);
  });

  it('takes the span from the earliest to the latest timestamp, in whatever order the edges come', () => {
    // Times 100, 0, 40: span 0..100, cutoff 20: only 2 -> 1 at 0 counts, not 3 -> 2 at 40.
    const rows: [number, number, number, number][] = [
      [0, 2, 1, 100],
      [2, 1, 1, 0],
      [3, 2, 1, 40],
    ];
    expect(select(5, undefined, rows)).toEqual([1]);
    // Window 0.5: cutoff 50, so 3 -> 2 counts too.
    expect(select(5, 0.5, rows)).toEqual([1, 2]);
  });

  it('returns at most 20 users by default', () => {
    expect(DEFAULT_ANCHOR_COUNT).toBe(20);
    const rows: [number, number, number, number][] = Array.from({ length: 25 }, (_, index) => [
      0,
      index + 1,
      1,
      0,
    ]);
    expect(select(undefined, undefined, rows, 26)).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
  });

  it('rejects arrays of different lengths, a bad k or window, non-finite times and users out of range', () => {
    const call =
      (src: number[], dst: number[], rating: number[], time: number[], k = 1, window = 0.2) =>
      () =>
        selectAnchorsByEarlyPositiveRatings(i32(src), i32(dst), f64(rating), f64(time), 3, k, window);
    const message = 'src, dst, rating and time differ in length';
    expect(call([0], [], [1], [0])).toThrow(message);
    expect(call([0], [1], [], [0])).toThrow(message);
    expect(call([0], [1], [1], [])).toThrow(message);
    expect(call([0], [1], [1], [0], 1.5)).toThrow('k must be a non-negative integer, got 1.5');
    expect(call([0], [1], [1], [0], -1)).toThrow('k must be a non-negative integer, got -1');
    expect(call([0], [1], [1], [0], 1, -0.1)).toThrow('window must be in [0, 1], got -0.1');
    expect(call([0], [1], [1], [0], 1, 1.1)).toThrow('window must be in [0, 1], got 1.1');
    expect(call([0], [1], [1], [0], 1, Number.NaN)).toThrow(RangeError);
    expect(call([0, 1], [1, 2], [1, 1], [0, Infinity])).toThrow('edge 1 has a non-finite time');
    expect(call([0], [3], [1], [0])).toThrow('edge 0 (0 -> 3) is outside 0..2');
    expect(call([3], [0], [1], [0])).toThrow('edge 0 (3 -> 0) is outside 0..2');
    expect(call([-1], [0], [1], [0])).toThrow(RangeError);
    expect(call([0], [-1], [1], [0])).toThrow(RangeError);
    // A late edge is still checked: user 5 out of range after the cutoff.
    expect(call([0, 0], [1, 5], [1, 1], [0, 100])).toThrow('edge 1 (0 -> 5) is outside 0..2');
    expect(call([2], [0], [1], [0])()).toEqual(i32([0]));
  });
});

describe('accountAgeDaysFromTimeline', () => {
  it('takes the earliest appearance over given and received ratings and the latest timestamp', () => {
    // 1 -> 0 at day 5, 0 -> 2 at day 2, 2 -> 1 at day 9: first seen 2, 5, 2; the data ends at day 9.
    const args = [i32([1, 0, 2]), i32([0, 2, 1]), f64([5 * DAY, 2 * DAY, 9 * DAY]), 3] as const;
    expect(list(accountAgeDaysFromTimeline(...args))).toEqual([7, 4, 7]);
    // As of day 3: user 1 appears later, so 0 rather than negative.
    expect(list(accountAgeDaysFromTimeline(...args, 3 * DAY))).toEqual([1, 0, 1]);
    // Half a day is half a day.
    expect(list(accountAgeDaysFromTimeline(...args, 9.5 * DAY))).toEqual([7.5, 4.5, 7.5]);
    // Negative timestamps (before 1970) count like any other.
    expect(list(accountAgeDaysFromTimeline(i32([0]), i32([1]), f64([-2 * DAY]), 2))).toEqual([0, 0]);
    expect(list(accountAgeDaysFromTimeline(i32([]), i32([]), f64([]), 2))).toEqual([0, 0]);
  });

  it('rejects arrays of different lengths, non-finite times and users out of range', () => {
    const call = (src: number[], dst: number[], time: number[]) => () =>
      accountAgeDaysFromTimeline(i32(src), i32(dst), f64(time), 3);
    expect(call([0], [], [0])).toThrow('src, dst and time differ in length');
    expect(call([0], [1], [])).toThrow('src, dst and time differ in length');
    expect(call([0], [1], [Number.NaN])).toThrow('edge 0 has a non-finite time');
    expect(call([0, 3], [1, 0], [0, 0])).toThrow('edge 1 has a user outside 0..2');
    expect(call([0], [3], [0])).toThrow('edge 0 has a user outside 0..2');
    expect(call([-1], [0], [0])).toThrow(RangeError);
    expect(call([0], [-1], [0])).toThrow(RangeError);
  });
});
