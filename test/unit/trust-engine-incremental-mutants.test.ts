// Pins the local-push EigenTrust (incremental.ts) on graphs of two to five nodes with a = 0.5, so every residual is
// an exact binary fraction: its input checks and their messages, the lazily loaded state, which nodes may be
// pushed, the exact number of pushes (the queue's bookkeeping), the residual sums, and pushReach's stopping rule
// on a two-node cycle in closed form. The property tests in trust-incremental.test.ts compare only final trust
// vectors, which the order and number of pushes do not change. Written to kill the mutants StrykerJS found
// surviving (`npm run test:mutation`); every expected value is worked out in the comments.
import { describe, expect, it } from 'vitest';
import {
  eigenTrust,
  LocalPush,
  pushReach,
  trustErrorPoints,
  type Row,
} from '../../src/trust/engine/index.js';

const row = (targets: number[], weights: number[] = targets.map(() => 1)): Row => ({
  targets: Int32Array.from(targets),
  weights: Float64Array.from(weights),
});

/** A state of `size` unloaded nodes. */
function state(size: number, epsilon: number, anchors: number[] = [0], danglingQ = 0): LocalPush {
  const push = new LocalPush({ alpha: 0.5, epsilon }, anchors, danglingQ);
  for (let u = 0; u < size; u++) push.addNode();
  return push;
}

/** Loads u with q and r and gives it its row. */
function ready(
  push: LocalPush,
  u: number,
  q: number,
  r: number,
  targets: number[],
  weights?: number[],
): void {
  push.load(u, q, r);
  push.setRow(u, row(targets, weights));
}

const qs = (push: LocalPush) => Array.from({ length: push.nodeCount }, (_, u) => push.q(u));
const rs = (push: LocalPush) => Array.from({ length: push.nodeCount }, (_, u) => push.r(u));

