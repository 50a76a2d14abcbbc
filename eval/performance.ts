import {
  eigenTrust,
  fairnessGoodness,
  FXG_PAPER_TOLERANCE,
  SCORE_FXG_TOLERANCE,
} from '../src/trust/engine/index.js';
import { seededRandom } from './data.js';

export interface PerformanceResult {
  nodes: number;
  edges: number;
  fxgPaperToleranceSeconds: number;
  fxgPaperToleranceIterations: number;
  fxgScoreToleranceSeconds: number;
  fxgScoreToleranceIterations: number;
  eigenTrustSeconds: number;
  eigenTrustIterations: number;
}

/** A seeded random graph with preferential-ish targets (squared uniform), 90% positive weights. */
export function measurePerformance(nodes = 100_000, edges = 1_000_000): PerformanceResult {
  const random = seededRandom(7);
  const src = new Int32Array(edges);
  const dst = new Int32Array(edges);
  const weight = new Float64Array(edges);
  for (let e = 0; e < edges; e++) {
    src[e] = Math.floor(random() * nodes);
    dst[e] = Math.floor(random() ** 2 * nodes);
    const magnitude = Math.ceil(random() * 10) / 10;
    weight[e] = random() < 0.9 ? magnitude : -magnitude;
  }
  const anchors = Int32Array.from({ length: 20 }, (_, index) => index);
  let started = performance.now();
  const paper = fairnessGoodness(nodes, src, dst, weight, { tolerance: FXG_PAPER_TOLERANCE });
  const fxgPaperToleranceSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const tight = fairnessGoodness(nodes, src, dst, weight, { tolerance: SCORE_FXG_TOLERANCE });
  const fxgScoreToleranceSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const trust = eigenTrust(nodes, src, dst, weight, anchors);
  const eigenTrustSeconds = (performance.now() - started) / 1000;
  return {
    nodes,
    edges,
    fxgPaperToleranceSeconds,
    fxgPaperToleranceIterations: paper.iterations,
    fxgScoreToleranceSeconds,
    fxgScoreToleranceIterations: tight.iterations,
    eigenTrustSeconds,
    eigenTrustIterations: trust.iterations,
  };
}
