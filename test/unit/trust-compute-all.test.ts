import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeAll,
  contributorsFor,
  type TrustGraph,
  type UserProfile,
} from '../../src/trust/engine/index.js';

interface Edges {
  ratings: [number, number, number][];
  endorsements: [number, number, number][];
}

function graphOf(userCount: number, edges: Edges, anchors: number[], profiles?: UserProfile[]): TrustGraph {
  return {
    userCount,
    profiles,
    ratings: {
      src: Int32Array.from(edges.ratings.map(([u]) => u)),
      dst: Int32Array.from(edges.ratings.map(([, v]) => v)),
      rating: Float64Array.from(edges.ratings.map(([, , w]) => w)),
    },
    endorsements: {
      src: Int32Array.from(edges.endorsements.map(([u]) => u)),
      dst: Int32Array.from(edges.endorsements.map(([, v]) => v)),
      strength: Float64Array.from(edges.endorsements.map(([, , s]) => s)),
    },
    anchors: Int32Array.from(anchors),
  };
}

// 0 = anchor A, 1 = you (U), 2 = your contact C, 3..5 = other accounts.
const U = 1;
const C = 2;
const base: Edges = {
  ratings: [
    [C, U, 10],
    [U, C, 5],
    [0, 3, 4],
  ],
  endorsements: [
    [0, U, 5],
    [U, C, 3],
    [C, U, 2],
    [0, 3, 1],
  ],
};

describe('computeAll', () => {
  it('has no guilt by association: a contact’s defaults or bad ratings leave your score unchanged', () => {
    const before = computeAll(graphOf(6, base, [0]));
    const defaulted: UserProfile[] = [];
    defaulted[C] = {
      identities: [],
      accountAgeDays: 0,
      events: [
        { kind: 'COMMITMENT_DEFAULTED', ageDays: 1 },
        { kind: 'COMMITMENT_DEFAULTED', ageDays: 2 },
      ],
    };
    const badlyRated: Edges = {
      ratings: [...base.ratings, [0, C, -10], [3, C, -10], [4, C, -8], [5, C, -10]],
      endorsements: base.endorsements,
    };
    const afterDefaults = computeAll(graphOf(6, base, [0], defaulted));
    const afterBadRatings = computeAll(graphOf(6, badlyRated, [0]));
    // The contact's own score does drop...
    expect(afterDefaults.scores[C]!.value).toBeLessThan(before.scores[C]!.value);
    expect(afterBadRatings.scores[C]!.value).toBeLessThan(before.scores[C]!.value);
    // ...yours does not move at all.
    expect(afterDefaults.scores[U]).toEqual(before.scores[U]);
    expect(afterBadRatings.scores[U]).toEqual(before.scores[U]);
    expect(before.scores[U]!.value).toBeGreaterThan(before.scores[U]!.baseline);
  });

  it('is deterministic and independent of the order edges are given in', () => {
    const first = computeAll(graphOf(6, base, [0]));
    const reversed = computeAll(
      graphOf(
        6,
        { ratings: [...base.ratings].reverse(), endorsements: [...base.endorsements].reverse() },
        [0],
      ),
    );
    expect(reversed.scores).toEqual(first.scores);
    expect(computeAll(graphOf(6, base, [0])).scores).toEqual(first.scores);
  });

  it('names the anchor as the contributor of an endorsed user’s network points', () => {
    const computation = computeAll(graphOf(6, base, [0]));
    const contributors = contributorsFor(computation, 3);
    expect(contributors.map((contributor) => contributor.contributor)).toEqual([0]);
    const networkPoints = computation.scores[3]!.dimensions.find((d) => d.dimension === 'NETWORK')!.points;
    expect(contributors[0]!.points).toBe(networkPoints);
    expect(networkPoints).toBeGreaterThan(0);
  });

  it('explains every score exactly on random graphs (property)', () => {
    const graphArbitrary = fc.integer({ min: 2, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        ratings: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 1, max: 10 }).chain((w) => fc.constantFrom(w, -w)),
          ),
          { maxLength: 40 },
        ),
        endorsements: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 1, max: 5 }),
          ),
          { maxLength: 40 },
        ),
        anchors: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
      }),
    );
    fc.assert(
      fc.property(graphArbitrary, ({ n, ratings, endorsements, anchors }) => {
        const computation = computeAll(graphOf(n, { ratings, endorsements }, anchors));
        for (let j = 0; j < n; j++) {
          const score = computation.scores[j]!;
          expect(score.value).toBeGreaterThanOrEqual(300);
          expect(score.value).toBeLessThanOrEqual(900);
          expect(score.reasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(
            score.value - score.baseline,
          );
          const networkPoints = score.dimensions.find((d) => d.dimension === 'NETWORK')!.points;
          const contributors = contributorsFor(computation, j);
          expect(contributors.reduce((sum, contributor) => sum + contributor.points, 0)).toBe(networkPoints);
          for (const contributor of contributors) {
            if (contributor.contributor !== null) expect(contributor.contributor).not.toBe(j);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
