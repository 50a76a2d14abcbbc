import type { Csr } from './csr.js';
import { DIMENSION_WEIGHTS, REPUTATION_PRIOR_STRENGTH, SCORE_MAX, SCORE_MIN } from './model.js';
import { networkPoints, raterStanding } from './network-scale.js';

/**
 * Incremental EigenTrust by local push (dynamic personalised PageRank: Zhang, Lofgren & Goel, "Approximate
 * personalized PageRank on dynamic graphs", KDD 2016), over the same system eigentrust.ts solves in full:
 *
 *   t = (1 − a)·Pᵀt + a·p
 *
 * where row u of P is u's normalised positive local trust, or p itself when u trusts nobody (dangling mass
 * restarts at the anchors). With x = t / a the state is an estimate q and a residual r per node, and the
 * invariant
 *
 *   x = q + (I − (1 − a)Pᵀ)⁻¹·r
 *
 * holds after every operation (exactly, up to rounding). Pushing node u moves r_u into q_u and (1 − a)·r_u onto
 * u's row; a change of u's row adds (1 − a)·q_u·(P'_u − P_u) to the residuals (the KDD 2016 update), a change of
 * the anchors adds (1 + (1 − a)·D)·(p' − p) with D the estimate mass on dangling nodes. Both touch only the rows
 * involved, and the push then spreads the change only as far as it is larger than ε, so the cost of a write grows
 * with what changed, not with the graph.
 *
 * Error: a·(I − (1 − a)Pᵀ)⁻¹ is column-stochastic, so ‖t − a·q‖₁ ≤ Σ_u |r_u| (= R); every node's estimate is
 * within R of the full computation's fixed point.
 *
 * Nodes are local indices 0..size−1 of the caller's working set (a database write loads only the nodes it
 * touches). A node is `loaded` once the caller has supplied its stored q and r; before that it only collects
 * residual deltas. Pushing needs the node loaded and its row known.
 */

export interface PushOptions {
  /** Restart probability a (EIGENTRUST_ALPHA in the model). */
  alpha: number;
  /** Residuals at or below this (in x units, x = t / a) are left in place. */
  epsilon: number;
}

/** A node's positive local trust: targets (local indices) and weights > 0, not normalised. */
export interface Row {
  targets: Int32Array;
  weights: Float64Array;
}

const EMPTY_ROW: Row = { targets: new Int32Array(0), weights: new Float64Array(0) };

export class LocalPush {
  readonly alpha: number;
  readonly epsilon: number;
  private size = 0;
  /** Stored values as loaded (0 until loaded), and the change this working set made to them. */
  private baseQ = new Float64Array(16);
  private baseR = new Float64Array(16);
  private deltaQ = new Float64Array(16);
  private deltaR = new Float64Array(16);
  private loadedFlags = new Uint8Array(16);
  private removedFlags = new Uint8Array(16);
  private rows: (Row | undefined)[] = [];
  private anchorList: number[];
  /** Σ q over dangling nodes (graph-wide, maintained by the caller across writes). */
  danglingQ: number;
  /** Pushes done so far. */
  pushes = 0;

  constructor(options: PushOptions, anchors: readonly number[], danglingQ: number) {
    if (!(options.alpha > 0 && options.alpha <= 1))
      throw new RangeError(`alpha must be in (0, 1], got ${options.alpha}`);
    if (!(options.epsilon > 0)) throw new RangeError(`epsilon must be > 0, got ${options.epsilon}`);
    this.alpha = options.alpha;
    this.epsilon = options.epsilon;
    this.anchorList = [...new Set(anchors)];
    this.danglingQ = danglingQ;
  }

  get nodeCount(): number {
    return this.size;
  }

  get anchors(): readonly number[] {
    return this.anchorList;
  }

  /** Adds a node of the working set (unloaded); returns its local index. */
  addNode(): number {
    if (this.size === this.baseQ.length) this.grow(this.size * 2);
    this.rows.push(undefined);
    return this.size++;
  }

