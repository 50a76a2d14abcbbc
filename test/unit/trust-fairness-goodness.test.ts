import { describe, expect, it } from 'vitest';
import { fairnessGoodness, FairnessGoodnessSolver } from '../../src/trust/engine/index.js';

const i32 = (values: number[]) => Int32Array.from(values);
const f64 = (values: number[]) => Float64Array.from(values);

describe('fairnessGoodness', () => {
  it('gives g = 0 without in-edges, f = 1 without out-edges, and g = f·w for a single rating', () => {
    // Nodes 0 -> 1 with w = 0.5. Iteration 1: g(1) = f(0)·0.5 = 0.5, g(0) = 0 (no in-edges);
    // f(0) = 1 − |0.5 − g(1)|/2 = 1, f(1) = 1 (no out-edges). Iteration 2 changes nothing.
    const result = fairnessGoodness(2, i32([0]), i32([1]), f64([0.5]), { tolerance: 1e-12 });
    expect(Array.from(result.goodness)).toEqual([0, 0.5]);
    expect(Array.from(result.fairness)).toEqual([1, 1]);
  });

  it('lowers the fairness of a rater who rates unlike everyone else', () => {
    // Raters 0, 1 give node 3 +1 (w = 1), rater 2 gives it −1. With g = g(3):
    //   f0 = f1 = 1 − |1 − g|/2 = (1 + g)/2,  f2 = 1 − |−1 − g|/2 = (1 − g)/2,
    //   g = (f0 + f1 − f2)/3 = ((1 + g) − (1 − g)/2)/3 = (1 + 3g)/6  =>  g = 1/3.
    // So f0 = f1 = 2/3, f2 = 1/3 (from f = 1 the first step already gives g = 1/3).
    const result = fairnessGoodness(4, i32([0, 1, 2]), i32([3, 3, 3]), f64([1, 1, -1]), { tolerance: 1e-12 });
    expect(result.goodness[3]).toBeCloseTo(1 / 3, 12);
    expect(result.fairness[0]).toBeCloseTo(2 / 3, 12);
    expect(result.fairness[1]).toBeCloseTo(2 / 3, 12);
    expect(result.fairness[2]).toBeCloseTo(1 / 3, 12);
    expect(result.goodness[0]).toBe(0);
  });

  it('solves a chain whose fixed point needs iteration', () => {
    // 0 -> 1 (w = 1), 1 -> 2 (w = −0.5), 0 -> 2 (w = 0.5).
    //   g1 = f0, g2 = (−0.5·f1 + 0.5·f0)/2, f1 = 1 − |−0.5 − g2|/2,
    //   f0 = 1 − (|1 − g1| + |0.5 − g2|)/2/2.
    // Guess g1 = 1 (f0 = 1): then f0 = 1 − (0.5 − g2)/4 needs g2. With f0 = 1: g2 = (0.5 − 0.5·f1)/2,
    // f1 = 1 − (0.5 + g2)/2 (g2 > −0.5) = 0.75 − g2/2. g2 = 0.25 − 0.25·(0.75 − g2/2) = 0.0625 + g2/8
    // => g2 = 0.0625·8/7 = 1/14, f1 = 0.75 − 1/28 = 5/7. Then f0 = 1 − (0 + |0.5 − 1/14|)/4 = 1 − 3/28 = 25/28,
    // so f0 ≠ 1 and g1 = f0: solve fully. Let f0 = a: g1 = a, g2 = (0.5a − 0.5·f1)/2, f1 = 0.75 − g2/2,
    // a = 1 − ((1 − a) + (0.5 − g2))/4. From the last: 4a = 4 − 1 + a − 0.5 + g2 => 3a = 2.5 + g2.
    // g2 = a/4 − f1/4 = a/4 − 0.1875 + g2/8 => (7/8)g2 = a/4 − 0.1875 => g2 = (2a − 1.5)/7.
    // 3a = 2.5 + (2a − 1.5)/7 => 21a = 17.5 + 2a − 1.5 => 19a = 16 => a = 16/19.
    // g2 = (32/19 − 1.5)/7 = (64 − 57)/(38·7) = 1/38, f1 = 0.75 − 1/76 = 56/76 = 14/19.
    const result = fairnessGoodness(3, i32([0, 1, 0]), i32([1, 2, 2]), f64([1, -0.5, 0.5]), {
      tolerance: 1e-14,
    });
    expect(result.fairness[0]).toBeCloseTo(16 / 19, 10);
    expect(result.goodness[1]).toBeCloseTo(16 / 19, 10);
    expect(result.goodness[2]).toBeCloseTo(1 / 38, 10);
    expect(result.fairness[1]).toBeCloseTo(14 / 19, 10);
    expect(result.fairness[2]).toBe(1);
  });

  it('stops at the paper tolerance by default', () => {
    const result = fairnessGoodness(3, i32([0, 1, 0]), i32([1, 2, 2]), f64([1, -0.5, 0.5]));
    expect(result.fairness[0]).toBeCloseTo(16 / 19, 2);
  });

  it('keeps the last of duplicate ratings and ignores self-ratings', () => {
    // 0 -> 1 first −1 then +0.5 (kept), 1 -> 1 dropped: g1 = f0·0.5 = 0.5, f1 = 1.
    const result = fairnessGoodness(2, i32([0, 0, 1]), i32([1, 1, 1]), f64([-1, 0.5, 1]), {
      tolerance: 1e-12,
    });
    expect(result.goodness[1]).toBe(0.5);
    expect(result.fairness[1]).toBe(1);
  });

  it('rejects weights outside [-1, 1] and indices outside the graph', () => {
    expect(() => fairnessGoodness(2, i32([0]), i32([1]), f64([10]))).toThrow(RangeError);
    expect(() => fairnessGoodness(2, i32([0]), i32([2]), f64([1]))).toThrow(RangeError);
  });

  it('leaves one edge out exactly as if it were absent, from a cold or warm start', () => {
    const src = i32([0, 1, 2, 0, 3]);
    const dst = i32([3, 3, 3, 1, 0]);
    const weight = f64([1, 1, -1, 0.3, -0.2]);
    const solver = new FairnessGoodnessSolver(4, src, dst, weight);
    const full = solver.solve({ tolerance: 1e-13 });
    const position = solver.positionOf(0, 1);
    const cold = solver.solve({ excludedPosition: position, tolerance: 1e-13 });
    const coldCopy = { fairness: cold.fairness.slice(), goodness: cold.goodness.slice() };
    const warm = solver.solve({ excludedPosition: position, tolerance: 1e-13, warmStart: full });
    const without = fairnessGoodness(4, i32([0, 1, 2, 3]), i32([3, 3, 3, 0]), f64([1, 1, -1, -0.2]), {
      tolerance: 1e-13,
    });
    for (let v = 0; v < 4; v++) {
      expect(coldCopy.fairness[v]).toBeCloseTo(without.fairness[v] as number, 10);
      expect(coldCopy.goodness[v]).toBeCloseTo(without.goodness[v] as number, 10);
      expect(warm.fairness[v]).toBeCloseTo(without.fairness[v] as number, 10);
      expect(warm.goodness[v]).toBeCloseTo(without.goodness[v] as number, 10);
    }
    // Node 1's only in-edge was left out: g = 0, as in the authors' code.
    expect(warm.goodness[1]).toBe(0);
  });
});
