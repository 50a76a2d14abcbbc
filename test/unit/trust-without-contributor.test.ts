import { describe, expect, it } from 'vitest';
import { withoutContributor, type StoredExplanation } from '../../src/trust/model.js';

const explanation = (contributors: StoredExplanation['contributors']): StoredExplanation => ({
  baseline: 450,
  dimensions: [],
  reasons: [],
  principalReasons: [],
  contributors,
  improvements: [],
  underReview: 0,
});

describe('withoutContributor (a voucher who opted out is no longer named)', () => {
  it('moves their share and points into the OTHERS entry, keeping the sum of points', () => {
    const before = explanation([
      { userId: 'a', share: 0.5, points: 12 },
      { userId: 'b', share: 0.3, points: 7 },
      { userId: null, others: true, share: 0.2, points: 5 },
    ]);
    const after = withoutContributor(before, 'b')!;
    expect(after.contributors).toEqual([
      { userId: 'a', share: 0.5, points: 12 },
      { userId: null, others: true, share: 0.5, points: 12 },
    ]);
    // 12 + 7 + 5 = 24 before, 12 + 12 after.
    expect(after.contributors.reduce((sum, c) => sum + c.points, 0)).toBe(24);
  });

  it('adds an OTHERS entry when there is none, and leaves the anchor restart alone', () => {
    const before = explanation([
      { userId: null, share: 0.6, points: 9 },
      { userId: 'b', share: 0.4, points: 6 },
    ]);
    expect(withoutContributor(before, 'b')!.contributors).toEqual([
      { userId: null, share: 0.6, points: 9 },
      { userId: null, others: true, share: 0.4, points: 6 },
    ]);
  });

  it('is null when the person is not named', () => {
    expect(withoutContributor(explanation([{ userId: 'a', share: 1, points: 3 }]), 'b')).toBeNull();
  });
});
