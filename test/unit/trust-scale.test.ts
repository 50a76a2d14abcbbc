import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeAll,
  DIMENSION_WEIGHTS,
  NETWORK_MAX_POINTS,
  networkPoints,
  networkValue,
  raterStanding,
  REFERENCE_ACCOUNTS_PER_ANCHOR,
  SCORE_MAX,
  SCORE_MIN,
  trustReference,
  type Assurance,
  type EventKind,
  type TrustGraph,
  type UserProfile,
} from '../../src/trust/engine/index.js';

describe('the scale of network trust', () => {
  it('measures trust against the anchors’ share, by hand', () => {
    // The reference account of k anchors holds 1/(k·100) of the trust.
    expect(REFERENCE_ACCOUNTS_PER_ANCHOR).toBe(100);
    expect(trustReference(4)).toBeCloseTo(1 / 400, 15);
    // No anchors: nobody holds trust; the reference is one anchor's.
    expect(trustReference(0)).toBeCloseTo(1 / 100, 15);
    expect(NETWORK_MAX_POINTS).toBe((SCORE_MAX - SCORE_MIN) * DIMENSION_WEIGHTS.NETWORK);
    // 4 anchors, t = 0.0125 → 5× the reference 0.0025 → ln 6 / ln 21 = 0.58851… → 88.28 points.
    expect(networkValue(0.0125, trustReference(4))).toBeCloseTo(Math.log(6) / Math.log(21), 12);
    expect(networkPoints(0.0125, trustReference(4))).toBeCloseTo((150 * Math.log(6)) / Math.log(21), 10);
    // Full at 20×, capped above; nothing for no or negative trust.
    expect(networkValue(0.05, trustReference(4))).toBe(1);
    expect(networkValue(0.5, trustReference(4))).toBe(1);
    expect(networkValue(0, trustReference(4))).toBe(0);
    expect(networkValue(-0.1, trustReference(4))).toBe(0);
    // Rater standing: 2.5× the reference → 0.5; full from 5×.
    expect(raterStanding(0.00625, trustReference(4))).toBeCloseTo(0.5, 12);
    expect(raterStanding(0.02, trustReference(4))).toBe(1);
    expect(() => trustReference(-1)).toThrow(RangeError);
    expect(() => trustReference(1.5)).toThrow(RangeError);
    expect(() => networkValue(0.1, 0)).toThrow(RangeError);
  });
});

interface RandomGraph {
  n: number;
  ratings: [number, number, number][];
  endorsements: [number, number, number][];
  anchors: number[];
  profiles: UserProfile[];
}

const profileArbitrary: fc.Arbitrary<UserProfile> = fc.record({
  identities: fc.array(
    fc.record({
      assurance: fc.constantFrom<Assurance>('LOW', 'SUBSTANTIAL', 'HIGH'),
      expired: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  accountAgeDays: fc.double({ min: 0, max: 2000, noNaN: true }),
  events: fc.array(
    fc.record({
      kind: fc.constantFrom<EventKind>('COMMITMENT_FULFILLED', 'COMMITMENT_LATE', 'COMMITMENT_DEFAULTED'),
      ageDays: fc.double({ min: 0, max: 1500, noNaN: true }),
      resolved: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
});

const randomGraph: fc.Arbitrary<RandomGraph> = fc.integer({ min: 3, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    ratings: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 1, max: 10 }).chain((w) => fc.constantFrom(w, -w)),
      ),
      { maxLength: 4 * n },
    ),
    endorsements: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 1, max: 5 }),
      ),
      { maxLength: 4 * n },
    ),
    anchors: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 4 }),
    profiles: fc.array(profileArbitrary, { minLength: n, maxLength: n }),
  }),
);

/** `copies` disjoint copies of the graph, copy c's user u at c·n + u, each with its own anchors. */
function toGraph(graph: RandomGraph, copies = 1, isolated = 0): TrustGraph {
  const { n } = graph;
  const shift = (edges: [number, number, number][]): [number, number, number][] =>
    Array.from({ length: copies }, (_, c) =>
      edges.map(([u, v, w]): [number, number, number] => [c * n + u, c * n + v, w]),
    ).flat();
  const ratings = shift(graph.ratings);
  const endorsements = shift(graph.endorsements);
  return {
    userCount: copies * n + isolated,
    profiles: [
      ...Array.from({ length: copies }, () => graph.profiles).flat(),
      // Brand-new accounts: nothing done, nobody vouching, vouching for nobody.
      ...Array.from({ length: isolated }, (): UserProfile => ({
        identities: [],
        accountAgeDays: 0,
        events: [],
      })),
    ],
    ratings: {
      src: Int32Array.from(ratings.map(([u]) => u)),
      dst: Int32Array.from(ratings.map(([, v]) => v)),
      rating: Float64Array.from(ratings.map(([, , w]) => w)),
    },
    endorsements: {
      src: Int32Array.from(endorsements.map(([u]) => u)),
      dst: Int32Array.from(endorsements.map(([, v]) => v)),
      strength: Float64Array.from(endorsements.map(([, , s]) => s)),
    },
    anchors: Int32Array.from(
      Array.from({ length: copies }, (_, c) => graph.anchors.map((a) => c * n + a)).flat(),
    ),
  };
}

describe('the scale does not drift with the number of accounts (property, through computeAll)', () => {
  it('adding 1,000 isolated accounts moves no existing score by more than 1 point', () => {
    let largestMove = 0;
    fc.assert(
      fc.property(randomGraph, (graph) => {
        const before = computeAll(toGraph(graph));
        const after = computeAll(toGraph(graph, 1, 1_000));
        for (let j = 0; j < graph.n; j++) {
          const move = Math.abs(after.scores[j]!.value - before.scores[j]!.value);
          largestMove = Math.max(largestMove, move);
          expect(move).toBeLessThanOrEqual(1);
        }
        // The new accounts are brand-new users: the baseline, whatever the graph.
        for (let j = graph.n; j < graph.n + 1_000; j += 111) expect(after.scores[j]!.value).toBe(450);
      }),
      { numRuns: 60 },
    );
    // Isolated accounts receive and hold no trust and the anchors are the same: nothing moves at all.
    expect(largestMove).toBe(0);
  });

  it('a 10× larger network with the same local structure gives the same bands', () => {
    fc.assert(
      fc.property(randomGraph, (graph) => {
        const one = computeAll(toGraph(graph));
        const ten = computeAll(toGraph(graph, 10));
        for (let c = 0; c < 10; c++) {
          for (let j = 0; j < graph.n; j++) {
            const small = one.scores[j]!;
            const large = ten.scores[c * graph.n + j]!;
            expect(large.band).toBe(small.band);
            expect(Math.abs(large.value - small.value)).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
