import { buildCsr, type Csr } from './csr.js';

/**
 * EigenTrust / personalised PageRank with restart to the pre-trusted anchors:
 *
 *   t = (1 − a)·Cᵀt + a·p
 *
 * C is the row-normalised local trust (c_ij = w_ij / Σ_k w_ik), so endorsing 100 accounts
 * splits one's weight 100 ways instead of multiplying it; p is uniform over the anchors; the
 * mass of accounts that trust nobody (dangling) goes back to p. t sums to 1.
 */
/**
 * Restart probability. A region that only trusts itself (a sybil ring) keeps the trust that
 * flows in until a restart: it holds inflow/a in total, so a = 0.3 halves what a = 0.15 lets
 * it accumulate from the same attack edges (docs/trust-model.md).
 */
export const EIGENTRUST_ALPHA = 0.3;
export const EIGENTRUST_TOLERANCE = 1e-10;
const DEFAULT_MAX_ITERATIONS = 10_000;

export interface EigenTrustOptions {
  /** Restart probability a. */
  alpha?: number;
  /** Stop when the L1 change of t in one iteration is below this. */
  tolerance?: number;
  maxIterations?: number;
  /** How to merge duplicate ordered pairs: total weight (default) or the strongest statement. */
  duplicates?: 'sum' | 'max';
}

export interface EigenTrustResult {
  /** t_j for every node; sums to 1 (0 everywhere when there are no anchors). */
  trust: Float64Array;
  iterations: number;
  alpha: number;
  /** Total trust of nodes without out-edges at the fixed point (it restarts at p). */
  danglingMass: number;
  /** p_j: 1/k for each of the k distinct anchors, 0 otherwise. */
  restart: Float64Array;
  /** The positive local-trust graph; inWeight holds normalised c_ij. */
  csr: Csr;
}

/**
 * Runs EigenTrust. Edges with weight ≤ 0 and self-loops are ignored (distrust is not
 * propagated); duplicate ordered pairs are summed (the total weight i places on j) unless
 * options.duplicates is 'max'.
 * With no anchors nobody is pre-trusted, so all trust is 0.
 */
export function eigenTrust(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array,
  anchors: Int32Array,
  options: EigenTrustOptions = {},
): EigenTrustResult {
  const alpha = options.alpha ?? EIGENTRUST_ALPHA;
  const tolerance = options.tolerance ?? EIGENTRUST_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);

  const graph = buildCsr(n, src, dst, weight, {
    duplicates: options.duplicates ?? 'sum',
    positiveOnly: true,
  });
  const { outStart, outWeight, inStart, inSource, inOutPosition } = graph;

  // Normalise each row; the in-edge copy gets c_ij so the iteration reads it directly.
  const rowTotal = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let total = 0;
    for (let p = outStart[u] as number; p < (outStart[u + 1] as number); p++) total += outWeight[p] as number;
    rowTotal[u] = total;
  }
  const normalised = graph.inWeight;
  for (let q = 0; q < graph.edgeCount; q++) {
    const p = inOutPosition[q] as number;
    normalised[q] = (outWeight[p] as number) / (rowTotal[inSource[q] as number] as number);
  }

  const restart = new Float64Array(n);
  const anchorSet: number[] = [];
  for (const anchor of anchors) {
    if (anchor < 0 || anchor >= n) throw new RangeError(`anchor ${anchor} is outside 0..${n - 1}`);
    if (restart[anchor] === 0) {
      restart[anchor] = 1;
      anchorSet.push(anchor);
    }
  }
  const trust = new Float64Array(n);
  if (anchorSet.length === 0) return { trust, iterations: 0, alpha, danglingMass: 0, restart, csr: graph };
  for (const anchor of anchorSet) restart[anchor] = 1 / anchorSet.length;

  const isDangling = new Uint8Array(n);
  for (let u = 0; u < n; u++) if (outStart[u] === outStart[u + 1]) isDangling[u] = 1;

  trust.set(restart);
  const next = new Float64Array(n);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    let iterationDangling = 0;
    for (let u = 0; u < n; u++) if (isDangling[u] === 1) iterationDangling += trust[u] as number;
    const restartMass = alpha + (1 - alpha) * iterationDangling;
    let change = 0;
    for (let v = 0; v < n; v++) {
      let inflow = 0;
      const end = inStart[v + 1] as number;
      for (let q = inStart[v] as number; q < end; q++) {
        inflow += (normalised[q] as number) * (trust[inSource[q] as number] as number);
      }
      const value = (1 - alpha) * inflow + restartMass * (restart[v] as number);
      change += Math.abs(value - (trust[v] as number));
      next[v] = value;
    }
    trust.set(next);
    if (change < tolerance) break;
  }
  let danglingMass = 0;
  for (let u = 0; u < n; u++) if (isDangling[u] === 1) danglingMass += trust[u] as number;
  return { trust, iterations, alpha, danglingMass, restart, csr: graph };
}

/** One term of t_j: an in-neighbour's share, or (contributor null) the restart to the anchors. */
export interface NetworkShare {
  /** Index of the in-neighbour i, or null for the restart term (a + (1 − a)·dangling)·p_j. */
  contributor: number | null;
  /** Fraction of t_j; the shares of one node sum to 1. */
  share: number;
}

/**
 * Decomposes t_j = (1 − a)·Σ_i c_ij·t_i + (a + (1 − a)·dangling)·p_j into shares, in order of
 * in-neighbour index, the restart term last. The shares are divided by their own sum (equal to
 * t_j up to the tolerance) so they add up to 1. A node with t_j = 0 has no shares.
 */
export function networkShares(result: EigenTrustResult, j: number): NetworkShare[] {
  const { trust, alpha, danglingMass, restart, csr } = result;
  const terms: NetworkShare[] = [];
  let total = 0;
  for (let q = csr.inStart[j] as number; q < (csr.inStart[j + 1] as number); q++) {
    const value = (1 - alpha) * (csr.inWeight[q] as number) * (trust[csr.inSource[q] as number] as number);
    if (value > 0) {
      terms.push({ contributor: csr.inSource[q] as number, share: value });
      total += value;
    }
  }
  const restartValue = (alpha + (1 - alpha) * danglingMass) * (restart[j] as number);
  if (restartValue > 0) {
    terms.push({ contributor: null, share: restartValue });
    total += restartValue;
  }
  if (total === 0) return [];
  for (const term of terms) term.share /= total;
  return terms;
}