  private grow(capacity: number): void {
    const widen = <T extends Float64Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.baseQ = widen(this.baseQ, (n) => new Float64Array(n));
    this.baseR = widen(this.baseR, (n) => new Float64Array(n));
    this.deltaQ = widen(this.deltaQ, (n) => new Float64Array(n));
    this.deltaR = widen(this.deltaR, (n) => new Float64Array(n));
    this.loadedFlags = widen(this.loadedFlags, (n) => new Uint8Array(n));
    this.removedFlags = widen(this.removedFlags, (n) => new Uint8Array(n));
  }

  private check(u: number): void {
    if (!Number.isInteger(u) || u < 0 || u >= this.size)
      throw new RangeError(`node ${u} is not in 0..${this.size - 1}`);
  }

  /** Supplies a node's stored estimate and residual (its deltas so far are kept on top). */
  load(u: number, q: number, r: number): void {
    this.check(u);
    if (this.loadedFlags[u] === 1) throw new Error(`node ${u} is already loaded`);
    if (!Number.isFinite(q) || !Number.isFinite(r)) throw new RangeError(`node ${u}: q and r must be finite`);
    this.baseQ[u] = q;
    this.baseR[u] = r;
    this.loadedFlags[u] = 1;
    this.touched.push(u);
  }

  isLoaded(u: number): boolean {
    return this.loadedFlags[u] === 1;
  }

  /** Supplies the row the state currently reflects for u (as stored). */
  setRow(u: number, row: Row): void {
    this.check(u);
    this.rows[u] = validRow(row, this.size);
    this.touched.push(u);
  }

  hasRow(u: number): boolean {
    return this.rows[u] !== undefined;
  }

  q(u: number): number {
    return (this.baseQ[u] as number) + (this.deltaQ[u] as number);
  }

  r(u: number): number {
    return (this.baseR[u] as number) + (this.deltaR[u] as number);
  }

  /** The change of (q, r) made here, to add to the stored values. */
  delta(u: number): { q: number; r: number } {
    return { q: this.deltaQ[u] as number, r: this.deltaR[u] as number };
  }

  row(u: number): Row | undefined {
    return this.rows[u];
  }

  isRemoved(u: number): boolean {
    return this.removedFlags[u] === 1;
  }

  /** Nodes whose residual changed since the last push: it starts from them, so its cost follows the change. */
  // Stryker disable next-line ArrayDeclaration: push reads touched only through isPushable, which is false for a non-index entry
  private touched: number[] = [];

  private addResidual(v: number, amount: number): void {
    if (this.removedFlags[v] === 1) return;
    this.deltaR[v] = (this.deltaR[v] as number) + amount;
    this.touched.push(v);
  }

  /** Adds scale·(distribution of row) to the residuals: the row normalised, or p when it is empty. */
  private spread(row: Row, scale: number): void {
    if (row.targets.length === 0) {
      const k = this.anchorList.length;
      for (const anchor of this.anchorList) this.addResidual(anchor, scale / k);
      return;
    }
    let total = 0;
    for (let i = 0; i < row.weights.length; i++) total += row.weights[i] as number;
    // Stryker disable next-line EqualityOperator: one step past the end adds NaN to deltaR['undefined'], a property no reader sees
    for (let i = 0; i < row.targets.length; i++) {
      this.addResidual(row.targets[i] as number, (scale * (row.weights[i] as number)) / total);
    }
  }

  private requireLoadedWithRow(u: number, what: string): Row {
    this.check(u);
    const row = this.rows[u];
    if (this.loadedFlags[u] !== 1 || row === undefined)
      throw new Error(`${what}: node ${u} needs q and its row`);
    return row;
  }

  /** u's local trust changed to newRow (endorsement, rating, a target joining or leaving scoring). */
  changeRow(u: number, newRow: Row): void {
    const oldRow = this.requireLoadedWithRow(u, 'changeRow');
    const next = validRow(newRow, this.size);
    const scale = (1 - this.alpha) * this.q(u);
    this.spread(oldRow, -scale);
    this.spread(next, scale);
    if (oldRow.targets.length === 0) this.danglingQ -= this.q(u);
    if (next.targets.length === 0) this.danglingQ += this.q(u);
    this.rows[u] = next;
  }

  /** Sets the anchors the stored state already reflects (nothing changes in q or r). */
  declareAnchors(anchors: readonly number[]): void {
    for (const anchor of anchors) this.check(anchor);
    this.anchorList = [...new Set(anchors)];
  }

