import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eigenTrust,
  LocalPush,
  pushReach,
  trustErrorPoints,
  type Row,
} from '../../src/trust/engine/index.js';

/** A whole graph held in memory: rows[u] maps target → weight; removed nodes have no edges and no anchor role. */
interface World {
  rows: Map<number, number>[];
  anchors: number[];
}

function toRow(row: Map<number, number>): Row {
  const targets = [...row.keys()].sort((a, b) => a - b);
  return { targets: Int32Array.from(targets), weights: Float64Array.from(targets.map((t) => row.get(t)!)) };
}

/** The independent reference: the full power iteration over the same graph. */
function full(world: World, alpha: number): Float64Array {
  return fullResult(world, alpha).trust;
}

function fullResult(world: World, alpha: number) {
  const src: number[] = [];
  const dst: number[] = [];
  const weight: number[] = [];
  world.rows.forEach((row, u) =>
    row.forEach((w, v) => {
      src.push(u);
      dst.push(v);
      weight.push(w);
    }),
  );
  return eigenTrust(
    world.rows.length,
    Int32Array.from(src),
    Int32Array.from(dst),
    Float64Array.from(weight),
    Int32Array.from(world.anchors),
    { alpha, tolerance: 1e-14 },
  );
}

/** A push state over the whole world, from q = 0 and r = p (then x = (I − (1 − a)Pᵀ)⁻¹p exactly). */
function fromScratch(world: World, alpha: number, epsilon: number): LocalPush {
  const danglingQ = 0;
  const state = new LocalPush({ alpha, epsilon }, world.anchors, danglingQ);
  for (let u = 0; u < world.rows.length; u++) state.addNode();
  const k = new Set(world.anchors).size;
  for (let u = 0; u < world.rows.length; u++) {
    state.load(u, 0, world.anchors.includes(u) ? 1 / k : 0);
    state.setRow(u, toRow(world.rows[u]!));
  }
  return state;
}

function maxDiff(state: LocalPush, reference: Float64Array, alpha: number): number {
  let worst = 0;
  for (let u = 0; u < reference.length; u++) {
    worst = Math.max(worst, Math.abs(alpha * state.q(u) - (reference[u] as number)));
  }
  return worst;
}

function l1Error(state: LocalPush, reference: Float64Array, alpha: number): number {
  let total = 0;
  for (let u = 0; u < reference.length; u++) total += Math.abs(alpha * state.q(u) - (reference[u] as number));
  return total;
}

const ALPHA = 0.3;

