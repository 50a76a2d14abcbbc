export type DisputedItemKind = 'EVENT' | 'RATING' | 'REPORT';
export type DisputeStatus = 'OPEN' | 'UPHELD' | 'REJECTED';

/** codegen mapper for Dispute: (:User)-[:FILED]->(:Dispute). */
export interface DisputeRow {
  id: string;
  userId: string;
  itemId: string;
  itemKind: DisputedItemKind;
  statement: string;
  status: DisputeStatus;
  createdAt: string;
  resolvedAt: string | null;
}

export const DISPUTE_PROJECTION =
  'd {.id, .itemId, .itemKind, .statement, .status, userId: u.id, createdAt: toString(d.createdAt), resolvedAt: toString(d.resolvedAt)}';

export const STATEMENT_MAX = 1000;
