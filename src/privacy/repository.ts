import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Db, Tx } from '../db/driver.js';
import {
  DISPUTE_PROJECTION,
  REVIEW_PERIOD,
  type DisputeRow,
  type DisputeStatus,
  type DisputedItemKind,
} from './model.js';

/**
 * Takes the person's write lock (set and removed in this transaction), so that two disputes filed at once are
 * decided one after the other: the second sees the first (DISPUTE_OPEN), and the per-item cap holds.
 */
export async function lockPerson(tx: Tx, userId: string): Promise<void> {
  await tx.run('MATCH (u:User {id: $userId}) SET u._lock = true REMOVE u._lock', { userId });
}

/**
 * The item, if it concerns this user, with every dispute of it so far (oldest first). While a dispute is open
 * the item carries `disputed: true`: a mark for the person's and the reviewer's view, not an exclusion; the
 * item keeps counting in scores and eligibility until a dispute of it is upheld (which removes it).
 */
export async function itemConcerning(
  tx: Tx,
  userId: string,
  itemId: string,
): Promise<{
  kind: DisputedItemKind;
  disputes: { status: DisputeStatus; evidence: string | null }[];
} | null> {
  const [row] = await tx.run<{
    kind: DisputedItemKind | null;
    disputes: { status: DisputeStatus; evidence: string | null }[];
  }>(
    `MATCH (u:User {id: $userId})
     OPTIONAL MATCH (u)-[:HAS_EVENT]->(e:Event {id: $itemId})
     OPTIONAL MATCH (:User)-[r:RATED {id: $itemId}]->(u)
     OPTIONAL MATCH (:User)-[p:REPORTED {id: $itemId}]->(u)
     RETURN CASE WHEN e IS NOT NULL THEN 'EVENT' WHEN r IS NOT NULL THEN 'RATING'
                 WHEN p IS NOT NULL THEN 'REPORT' END AS kind,
            COLLECT { MATCH (u)-[:FILED]->(d:Dispute {itemId: $itemId})
                      WITH d ORDER BY coalesce(d.openedAt, d.createdAt)
                      RETURN {status: d.status, evidence: d.evidence} } AS disputes`,
    { userId, itemId },
  );
  return row?.kind ? { kind: row.kind, disputes: row.disputes } : null;
}

/** Item patterns by kind; kinds are constants of this module, never input. */
const ITEM_PATTERN: Record<DisputedItemKind, string> = {
  EVENT: '(:User)-[:HAS_EVENT]->(item:Event {id: $itemId})',
  RATING: '(:User)-[item:RATED {id: $itemId}]->(:User)',
  REPORT: '(:User)-[item:REPORTED {id: $itemId}]->(:User)',
};

/** Sets or clears the open-dispute mark (and the exclusion mark `underDispute` of disputes filed before 2026-12). */
export async function markItem(tx: Tx, kind: DisputedItemKind, itemId: string, disputed: boolean) {
  await tx.run(
    `MATCH ${ITEM_PATTERN[kind]}
     SET item.disputed = CASE WHEN $disputed THEN true ELSE null END, item.underDispute = null`,
    { itemId, disputed },
  );
}

export async function removeItem(tx: Tx, kind: DisputedItemKind, itemId: string) {
  await tx.run(`MATCH ${ITEM_PATTERN[kind]} ${kind === 'EVENT' ? 'DETACH DELETE' : 'DELETE'} item`, {
    itemId,
  });
}

export async function createDispute(
  tx: Tx,
  input: {
    userId: string;
    itemId: string;
    itemKind: DisputedItemKind;
    statement: string;
    evidence: string | null;
  },
): Promise<DisputeRow> {
  const [row] = await tx.run<{ dispute: DisputeRow }>(
    `MATCH (u:User {id: $userId})
     CREATE (u)-[:FILED]->(d:Dispute {id: $id, itemId: $itemId, itemKind: $itemKind, statement: $statement,
                                      evidence: $evidence, status: 'OPEN', openedAt: datetime()})
     RETURN ${DISPUTE_PROJECTION} AS dispute`,
    { ...input, id: randomUUID() },
  );
  return row!.dispute;
}

