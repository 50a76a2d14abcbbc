import type { Band, Dimension, ImprovementAction } from './engine/index.js';

/** A network contributor as materialised: a user id, or null for the anchor restart, or 'OTHERS'. */
export interface StoredShare {
  userId: string | null;
  /** True for the merged tail of small contributors. */
  others?: boolean;
  share: number;
}

/** What a computation leaves on the user node as JSON (everything needed to explain the score exactly). */
export interface StoredExplanation {
  baseline: number;
  dimensions: { dimension: Dimension; value: number; weight: number; points: number; evidence: string }[];
  reasons: { code: string; dimension: Dimension; points: number; summary: string }[];
  principalReasons: { code: string; dimension: Dimension; points: number; summary: string }[];
  /** Contributors with their points (the same order as shares). */
  contributors: (StoredShare & { points: number })[];
  /** Each with the dimension it changes and that dimension's value after it (absent in scores stored before). */
  improvements: {
    action: string;
    points: number;
    summary: string;
    dimension?: Dimension;
    dimensionValue?: number;
  }[];
  /** Events and ratings the user disputed and still under review: counted in this score until decided. */
  underReview: number;
}

/** The materialised score of one user (codegen mapper for TrustScore). */
export interface TrustScoreRow {
  userId: string;
  value: number;
  band: Band;
  computedAt: string;
  modelVersion: string;
  stale: boolean;
  explanation: StoredExplanation;
}

export interface TrustSnapshotRow {
  id: string;
  value: number;
  band: Band;
  computedAt: string;
  modelVersion: string;
}

export type TrustScoreStatus = 'SCORED' | 'NO_CONSENT' | 'PENDING';

/** Per-user state of the trust computation (codegen-independent; read by the trust loaders). */
export interface TrustStateRow {
  userId: string;
  consent: boolean;
  anchor: boolean;
  score: TrustScoreRow | null;
}

/** How many network contributors are kept by name; the rest are merged into one OTHERS entry. */
export const STORED_CONTRIBUTORS = 25;

/**
 * The explanation with one contributor no longer named: their share and points join the OTHERS entry, so the
 * points still sum exactly to the NETWORK points (used when a contributor opts out, until the next full
 * computation leaves them out altogether). Null when they are not named in it.
 */
export function withoutContributor(
  explanation: StoredExplanation,
  contributorId: string,
): StoredExplanation | null {
  const named = explanation.contributors.find((c) => c.userId === contributorId);
  if (!named) return null;
  const kept = explanation.contributors.filter((c) => c !== named);
  const others = kept.find((c) => c.others);
  const merged = others
    ? kept.map((c) =>
        c === others ? { ...c, share: c.share + named.share, points: c.points + named.points } : c,
      )
    : [...kept, { userId: null, others: true, share: named.share, points: named.points }];
  return { ...explanation, contributors: merged };
}

/**
 * The API mutations that carry out each improvement the engine can suggest: it suggests nothing a person cannot
 * have done. Verifying or renewing an identity is linking it (again, for a renewal: the same identity gets its new
 * expiry), by the person through OpenID Connect or by an admin; a default is settled with the partner that reported
 * it, which records the settlement.
 */
export const IMPROVEMENT_MUTATIONS: Readonly<Record<ImprovementAction, readonly string[]>> = {
  VERIFY_HIGH_ASSURANCE_IDENTITY: ['linkVerifiedIdentity', 'linkIdentity'],
  VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY: ['linkVerifiedIdentity', 'linkIdentity'],
  VERIFY_LOW_ASSURANCE_IDENTITY: ['linkVerifiedIdentity', 'linkIdentity'],
  RENEW_EXPIRED_IDENTITY: ['linkVerifiedIdentity', 'linkIdentity'],
  RESOLVE_DEFAULT: ['resolveDefault'],
};