  /**
   * The anchors changed. Dangling rows are p, so they change with it: r += (1 + (1 − a)·D)·(p' − p).
   */
  changeAnchors(newAnchors: readonly number[]): void {
    for (const anchor of newAnchors) this.check(anchor);
    const next = [...new Set(newAnchors)];
    const scale = 1 + (1 - this.alpha) * this.danglingQ;
    for (const anchor of this.anchorList) this.addResidual(anchor, -scale / this.anchorList.length);
    for (const anchor of next) this.addResidual(anchor, scale / next.length);
    this.anchorList = next;
  }

  /**
   * Removes v from the graph (it leaves scoring): what its estimate sent along its row is taken back, and it
   * holds nothing afterwards. Its in-neighbours' rows must be changed separately (changeRow), and an anchor
   * removed from the anchors first.
   */
  removeNode(v: number): void {
    const row = this.requireLoadedWithRow(v, 'removeNode');
    if (this.anchorList.includes(v)) throw new Error(`node ${v} is an anchor: change the anchors first`);
    this.spread(row, -(1 - this.alpha) * this.q(v));
    if (row.targets.length === 0) this.danglingQ -= this.q(v);
    this.deltaQ[v] = -(this.baseQ[v] as number);
    this.deltaR[v] = -(this.baseR[v] as number);
    this.removedFlags[v] = 1;
    this.rows[v] = EMPTY_ROW;
  }

  /** Nodes whose residual is above ε but that are not loaded yet, or have no row yet. */
  needed(): { load: number[]; row: number[] } {
    const load: number[] = [];
    const row: number[] = [];
    for (let u = 0; u < this.size; u++) {
      // Stryker disable next-line ConditionalExpression: a removed node is loaded and has the empty row, so neither list takes it anyway
      if (this.removedFlags[u] === 1) continue;
      if (this.loadedFlags[u] !== 1) load.push(u);
      else if (this.rows[u] === undefined && Math.abs(this.r(u)) > this.epsilon) row.push(u);
    }
    return { load, row };
  }

  /** Whether some loaded node with a row has |r| > ε. */
  pushable(): boolean {
    // Stryker disable next-line EqualityOperator: one step past the end tests an unloaded slot (or undefined past capacity): not pushable
    for (let u = 0; u < this.size; u++) {
      if (this.isPushable(u)) return true;
    }
    return false;
  }

  private isPushable(u: number): boolean {
    return (
      this.loadedFlags[u] === 1 &&
      // Stryker disable next-line ConditionalExpression: a removed node's r is held at 0 (deltaR = −baseR, addResidual skips it), so the ε test fails anyway
      this.removedFlags[u] !== 1 &&
      this.rows[u] !== undefined &&
      Math.abs(this.r(u)) > this.epsilon
    );
  }

  /**
   * Pushes every node that is pushable now, repeatedly, until none is or maxPushes is reached; nodes that are
   * not loaded (or lack a row) wait for the caller. Returns the pushes done.
   */
  push(maxPushes: number): number {
    // Stryker disable next-line ArrayDeclaration: a non-index entry is popped, found not pushable and skipped without counting
    const queue: number[] = [];
    const queued = new Set<number>();
    // Loading a node or its row can make it pushable without a residual change: those are in `touched` too.
    for (const u of this.touched) {
      if (!queued.has(u) && this.isPushable(u)) {
        queue.push(u);
        queued.add(u);
      }
    }
    // Stryker disable next-line ArrayDeclaration: a non-index entry in touched is never pushable, so it is never queued
    this.touched = [];
    let done = 0;
    let head = 0;
    // Stryker disable next-line EqualityOperator: one step past the end pops undefined, which is not pushable and is skipped
    while (head < queue.length && done < maxPushes) {
      const u = queue[head++] as number;
      queued.delete(u);
      if (!this.isPushable(u)) continue;
      const residual = this.r(u);
      const row = this.rows[u] as Row;
      this.deltaQ[u] = (this.deltaQ[u] as number) + residual;
      this.deltaR[u] = (this.deltaR[u] as number) - residual;
      if (row.targets.length === 0) this.danglingQ += residual;
      this.spread(row, (1 - this.alpha) * residual);
      done++;
      for (const v of this.touched) {
        if (!queued.has(v) && this.isPushable(v)) {
          queue.push(v);
          queued.add(v);
        }
      }
      // Stryker disable next-line ArrayDeclaration: a non-index entry in touched is never pushable, so it is never queued
      this.touched = [];
    }
    // What is left above ε (a cap reached, or waiting to be loaded) is where the next push starts.
    // Stryker disable next-line EqualityOperator: one step past the end adds undefined to touched, which is never pushable
    for (let k = head; k < queue.length; k++) this.touched.push(queue[k] as number);
    this.pushes += done;
    return done;
  }

