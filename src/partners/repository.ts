import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/driver.js';
import { afterCondition, pageParams, type PageArgs, type PageOfRows } from '../db/pagination.js';
import {
  AUDIT_PROJECTION,
  CONSENT_PROJECTION,
  INQUIRY_PROJECTION,
  PARTNER_PROJECTION,
  type AuditEntryRow,
  type ConsentRow,
  type ConsentScope,
  type InquiryRow,
  type PartnerRow,
  type PartnerScope,
} from './model.js';

/** The partner a key hash belongs to, if the key is current (one indexed query). */
export async function partnerByKeyHash(
  db: Db,
  keyHash: string,
): Promise<{ id: string; scopes: PartnerScope[] } | null> {
  const [row] = await db.read<{ id: string; scopes: PartnerScope[] }>(
    'MATCH (p:Partner {keyHash: $keyHash}) WHERE p.revokedAt IS NULL RETURN p.id AS id, p.scopes AS scopes',
    { keyHash },
  );
  return row ?? null;
}

export async function partnersByIds(db: Db, ids: readonly string[]): Promise<PartnerRow[]> {
  const rows = await db.read<{ partner: PartnerRow }>(
    `MATCH (p:Partner) WHERE p.id IN $ids RETURN ${PARTNER_PROJECTION} AS partner`,
    { ids },
  );
  return rows.map((r) => r.partner);
}

export async function createPartner(
  tx: Tx,
  input: { name: string; scopes: PartnerScope[]; keyHash: string },
): Promise<PartnerRow> {
  const [row] = await tx.run<{ partner: PartnerRow }>(
    `CREATE (p:Partner {id: $id, name: $name, scopes: $scopes, keyHash: $keyHash, createdAt: datetime(),
                        keyIssuedAt: datetime()})
     RETURN ${PARTNER_PROJECTION} AS partner`,
    { ...input, id: randomUUID() },
  );
  return row!.partner;
}

/** Replaces the key (the old one stops working in the same commit); null if there is no such partner. */
export async function replaceKey(tx: Tx, partnerId: string, keyHash: string): Promise<PartnerRow | null> {
  const [row] = await tx.run<{ partner: PartnerRow }>(
    `MATCH (p:Partner {id: $partnerId})
     SET p.keyHash = $keyHash, p.keyIssuedAt = datetime(), p.revokedAt = null
     RETURN ${PARTNER_PROJECTION} AS partner`,
    { partnerId, keyHash },
  );
  return row?.partner ?? null;
}

export async function revokeKey(tx: Tx, partnerId: string): Promise<PartnerRow | null> {
  const [row] = await tx.run<{ partner: PartnerRow }>(
    `MATCH (p:Partner {id: $partnerId})
     REMOVE p.keyHash
     SET p.revokedAt = coalesce(p.revokedAt, datetime())
     RETURN ${PARTNER_PROJECTION} AS partner`,
    { partnerId },
  );
  return row?.partner ?? null;
}

export async function audit(
  tx: Tx,
  entry: { actorId: string; action: string; targetId: string | null },
): Promise<void> {
  await tx.run(
    'CREATE (:AuditEntry {id: $id, actorId: $actorId, action: $action, targetId: $targetId, at: datetime()})',
    { ...entry, id: randomUUID() },
  );
}

/** Granting again replaces the scopes and expiry and lifts a revocation. Null when user or partner is missing. */
export async function grantConsent(
  tx: Tx,
  input: { userId: string; partnerId: string; scopes: ConsentScope[]; expiresAt: string | null },
): Promise<ConsentRow | 'no-user' | 'no-partner'> {
  const [found] = await tx.run<{ user: boolean; partner: boolean }>(
    `OPTIONAL MATCH (u:User {id: $userId}) OPTIONAL MATCH (p:Partner {id: $partnerId})
     RETURN u IS NOT NULL AS user, p IS NOT NULL AS partner`,
    input,
  );
  if (!found?.user) return 'no-user';
  if (!found.partner) return 'no-partner';
  const [row] = await tx.run<{ consent: ConsentRow }>(
    `MATCH (u:User {id: $userId}), (p:Partner {id: $partnerId})
     MERGE (u)-[c:CONSENTED_TO]->(p)
     // The relationship a partner may report about starts when EVENTS is granted, and goes on through re-grants
     // that keep it; after a revocation, an expiry or a grant without EVENTS it starts again.
     WITH u, p, c, c.revokedAt IS NULL AND (c.expiresAt IS NULL OR c.expiresAt > datetime())
                   AND 'EVENTS' IN coalesce(c.scopes, []) AND c.eventsSince IS NOT NULL AS eventsGoOn
     SET c.scopes = $scopes, c.grantedAt = datetime(), c.revokedAt = null,
         c.expiresAt = CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END,
         c.eventsSince = CASE WHEN NOT 'EVENTS' IN $scopes THEN null WHEN eventsGoOn THEN c.eventsSince
                              ELSE datetime() END
     RETURN ${CONSENT_PROJECTION} AS consent`,
    input,
  );
  return row!.consent;
}

