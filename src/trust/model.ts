import {
  EIGENTRUST_ALPHA,
  trustErrorPoints,
  trustReference,
  type Band,
  type Dimension,
  type ImprovementAction,
  type ReasonCode,
} from './engine/index.js';

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
  reasons: { code: ReasonCode; dimension: Dimension; points: number; summary: string }[];
  principalReasons: { code: ReasonCode; dimension: Dimension; points: number; summary: string }[];
  /** Contributors with their points (the same order as shares). */
  contributors: (StoredShare & { points: number })[];
  /** Each with the dimension it changes and that dimension's value after it (absent in scores stored before). */
  improvements: {
    action: ImprovementAction;
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

/** One improvement of a stored explanation, with whose it is (codegen mapper for TrustImprovement). */
export type ImprovementRow = StoredExplanation['improvements'][number] & { userId: string };

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

/** The key of a graph's `(:TrustGraph)` node: '' for the native graph, the dataset's name for an imported one. */
export const graphKey = (dataset: string | null): string => dataset ?? '';

/** A read says stale when its score may be this many points or more away from a full recompute. */
export const STALE_POINTS = 0.9;

/** A served score's freshness: stale when a full computation may differ from it by STALE_POINTS or more. */
export function scoreIsStale(input: {
  flagged: boolean;
  /** The estimate the score was computed from (a·q), and the scale it was measured against then. */
  trust: number;
  scoredReference: number | null;
  reach: number | null;
  graph: { stale: boolean; anchors: number; residual: number; rmax: number } | null;
}): boolean {
  if (input.flagged) return true;
  const graph = input.graph;
  if (graph === null) return false;
  if (graph.stale) return true;
  const alpha = EIGENTRUST_ALPHA;
  // ‖t − a·q‖₁ ≤ a·Σ|r|, and per person a·rmax·reach (every residual is at most rmax).
  const global = alpha * graph.residual;
  const bound = input.reach === null ? global : Math.min(global, alpha * graph.rmax * input.reach);
  const reference = trustReference(graph.anchors);
  // Scored against another anchor count: t/old = (t·reference/old)/reference, an error of t·|reference/old − 1|.
  const ratio = input.scoredReference === null ? 1 : reference / input.scoredReference;
  const drift = Math.max(0, input.trust) * Math.abs(ratio - 1);
  // The raters' standings scale by the same ratio: REPUTATION moves by at most 120·|ratio − 1|/3 (engine bound).
  const reputationDrift = (120 * Math.min(1, Math.abs(ratio - 1))) / 3;
  return trustErrorPoints(input.trust, bound + drift, reference) + reputationDrift >= STALE_POINTS;
}
