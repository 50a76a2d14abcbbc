export type DisputedItemKind = 'EVENT' | 'RATING' | 'REPORT';
export type DisputeStatus = 'OPEN' | 'UPHELD' | 'REJECTED';
export type DisputeResolution = 'REVIEWER' | 'REVIEW_DEADLINE';

/** codegen mapper for Dispute: (:User)-[:FILED]->(:Dispute). */
export interface DisputeRow {
  id: string;
  userId: string;
  itemId: string;
  itemKind: DisputedItemKind;
  statement: string;
  evidence: string | null;
  status: DisputeStatus;
  resolution: DisputeResolution | null;
  createdAt: string;
  reviewDeadline: string;
  resolvedAt: string | null;
}

/** A dispute not decided within this period is upheld (FCRA § 611(a)(1): 30 days to reinvestigate). */
export const REVIEW_DAYS = 30;
export const REVIEW_PERIOD = `P${REVIEW_DAYS}D`;

/**
 * An OPEN dispute whose review period has passed is reported as upheld by the deadline even before the sweep
 * (privacy/service.ts `settleLapsedDisputes`) has written that: the person sees the outcome the rule gives.
 * `openedAt` is the durable clock (disputes stored before it existed have only `createdAt`).
 */
const OPENED = 'coalesce(d.openedAt, d.createdAt)';
const LAPSED = `(d.status = 'OPEN' AND ${OPENED} + duration('${REVIEW_PERIOD}') <= datetime())`;

export const DISPUTE_PROJECTION = `d {.id, .itemId, .itemKind, .statement, evidence: d.evidence, userId: u.id,
  status: CASE WHEN ${LAPSED} THEN 'UPHELD' ELSE d.status END,
  resolution: CASE WHEN ${LAPSED} THEN 'REVIEW_DEADLINE' ELSE d.resolution END,
  createdAt: toString(${OPENED}), reviewDeadline: toString(${OPENED} + duration('${REVIEW_PERIOD}')),
  resolvedAt: CASE WHEN ${LAPSED} THEN toString(${OPENED} + duration('${REVIEW_PERIOD}'))
                   ELSE toString(d.resolvedAt) END}`;

export const STATEMENT_MAX = 1000;
export const EVIDENCE_MAX = 2000;
/**
 * Disputes one item can receive in all: the first, then one more per piece of new evidence, up to this many.
 * Each re-opening only restarts a review (the item keeps counting), so the cap bounds reviewers' work, not gain.
 */
export const DISPUTES_PER_ITEM = 3;

// Erasure: what a re-registration inherits, and for how long (docs/privacy.md § 5).
/** The erased account's verified identities earn no identity credit when linked again within this period. */
export const IDENTITY_COOLING_OFF_DAYS = 365;
/** The erased account's login (token subject) cannot open an account again within this period. */
export const LOGIN_COOLING_OFF_DAYS = 365;
/** The erased handle cannot be registered by anyone within this period. */
export const HANDLE_QUARANTINE_DAYS = 90;

export type TombstoneKind = 'IDENTITY' | 'LOGIN' | 'HANDLE';
