import { buildCsr, type Csr } from './csr.js';

/**
 * Fairness–Goodness (FxG) of Kumar, Spezzano, Subrahmanian and Faloutsos, "Edge Weight
 * Prediction in Weighted Signed Networks", ICDM 2016:
 *
 *   g(v) = mean over in-edges (u, v) of f(u)·w(u, v)
 *   f(u) = 1 − mean over out-edges (u, v) of |w(u, v) − g(v)| / 2
 *
 * starting from f = g = 1 and stopping when Σ|Δf| and Σ|Δg| are both below the tolerance.
 * Weights are in [−1, 1] (the caller divides a −10..10 rating by 10). A node without in-edges
 * has g = 0 and a node without out-edges has f = 1, as in the authors' released code.
 */
export interface FairnessGoodnessOptions {
  /** Stop when the total absolute change of f and of g are both below this (paper: 0.001). */
  tolerance?: number;
  maxIterations?: number;
}

export interface FairnessGoodnessResult {
  fairness: Float64Array;
  goodness: Float64Array;
  iterations: number;
}

export const FXG_PAPER_TOLERANCE = 1e-3;
const DEFAULT_MAX_ITERATIONS = 10_000;

export interface SolveOptions extends FairnessGoodnessOptions {
  /** Out-position (Csr.outTarget index) of an edge to leave out, or −1; used for leave-one-out. */
  excludedPosition?: number;
  /** Start from these values instead of f = g = 1 (copied, not modified). */
  warmStart?: { fairness: Float64Array; goodness: Float64Array };
  /** Write the result into these arrays instead of allocating new ones. */
  into?: { fairness: Float64Array; goodness: Float64Array };
}

/**
 * A reusable solver over one graph: the CSR is built once, and each solve can leave one edge
 * out and start from a previous fixed point, which is what the leave-one-out evaluation needs.
 */
export class FairnessGoodnessSolver {
  readonly csr: Csr;

  /** Duplicate ordered pairs keep the last one given (the caller's current rating). */
  constructor(n: number, src: Int32Array, dst: Int32Array, weight: Float64Array) {
    for (let e = 0; e < weight.length; e++) {
      const w = weight[e] as number;
      if (!(w >= -1 && w <= 1)) throw new RangeError(`FxG weight ${w} of edge ${e} is outside [-1, 1]`);
    }
    this.csr = buildCsr(n, src, dst, weight, { duplicates: 'last' });
  }

  solve(options: SolveOptions = {}): FairnessGoodnessResult {
    const {
      nodeCount: n,
      outStart,
      outTarget,
      outWeight,
      inStart,
      inSource,
      inWeight,
      inOutPosition,
    } = this.csr;
    const tolerance = options.tolerance ?? FXG_PAPER_TOLERANCE;
    const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
    const excluded = options.excludedPosition ?? -1;
    const fairness = options.into?.fairness ?? new Float64Array(n);
    const goodness = options.into?.goodness ?? new Float64Array(n);
    if (options.warmStart !== undefined) {
      fairness.set(options.warmStart.fairness);
      goodness.set(options.warmStart.goodness);
    } else {
      fairness.fill(1);
      goodness.fill(1);
    }

    let iterations = 0;
    while (iterations < maxIterations) {
      iterations++;
      // Goodness from the current fairness (every g uses the same f: order does not matter).
      let goodnessChange = 0;
      for (let v = 0; v < n; v++) {
        let sum = 0;
        let count = 0;
        const end = inStart[v + 1] as number;
        for (let q = inStart[v] as number; q < end; q++) {
          if (inOutPosition[q] === excluded) continue;
          sum += (fairness[inSource[q] as number] as number) * (inWeight[q] as number);
          count++;
        }
        const next = count === 0 ? 0 : sum / count;
        goodnessChange += Math.abs(next - (goodness[v] as number));
        goodness[v] = next;
      }
      // Fairness from the new goodness.
      let fairnessChange = 0;
      for (let u = 0; u < n; u++) {
        let error = 0;
        let count = 0;
        const end = outStart[u + 1] as number;
        for (let p = outStart[u] as number; p < end; p++) {
          if (p === excluded) continue;
          error += Math.abs((outWeight[p] as number) - (goodness[outTarget[p] as number] as number));
          count++;
        }
        const next = count === 0 ? 1 : 1 - error / (2 * count);
        fairnessChange += Math.abs(next - (fairness[u] as number));
        fairness[u] = next;
      }
      if (goodnessChange < tolerance && fairnessChange < tolerance) break;
    }
    return { fairness, goodness, iterations };
  }

  /** Out-position of the edge u → v, or −1 when there is none. */
  positionOf(u: number, v: number): number {
    const { outStart, outTarget } = this.csr;
    let low = outStart[u] as number;
    let high = (outStart[u + 1] as number) - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const target = outTarget[middle] as number;
      if (target === v) return middle;
      if (target < v) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

/** FxG on n nodes and the signed edges src[e] → dst[e] with weight[e] in [−1, 1]. */
export function fairnessGoodness(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array,
  options: FairnessGoodnessOptions = {},
): FairnessGoodnessResult {
  return new FairnessGoodnessSolver(n, src, dst, weight).solve(options);
}
