import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Tx } from '../db/driver.js';
import { nestedPage, type NestedPage, type NestedPageOptions, type PageArgs } from '../db/pagination.js';
import type { RowShape } from '../db/rows.js';
import { userShape, type UserRow } from '../users/model.js';
import {
  ENDORSEMENT,
  EVENT,
  RATING,
  REPORT,
  type EndorsementRow,
  type EventKind,
  type EventRow,
  type RatingRow,
  type ReportRow,
  type WithCounterpart,
} from './model.js';

/** The user-to-user relationships that users page through, seen from the user whose list it is (`u`). */
// `degree` is the same relationships without a label on the far end, so Neo4j counts them from the node's
// degree store instead of expanding every one (hubs have thousands).
const RELATIONSHIP_LISTS = {
  endorsementsGiven: {
    pattern: '(u)-[r:ENDORSES]->(other:User)',
    degree: '(u)-[:ENDORSES]->()',
    shape: ENDORSEMENT,
  },
  endorsementsReceived: {
    pattern: '(u)<-[r:ENDORSES]-(other:User)',
    degree: '(u)<-[:ENDORSES]-()',
    shape: ENDORSEMENT,
  },
  ratingsGiven: {
    pattern: '(u)-[r:RATED]->(other:User)',
    degree: '(u)-[:RATED]->()',
    shape: RATING,
  },
  ratingsReceived: {
    pattern: '(u)<-[r:RATED]-(other:User)',
    degree: '(u)<-[:RATED]-()',
    shape: RATING,
  },
} as const;

/** The user at the other end of a listed relationship. */
const COUNTERPART = userShape('other');

export type RelationshipList = keyof typeof RELATIONSHIP_LISTS;
export type RowOf<L extends RelationshipList> = L extends 'endorsementsGiven' | 'endorsementsReceived'
  ? EndorsementRow
  : RatingRow;

/**
 * A user's (`u`) page of one relationship list, oldest first; each row carries the user at the other end.
 * Options: see NestedPageOptions; `counterpartKeys` narrows what is read of the other user too (null: all of
 * it; empty: not read at all).
 */
export function relationshipsOfUser<L extends RelationshipList>(
  list: L,
  page: PageArgs,
  {
    keys = null,
    counterpartKeys = null,
    ...options
  }: NestedPageOptions<RowOf<L>> & { counterpartKeys?: ReadonlySet<keyof UserRow> | null } = {},
): NestedPage<WithCounterpart<RowOf<L>>> {
  // Patterns and shapes are constants of this module, never caller input.
  const { pattern, degree } = RELATIONSHIP_LISTS[list];
  const shape = (RELATIONSHIP_LISTS[list].shape as RowShape<RowOf<L>>).pick(keys);
  const counterpart = COUNTERPART.pick(counterpartKeys);
  const partial = counterpartKeys !== null;
  const withCounterpart = counterpartKeys === null || counterpartKeys.size > 0;
  return nestedPage(
    {
      match: pattern,
      variable: 'r',
      timeField: 'createdAt',
      carry: 'r, other',
      degree,
      returns: `[${shape.cypher}, ${withCounterpart ? counterpart.cypher : 'null'}]`,
    },
    page,
    options,
    (items, total) => ({
      rows: (items as [unknown[], unknown[] | null][]).map(([item, other]) => ({
        item: shape.read(item),
        counterpart: other ? counterpart.read(other) : null,
        partial,
      })),
      total,
    }),
  );
}

/** A user's (`u`) page of behavioural events, oldest first (options: see NestedPageOptions). */
export function eventsOfUser(
  page: PageArgs,
  { keys = null, ...options }: NestedPageOptions<EventRow> = {},
): NestedPage<EventRow> {
  const shape = EVENT.pick(keys);
  return nestedPage(
    {
      match: '(u)-[:HAS_EVENT]->(e:Event)',
      variable: 'e',
      timeField: 'occurredAt',
      carry: 'e',
      degree: '(u)-[:HAS_EVENT]->()',
      returns: shape.cypher,
    },
    page,
    options,
    (items, total) => ({ rows: (items as unknown[][]).map(shape.read), total }),
  );
}

/** Which of the two users exist (both must for a relationship to be made). */
export async function existingUsers(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  const rows = await tx.run<{ id: string }>('MATCH (u:User) WHERE u.id IN $ids RETURN u.id AS id', { ids });
  return new Set(rows.map((r) => r.id));
}

