import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Db, Tx } from '../db/driver.js';
import { DISPUTE_PROJECTION, type DisputeRow, type DisputedItemKind } from './model.js';

/**
 * The item, if it concerns this user: an event about them, or a rating or report of them. While a dispute is
 * open the item carries `underDispute: true`, which the scoring and eligibility queries leave out.
 */
export async function itemConcerning(
  tx: Tx,
  userId: string,
  itemId: string,
): Promise<{ kind: DisputedItemKind; openDispute: boolean } | null> {
  const [row] = await tx.run<{ kind: DisputedItemKind | null; openDispute: boolean }>(
    `MATCH (u:User {id: $userId})
     OPTIONAL MATCH (u)-[:HAS_EVENT]->(e:Event {id: $itemId})
     OPTIONAL MATCH (:User)-[r:RATED {id: $itemId}]->(u)
     OPTIONAL MATCH (:User)-[p:REPORTED {id: $itemId}]->(u)
     RETURN CASE WHEN e IS NOT NULL THEN 'EVENT' WHEN r IS NOT NULL THEN 'RATING'
                 WHEN p IS NOT NULL THEN 'REPORT' END AS kind,
            EXISTS { (u)-[:FILED]->(:Dispute {itemId: $itemId, status: 'OPEN'}) } AS openDispute`,
    { userId, itemId },
  );
  return row?.kind ? { kind: row.kind, openDispute: row.openDispute } : null;
}

/** Sets (or clears) the item's under-dispute mark; kinds are constants of this module, never input. */
const ITEM_PATTERN: Record<DisputedItemKind, string> = {
  EVENT: '(:User)-[:HAS_EVENT]->(item:Event {id: $itemId})',
  RATING: '(:User)-[item:RATED {id: $itemId}]->(:User)',
  REPORT: '(:User)-[item:REPORTED {id: $itemId}]->(:User)',
};

export async function markItem(tx: Tx, kind: DisputedItemKind, itemId: string, underDispute: boolean) {
  await tx.run(
    `MATCH ${ITEM_PATTERN[kind]} SET item.underDispute = CASE WHEN $underDispute THEN true ELSE null END`,
    { itemId, underDispute },
  );
}

export async function removeItem(tx: Tx, kind: DisputedItemKind, itemId: string) {
  await tx.run(`MATCH ${ITEM_PATTERN[kind]} ${kind === 'EVENT' ? 'DETACH DELETE' : 'DELETE'} item`, {
    itemId,
  });
}

export async function createDispute(
  tx: Tx,
  input: { userId: string; itemId: string; itemKind: DisputedItemKind; statement: string },
): Promise<DisputeRow> {
  const [row] = await tx.run<{ dispute: DisputeRow }>(
    `MATCH (u:User {id: $userId})
     CREATE (u)-[:FILED]->(d:Dispute {id: $id, itemId: $itemId, itemKind: $itemKind, statement: $statement,
                                      status: 'OPEN', createdAt: datetime()})
     RETURN ${DISPUTE_PROJECTION} AS dispute`,
    { ...input, id: randomUUID() },
  );
  return row!.dispute;
}

/** Locks the dispute (SET) so that two admins cannot resolve it twice. */
export async function lockDispute(tx: Tx, disputeId: string): Promise<DisputeRow | null> {
  const [row] = await tx.run<{ dispute: DisputeRow }>(
    `MATCH (u:User)-[:FILED]->(d:Dispute {id: $disputeId}) SET d.status = d.status
     RETURN ${DISPUTE_PROJECTION} AS dispute`,
    { disputeId },
  );
  return row?.dispute ?? null;
}

export async function closeDispute(
  tx: Tx,
  disputeId: string,
  status: 'UPHELD' | 'REJECTED',
  resolvedBy: string,
): Promise<DisputeRow> {
  const [row] = await tx.run<{ dispute: DisputeRow }>(
    `MATCH (u:User)-[:FILED]->(d:Dispute {id: $disputeId})
     SET d.status = $status, d.resolvedAt = datetime(), d.resolvedBy = $resolvedBy
     RETURN ${DISPUTE_PROJECTION} AS dispute`,
    { disputeId, status, resolvedBy },
  );
  return row!.dispute;
}

export async function disputesOfUsers(
  db: Db,
  userIds: readonly string[],
): Promise<Map<string, DisputeRow[]>> {
  const rows = await db.read<{ userId: string; disputes: DisputeRow[] }>(
    `UNWIND $userIds AS userId
     MATCH (u:User {id: userId})
     RETURN u.id AS userId,
            COLLECT { MATCH (u)-[:FILED]->(d:Dispute) WITH u, d ORDER BY d.createdAt DESC, d.id DESC
                      RETURN ${DISPUTE_PROJECTION} } AS disputes`,
    { userIds },
  );
  return new Map(rows.map((r) => [r.userId, r.disputes]));
}

export async function openDisputes(db: Db, limit: number): Promise<DisputeRow[]> {
  const rows = await db.read<{ dispute: DisputeRow }>(
    `MATCH (u:User)-[:FILED]->(d:Dispute {status: 'OPEN'})
     WITH u, d ORDER BY d.createdAt, d.id LIMIT $limit
     RETURN ${DISPUTE_PROJECTION} AS dispute`,
    { limit: neo4j.int(limit) },
  );
  return rows.map((r) => r.dispute);
}

/**
 * Erasure in one statement sequence: the person's identities, events, past ratings and disputes, every
 * relationship (consents, endorsements and ratings given and received, reports) and the node itself. What
 * stays is the accountability trail, pseudonymised: inquiries about them and audit entries naming them.
 */
export async function eraseUser(tx: Tx, userId: string, pseudonym: string): Promise<boolean> {
  const [found] = await tx.run<{ found: boolean }>(
    'OPTIONAL MATCH (u:User {id: $userId}) RETURN u IS NOT NULL AS found',
    { userId },
  );
  if (!found?.found) return false;
  await tx.run('MATCH (q:Inquiry {subjectId: $userId}) SET q.subjectId = $pseudonym', { userId, pseudonym });
  await tx.run(
    `MATCH (a:AuditEntry) WHERE a.targetId = $userId OR a.actorId = $userId
     SET a.targetId = CASE WHEN a.targetId = $userId THEN $pseudonym ELSE a.targetId END,
         a.actorId = CASE WHEN a.actorId = $userId THEN $pseudonym ELSE a.actorId END`,
    { userId, pseudonym },
  );
  await tx.run(
    `MATCH (u:User {id: $userId})
     OPTIONAL MATCH (u)-[:HAS_IDENTITY|HAS_EVENT|RATED_BEFORE|FILED|HAS_TRUST_SNAPSHOT]->(owned)
     DETACH DELETE owned`,
    { userId },
  );
  await tx.run('MATCH (past:PastRating {targetId: $userId}) DETACH DELETE past', { userId });
  await tx.run('MATCH (u:User {id: $userId}) DETACH DELETE u', { userId });
  await tx.run(
    "CREATE (:AuditEntry {id: $id, actorId: $pseudonym, action: 'ACCOUNT_ERASED', targetId: $pseudonym, at: datetime()})",
    { id: randomUUID(), pseudonym },
  );
  return true;
}
