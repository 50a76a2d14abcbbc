/**
 * Compressed sparse row (CSR) adjacency for a weighted directed graph over nodes 0..n-1,
 * indexed both by source (out-edges) and by target (in-edges). Built once per graph so the
 * iterative algorithms run over flat typed arrays without allocating per iteration.
 */
export interface Csr {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Out-edges of u are positions outStart[u] .. outStart[u+1]-1, sorted by target. */
  readonly outStart: Int32Array;
  readonly outTarget: Int32Array;
  readonly outWeight: Float64Array;
  /** Index in the caller's input arrays of the edge kept at each out-position (the last duplicate for 'last'). */
  readonly outInputIndex: Int32Array;
  /** In-edges of v are positions inStart[v] .. inStart[v+1]-1, sorted by source. */
  readonly inStart: Int32Array;
  readonly inSource: Int32Array;
  readonly inWeight: Float64Array;
  /** Out-position of the same edge, so an edge can be identified (e.g. left out) from either side. */
  readonly inOutPosition: Int32Array;
}

/** What to do when the same ordered pair (u, v) appears more than once. */
export type DuplicatePolicy = 'last' | 'sum' | 'max';

export interface CsrOptions {
  duplicates: DuplicatePolicy;
  /** Drop edges whose weight is not > 0 (local trust only takes positive statements). */
  positiveOnly?: boolean;
}

export function validateEdges(n: number, src: Int32Array, dst: Int32Array, weight: Float64Array): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`node count must be a non-negative integer, got ${n}`);
  if (src.length !== dst.length || src.length !== weight.length) {
    throw new RangeError(`edge arrays differ in length: ${src.length}, ${dst.length}, ${weight.length}`);
  }
  for (let e = 0; e < src.length; e++) {
    const u = src[e] as number;
    const v = dst[e] as number;
    if (u < 0 || u >= n || v < 0 || v >= n)
      throw new RangeError(`edge ${e} (${u} -> ${v}) is outside 0..${n - 1}`);
    if (!Number.isFinite(weight[e])) throw new RangeError(`edge ${e} has a non-finite weight`);
  }
}

/**
 * Builds the CSR with two stable counting sorts (by target, then by source), so edges end up
 * ordered by (source, target) with ties in input order; duplicates are then merged by policy.
 * Self-loops are dropped: nobody rates or vouches for themselves.
 */
export function buildCsr(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array,
  options: CsrOptions,
): Csr {
  validateEdges(n, src, dst, weight);
  const inputCount = src.length;

  // Pass 1: stable order by target.
  const byTarget = new Int32Array(inputCount);
  const count = new Int32Array(n + 1);
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let e = 0; e < inputCount; e++) count[(dst[e] as number) + 1]!++;
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
  // Stryker disable next-line MethodExpression: sharing count as the cursor is harmless, count is refilled before its next use
  const cursor = count.slice(0, n);
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let e = 0; e < inputCount; e++) byTarget[cursor[dst[e] as number]!++] = e;

  // Pass 2: stable order by source, keeping the target order within each source.
  const bySource = new Int32Array(inputCount);
  count.fill(0);
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let e = 0; e < inputCount; e++) count[(src[e] as number) + 1]!++;
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let u = 0; u < n; u++) count[u + 1]! += count[u]!;
  cursor.set(count.subarray(0, n));
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let k = 0; k < inputCount; k++) {
    const e = byTarget[k] as number;
    bySource[cursor[src[e] as number]!++] = e;
  }

  // Merge duplicates and drop self-loops (and non-positive weights when asked).
  const outStart = new Int32Array(n + 1);
  const keptTarget = new Int32Array(inputCount);
  const keptWeight = new Float64Array(inputCount);
  const keptInput = new Int32Array(inputCount);
  let kept = 0;
  // Stryker disable next-line UnaryOperator: before the first kept edge the duplicate test fails on keptTarget[-1] anyway
  let lastSource = -1;
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let k = 0; k < inputCount; k++) {
    const e = bySource[k] as number;
    const u = src[e] as number;
    const v = dst[e] as number;
    const w = weight[e] as number;
    if (u === v) continue;
    if (options.positiveOnly === true && !(w > 0)) continue;
    const previous = kept - 1;
    if (lastSource === u && keptTarget[previous] === v) {
      if (options.duplicates === 'last') {
        keptWeight[previous] = w;
        keptInput[previous] = e;
      } else if (options.duplicates === 'sum') {
        keptWeight[previous] = (keptWeight[previous] as number) + w;
      } else if (w > (keptWeight[previous] as number)) {
        keptWeight[previous] = w;
        keptInput[previous] = e;
      }
      continue;
    }
    keptTarget[kept] = v;
    keptWeight[kept] = w;
    keptInput[kept] = e;
    outStart[u + 1]!++;
    lastSource = u;
    kept++;
  }
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let u = 0; u < n; u++) outStart[u + 1]! += outStart[u]!;

  const outTarget = keptTarget.slice(0, kept);
  const outWeight = keptWeight.slice(0, kept);
  const outInputIndex = keptInput.slice(0, kept);

  // In-edge index: walking sources in order makes each in-row sorted by source.
  const inStart = new Int32Array(n + 1);
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let p = 0; p < kept; p++) inStart[(outTarget[p] as number) + 1]!++;
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const inCursor = inStart.slice(0, n);
  const inSource = new Int32Array(kept);
  const inWeight = new Float64Array(kept);
  const inOutPosition = new Int32Array(kept);
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined and writes out of bounds, which typed arrays ignore
  for (let u = 0; u < n; u++) {
    for (let p = outStart[u] as number; p < (outStart[u + 1] as number); p++) {
      const q = inCursor[outTarget[p] as number]!++;
      inSource[q] = u;
      inWeight[q] = outWeight[p] as number;
      inOutPosition[q] = p;
    }
  }

  return {
    nodeCount: n,
    edgeCount: kept,
    outStart,
    outTarget,
    outWeight,
    outInputIndex,
    inStart,
    inSource,
    inWeight,
    inOutPosition,
  };
}
