/**
 * The NETWORK scale's own functions (src/trust/engine/network-scale.ts), pinned by hand: the reference account's
 * trust for k anchors, the relative trust and its input checks, the logarithmic NETWORK value with its cap at 20×
 * the reference, and a rater's standing. The property tests (trust-scale.test.ts) show the scale does not drift;
 * these pin the arithmetic and the refusals that mutation testing found unpinned.
 */
import { describe, expect, it } from 'vitest';
import {
  networkPoints,
  networkValue,
  raterStanding,
  relativeTrust,
  trustReference,
} from '../../src/trust/engine/network-scale.js';

describe('trustReference: one anchor share spread over 100 accounts', () => {
  it('is 1/(k·100), and that of one anchor when there is none', () => {
    expect(trustReference(0)).toBe(0.01);
    expect(trustReference(1)).toBe(0.01);
    expect(trustReference(4)).toBe(0.0025);
    expect(trustReference(20)).toBe(0.0005);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses an anchor count of %s', (count) => {
    expect(() => trustReference(count)).toThrow(RangeError);
    expect(() => trustReference(count)).toThrow(`anchorCount must be a non-negative integer, got ${count}`);
  });
});

describe('relativeTrust: t / reference, never negative', () => {
  it('divides by the reference and floors negative trust at 0', () => {
    expect(relativeTrust(0.02, 0.01)).toBe(2);
    expect(relativeTrust(0, 0.01)).toBe(0);
    expect(relativeTrust(-0.5, 0.01)).toBe(0);
    // The smallest positive reference is still a reference.
    expect(relativeTrust(0, Number.MIN_VALUE)).toBe(0);
  });

  it.each([0, -0.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses a reference of %s', (reference) => {
    expect(() => relativeTrust(0.01, reference)).toThrow(RangeError);
    expect(() => relativeTrust(0.01, reference)).toThrow(
      `reference must be a positive finite number, got ${reference}`,
    );
  });
});

describe('networkValue and networkPoints: ln(1 + t/τ) / ln 21, full at 20× the reference', () => {
  const reference = 0.01;

  it('is 0 without trust, ln 5 / ln 21 at 4× the reference, 1 at 20× and above', () => {
    expect(networkValue(0, reference)).toBe(0);
    // ln 5 = 1.6094379…, ln 21 = 3.0445224… → 0.5286…
    expect(networkValue(0.04, reference)).toBeCloseTo(1.6094379124341003 / 3.044522437723423, 12);
    expect(networkValue(0.2, reference)).toBeCloseTo(1, 12);
    expect(networkValue(1, reference)).toBe(1);
  });

  it('gives 150 points at full NETWORK and 150 · ln 5 / ln 21 ≈ 79.3 at 4×', () => {
    expect(networkPoints(0, reference)).toBe(0);
    expect(networkPoints(0.04, reference)).toBeCloseTo((150 * 1.6094379124341003) / 3.044522437723423, 10);
    expect(networkPoints(5, reference)).toBe(150);
  });

  it('refuses the reference relativeTrust refuses', () => {
    expect(() => networkValue(0.01, 0)).toThrow(RangeError);
    expect(() => networkPoints(0.01, -1)).toThrow(RangeError);
  });
});

describe('raterStanding: full at 5× the reference, linear below', () => {
  it('is t/τ/5 below full standing and 1 above', () => {
    expect(raterStanding(0, 0.01)).toBe(0);
    expect(raterStanding(0.025, 0.01)).toBeCloseTo(0.5, 12);
    expect(raterStanding(0.05, 0.01)).toBeCloseTo(1, 12);
    expect(raterStanding(0.1, 0.01)).toBe(1);
    expect(raterStanding(-1, 0.01)).toBe(0);
  });
});