/** True when there was a consent that was not yet revoked. */
export async function revokeConsent(tx: Tx, userId: string, partnerId: string): Promise<boolean> {
  const rows = await tx.run(
    `MATCH (:User {id: $userId})-[c:CONSENTED_TO]->(:Partner {id: $partnerId}) WHERE c.revokedAt IS NULL
     SET c.revokedAt = datetime() RETURN 1 AS revoked`,
    { userId, partnerId },
  );
  return rows.length > 0;
}

export async function consentsOfUsers(
  db: Db,
  userIds: readonly string[],
): Promise<Map<string, ConsentRow[]>> {
  const rows = await db.read<{ userId: string; consents: ConsentRow[] }>(
    `UNWIND $userIds AS userId
     MATCH (u:User {id: userId})
     RETURN u.id AS userId,
            COLLECT { MATCH (u)-[c:CONSENTED_TO]->(p:Partner) WITH u, c, p ORDER BY c.grantedAt, p.id
                      RETURN ${CONSENT_PROJECTION} } AS consents`,
    { userIds },
  );
  return new Map(rows.map((r) => [r.userId, r.consents]));
}

/** One page of inquiries per subject, newest first, for many subjects in one query. */
export async function inquiriesOfSubjects(
  db: Db,
  subjectIds: readonly string[],
  page: PageArgs,
): Promise<Map<string, PageOfRows<InquiryRow>>> {
  const rows = await db.read<{ subjectId: string; items: InquiryRow[]; total: number }>(
    `UNWIND $subjectIds AS subjectId
     RETURN subjectId,
            COLLECT { MATCH (x:Inquiry {subjectId: subjectId}) WHERE ${afterCondition('x', page, 'at', true)}
                      WITH x AS q ORDER BY q.at DESC, q.id DESC LIMIT $limit RETURN ${INQUIRY_PROJECTION} } AS items,
            COUNT { (x:Inquiry {subjectId: subjectId}) } AS total`,
    { subjectIds, ...pageParams(page) },
  );
  return new Map(rows.map((r) => [r.subjectId, { rows: r.items, total: r.total }]));
}

/** Inquiries newest first: all of them (partnerId null) or one partner's. */
export async function inquiriesPage(
  db: Db,
  partnerId: string | null,
  page: PageArgs,
): Promise<PageOfRows<InquiryRow>> {
  const [row] = await db.read<{ items: InquiryRow[]; total: number }>(
    `RETURN COLLECT { MATCH (x:Inquiry) WHERE ($partnerId IS NULL OR x.partnerId = $partnerId) AND ${afterCondition('x', page, 'at', true)}
                      WITH x AS q ORDER BY q.at DESC, q.id DESC LIMIT $limit RETURN ${INQUIRY_PROJECTION} } AS items,
            COUNT { (x:Inquiry) WHERE $partnerId IS NULL OR x.partnerId = $partnerId } AS total`,
    { partnerId, ...pageParams(page) },
  );
  return { rows: row?.items ?? [], total: row?.total ?? 0 };
}

export async function auditPage(db: Db, page: PageArgs): Promise<PageOfRows<AuditEntryRow>> {
  const [row] = await db.read<{ items: AuditEntryRow[]; total: number }>(
    `RETURN COLLECT { MATCH (x:AuditEntry) WHERE ${afterCondition('x', page, 'at', true)}
                      WITH x AS a ORDER BY a.at DESC, a.id DESC LIMIT $limit RETURN ${AUDIT_PROJECTION} } AS items,
            COUNT { (:AuditEntry) } AS total`,
    pageParams(page),
  );
  return { rows: row?.items ?? [], total: row?.total ?? 0 };
}