describe('LocalPush input checks', () => {
  it('takes a in (0, 1] and ε > 0, with their messages', () => {
    expect(() => new LocalPush({ alpha: 0, epsilon: 0.1 }, [], 0)).toThrow('alpha must be in (0, 1], got 0');
    expect(() => new LocalPush({ alpha: 1.5, epsilon: 0.1 }, [], 0)).toThrow(
      'alpha must be in (0, 1], got 1.5',
    );
    // a = 1 is the edge of the range: all trust restarts, none flows along edges.
    expect(new LocalPush({ alpha: 1, epsilon: 0.1 }, [], 0).alpha).toBe(1);
    expect(() => new LocalPush({ alpha: 0.5, epsilon: 0 }, [], 0)).toThrow('epsilon must be > 0, got 0');
    expect(() => new LocalPush({ alpha: 0.5, epsilon: Number.NaN }, [], 0)).toThrow(
      'epsilon must be > 0, got NaN',
    );
  });

  it('counts its nodes and keeps each anchor once', () => {
    const push = new LocalPush({ alpha: 0.5, epsilon: 0.1 }, [1, 1, 0], 0.25);
    expect(push.nodeCount).toBe(0);
    expect(push.anchors).toEqual([1, 0]);
    expect(push.danglingQ).toBe(0.25);
    expect(push.addNode()).toBe(0);
    expect(push.addNode()).toBe(1);
    expect(push.nodeCount).toBe(2);
  });

  it('refuses a node outside 0..size−1, a negative one and a fraction, in every method that takes one', () => {
    const push = state(2, 0.1);
    // Capacity is 16, so node 2 would fit in the arrays: only the check stops it.
    expect(() => push.load(2, 0, 0)).toThrow('node 2 is not in 0..1');
    expect(() => push.load(-1, 0, 0)).toThrow('node -1 is not in 0..1');
    expect(() => push.load(0.5, 0, 0)).toThrow('node 0.5 is not in 0..1');
    expect(() => push.setRow(2, row([]))).toThrow('node 2 is not in 0..1');
    expect(() => push.declareAnchors([0, 2])).toThrow('node 2 is not in 0..1');
    expect(() => push.changeAnchors([-1])).toThrow('node -1 is not in 0..1');
    expect(() => push.changeRow(3, row([]))).toThrow('node 3 is not in 0..1');
    expect(() => push.removeNode(2)).toThrow('node 2 is not in 0..1');
    // Nothing was loaded by the refused calls.
    expect(push.isLoaded(0)).toBe(false);
    expect(push.isLoaded(1)).toBe(false);
  });

  it('loads a node once, with finite q and r', () => {
    const push = state(2, 0.1);
    expect(() => push.load(0, Number.NaN, 0)).toThrow('node 0: q and r must be finite');
    expect(() => push.load(1, 0, Number.POSITIVE_INFINITY)).toThrow('node 1: q and r must be finite');
    expect(push.isLoaded(0)).toBe(false);
    push.load(0, 0.5, -0.25);
    expect(push.isLoaded(0)).toBe(true);
    expect(push.isLoaded(1)).toBe(false);
    expect([push.q(0), push.r(0)]).toEqual([0.5, -0.25]);
    // Loaded values are the stored base, not a change made here.
    expect(push.delta(0)).toEqual({ q: 0, r: 0 });
    expect(() => push.load(0, 0.5, -0.25)).toThrow('node 0 is already loaded');
  });

  it('checks a row: equal lengths, targets in range, weights positive and finite', () => {
    const push = state(3, 0.1);
    expect(() => push.setRow(0, row([1, 2], [1]))).toThrow('row targets and weights differ in length');
    expect(() => push.setRow(0, row([3]))).toThrow('row target 3 is not in 0..2');
    expect(() => push.setRow(0, row([-1]))).toThrow('row target -1 is not in 0..2');
    expect(() => push.setRow(0, row([1], [0]))).toThrow('row weight 0 is not a positive finite number');
    expect(() => push.setRow(0, row([1], [Number.POSITIVE_INFINITY]))).toThrow(
      'row weight Infinity is not a positive finite number',
    );
    expect(push.hasRow(0)).toBe(false);
    // changeRow checks the new row the same way.
    ready(push, 1, 0, 0, [2]);
    expect(() => push.changeRow(1, row([3]))).toThrow('row target 3 is not in 0..2');
  });

  it('changes or removes only a node that is loaded and has its row', () => {
    const push = state(3, 0.1, [2]);
    push.load(0, 0.5, 0); // loaded, no row
    push.setRow(1, row([2])); // row, not loaded
    expect(() => push.changeRow(0, row([2]))).toThrow('changeRow: node 0 needs q and its row');
    expect(() => push.changeRow(1, row([0]))).toThrow('changeRow: node 1 needs q and its row');
    expect(() => push.removeNode(0)).toThrow('removeNode: node 0 needs q and its row');
    expect(() => push.removeNode(1)).toThrow('removeNode: node 1 needs q and its row');
    ready(push, 2, 0, 0, []);
    expect(() => push.removeNode(2)).toThrow('node 2 is an anchor: change the anchors first');
    // None of the refused calls moved a residual.
    expect(rs(push)).toEqual([0, 0, 0]);
  });
});

describe('LocalPush state', () => {
  it('knows no row until one is given, and returns the row it was given', () => {
    const push = state(2, 0.1);
    expect(push.hasRow(0)).toBe(false);
    expect(push.row(0)).toBeUndefined();
    const given = row([1]);
    push.setRow(0, given);
    expect(push.hasRow(0)).toBe(true);
    expect(push.row(0)).toBe(given);
    expect(push.hasRow(1)).toBe(false);
  });

  it('declares anchors without moving q or r, each anchor once', () => {
    const push = state(3, 0.1, [0]);
    ready(push, 0, 1, 0.5, []);
    push.declareAnchors([2, 2, 1]);
    expect(push.anchors).toEqual([2, 1]);
    expect([push.q(0), push.r(0), push.r(1), push.r(2)]).toEqual([1, 0.5, 0, 0]);
  });

  it('lists the nodes it needs: unloaded ones, and loaded ones without a row whose |r| is above ε', () => {
    const push = state(5, 0.25);
    push.load(0, 0, 0.25); // |r| = ε exactly: not above it
    push.load(1, 0, -0.5); // |r| = 0.5 > ε, negative
    push.load(2, 0, 0); // nothing to push
    ready(push, 3, 0, 1, [1]); // has its row
    // node 4 not loaded
    expect(push.needed()).toEqual({ load: [4], row: [1] });
    push.setRow(1, row([0]));
    expect(push.needed()).toEqual({ load: [4], row: [] });
  });

  it('removes a node: its q and r go to 0, what it sent along its row is taken back, nothing reaches it after', () => {
    // 0 → 1 → 2, anchor 0. Node 1 holds q = 1/2, r = 1/4.
    const push = state(3, 0.1, [0]);
    ready(push, 0, 1, 0, [1]);
    ready(push, 1, 0.5, 0.25, [2]);
    ready(push, 2, 0, 0, []);
    push.removeNode(1);
    // Taken back from 2: (1 − a)·q_1 = 0.5·0.5 = 1/4.
    expect(rs(push)).toEqual([0, 0, -0.25]);
    expect(qs(push)).toEqual([1, 0, 0]);
    expect(push.delta(1)).toEqual({ q: -0.5, r: -0.25 });
    expect(push.isRemoved(1)).toBe(true);
    expect(push.isRemoved(0)).toBe(false);
    expect(push.row(1)?.targets.length).toBe(0);
    expect(push.needed()).toEqual({ load: [], row: [] });
    // Then 0's row drops 1 for 2: −(1 − a)·q_0 = −1/2 would go to 1 (removed, so nowhere), +1/2 to 2.
    push.changeRow(0, row([2]));
    expect(rs(push)).toEqual([0, 0, 0.25]);
    expect(push.delta(1)).toEqual({ q: -0.5, r: -0.25 });
  });

  it('sums |r| before and after this working set changed it', () => {
    const push = state(3, 0.1, [0]);
    ready(push, 0, 0, 0.5, [1]);
    push.load(1, 0, -0.25);
    // Before: |0.5| + |−0.25| + 0 (node 2 not loaded) = 0.75; nothing changed yet.
    expect(push.residualChange()).toEqual({ before: 0.75, after: 0.75 });
    push.push(10);
    // Pushing 0 moves 0.5 into q_0 and 0.5·0.5 = 0.25 onto 1: r_1 = 0, after = 0.
    expect(push.residualChange()).toEqual({ before: 0.75, after: 0 });
  });
});