describe('LocalPush', () => {
  it('solves the 3-node chain of the full engine’s test from q = 0, r = p', () => {
    // Anchor 0 -> 1 -> 2, 2 dangling, a = 0.15: t0 = 0.15 / (1 − 0.85·0.7225), t1 = 0.85·t0, t2 = 0.7225·t0.
    const world: World = { rows: [new Map([[1, 1]]), new Map([[2, 1]]), new Map()], anchors: [0] };
    const state = fromScratch(world, 0.15, 1e-15);
    state.push(1_000_000);
    const t0 = 0.15 / 0.385875;
    expect(0.15 * state.q(0)).toBeCloseTo(t0, 12);
    expect(0.15 * state.q(1)).toBeCloseTo(0.85 * t0, 12);
    expect(0.15 * state.q(2)).toBeCloseTo(0.7225 * t0, 12);
  });

  it('moves trust after a new endorsement by pushing only the residual the change created', () => {
    // Anchor 0 -> 1 (1 dangling) at the fixed point, a = 0.5: x0 = 1 + 0.5·x1, x1 = 0.5·x0 → x0 = 4/3, x1 = 2/3.
    // Now 0 also endorses 2 with the same weight: r gets 0.5·q0·(P'_0 − P_0) = (2/3)·(−1/2 at 1, +1/2 at 2).
    const state = new LocalPush({ alpha: 0.5, epsilon: 1e-15 }, [0], 2 / 3);
    for (let u = 0; u < 3; u++) state.addNode();
    state.load(0, 4 / 3, 0);
    state.load(1, 2 / 3, 0);
    state.load(2, 0, 0);
    state.setRow(0, { targets: Int32Array.of(1), weights: Float64Array.of(1) });
    state.setRow(1, { targets: new Int32Array(0), weights: new Float64Array(0) });
    state.setRow(2, { targets: new Int32Array(0), weights: new Float64Array(0) });
    state.changeRow(0, { targets: Int32Array.of(1, 2), weights: Float64Array.of(1, 1) });
    expect(state.r(1)).toBeCloseTo(-1 / 3, 15);
    expect(state.r(2)).toBeCloseTo(1 / 3, 15);
    state.push(10_000);
    // New fixed point: x0 = 1 + 0.5·(x1 + x2), x1 = x2 = 0.25·x0 → x0 = 4/3, x1 = x2 = 1/3.
    expect(state.q(0)).toBeCloseTo(4 / 3, 12);
    expect(state.q(1)).toBeCloseTo(1 / 3, 12);
    expect(state.q(2)).toBeCloseTo(1 / 3, 12);
  });

  it('matches the full power iteration after random write sequences on random graphs', () => {
    const edge = fc.record({
      u: fc.nat(29),
      v: fc.nat(29),
      w: fc.integer({ min: 1, max: 10 }),
    });
    const write = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), e: edge }),
      fc.record({ kind: fc.constant('drop' as const), e: edge }),
      fc.record({ kind: fc.constant('anchor' as const), u: fc.nat(29) }),
      fc.record({ kind: fc.constant('remove' as const), u: fc.nat(29) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 30 }),
        fc.array(edge, { maxLength: 120 }),
        fc.uniqueArray(fc.nat(29), { minLength: 1, maxLength: 4 }),
        fc.array(write, { minLength: 1, maxLength: 25 }),
        (n, edges, anchorSeeds, writes) => {
          const world: World = {
            rows: Array.from({ length: n }, () => new Map<number, number>()),
            anchors: [...new Set(anchorSeeds.map((a) => a % n))],
          };
          const removed = new Set<number>();
          for (const { u, v, w } of edges) if (u % n !== v % n) world.rows[u % n]!.set(v % n, w / 10);
          const state = fromScratch(world, ALPHA, 1e-13);
          state.push(10_000_000);
          expect(maxDiff(state, full(world, ALPHA), ALPHA)).toBeLessThan(1e-9);
          for (const change of writes) {
            if (change.kind === 'set' || change.kind === 'drop') {
              const u = change.e.u % n;
              const v = change.e.v % n;
              if (u === v || removed.has(u) || removed.has(v)) continue;
              const row = new Map(world.rows[u]!);
              if (change.kind === 'set') row.set(v, change.e.w / 10);
              else row.delete(v);
              world.rows[u] = row;
              state.changeRow(u, toRow(row));
            } else if (change.kind === 'anchor') {
              const u = change.u % n;
              if (removed.has(u)) continue;
              const next = world.anchors.includes(u)
                ? world.anchors.filter((a) => a !== u)
                : [...world.anchors, u];
              world.anchors = next;
              state.changeAnchors(next);
            } else {
              const v = change.u % n;
              if (removed.has(v)) continue;
              // Leaving scoring: no longer an anchor, its own row goes, and nobody's row names it.
              if (world.anchors.includes(v)) {
                world.anchors = world.anchors.filter((a) => a !== v);
                state.changeAnchors(world.anchors);
              }
              state.removeNode(v);
              world.rows[v] = new Map();
              removed.add(v);
              world.rows.forEach((row, u) => {
                if (!row.has(v)) return;
                const without = new Map(row);
                without.delete(v);
                world.rows[u] = without;
                state.changeRow(u, toRow(without));
              });
            }
            state.push(10_000_000);
            const reference = full(world, ALPHA);
            expect(maxDiff(state, reference, ALPHA)).toBeLessThan(1e-9);
            // The bound: the L1 error never exceeds the residual mass left behind.
            const { after } = state.residualChange();
            expect(l1Error(state, reference, ALPHA)).toBeLessThanOrEqual(after + 1e-9);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps ‖t − a·q‖₁ within the residual mass when ε stops the push early', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.nat(39), fc.integer({ min: 1, max: 5 })), {
          minLength: 10,
          maxLength: 200,
        }),
        fc.double({ min: 1e-4, max: 1e-1, noNaN: true }),
        (n, edges, epsilon) => {
          const world: World = { rows: Array.from({ length: n }, () => new Map()), anchors: [0, 1] };
          for (const [u, v, w] of edges) if (u % n !== v % n) world.rows[u % n]!.set(v % n, w);
          const state = fromScratch(world, ALPHA, epsilon);
          state.push(10_000_000);
          const { after } = state.residualChange();
          const reference = fullResult(world, ALPHA);
          expect(l1Error(state, reference.trust, ALPHA)).toBeLessThanOrEqual(after + 1e-12);
          let rmax = 0;
          for (let u = 0; u < n; u++) rmax = Math.max(rmax, Math.abs(state.r(u)));
          expect(rmax).toBeLessThanOrEqual(epsilon);
          // Per node: |t_j − a·q_j| ≤ a·max|r|·reach_j.
          const reach = pushReach(reference);
          for (let j = 0; j < n; j++) {
            const error = Math.abs((reference.trust[j] as number) - ALPHA * state.q(j));
            expect(error).toBeLessThanOrEqual(ALPHA * rmax * (reach[j] as number) + 1e-12);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('stops at maxPushes and waits for nodes that are not loaded', () => {
    const state = new LocalPush({ alpha: 0.5, epsilon: 1e-9 }, [0], 0);
    state.addNode();
    state.addNode();
    state.load(0, 0, 1);
    state.setRow(0, { targets: Int32Array.of(1), weights: Float64Array.of(2) });
    expect(state.needed()).toEqual({ load: [1], row: [] });
    expect(state.push(5)).toBe(1);
    // Node 1 got 0.5 but is not loaded: nothing more to push until it is.
    expect(state.r(1)).toBe(0.5);
    expect(state.pushable()).toBe(false);
    state.load(1, 0, 0);
    expect(state.needed()).toEqual({ load: [], row: [1] });
    state.setRow(1, { targets: new Int32Array(0), weights: new Float64Array(0) });
    expect(state.push(1)).toBe(1);
    // 1 is dangling: its 0.5 went to q1 and 0.25 back to the anchor.
    expect(state.q(1)).toBe(0.5);
    expect(state.r(0)).toBe(0.25);
    expect(state.danglingQ).toBe(0.5);
  });

  it('rejects rows and parameters outside the working set', () => {
    expect(() => new LocalPush({ alpha: 0, epsilon: 1 }, [], 0)).toThrow(RangeError);
    expect(() => new LocalPush({ alpha: 0.3, epsilon: 0 }, [], 0)).toThrow(RangeError);
    const state = new LocalPush({ alpha: 0.3, epsilon: 1e-6 }, [], 0);
    state.addNode();
    expect(() => state.setRow(0, { targets: Int32Array.of(1), weights: Float64Array.of(1) })).toThrow(
      RangeError,
    );
    expect(() => state.setRow(0, { targets: Int32Array.of(0), weights: Float64Array.of(0) })).toThrow(
      RangeError,
    );
    expect(() => state.changeRow(0, { targets: new Int32Array(0), weights: new Float64Array(0) })).toThrow();
  });
});

describe('pushReach', () => {
  it('solves y = 1 + (1 − a)·Pᵀy on a cycle closed by the dangling restart', () => {
    // 0 -> 1 -> 2, 2 dangling restarts at anchor 0: a cycle, so y_j = 1 + 0.5·y_j → 2 each (Σ = n/a = 6).
    const result = eigenTrust(
      3,
      Int32Array.of(0, 1),
      Int32Array.of(1, 2),
      Float64Array.of(1, 1),
      Int32Array.of(0),
      {
        alpha: 0.5,
      },
    );
    const reach = pushReach(result, 1e-13);
    for (let j = 0; j < 3; j++) expect(reach[j]).toBeCloseTo(2, 10);
  });
});

describe('trustErrorPoints', () => {
  it('is 0 for an exact estimate and bounds the NETWORK change over the interval', () => {
    expect(trustErrorPoints(0.01, 0, 0.01)).toBe(0);
    // t = 1 ± 0.1 references: NETWORK 150·(ln 2.1 − ln 1.9)/ln 21 = 4.93…; REPUTATION 120·(0.1/5)/3 = 0.8.
    const expected = (150 * (Math.log(2.1) - Math.log(1.9))) / Math.log(21) + 0.8;
    expect(trustErrorPoints(0.01, 0.001, 0.01)).toBeCloseTo(expected, 10);
  });
});