/** A new endorsement replaces the endorser's current one for the same person (strength and context change). */
export async function endorse(
  tx: Tx,
  input: {
    endorserId: string;
    endorseeId: string;
    strength: number;
    context: string | null;
    public: boolean;
  },
): Promise<EndorsementRow> {
  const [row] = await tx.run<{ endorsement: unknown[] }>(
    `MATCH (a:User {id: $endorserId}), (b:User {id: $endorseeId})
     MERGE (a)-[r:ENDORSES]->(b)
     ON CREATE SET r.id = $id, r.createdAt = datetime()
     SET r.strength = $strength, r.context = $context, r.public = $public
     RETURN ${ENDORSEMENT.cypher} AS endorsement`,
    { ...input, id: randomUUID() },
  );
  return ENDORSEMENT.read(row!.endorsement);
}

export async function endorsementById(tx: Tx, id: string): Promise<EndorsementRow | null> {
  const [row] = await tx.run<{ endorsement: unknown[] }>(
    `MATCH (a:User)-[r:ENDORSES {id: $id}]->(b:User) RETURN ${ENDORSEMENT.cypher} AS endorsement`,
    { id },
  );
  return row ? ENDORSEMENT.read(row.endorsement) : null;
}

export async function deleteEndorsement(tx: Tx, id: string): Promise<void> {
  await tx.run('MATCH ()-[r:ENDORSES {id: $id}]->() DELETE r', { id });
}

/** One current rating per ordered pair: the previous one moves to the rater's rating history. */
export async function rate(
  tx: Tx,
  input: { raterId: string; targetId: string; rating: number; comment: string | null },
): Promise<RatingRow> {
  await tx.run(
    `MATCH (a:User {id: $raterId})-[old:RATED]->(b:User {id: $targetId})
     CREATE (a)-[:RATED_BEFORE]->(:PastRating {id: old.id, targetId: b.id, rating: old.rating, comment: old.comment,
             createdAt: old.createdAt, replacedAt: datetime()})
     DELETE old`,
    input,
  );
  const [row] = await tx.run<{ rating: unknown[] }>(
    `MATCH (a:User {id: $raterId}), (b:User {id: $targetId})
     CREATE (a)-[r:RATED {id: $id, rating: $rating, comment: $comment, createdAt: datetime()}]->(b)
     RETURN ${RATING.cypher} AS rating`,
    { ...input, id: randomUUID() },
  );
  return RATING.read(row!.rating);
}

export async function report(
  tx: Tx,
  input: { reporterId: string; targetId: string; reason: string },
): Promise<ReportRow> {
  const [row] = await tx.run<{ report: unknown[] }>(
    `MATCH (a:User {id: $reporterId}), (b:User {id: $targetId})
     CREATE (a)-[r:REPORTED {id: $id, reason: $reason, status: 'OPEN', createdAt: datetime()}]->(b)
     RETURN ${REPORT.cypher} AS report`,
    { ...input, id: randomUUID() },
  );
  return REPORT.read(row!.report);
}

export async function recordEvent(
  tx: Tx,
  input: { userId: string; kind: EventKind; occurredAt: string; source: string },
): Promise<EventRow | null> {
  const [row] = await tx.run<{ event: unknown[] }>(
    `MATCH (u:User {id: $userId})
     CREATE (u)-[:HAS_EVENT]->(e:Event {id: $id, kind: $kind, occurredAt: datetime($occurredAt), source: $source,
                                         recordedAt: datetime()})
     RETURN ${EVENT.cypher} AS event`,
    { ...input, id: randomUUID() },
  );
  return row ? EVENT.read(row.event) : null;
}

/** What deciding about a resolution needs to know of an event (null if there is none, or its person is gone). */
export async function eventForResolution(
  tx: Tx,
  eventId: string,
): Promise<{ userId: string; kind: EventKind; source: string; resolved: boolean } | null> {
  const [row] = await tx.run<{ userId: string; kind: EventKind; source: string; resolved: boolean }>(
    `MATCH (u:User)-[:HAS_EVENT]->(e:Event {id: $eventId})
     RETURN u.id AS userId, e.kind AS kind, e.source AS source, coalesce(e.resolved, false) AS resolved`,
    { eventId },
  );
  return row ?? null;
}

/** Marks a default settled, by whom (the reporting partner's id, or 'admin'). */
export async function resolveDefault(tx: Tx, eventId: string, resolvedBy: string): Promise<EventRow | null> {
  const [row] = await tx.run<{ event: unknown[] }>(
    `MATCH (u:User)-[:HAS_EVENT]->(e:Event {id: $eventId, kind: 'COMMITMENT_DEFAULTED'})
     SET e.resolved = true, e.resolvedAt = datetime(), e.resolvedBy = $resolvedBy
     RETURN ${EVENT.cypher} AS event`,
    { eventId, resolvedBy },
  );
  return row ? EVENT.read(row.event) : null;
}

