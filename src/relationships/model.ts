import type { UserRow } from '../users/model.js';

export type EventKind = 'COMMITMENT_FULFILLED' | 'COMMITMENT_LATE' | 'COMMITMENT_DEFAULTED';

export interface EndorsementRow {
  id: string;
  endorserId: string;
  endorseeId: string;
  strength: number;
  context: string | null;
  public: boolean;
  createdAt: string;
}

export interface RatingRow {
  id: string;
  raterId: string;
  targetId: string;
  rating: number;
  comment: string | null;
  createdAt: string;
}

export interface ReportRow {
  id: string;
  reporterId: string;
  targetId: string;
  reason: string;
  status: 'OPEN' | 'UPHELD' | 'REJECTED';
  createdAt: string;
}

export interface EventRow {
  id: string;
  userId: string;
  kind: EventKind;
  occurredAt: string;
  source: string;
}

/** A relationship row together with the user at its other end (to prime the user loader). */
export interface WithCounterpart<T> {
  item: T;
  counterpart: UserRow;
}

export const ENDORSEMENT_PROJECTION =
  'r {.id, .strength, .context, .public, endorserId: startNode(r).id, endorseeId: endNode(r).id, createdAt: toString(r.createdAt)}';
export const RATING_PROJECTION =
  'r {.id, .rating, .comment, raterId: startNode(r).id, targetId: endNode(r).id, createdAt: toString(r.createdAt)}';
export const REPORT_PROJECTION =
  'r {.id, .reason, .status, reporterId: startNode(r).id, targetId: endNode(r).id, createdAt: toString(r.createdAt)}';
export const EVENT_PROJECTION = 'e {.id, .kind, .source, userId: u.id, occurredAt: toString(e.occurredAt)}';

export const LIMITS = {
  endorsementStrength: { min: 1, max: 5 },
  rating: { min: -10, max: 10 },
  contextMax: 200,
  commentMax: 500,
  reasonMax: 500,
} as const;
