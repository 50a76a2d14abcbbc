import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAll, type TrustGraph, type UserProfile } from '../../src/trust/engine/index.js';

/**
 * Association (docs/trust-model.md, "Association"): you are U (0), your contact is C (1), who endorses you. C's
 * misdeeds never move your score; when the people who vouch for C (and not for you) withdraw, C's trust falls
 * and so does the share of it C passes to you. Ten random cases, drawn with a fixed seed, measure by how much.
 */
const U = 0;
const C = 1;

interface Case {
  n: number;
  anchors: number[];
  /** [from, to, strength 1..5] */
  endorsements: [number, number, number][];
  /** [from, to, rating ±1..10] */
  ratings: [number, number, number][];
  /** C's vouchers: they endorse C and neither endorse nor rate U. */
  vouchers: number[];
}

const caseArbitrary: fc.Arbitrary<Case> = fc.integer({ min: 8, max: 30 }).chain((n) =>
  fc
    .record({
      anchors: fc.uniqueArray(fc.integer({ min: 2, max: n - 1 }), { minLength: 1, maxLength: 3 }),
      vouchers: fc.uniqueArray(fc.integer({ min: 2, max: n - 1 }), { minLength: 1, maxLength: 4 }),
      endorsements: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 1, max: 5 }),
        ),
        { minLength: n, maxLength: 3 * n },
      ),
      ratings: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 1, max: 10 }).chain((w) => fc.constantFrom(w, w, -w)),
        ),
        { maxLength: 2 * n },
      ),
      cStrength: fc.integer({ min: 1, max: 5 }),
      voucherStrength: fc.integer({ min: 1, max: 5 }),
    })
    .map(({ anchors, vouchers, endorsements, ratings, cStrength, voucherStrength }) => {
      const isVoucher = new Set(vouchers);
      // Vouchers do not vouch for U (else withdrawing from C would send their weight to U), nor for C but below.
      const keep = ([from, to]: [number, number, number]) => !(isVoucher.has(from) && (to === U || to === C));
      return {
        n,
        anchors,
        vouchers,
        endorsements: [
          ...endorsements.filter(keep),
          [C, U, cStrength] as [number, number, number],
          ...vouchers.map((v): [number, number, number] => [v, C, voucherStrength]),
        ],
        ratings: ratings.filter(keep),
      };
    }),
);

function graphOf(c: Case, profiles?: UserProfile[]): TrustGraph {
  return {
    userCount: c.n,
    profiles,
    ratings: {
      src: Int32Array.from(c.ratings.map(([u]) => u)),
      dst: Int32Array.from(c.ratings.map(([, v]) => v)),
      rating: Float64Array.from(c.ratings.map(([, , w]) => w)),
    },
    endorsements: {
      src: Int32Array.from(c.endorsements.map(([u]) => u)),
      dst: Int32Array.from(c.endorsements.map(([, v]) => v)),
      strength: Float64Array.from(c.endorsements.map(([, , s]) => s)),
    },
    anchors: Int32Array.from(c.anchors),
  };
}

const networkPointsOf = (computation: ReturnType<typeof computeAll>, j: number) =>
  computation.scores[j]!.dimensions.find((d) => d.dimension === 'NETWORK')!.points;

const CASES = fc.sample(caseArbitrary, { seed: 2026_12, numRuns: 10 });

describe('association, measured on ten random cases (fixed seed)', () => {
  it('your contact’s defaults and bad ratings never move your score', () => {
    for (const c of CASES) {
      const plain = (): UserProfile[] =>
        Array.from({ length: c.n + 5 }, () => ({ identities: [], accountAgeDays: 0, events: [] }));
      const before = computeAll(graphOf({ ...c, n: c.n + 5 }, plain()));
      // C defaults five times, and five accounts who deal with nobody else rate C −10.
      const profiles = plain();
      profiles[C] = {
        identities: [],
        accountAgeDays: 0,
        events: Array.from({ length: 5 }, (_, k) => ({ kind: 'COMMITMENT_DEFAULTED' as const, ageDays: k })),
      };
      const defaults = computeAll(graphOf({ ...c, n: c.n + 5 }, profiles));
      expect(defaults.scores[U]!.value).toBe(before.scores[U]!.value);
      const misdeeds: Case = {
        ...c,
        n: c.n + 5,
        ratings: [...c.ratings, ...[0, 1, 2, 3, 4].map((k): [number, number, number] => [c.n + k, C, -10])],
      };
      expect(computeAll(graphOf(misdeeds, profiles)).scores[U]!.value).toBe(before.scores[U]!.value);
    }
  });

  it('when your contact’s own vouchers withdraw, you lose between 0 and 136 NETWORK points (as documented)', () => {
    const losses = CASES.map((c) => {
      const before = computeAll(graphOf(c));
      const withdrawn: Case = {
        ...c,
        endorsements: c.endorsements.filter(([from, to]) => !(to === C && c.vouchers.includes(from))),
        ratings: c.ratings.filter(([from, to]) => !(to === C && c.vouchers.includes(from))),
      };
      const after = computeAll(graphOf(withdrawn));
      const network = networkPointsOf(before, U) - networkPointsOf(after, U);
      const score = before.scores[U]!.value - after.scores[U]!.value;
      // Never a gain, never more than the NETWORK points you had; the rest of the score moves only by C's
      // standing as a rater of you (REPUTATION), never up.
      expect(network).toBeGreaterThanOrEqual(0);
      expect(network).toBeLessThanOrEqual(networkPointsOf(before, U));
      expect(score).toBeGreaterThanOrEqual(network);
      return { network, score };
    });
    // The measured range docs/trust-model.md states ("Association"); re-measure and update both together.
    expect(losses.map((l) => l.network).sort((a, b) => a - b)).toEqual([0, 0, 1, 3, 10, 17, 41, 49, 61, 136]);
    expect(losses.filter((l) => l.score !== l.network)).toEqual([{ network: 49, score: 50 }]);
  });
});
