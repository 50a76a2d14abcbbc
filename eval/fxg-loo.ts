import { FairnessGoodnessSolver, FXG_PAPER_TOLERANCE } from '../src/trust/engine/index.js';
import type { SignedNetwork } from './data.js';

export interface LeaveOneOutResult {
  edges: number;
  fxg: { rmse: number; pcc: number };
  goodnessOnly: { rmse: number; pcc: number };
  meanIterations: number;
  warmVersusCold: { sampled: number; maxAbsDifference: number; meanAbsDifference: number };
  seconds: number;
}

export function rmseAndPcc(predicted: Float64Array, actual: Float64Array): { rmse: number; pcc: number } {
  const count = predicted.length;
  let squared = 0;
  let meanPredicted = 0;
  let meanActual = 0;
  for (let i = 0; i < count; i++) {
    squared += ((predicted[i] as number) - (actual[i] as number)) ** 2;
    meanPredicted += predicted[i] as number;
    meanActual += actual[i] as number;
  }
  meanPredicted /= count;
  meanActual /= count;
  let covariance = 0;
  let variancePredicted = 0;
  let varianceActual = 0;
  for (let i = 0; i < count; i++) {
    const a = (predicted[i] as number) - meanPredicted;
    const b = (actual[i] as number) - meanActual;
    covariance += a * b;
    variancePredicted += a * a;
    varianceActual += b * b;
  }
  return {
    rmse: Math.sqrt(squared / count),
    pcc: covariance / Math.sqrt(variancePredicted * varianceActual),
  };
}

/**
 * Leave-one-out edge-weight prediction (Kumar et al. 2016): for every edge (u, v), remove it,
 * recompute FxG (tolerance 0.001 as in the paper) and predict w = f(u)·g(v) on the [−1, 1]
 * scale. Each run starts from the full-graph fixed point instead of f = g = 1: removing one
 * edge moves the fixed point only slightly, so a few iterations suffice. A sample of edges is
 * also solved from a cold start to check that the two agree.
 */
export function leaveOneOut(data: SignedNetwork, coldSample = 300): LeaveOneOutResult {
  const started = performance.now();
  const weight = data.rating.map((rating) => rating / 10);
  const solver = new FairnessGoodnessSolver(data.userCount, data.src, data.dst, weight);
  const { csr } = solver;
  const full = solver.solve({ tolerance: 1e-12 });
  const warmStart = { fairness: full.fairness.slice(), goodness: full.goodness.slice() };
  const scratch = { fairness: new Float64Array(data.userCount), goodness: new Float64Array(data.userCount) };

  const sourceOf = new Int32Array(csr.edgeCount);
  for (let u = 0; u < data.userCount; u++) {
    for (let p = csr.outStart[u] as number; p < (csr.outStart[u + 1] as number); p++) sourceOf[p] = u;
  }
  const actual = new Float64Array(csr.edgeCount);
  const predictedFxg = new Float64Array(csr.edgeCount);
  const predictedGoodness = new Float64Array(csr.edgeCount);
  let iterations = 0;
  for (let p = 0; p < csr.edgeCount; p++) {
    const u = sourceOf[p] as number;
    const v = csr.outTarget[p] as number;
    const result = solver.solve({
      excludedPosition: p,
      warmStart,
      into: scratch,
      tolerance: FXG_PAPER_TOLERANCE,
    });
    iterations += result.iterations;
    actual[p] = csr.outWeight[p] as number;
    predictedFxg[p] = (scratch.fairness[u] as number) * (scratch.goodness[v] as number);
    predictedGoodness[p] = scratch.goodness[v] as number;
  }

  // Cold starts (f = g = 1, the paper's procedure) on evenly spaced edges.
  const step = Math.max(1, Math.floor(csr.edgeCount / coldSample));
  let sampled = 0;
  let maxDifference = 0;
  let totalDifference = 0;
  for (let p = 0; p < csr.edgeCount; p += step) {
    const result = solver.solve({ excludedPosition: p, into: scratch, tolerance: FXG_PAPER_TOLERANCE });
    void result;
    const cold =
      (scratch.fairness[sourceOf[p] as number] as number) *
      (scratch.goodness[csr.outTarget[p] as number] as number);
    const difference = Math.abs(cold - (predictedFxg[p] as number));
    maxDifference = Math.max(maxDifference, difference);
    totalDifference += difference;
    sampled++;
  }

  return {
    edges: csr.edgeCount,
    fxg: rmseAndPcc(predictedFxg, actual),
    goodnessOnly: rmseAndPcc(predictedGoodness, actual),
    meanIterations: iterations / csr.edgeCount,
    warmVersusCold: {
      sampled,
      maxAbsDifference: maxDifference,
      meanAbsDifference: totalDifference / sampled,
    },
    seconds: (performance.now() - started) / 1000,
  };
}