/**
 * Locks the dispute (SET) so that two admins cannot resolve it twice. Its status is the effective one: a
 * dispute past its review deadline reads as upheld.
 */
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
     SET d.status = $status, d.resolution = 'REVIEWER', d.resolvedAt = datetime(), d.resolvedBy = $resolvedBy
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
            COLLECT { MATCH (u)-[:FILED]->(d:Dispute)
                      WITH u, d ORDER BY coalesce(d.openedAt, d.createdAt) DESC, d.id DESC
                      RETURN ${DISPUTE_PROJECTION} } AS disputes`,
    { userIds },
  );
  return new Map(rows.map((r) => [r.userId, r.disputes]));
}

/** Open disputes past their review deadline (of one user, or of everyone), oldest first. */
export async function lapsedDisputes(
  tx: Tx,
  userId: string | null,
  limit: number,
): Promise<{ id: string; userId: string; itemId: string; itemKind: DisputedItemKind }[]> {
  return tx.run(
    `MATCH (u:User)-[:FILED]->(d:Dispute {status: 'OPEN'})
     WHERE ($userId IS NULL OR u.id = $userId)
       AND coalesce(d.openedAt, d.createdAt) + duration('${REVIEW_PERIOD}') <= datetime()
     WITH u, d ORDER BY coalesce(d.openedAt, d.createdAt), d.id LIMIT $limit
     RETURN d.id AS id, u.id AS userId, d.itemId AS itemId, d.itemKind AS itemKind`,
    { userId, limit: neo4j.int(limit) },
  );
}

/** Upholds a dispute by its deadline: resolved the day the review period ended, by no reviewer. */
export async function closeByDeadline(tx: Tx, disputeId: string): Promise<void> {
  await tx.run(
    `MATCH (d:Dispute {id: $disputeId, status: 'OPEN'})
     SET d.status = 'UPHELD', d.resolution = 'REVIEW_DEADLINE',
         d.resolvedAt = coalesce(d.openedAt, d.createdAt) + duration('${REVIEW_PERIOD}')`,
    { disputeId },
  );
}

export async function openDisputes(db: Db, limit: number): Promise<DisputeRow[]> {
  const rows = await db.read<{ dispute: DisputeRow }>(
    `MATCH (u:User)-[:FILED]->(d:Dispute {status: 'OPEN'})
     WHERE coalesce(d.openedAt, d.createdAt) + duration('${REVIEW_PERIOD}') > datetime()
     WITH u, d ORDER BY coalesce(d.openedAt, d.createdAt), d.id LIMIT $limit
     RETURN ${DISPUTE_PROJECTION} AS dispute`,
    { limit: neo4j.int(limit) },
  );
  return rows.map((r) => r.dispute);
}

/** What erasure tombstones of an account: its handle and its verified identities' stored keys. */
export async function erasableKeys(
  tx: Tx,
  userId: string,
): Promise<{ handle: string; identityKeys: string[] } | null> {
  const [row] = await tx.run<{ handle: string; identityKeys: string[] }>(
    `MATCH (u:User {id: $userId})
     RETURN u.handle AS handle, COLLECT { MATCH (u)-[:HAS_IDENTITY]->(i:Identity) RETURN i.key } AS identityKeys`,
    { userId },
  );
  return row ?? null;
}

/**
 * Erasure in one statement sequence: the person's identities, events, past ratings and disputes, every
 * relationship (consents, endorsements and ratings given and received, reports), outstanding link nonces and
 * the node itself. What
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
  // Outstanding OpenID Connect link nonces name the person (they would expire within minutes anyway).
  await tx.run('MATCH (n:IdentityLinkNonce {userId: $userId}) DELETE n', { userId });
  await tx.run('MATCH (u:User {id: $userId}) DETACH DELETE u', { userId });
  await tx.run(
    "CREATE (:AuditEntry {id: $id, actorId: $pseudonym, action: 'ACCOUNT_ERASED', targetId: $pseudonym, at: datetime()})",
    { id: randomUUID(), pseudonym },
  );
  return true;
}