  /** Σ_u |r_u| over the working set, and what it was before this working set changed it. */
  residualChange(): { before: number; after: number } {
    let before = 0;
    let after = 0;
    for (let u = 0; u < this.size; u++) {
      before += Math.abs(this.baseR[u] as number);
      after += Math.abs(this.r(u));
    }
    return { before, after };
  }
}

function validRow(row: Row, size: number): Row {
  if (row.targets.length !== row.weights.length)
    throw new RangeError('row targets and weights differ in length');
  for (let i = 0; i < row.targets.length; i++) {
    const v = row.targets[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= size)
      throw new RangeError(`row target ${v} is not in 0..${size - 1}`);
    if (!((row.weights[i] as number) > 0) || !Number.isFinite(row.weights[i]))
      throw new RangeError(`row weight ${row.weights[i]} is not a positive finite number`);
  }
  return row;
}

/**
 * Worst-case points a score can be off when every node's trust is only known within ±bound (bound ≥ R bounds
 * the L1 error of the whole vector, so it bounds each node's too, and the sum over anyone's raters), with trust
 * measured against `reference` (network-scale.ts):
 * - NETWORK: the change of networkPoints over [t − bound, t + bound];
 * - REPUTATION: signal = Σ s_i·f_i·w_i / (prior + Σ s_i) with standings s_i = min(1, t_i/reference/5), so moving
 *   the standings by Σ|Δs_i| moves the value (1 + signal)/2 by at most Σ|Δs_i|/prior, and Σ|Δs_i| is at most
 *   the standing of a rater holding the whole bound.
 */
export function trustErrorPoints(trust: number, bound: number, reference: number): number {
  if (!(bound > 0)) return 0;
  const network =
    networkPoints(trust + bound, reference) - networkPoints(Math.max(0, trust - bound), reference);
  const reputationUnit = (SCORE_MAX - SCORE_MIN) * DIMENSION_WEIGHTS.REPUTATION;
  const reputation =
    reputationUnit * Math.min(1, raterStanding(bound, reference) / REPUTATION_PRIOR_STRENGTH);
  return network + reputation;
}

/**
 * Each node's reach y_j = Σ_u ((I − (1 − a)Pᵀ)⁻¹)_{ju}, the sum of column j's influence over every node's
 * residual, for the graph of a full computation: y = 1 + (1 − a)·Pᵀy with dangling rows p. It bounds a push
 * state's error per node: |x_j − q_j| ≤ max_u |r_u| · y_j. Σ_j y_j = n/a.
 */
export function pushReach(
  network: { alpha: number; restart: Float64Array; csr: Csr },
  tolerance = 1e-9,
  maxIterations = 10_000,
): Float64Array {
  const { alpha, restart, csr } = network;
  const n = csr.nodeCount;
  const { inStart, inSource, inWeight, outStart } = csr;
  let y = new Float64Array(n).fill(1);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    // Stryker disable next-line EqualityOperator: one step past the end compares outStart[n] with undefined: never dangling
    for (let u = 0; u < n; u++) if (outStart[u] === outStart[u + 1]) dangling += y[u] as number;
    let change = 0;
    for (let v = 0; v < n; v++) {
      let inflow = 0;
      for (let q = inStart[v] as number; q < (inStart[v + 1] as number); q++) {
        inflow += (inWeight[q] as number) * (y[inSource[q] as number] as number);
      }
      const value = 1 + (1 - alpha) * (inflow + dangling * (restart[v] as number));
      change += Math.abs(value - (y[v] as number));
      next[v] = value;
    }
    [y, next] = [next, y];
    if (change < tolerance * n) break;
  }
  return y;
}
