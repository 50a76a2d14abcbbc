// Pins the graph algorithms of the trust engine (CSR, EigenTrust, FxG) on graphs small enough to
// iterate by hand: exact iteration counts, stopping rules, validation errors and boundaries.
// Written to kill the mutants StrykerJS found surviving (`npm run test:mutation`).
import { describe, expect, it } from 'vitest';
import {
  buildCsr,
  EIGENTRUST_ALPHA,
  EIGENTRUST_TOLERANCE,
  eigenTrust,
  fairnessGoodness,
  FairnessGoodnessSolver,
  FXG_PAPER_TOLERANCE,
  networkShares,
} from '../../src/trust/engine/index.js';

const i32 = (values: number[]) => Int32Array.from(values);
const f64 = (values: number[]) => Float64Array.from(values);
const list = (values: ArrayLike<number>) => Array.from(values);

describe('buildCsr', () => {
  // Input edges (index: u -> v weight): 0: 2->0 0.5, 1: 0->2 0.3, 2: 0->1 0.2, 3: 0->2 0.4 (same pair
  // as 1), 4: 1->1 1 (self-loop), 5: 1->0 −0.5. Ordered by (source, target), ties in input order:
  // 0->1 (e2), 0->2 (e1, e3), 1->0 (e5), 2->0 (e0).
  const src = i32([2, 0, 0, 0, 1, 1]);
  const dst = i32([0, 2, 1, 2, 1, 0]);
  const weight = f64([0.5, 0.3, 0.2, 0.4, 1, -0.5]);

  it('orders out-edges by (source, target), keeps the last duplicate and drops self-loops', () => {
    const csr = buildCsr(3, src, dst, weight, { duplicates: 'last' });
    expect(csr.nodeCount).toBe(3);
    expect(csr.edgeCount).toBe(4);
    expect(list(csr.outStart)).toEqual([0, 2, 3, 4]);
    expect(list(csr.outTarget)).toEqual([1, 2, 0, 0]);
    expect(list(csr.outWeight)).toEqual([0.2, 0.4, -0.5, 0.5]);
    expect(list(csr.outInputIndex)).toEqual([2, 3, 5, 0]);
    // In-rows sorted by source: node 0 from 1 (position 2) and 2 (position 3); node 1 from 0; node 2 from 0.
    expect(list(csr.inStart)).toEqual([0, 2, 3, 4]);
    expect(list(csr.inSource)).toEqual([1, 2, 0, 0]);
    expect(list(csr.inWeight)).toEqual([-0.5, 0.5, 0.2, 0.4]);
    expect(list(csr.inOutPosition)).toEqual([2, 3, 0, 1]);
  });

  it('sums duplicates (keeping the first input index) or keeps the larger one', () => {
    const summed = buildCsr(3, src, dst, weight, { duplicates: 'sum' });
    expect(summed.outWeight[1]).toBeCloseTo(0.7, 15);
    expect(summed.outInputIndex[1]).toBe(1);
    expect(summed.inWeight[3]).toBeCloseTo(0.7, 15);

    const max = buildCsr(3, src, dst, weight, { duplicates: 'max' });
    expect(max.outWeight[1]).toBe(0.4);
    expect(max.outInputIndex[1]).toBe(3);
    // The larger statement first: 'max' keeps it and its input index, 'last' takes the later one.
    const first = buildCsr(2, i32([0, 0]), i32([1, 1]), f64([0.9, 0.1]), { duplicates: 'max' });
    expect(list(first.outWeight)).toEqual([0.9]);
    expect(list(first.outInputIndex)).toEqual([0]);
    // Equal statements: 'max' keeps the first one's input index.
    const equal = buildCsr(2, i32([0, 0]), i32([1, 1]), f64([0.5, 0.5]), { duplicates: 'max' });
    expect(list(equal.outInputIndex)).toEqual([0]);
    const last = buildCsr(2, i32([0, 0]), i32([1, 1]), f64([0.9, 0.1]), { duplicates: 'last' });
    expect(list(last.outWeight)).toEqual([0.1]);
    expect(list(last.outInputIndex)).toEqual([1]);
  });

  it('keeps non-positive weights unless positiveOnly, which drops zero and negative ones', () => {
    const withZero = f64([0.5, 0.3, 0.2, 0, 1, -0.5]);
    const all = buildCsr(3, src, dst, withZero, { duplicates: 'last' });
    expect(list(all.outWeight)).toEqual([0.2, 0, -0.5, 0.5]);
    const positive = buildCsr(3, src, dst, withZero, { duplicates: 'last', positiveOnly: true });
    // 0->2 keeps 0.3 (its later duplicate of weight 0 is dropped), 1->0 (−0.5) is dropped.
    expect(positive.edgeCount).toBe(3);
    expect(list(positive.outStart)).toEqual([0, 2, 2, 3]);
    expect(list(positive.outTarget)).toEqual([1, 2, 0]);
    expect(list(positive.outWeight)).toEqual([0.2, 0.3, 0.5]);
    expect(list(positive.outInputIndex)).toEqual([2, 1, 0]);
    expect(list(positive.inStart)).toEqual([0, 1, 2, 3]);
    expect(list(positive.inSource)).toEqual([2, 0, 0]);
  });

  it('separates pairs with the same target but another source, and the same source but another target', () => {
    // 1->2 then 0->2 then 0->1: a duplicate check on the target alone (or the source alone) would merge them.
    const csr = buildCsr(3, i32([1, 0, 0]), i32([2, 2, 1]), f64([1, 2, 3]), { duplicates: 'sum' });
    expect(csr.edgeCount).toBe(3);
    expect(list(csr.outStart)).toEqual([0, 2, 3, 3]);
    expect(list(csr.outTarget)).toEqual([1, 2, 2]);
    expect(list(csr.outWeight)).toEqual([3, 2, 1]);
    expect(list(csr.inStart)).toEqual([0, 0, 1, 3]);
    expect(list(csr.inSource)).toEqual([0, 0, 1]);
    expect(list(csr.inOutPosition)).toEqual([0, 1, 2]);
  });

  it('builds an empty graph and a graph of isolated nodes', () => {
    const empty = buildCsr(0, i32([]), i32([]), f64([]), { duplicates: 'last' });
    expect(empty.edgeCount).toBe(0);
    expect(list(empty.outStart)).toEqual([0]);
    expect(list(empty.inStart)).toEqual([0]);
    const isolated = buildCsr(2, i32([]), i32([]), f64([]), { duplicates: 'sum' });
    expect(list(isolated.outStart)).toEqual([0, 0, 0]);
    expect(list(isolated.inStart)).toEqual([0, 0, 0]);
  });

  it('rejects a bad node count, arrays of different lengths, nodes out of range and non-finite weights', () => {
    const build = (n: number, s: number[], d: number[], w: number[]) =>
      buildCsr(n, i32(s), i32(d), f64(w), { duplicates: 'last' });
    expect(() => build(1.5, [], [], [])).toThrow('node count must be a non-negative integer, got 1.5');
    expect(() => build(-1, [], [], [])).toThrow('node count must be a non-negative integer, got -1');
    expect(() => build(2, [0], [], [1])).toThrow('edge arrays differ in length: 1, 0, 1');
    expect(() => build(2, [0], [1], [])).toThrow('edge arrays differ in length: 1, 1, 0');
    expect(() => build(2, [0, 1], [1, 2], [1, 1])).toThrow('edge 1 (1 -> 2) is outside 0..1');
    expect(() => build(2, [2], [1], [1])).toThrow('edge 0 (2 -> 1) is outside 0..1');
    expect(() => build(2, [-1], [1], [1])).toThrow(RangeError);
    expect(() => build(2, [0], [-1], [1])).toThrow('edge 0 (0 -> -1) is outside 0..1');
    expect(() => build(2, [0], [1], [Number.NaN])).toThrow('edge 0 has a non-finite weight');
    expect(() => build(2, [0], [1], [Infinity])).toThrow(RangeError);
    // The highest node index is allowed.
    expect(build(2, [1], [0], [1]).edgeCount).toBe(1);
  });
});