describe('LocalPush.push', () => {
  it('pushes only loaded nodes with a row whose |r| is above ε', () => {
    const push = state(4, 0.25, [0]);
    ready(push, 0, 0, 0.25, [1]); // |r| = ε: stays
    push.load(2, 0, 1); // no row yet
    push.setRow(3, row([0])); // not loaded
    expect(push.pushable()).toBe(false);
    expect(push.push(10)).toBe(0);
    expect(qs(push)).toEqual([0, 0, 0, 0]);
    // Node 1 with r = 1 and a row is pushable; pushing it sends 0.5·1 to 3, which is not loaded and waits.
    ready(push, 1, 0, 1, [3]);
    expect(push.pushable()).toBe(true);
    expect(push.push(10)).toBe(1);
    expect(qs(push)).toEqual([0, 1, 0, 0]);
    expect(rs(push)).toEqual([0.25, 0, 1, 0.5]);
    expect(push.pushable()).toBe(false);
    expect(push.needed()).toEqual({ load: [3], row: [2] });
  });

  it('pushes each node once when the residuals from several pushes meet before its turn', () => {
    // 0 → 2, 1 → 2, 2 → 3 (3 not loaded), ε = 0.2, r_0 = r_1 = 1. Loaded 0, 2, 1 in that order, so the
    // first queue is [0, 1] (2 holds r = 0). Push 0: q_0 = 1, r_2 = 1/2 → queue [0, 1, 2]. Push 1: q_1 = 1,
    // r_2 = 1 (already queued). Push 2: q_2 = 1, r_3 = 1/2. Three pushes.
    const push = state(4, 0.2, [0]);
    ready(push, 0, 0, 1, [2]);
    ready(push, 2, 0, 0, [3]);
    ready(push, 1, 0, 1, [2]);
    expect(push.push(100)).toBe(3);
    expect(push.pushes).toBe(3);
    expect(qs(push)).toEqual([1, 1, 1, 0]);
    expect(rs(push)).toEqual([0, 0, 0, 0.5]);
    expect(push.delta(2)).toEqual({ q: 1, r: 0 });
    expect(push.delta(3)).toEqual({ q: 0, r: 0.5 });
    // Before: |1| + |1| = 2 (3 was never loaded); after: 1/2.
    expect(push.residualChange()).toEqual({ before: 2, after: 0.5 });
    expect(push.push(100)).toBe(0);
    expect(push.pushes).toBe(3);
  });

  it('queues a node when it rises above ε, not when it first receives a residual below it', () => {
    // X = 0 → {V = 3: weight 1, W = 2: weight 3}, Y = 1 → V, W → V, V → S = 4 (not loaded); ε = 0.15,
    // r_X = r_Y = 1, first queue [X, Y].
    // Push X: q_X = 1, V += 0.5·1/4 = 0.125 (≤ ε, not queued), W += 0.5·3/4 = 0.375 → queue [X, Y, W].
    // Push Y: q_Y = 1, V += 0.5 → 0.625 → queue [X, Y, W, V].
    // Push W: q_W = 0.375, V += 0.1875 → 0.8125 (queued already).
    // Push V: q_V = 0.8125, S += 0.40625. Four pushes (V pushed before W would take a fifth for W's 0.1875).
    const push = state(5, 0.15, [0]);
    ready(push, 0, 0, 1, [3, 2], [1, 3]);
    ready(push, 1, 0, 1, [3]);
    ready(push, 2, 0, 0, [3]);
    ready(push, 3, 0, 0, [4]);
    expect(push.push(100)).toBe(4);
    expect(qs(push)).toEqual([1, 1, 0.375, 0.8125, 0]);
    expect(rs(push)).toEqual([0, 0, 0, 0, 0.40625]);
  });

  it('skips a queued node whose residual was cancelled before its turn', () => {
    // 0 → 2, 1 → 2, 2 → 3 (not loaded), ε = 0.25, r_0 = 1, r_1 = −1. Push 0: r_2 = 1/2 → queued.
    // Push 1 (|−1| > ε): q_1 = −1, r_2 = 1/2 − 1/2 = 0. Node 2 is then skipped: two pushes.
    const push = state(4, 0.25, [0]);
    ready(push, 0, 0, 1, [2]);
    ready(push, 1, 0, -1, [2]);
    ready(push, 2, 0, 0, [3]);
    expect(push.push(100)).toBe(2);
    expect(qs(push)).toEqual([1, -1, 0, 0]);
    expect(rs(push)).toEqual([0, 0, 0, 0]);
  });

  it('stops at maxPushes and starts the next push where it stopped', () => {
    // 0 → 2, 1 → 2 (2 not loaded), r_0 = r_1 = 1, ε = 0.25.
    const push = state(3, 0.25, [0]);
    ready(push, 0, 0, 1, [2]);
    ready(push, 1, 0, 1, [2]);
    expect(push.push(1)).toBe(1);
    expect(qs(push)).toEqual([1, 0, 0]);
    expect(push.pushable()).toBe(true);
    expect(push.push(1)).toBe(1);
    expect(qs(push)).toEqual([1, 1, 0]);
    expect(rs(push)).toEqual([0, 0, 1]);
    expect(push.push(5)).toBe(0);
    expect(push.pushes).toBe(2);
  });
});

