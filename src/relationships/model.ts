import { rowShape } from '../db/rows.js';
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
  /** The user at the other end, as far as a page fetched for a known selection read it (see `userAt`). */
  counterpart?: UserRow;
}

export interface RatingRow {
  id: string;
  raterId: string;
  targetId: string;
  rating: number;
  comment: string | null;
  createdAt: string;
  /** As on EndorsementRow. */
  counterpart?: UserRow;
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
  /** When a default was recorded as settled (null otherwise). */
  resolvedAt: string | null;
}

/**
 * A relationship row together with the user at its other end: a full row primes the user loader; a partial one
 * (only the fields an operation selects of that user) stays with its relationship row.
 */
export interface WithCounterpart<T> {
  item: T;
  counterpart: UserRow | null;
  partial: boolean;
}

/** The relationship `r` as a row (its ends read through startNode/endNode, so any pattern can use it). */
export const ENDORSEMENT = rowShape<EndorsementRow>({
  id: 'r.id',
  endorserId: 'startNode(r).id',
  endorseeId: 'endNode(r).id',
  strength: 'r.strength',
  context: 'r.context',
  public: 'r.public',
  createdAt: 'toString(r.createdAt)',
});
export const RATING = rowShape<RatingRow>({
  id: 'r.id',
  raterId: 'startNode(r).id',
  targetId: 'endNode(r).id',
  rating: 'r.rating',
  comment: 'r.comment',
  createdAt: 'toString(r.createdAt)',
});
export const REPORT = rowShape<ReportRow>({
  id: 'r.id',
  reporterId: 'startNode(r).id',
  targetId: 'endNode(r).id',
  reason: 'r.reason',
  status: 'r.status',
  createdAt: 'toString(r.createdAt)',
});
/** The Event `e` of the User `u`. */
export const EVENT = rowShape<EventRow>({
  id: 'e.id',
  userId: 'u.id',
  kind: 'e.kind',
  occurredAt: 'toString(e.occurredAt)',
  source: 'e.source',
  resolvedAt: 'toString(e.resolvedAt)',
});

export const LIMITS = {
  endorsementStrength: { min: 1, max: 5 },
  rating: { min: -10, max: 10 },
  contextMax: 200,
  commentMax: 500,
  reasonMax: 500,
} as const;

/** What each GraphQL field of Endorsement reads of its row, the access rule of `endorser` included. */
export const ENDORSEMENT_FIELD_NEEDS: Readonly<Record<string, readonly (keyof EndorsementRow)[]>> = {
  id: ['id'],
  endorser: ['endorserId', 'public'],
  endorsee: ['endorseeId'],
  strength: ['strength'],
  context: ['context'],
  public: ['public'],
  createdAt: ['createdAt'],
};

/** What each GraphQL field of Rating reads of its row. */
export const RATING_FIELD_NEEDS: Readonly<Record<string, readonly (keyof RatingRow)[]>> = {
  id: ['id'],
  rater: ['raterId'],
  target: ['targetId'],
  rating: ['rating'],
  comment: ['comment'],
  createdAt: ['createdAt'],
};

/** What each GraphQL field of Event reads of its row. */
export const EVENT_FIELD_NEEDS: Readonly<Record<string, readonly (keyof EventRow)[]>> = {
  id: ['id'],
  kind: ['kind'],
  occurredAt: ['occurredAt'],
  source: ['source'],
  reporter: ['source'],
  resolvedAt: ['resolvedAt'],
};