describe('eigenTrust iteration', () => {
  // Two nodes that trust each other, anchor 0, a = 0.5, starting from t = p = (1, 0):
  //   t0' = 0.5·t1 + 0.5, t1' = 0.5·t0.
  // Iterates (0.5, 0.5), (0.75, 0.25), (0.625, 0.375), (0.6875, 0.3125), (0.65625, 0.34375), …
  // with L1 changes 1, 0.5, 0.25, 0.125, 0.0625 (all exact in binary); the fixed point is (2/3, 1/3).
  const pair = (options: { tolerance?: number; maxIterations?: number }) =>
    eigenTrust(2, i32([0, 1]), i32([1, 0]), f64([1, 1]), i32([0]), { alpha: 0.5, ...options });

  it('stops at the first iteration whose change is strictly below the tolerance', () => {
    expect(pair({ tolerance: 0.1 }).iterations).toBe(5);
    // A change equal to the tolerance does not stop it: 0.125 at iteration 4, stop at 5.
    const equal = pair({ tolerance: 0.125 });
    expect(equal.iterations).toBe(5);
    expect(list(equal.trust)).toEqual([0.65625, 0.34375]);
  });

  it('stops after maxIterations with the iterate reached', () => {
    const capped = pair({ tolerance: 1e-12, maxIterations: 3 });
    expect(capped.iterations).toBe(3);
    expect(list(capped.trust)).toEqual([0.625, 0.375]);
    const one = pair({ tolerance: 1e-12, maxIterations: 1 });
    expect(one.iterations).toBe(1);
    expect(list(one.trust)).toEqual([0.5, 0.5]);
  });

  it('converges to the fixed point with the default tolerance, and no node is dangling', () => {
    const result = pair({});
    expect(result.trust[0]).toBeCloseTo(2 / 3, 9);
    expect(result.trust[1]).toBeCloseTo(1 / 3, 9);
    // The change halves every iteration: 2^−(k−1) < 1e-10 first at k = 35.
    expect(result.iterations).toBe(35);
    expect(result.danglingMass).toBe(0);
    expect(result.alpha).toBe(0.5);
  });

  it('uses a = 0.3 and tolerance 1e-10 by default', () => {
    expect(EIGENTRUST_ALPHA).toBe(0.3);
    expect(EIGENTRUST_TOLERANCE).toBe(1e-10);
    // Same pair with a = 0.3: t0' = 0.7·t1 + 0.3, t1' = 0.7·t0 ⇒ t0 = 0.3/(1 − 0.49) = 0.3/0.51.
    const result = eigenTrust(2, i32([0, 1]), i32([1, 0]), f64([1, 1]), i32([0]));
    expect(result.alpha).toBe(0.3);
    expect(result.trust[0]).toBeCloseTo(0.3 / 0.51, 9);
    expect(result.trust[1]).toBeCloseTo((0.7 * 0.3) / 0.51, 9);
    // Errors shrink by 0.7 per iteration: far fewer than 10,000, and more than 50 to get below 1e-10.
    expect(result.iterations).toBeGreaterThan(50);
    expect(result.iterations).toBeLessThan(100);
    // The first change is 2·0.7 = 1.4, each later one ×0.7: 1.4·0.7^(k−1) < 1e-10 first at k = 67.
    expect(result.iterations).toBe(67);
  });

  it('returns the restart mass of a dangling node to the anchors', () => {
    // 0 -> 1, anchor 0, a = 0.5, node 1 dangling: (1, 0) → (0.5, 0.5) → (0.75, 0.25) → …
    // fixed point t0 = 0.5 + 0.5·t1, t1 = 0.5·t0 ⇒ (2/3, 1/3), dangling mass 1/3.
    const result = eigenTrust(2, i32([0]), i32([1]), f64([1]), i32([0]), { alpha: 0.5, tolerance: 1e-13 });
    expect(result.trust[0]).toBeCloseTo(2 / 3, 12);
    expect(result.trust[1]).toBeCloseTo(1 / 3, 12);
    expect(result.danglingMass).toBeCloseTo(1 / 3, 12);
    const two = eigenTrust(2, i32([0]), i32([1]), f64([1]), i32([0]), { alpha: 0.5, maxIterations: 2 });
    expect(list(two.trust)).toEqual([0.75, 0.25]);
    expect(two.danglingMass).toBe(0.25);
    // A lone anchor keeps everything: one iteration, no change.
    const lone = eigenTrust(1, i32([]), i32([]), f64([]), i32([0]));
    expect(list(lone.trust)).toEqual([1]);
    expect(lone.iterations).toBe(1);
    expect(lone.danglingMass).toBe(1);
  });

  it('normalises each row and stores c_ij in the in-edges', () => {
    // 0 -> 1 weight 3, 0 -> 2 weight 1, 1 -> 2 weight 2: c01 = 0.75, c02 = 0.25, c12 = 1.
    const result = eigenTrust(3, i32([0, 0, 1]), i32([1, 2, 2]), f64([3, 1, 2]), i32([0]), {
      alpha: 0.5,
      maxIterations: 1,
    });
    expect(list(result.csr.inWeight)).toEqual([0.75, 0.25, 1]);
    // One step from (1, 0, 0): t1 = 0.5·0.75, t2 = 0.5·0.25, t0 = restart 0.5 (no dangling mass yet).
    expect(list(result.trust)).toEqual([0.5, 0.375, 0.125]);
  });

  it('sums duplicate statements by default and keeps the strongest with duplicates: max', () => {
    // 0 -> 1 twice with 0.2, 0 -> 2 with 0.3. Sum: c01 = 0.4/0.7; max: c01 = 0.2/0.5.
    const args = [3, i32([0, 0, 0]), i32([1, 1, 2]), f64([0.2, 0.2, 0.3]), i32([0])] as const;
    const summed = eigenTrust(...args, { maxIterations: 1 });
    expect(summed.csr.inWeight[0]).toBeCloseTo(0.4 / 0.7, 15);
    const max = eigenTrust(...args, { maxIterations: 1, duplicates: 'max' });
    expect(max.csr.inWeight[0]).toBeCloseTo(0.4, 15);
  });

  it('splits the restart uniformly over distinct anchors and gives nothing without anchors', () => {
    const result = eigenTrust(3, i32([]), i32([]), f64([]), i32([2, 0, 2]), { maxIterations: 1 });
    expect(list(result.restart)).toEqual([0.5, 0, 0.5]);
    expect(list(result.trust)).toEqual([0.5, 0, 0.5]);
    const none = eigenTrust(2, i32([0]), i32([1]), f64([1]), i32([]));
    expect(list(none.trust)).toEqual([0, 0]);
    expect(list(none.restart)).toEqual([0, 0]);
    expect(none.iterations).toBe(0);
    expect(none.danglingMass).toBe(0);
    expect(none.alpha).toBe(EIGENTRUST_ALPHA);
    expect(none.csr.edgeCount).toBe(1);
  });

  it('rejects a restart probability outside (0, 1] and anchors outside the graph', () => {
    const run = (alpha: number, anchors: number[] = [0]) =>
      eigenTrust(2, i32([0]), i32([1]), f64([1]), i32(anchors), { alpha });
    expect(() => run(0)).toThrow('alpha must be in (0, 1], got 0');
    expect(() => run(1.5)).toThrow('alpha must be in (0, 1], got 1.5');
    expect(() => run(Number.NaN)).toThrow(RangeError);
    // a = 1: everything restarts, t = p.
    expect(list(run(1).trust)).toEqual([1, 0]);
    expect(() => run(0.5, [2])).toThrow('anchor 2 is outside 0..1');
    expect(() => run(0.5, [-1])).toThrow('anchor -1 is outside 0..1');
    expect(run(0.5, [1]).trust[1]).toBeGreaterThan(0);
  });
});