/** An event as the API shows it (null if there is none). */
export async function eventById(tx: Tx, eventId: string): Promise<EventRow | null> {
  const [row] = await tx.run<{ event: unknown[] }>(
    `MATCH (u:User)-[:HAS_EVENT]->(e:Event {id: $eventId}) RETURN ${EVENT.cypher} AS event`,
    { eventId },
  );
  return row ? EVENT.read(row.event) : null;
}

/**
 * What a partner's report about a person needs, with the pair locked until the transaction ends (so concurrent
 * reports are counted one after the other): when the person granted the partner EVENTS (null without an active
 * EVENTS consent, or for an unknown person: the two are not told apart), and when the partner's events about the
 * person in the window were recorded.
 */
export async function lockedReportingRight(
  tx: Tx,
  input: { userId: string; partnerId: string; windowStart: number },
): Promise<{ since: number; recent: number[] } | null> {
  // The SET takes the lock before the events are read (Cypher runs each row through the clauses in order).
  const [row] = await tx.run<{ since: number; recent: number[] }>(
    `MATCH (u:User {id: $userId})-[c:CONSENTED_TO]->(:Partner {id: $partnerId})
     WHERE c.revokedAt IS NULL AND (c.expiresAt IS NULL OR c.expiresAt > datetime())
       AND 'EVENTS' IN c.scopes AND c.eventsSince IS NOT NULL
     SET c._LOCK_ = true REMOVE c._LOCK_
     WITH u, c
     RETURN c.eventsSince.epochMillis AS since,
            // Events recorded and defaults settled by the partner share one quota.
            COLLECT { MATCH (u)-[:HAS_EVENT]->(e:Event {source: $partnerId})
                      WHERE e.recordedAt > datetime({epochMillis: $windowStart})
                      RETURN e.recordedAt.epochMillis } +
            COLLECT { MATCH (u)-[:HAS_EVENT]->(e:Event {resolvedBy: $partnerId})
                      WHERE e.resolvedAt > datetime({epochMillis: $windowStart})
                      RETURN e.resolvedAt.epochMillis } AS recent`,
    { ...input, windowStart: neo4j.int(input.windowStart) },
  );
  return row ? { since: Number(row.since), recent: row.recent.map(Number) } : null;
}

/** Whether the key still belongs to a partner allowed to write events (a key cached by the gateway may not). */
export async function eventWriterKeyValid(tx: Tx, partnerId: string, keyHash: string): Promise<boolean> {
  const rows = await tx.run(
    `MATCH (p:Partner {id: $partnerId, keyHash: $keyHash})
     WHERE p.revokedAt IS NULL AND 'EVENTS_WRITE' IN p.scopes RETURN 1 AS valid`,
    { partnerId, keyHash },
  );
  return rows.length > 0;
}

/** When the user registered (null if there is no such user). */
export async function userCreatedAt(tx: Tx, userId: string): Promise<number | null> {
  const [row] = await tx.run<{ createdAt: number }>(
    'MATCH (u:User {id: $userId}) RETURN u.createdAt.epochMillis AS createdAt',
    { userId },
  );
  return row ? Number(row.createdAt) : null;
}

/**
 * The times of the ratings the rater gave the target in the window (the current one and those it replaced), with
 * the rater locked until the transaction ends so concurrent ratings are counted one after the other.
 */
export async function lockedRecentRatings(
  tx: Tx,
  input: { raterId: string; targetId: string; windowStart: number },
): Promise<number[]> {
  // The SET takes the lock before the ratings are read (Cypher runs each row through the clauses in order).
  const [row] = await tx.run<{ recent: number[] }>(
    `MATCH (a:User {id: $raterId})
     SET a._LOCK_ = true REMOVE a._LOCK_
     WITH a, datetime({epochMillis: $windowStart}) AS since
     RETURN COLLECT { MATCH (a)-[r:RATED]->(:User {id: $targetId}) WHERE r.createdAt > since
                      RETURN r.createdAt.epochMillis } +
            COLLECT { MATCH (a)-[:RATED_BEFORE]->(p:PastRating {targetId: $targetId}) WHERE p.createdAt > since
                      RETURN p.createdAt.epochMillis } AS recent`,
    { ...input, windowStart: neo4j.int(input.windowStart) },
  );
  return (row?.recent ?? []).map(Number);
}