describe('pushReach', () => {
  // Two-node cycle 0 ⇄ 1 with a = 0.5, no dangling node: y_k = 1 + 0.5·y_{k−1} from y_0 = 1, so y_k = 2 − 2^−k
  // on both nodes and the summed change of iteration k is 2·2^−k = 2^(1−k): 1, 1/2, 1/4, 1/8, 1/16 …
  const cycle = () =>
    eigenTrust(2, Int32Array.of(0, 1), Int32Array.of(1, 0), Float64Array.of(1, 1), Int32Array.of(0), {
      alpha: 0.5,
    });

  it('does at most maxIterations iterations', () => {
    expect(Array.from(pushReach(cycle(), 1e-9, 0))).toEqual([1, 1]);
    expect(Array.from(pushReach(cycle(), 1e-9, 1))).toEqual([1.5, 1.5]);
    expect(Array.from(pushReach(cycle(), 1e-9, 2))).toEqual([1.75, 1.75]);
  });

  it('stops at the first iteration whose summed change is strictly below tolerance·n', () => {
    // tolerance 1/4, n = 2: the bar is 1/2. Iteration 2 changes by exactly 1/2 (not below), iteration 3 by 1/4:
    // stop with y_3 = 2 − 1/8.
    expect(Array.from(pushReach(cycle(), 0.25))).toEqual([1.875, 1.875]);
  });
});

describe('trustErrorPoints', () => {
  it('costs nothing without a positive bound, whatever the trust or reference', () => {
    // Nothing left to push: the reference is not even needed (0 would be refused by relativeTrust).
    expect(trustErrorPoints(0.01, 0, 0)).toBe(0);
    expect(trustErrorPoints(0.01, -0.001, 0.01)).toBe(0);
    expect(trustErrorPoints(0.01, Number.NaN, 0.01)).toBe(0);
  });
});