describe('networkShares', () => {
  it('splits t_j into in-neighbour shares by index and the restart term last', () => {
    // The mutual pair with a = 0.5 at its fixed point (2/3, 1/3):
    //   t0 = 0.5·t1 + 0.5 = 1/6 + 1/2 → node 1's share 1/4, restart 3/4; t1 = 0.5·t0, all from node 0.
    const result = eigenTrust(2, i32([0, 1]), i32([1, 0]), f64([1, 1]), i32([0]), {
      alpha: 0.5,
      tolerance: 1e-14,
    });
    const shares0 = networkShares(result, 0);
    expect(shares0.map((share) => share.contributor)).toEqual([1, null]);
    expect(shares0[0]!.share).toBeCloseTo(0.25, 12);
    expect(shares0[1]!.share).toBeCloseTo(0.75, 12);
    expect(networkShares(result, 1)).toEqual([{ contributor: 0, share: 1 }]);
  });

  it('counts the dangling mass in the restart term and leaves out zero terms', () => {
    // Anchors 0 and 2; 0 -> 1 -> 2 with 1 -> 0 as well (c10 = c12 = 1/2), a = 0.5.
    // Node 2 is dangling. At the fixed point the restart term of node 2 is (a + (1 − a)·t2)·p2 and
    // its in-neighbour term is (1 − a)·t1/2; both shares are divided by their sum t2.
    const result = eigenTrust(3, i32([0, 1, 1]), i32([1, 0, 2]), f64([1, 1, 1]), i32([0, 2]), {
      alpha: 0.5,
      tolerance: 1e-14,
    });
    const [t0, t1, t2] = list(result.trust) as [number, number, number];
    // Independent check of the fixed point: t1 = 0.5·t0, t0 = 0.25·t1 + r/2, t2 = 0.25·t1 + r/2,
    // r = 0.5 + 0.5·t2 ⇒ t0 = t2, t1 = 0.5·t0, t0 + t1 + t2 = 1 ⇒ t0 = t2 = 0.4, t1 = 0.2.
    expect(t0).toBeCloseTo(0.4, 12);
    expect(t1).toBeCloseTo(0.2, 12);
    expect(t2).toBeCloseTo(0.4, 12);
    expect(result.danglingMass).toBeCloseTo(0.4, 12);
    const shares2 = networkShares(result, 2);
    expect(shares2.map((share) => share.contributor)).toEqual([1, null]);
    // In-neighbour term 0.5·0.5·0.2 = 0.05, restart (0.5 + 0.5·0.4)·0.5 = 0.35: shares 0.125 and 0.875.
    expect(shares2[0]!.share).toBeCloseTo(0.125, 12);
    expect(shares2[1]!.share).toBeCloseTo(0.875, 12);
    // Node 1 gets everything from node 0; it is not an anchor, so no restart term.
    expect(networkShares(result, 1)).toEqual([{ contributor: 0, share: 1 }]);
  });

  it('gives no shares to a node without trust, and none from in-neighbours without trust', () => {
    // Anchor 0 -> 1; node 2 -> 1 but node 2 has no trust, so it is no contributor of node 1.
    const result = eigenTrust(3, i32([0, 2]), i32([1, 1]), f64([1, 1]), i32([0]), { alpha: 0.5 });
    expect(networkShares(result, 2)).toEqual([]);
    expect(networkShares(result, 1)).toEqual([{ contributor: 0, share: 1 }]);
  });
});

