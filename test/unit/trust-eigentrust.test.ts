import { describe, expect, it } from 'vitest';
import { eigenTrust, networkShares } from '../../src/trust/engine/index.js';

const i32 = (values: number[]) => Int32Array.from(values);
const f64 = (values: number[]) => Float64Array.from(values);

describe('eigenTrust', () => {
  it('solves a 3-node chain with restart to the anchor and dangling mass back to it', () => {
    // Anchor 0 -> 1 -> 2, node 2 trusts nobody (dangling), a = 0.15:
    //   t1 = 0.85·t0, t2 = 0.85·t1 = 0.7225·t0, t0 = 0.15 + 0.85·t2 (restart + dangling mass)
    //   => t0 = 0.15 / (1 − 0.85·0.7225) = 0.15 / 0.385875; the three sum to 1.
    const result = eigenTrust(3, i32([0, 1]), i32([1, 2]), f64([1, 1]), i32([0]), {
      alpha: 0.15,
      tolerance: 1e-14,
    });
    const t0 = 0.15 / 0.385875;
    expect(result.trust[0]).toBeCloseTo(t0, 12);
    expect(result.trust[1]).toBeCloseTo(0.85 * t0, 12);
    expect(result.trust[2]).toBeCloseTo(0.7225 * t0, 12);
    expect(result.trust.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
  });

  it('splits an endorser’s weight over everyone they endorse instead of multiplying it', () => {
    // Anchor 0 endorses 1..100 (all dangling): t0 = 0.15 + 0.85·Σ t_k and Σ t_k = 0.85·t0,
    // so t0 = 0.15 / (1 − 0.7225) and each t_k = 0.85·t0 / 100.
    const targets = Array.from({ length: 100 }, (_, index) => index + 1);
    const wide = eigenTrust(
      101,
      i32(targets.map(() => 0)),
      i32(targets),
      f64(targets.map(() => 5)),
      i32([0]),
      { alpha: 0.15, tolerance: 1e-14 },
    );
    const t0 = 0.15 / 0.2775;
    expect(wide.trust[0]).toBeCloseTo(t0, 12);
    for (const k of targets) expect(wide.trust[k]).toBeCloseTo((0.85 * t0) / 100, 12);
    // Endorsing just one account gives it all of 0.85·t0.
    const single = eigenTrust(2, i32([0]), i32([1]), f64([5]), i32([0]), { alpha: 0.15, tolerance: 1e-14 });
    expect(single.trust[1]).toBeCloseTo(0.85 * t0, 12);
  });

  it('splits by strength, ignores distrust and self-loops, and sums duplicates', () => {
    // Anchor 0: strength 3 to node 1 (given as 2 + 1), 1 to node 2, −5 to node 3 (ignored), 4 to itself (ignored).
    // c01 = 3/4, c02 = 1/4. Nodes 1..3 are dangling: t0 = 0.15 + 0.85·(t1 + t2 + t3), t1 + t2 = 0.85·t0, t3 = 0
    //   => t0 = 0.15/0.2775, t1 = 0.75·0.85·t0, t2 = 0.25·0.85·t0.
    const result = eigenTrust(
      4,
      i32([0, 0, 0, 0, 0]),
      i32([1, 1, 2, 3, 0]),
      f64([2, 1, 1, -5, 4]),
      i32([0]),
      { alpha: 0.15, tolerance: 1e-14 },
    );
    const t0 = 0.15 / 0.2775;
    expect(result.trust[1]).toBeCloseTo(0.75 * 0.85 * t0, 12);
    expect(result.trust[2]).toBeCloseTo(0.25 * 0.85 * t0, 12);
    expect(result.trust[3]).toBe(0);
  });

  it('gives nobody trust when there are no anchors', () => {
    const result = eigenTrust(2, i32([0]), i32([1]), f64([1]), i32([]));
    expect(Array.from(result.trust)).toEqual([0, 0]);
  });

  it('decomposes t_j into in-neighbour shares and the restart share', () => {
    // Anchors 0 and 1 (p = ½ each) both endorse node 2 only; node 2 is dangling.
    //   t2 = 0.85·(t0 + t1), t0 = t1 = ½·(0.15 + 0.85·t2). With s = t0 + t1: s = 0.15 + 0.85·0.85·s
    //   => s = 0.15/0.2775, t2 = 0.85·s, each anchor contributes half of t2.
    // Anchor 0 gets nothing from in-neighbours: its only share is the restart.
    const result = eigenTrust(3, i32([0, 1]), i32([2, 2]), f64([1, 1]), i32([0, 1]), {
      alpha: 0.15,
      tolerance: 1e-14,
    });
    expect(result.trust[2]).toBeCloseTo((0.85 * 0.15) / 0.2775, 12);
    const shares = networkShares(result, 2);
    expect(shares.map((share) => share.contributor)).toEqual([0, 1]);
    expect(shares[0]?.share).toBeCloseTo(0.5, 12);
    expect(shares[1]?.share).toBeCloseTo(0.5, 12);
    expect(networkShares(result, 0)).toEqual([{ contributor: null, share: 1 }]);
  });

  it('lets a closed region (a sybil ring) hold only inflow/a: a = 0.3 halves what a = 0.15 allows', () => {
    // Anchor 0 endorses honest 1 and sybil 2 equally; sybils 2 ⇄ 3 trust only each other; 1 is dangling.
    // Region R = {2, 3} receives (1 − a)·½·t0 and loses a·t_R to restarts: t_R = (1 − a)·t0/(2a).
    // Dangling 1 returns its mass: t1 = (1 − a)·½·t0, t0 = a + (1 − a)·t1 (all restart mass goes to 0).
    //   a = 0.3:  t1 = 0.35·t0, t0 = 0.3 + 0.7·0.35·t0 ⇒ t0 = 0.3/0.755, t_R = 0.7·t0/0.6.
    //   a = 0.15: t1 = 0.425·t0, t0 = 0.15 + 0.85·0.425·t0 ⇒ t0 = 0.15/0.63875, t_R = 0.85·t0/0.3.
    const src = i32([0, 0, 2, 3]);
    const dst = i32([1, 2, 3, 2]);
    const weight = f64([1, 1, 1, 1]);
    const strict = eigenTrust(4, src, dst, weight, i32([0]), { alpha: 0.3, tolerance: 1e-14 });
    const loose = eigenTrust(4, src, dst, weight, i32([0]), { alpha: 0.15, tolerance: 1e-14 });
    const strictT0 = 0.3 / 0.755;
    const looseT0 = 0.15 / 0.63875;
    expect(strict.trust[0]).toBeCloseTo(strictT0, 12);
    expect((strict.trust[2] as number) + (strict.trust[3] as number)).toBeCloseTo((0.7 * strictT0) / 0.6, 12);
    expect((loose.trust[2] as number) + (loose.trust[3] as number)).toBeCloseTo((0.85 * looseT0) / 0.3, 12);
    // The model's default is a = 0.3.
    expect(eigenTrust(4, src, dst, weight, i32([0]), { tolerance: 1e-14 }).trust).toEqual(strict.trust);
  });
});
