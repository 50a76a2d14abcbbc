export type PartnerScope = 'ELIGIBILITY_CHECK' | 'EVENTS_WRITE' | 'PERKS_MANAGE';
export type ConsentScope = 'ELIGIBILITY' | 'SCORE_BAND' | 'EVENTS';

export const PARTNER_SCOPES: readonly PartnerScope[] = ['ELIGIBILITY_CHECK', 'EVENTS_WRITE', 'PERKS_MANAGE'];
export const PARTNER_NAME_MAX = 80;

/** codegen mapper for Partner. The key hash never leaves the repository. */
export interface PartnerRow {
  id: string;
  name: string;
  scopes: PartnerScope[];
  createdAt: string;
  keyIssuedAt: string | null;
  revokedAt: string | null;
}

export const PARTNER_PROJECTION =
  'p {.id, .name, .scopes, createdAt: toString(p.createdAt), keyIssuedAt: toString(p.keyIssuedAt), revokedAt: toString(p.revokedAt)}';

/**
 * codegen mapper for Consent: (:User)-[:CONSENTED_TO {scopes, grantedAt, expiresAt, revokedAt, eventsSince}]->(:Partner).
 * `eventsSince` is when EVENTS was granted without a break since: the earliest date the partner may report.
 */
export interface ConsentRow {
  userId: string;
  partnerId: string;
  scopes: ConsentScope[];
  grantedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  eventsSince: string | null;
}

export const CONSENT_PROJECTION =
  'c {.scopes, userId: u.id, partnerId: p.id, grantedAt: toString(c.grantedAt), expiresAt: toString(c.expiresAt), revokedAt: toString(c.revokedAt), eventsSince: toString(c.eventsSince)}';

export function consentActive(consent: ConsentRow, now = Date.now()): boolean {
  return consent.revokedAt === null && (consent.expiresAt === null || Date.parse(consent.expiresAt) > now);
}

/** codegen mapper for Inquiry: one partner check of one person, written with the decision. */
export interface InquiryRow {
  id: string;
  partnerId: string;
  perkId: string | null;
  subjectId: string;
  decision: boolean;
  reasons: string[];
  /** The exact unmet conditions (null on inquiries logged before they were kept). */
  unmet: string[] | null;
  at: string;
}

export const INQUIRY_PROJECTION =
  'q {.id, .partnerId, .perkId, .subjectId, .decision, .reasons, .unmet, at: toString(q.at)}';

/** codegen mapper for AuditEntry. */
export interface AuditEntryRow {
  id: string;
  actorId: string;
  action: string;
  targetId: string | null;
  at: string;
}

export const AUDIT_PROJECTION = 'a {.id, .actorId, .action, .targetId, at: toString(a.at)}';