describe('FxG iteration', () => {
  // 0 -> 2 weight 1 and 1 -> 2 weight 0, from f = g = 1:
  //   iteration 1: g2 = (1 + 0)/2 = 0.5, g0 = g1 = 0; f0 = 1 − 0.5/2 = 0.75, f1 = 1 − 0.5/2 = 0.75
  //   iteration 2: g2 = 0.75/2 = 0.375; f0 = 1 − 0.625/2 = 0.6875, f1 = 1 − 0.375/2 = 0.8125
  //   iteration 3: g2 = 0.34375; f0 = 0.671875, f1 = 0.828125
  // Σ|Δg| = 2.5, 0.125, 0.03125, 0.0078125 and Σ|Δf| = 0.5, 0.125, 0.03125, 0.0078125;
  // fixed point g2 = 1/3, f0 = 2/3, f1 = 5/6.
  const solve = (tolerance: number, maxIterations?: number) =>
    fairnessGoodness(3, i32([0, 1]), i32([2, 2]), f64([1, 0]), { tolerance, maxIterations });

  it('follows the hand-computed iterates', () => {
    const one = solve(1e-12, 1);
    expect(one.iterations).toBe(1);
    expect(list(one.goodness)).toEqual([0, 0, 0.5]);
    expect(list(one.fairness)).toEqual([0.75, 0.75, 1]);
    const two = solve(1e-12, 2);
    expect(list(two.goodness)).toEqual([0, 0, 0.375]);
    expect(list(two.fairness)).toEqual([0.6875, 0.8125, 1]);
    const three = solve(1e-12, 3);
    expect(list(three.goodness)).toEqual([0, 0, 0.34375]);
    expect(list(three.fairness)).toEqual([0.671875, 0.828125, 1]);
  });

  it('stops when both changes are strictly below the tolerance', () => {
    // Both changes are 0.03125 at iteration 3: equal is not below, so it stops at 4.
    expect(solve(0.03125).iterations).toBe(4);
    expect(solve(0.04).iterations).toBe(3);
    const converged = solve(1e-12);
    expect(converged.goodness[2]).toBeCloseTo(1 / 3, 10);
    expect(converged.fairness[0]).toBeCloseTo(2 / 3, 10);
    expect(converged.fairness[1]).toBeCloseTo(5 / 6, 10);
  });

  it('does not stop while goodness still changes even if fairness does not', () => {
    // 0 -> 1 weight 0.5: iteration 1 moves g (Σ|Δg| = 0.5 + 1 = 1.5) but not f (both stay 1);
    // iteration 2 changes nothing. A rule stopping on either change alone would stop at 1.
    const result = fairnessGoodness(2, i32([0]), i32([1]), f64([0.5]));
    expect(result.iterations).toBe(2);
    expect(list(result.goodness)).toEqual([0, 0.5]);
    expect(list(result.fairness)).toEqual([1, 1]);
  });

  it('does not stop while fairness still changes even if goodness does not', () => {
    // 0 -> 1 weight 1 and 2 -> 1 weight −1: g1 = 0 from the first iteration on and stays there
    // (f0 = f2), so from iteration 2 Σ|Δg| = 0; f0 = f2 = 1 − 1/2 = 0.5 move at iteration 1 only.
    // Start from g = (0, 0, 0) and f = (1, 1, 1) (warm start): Σ|Δg| = 0 at iteration 1 while Σ|Δf| = 1.
    const solver = new FairnessGoodnessSolver(3, i32([0, 2]), i32([1, 1]), f64([1, -1]));
    const result = solver.solve({
      warmStart: { fairness: f64([1, 1, 1]), goodness: f64([0, 0, 0]) },
    });
    expect(result.iterations).toBe(2);
    expect(list(result.fairness)).toEqual([0.5, 1, 0.5]);
    expect(list(result.goodness)).toEqual([0, 0, 0]);
  });

  it('uses the paper tolerance 0.001 by default', () => {
    expect(FXG_PAPER_TOLERANCE).toBe(0.001);
    // Changes 0.0078125 at iteration 4, 0.001953125 at 5, 0.00048828125 at 6: it stops at 6.
    const result = fairnessGoodness(3, i32([0, 1]), i32([2, 2]), f64([1, 0]));
    expect(result.iterations).toBe(6);
  });

  it('leaves one edge out, starts warm and writes into the given arrays', () => {
    const solver = new FairnessGoodnessSolver(3, i32([0, 1]), i32([2, 2]), f64([1, 0]));
    const position = solver.positionOf(0, 2);
    expect(position).toBe(0);
    // Without 0 -> 2: g2 = 0 (only 1 -> 2 with weight 0), f0 = 1 (no rating counted), f1 = 1.
    const without = solver.solve({ excludedPosition: position, tolerance: 1e-12 });
    expect(list(without.goodness)).toEqual([0, 0, 0]);
    expect(list(without.fairness)).toEqual([1, 1, 1]);
    expect(without.iterations).toBe(2);

    // Without 1 -> 2 (position 1): g2 = f0·1 = 1 and f0 = 1 from the first iteration on; f1 = 1 (no rating counted).
    const withoutSecond = solver.solve({ excludedPosition: 1, tolerance: 1e-12 });
    expect(list(withoutSecond.goodness)).toEqual([0, 0, 1]);
    expect(list(withoutSecond.fairness)).toEqual([1, 1, 1]);

    const fairness = new Float64Array(3);
    const goodness = new Float64Array(3);
    const warm = { fairness: f64([0.75, 0.75, 1]), goodness: f64([0, 0, 0.5]) };
    const into = solver.solve({ warmStart: warm, into: { fairness, goodness }, maxIterations: 1 });
    expect(into.fairness).toBe(fairness);
    expect(into.goodness).toBe(goodness);
    // One iteration from the first iterate is the second iterate; the warm start is not modified.
    expect(list(goodness)).toEqual([0, 0, 0.375]);
    expect(list(fairness)).toEqual([0.6875, 0.8125, 1]);
    expect(list(warm.goodness)).toEqual([0, 0, 0.5]);
    // Without a warm start the given arrays are reset to f = g = 1 first.
    const reused = solver.solve({ into: { fairness, goodness }, maxIterations: 1 });
    expect(list(reused.goodness)).toEqual([0, 0, 0.5]);
    expect(list(reused.fairness)).toEqual([0.75, 0.75, 1]);
  });

  it('finds edges by binary search over a sorted out-row', () => {
    // Node 0 rates 1, 3, 5 and 6; node 2 rates 0; node 4 rates nobody.
    const solver = new FairnessGoodnessSolver(
      7,
      i32([0, 0, 0, 2, 0]),
      i32([5, 1, 3, 0, 6]),
      f64([1, 1, 1, 1, 1]),
    );
    expect([1, 3, 5, 6].map((v) => solver.positionOf(0, v))).toEqual([0, 1, 2, 3]);
    expect([0, 2, 4].map((v) => solver.positionOf(0, v))).toEqual([-1, -1, -1]);
    expect(solver.positionOf(2, 0)).toBe(4);
    expect(solver.positionOf(2, 1)).toBe(-1);
    expect(solver.positionOf(4, 0)).toBe(-1);
    expect(solver.positionOf(6, 0)).toBe(-1);
    // A target past the end of the row, present in the next row, is not the row's.
    const two = new FairnessGoodnessSolver(9, i32([0, 0, 1]), i32([1, 3, 8]), f64([1, 1, 1]));
    expect(two.positionOf(0, 8)).toBe(-1);
    expect(two.positionOf(1, 8)).toBe(2);
    expect(two.positionOf(1, 3)).toBe(-1);
  });

  it('keeps the last of duplicate ratings and rejects weights outside [−1, 1]', () => {
    // 0 rates 1 first 1, then −1: only −1 counts, so g1 = −1 and f0 = 1.
    const result = fairnessGoodness(2, i32([0, 0]), i32([1, 1]), f64([1, -1]));
    expect(list(result.goodness)).toEqual([0, -1]);
    expect(list(result.fairness)).toEqual([1, 1]);
    expect(() => fairnessGoodness(2, i32([0]), i32([1]), f64([1.01]))).toThrow(
      'FxG weight 1.01 of edge 0 is outside [-1, 1]',
    );
    expect(() => fairnessGoodness(2, i32([0, 1]), i32([1, 0]), f64([1, -1.5]))).toThrow(
      'FxG weight -1.5 of edge 1 is outside [-1, 1]',
    );
    expect(() => fairnessGoodness(2, i32([0]), i32([1]), f64([Number.NaN]))).toThrow(RangeError);
    expect(list(fairnessGoodness(2, i32([0, 1]), i32([1, 0]), f64([1, -1])).goodness)).toEqual([-1, 1]);
  });
});
