import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/driver.js';
import {
  afterCondition,
  pageParams,
  toConnection,
  type Connection,
  type PageArgs,
} from '../db/pagination.js';
import { USER, type UserRow } from './model.js';

/** Users by id or by handle, in one statement (federation representations may mix both keys). */
export async function usersByIdsOrHandles(
  db: Db,
  ids: readonly string[],
  handles: readonly string[],
): Promise<UserRow[]> {
  const rows = await db.read<{ user: unknown[] }>(
    `MATCH (u:User) WHERE u.id IN $ids OR u.handle IN $handles RETURN ${USER.cypher} AS user`,
    { ids, handles },
  );
  return rows.map((r) => USER.read(r.user));
}

/** One query: the page and the total. */
export async function usersPage(db: Db, page: PageArgs): Promise<Connection<UserRow>> {
  const [row] = await db.read<{ users: unknown[][]; total: number }>(
    `RETURN COLLECT { MATCH (u:User) WHERE ${afterCondition('u', page)}
                      WITH u ORDER BY u.createdAt, u.id LIMIT $limit RETURN ${USER.cypher} } AS users,
            COUNT { (:User) } AS total`,
    pageParams(page),
  );
  const users = (row?.users ?? []).map(USER.read);
  return toConnection(users, page, row?.total ?? 0, (u) => ({ at: u.createdAt, id: u.id }));
}

export async function createUser(
  tx: Tx,
  input: { id?: string; handle: string; displayName: string | null },
): Promise<UserRow | null> {
  // MERGE on the handle makes the duplicate check and the insert one atomic step; the constraint on id
  // still refuses a second account for the same token subject.
  const [row] = await tx.run<{ user: unknown[]; created: boolean }>(
    `MERGE (u:User {handle: $handle})
     ON CREATE SET u.id = $id, u.displayName = $displayName, u.createdAt = datetime(), u.status = 'ACTIVE',
                   u._created = true
     WITH u, coalesce(u._created, false) AS created
     REMOVE u._created
     RETURN ${USER.cypher} AS user, created`,
    { id: input.id ?? randomUUID(), handle: input.handle, displayName: input.displayName },
  );
  return row?.created ? USER.read(row.user) : null;
}

export async function userExists(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.run('MATCH (u:User {id: $id}) RETURN 1 AS found', { id });
  return rows.length > 0;
}

export async function updateDisplayName(
  tx: Tx,
  id: string,
  displayName: string | null,
): Promise<UserRow | null> {
  const [row] = await tx.run<{ user: unknown[] }>(
    `MATCH (u:User {id: $id}) SET u.displayName = $displayName RETURN ${USER.cypher} AS user`,
    { id, displayName },
  );
  return row ? USER.read(row.user) : null;
}
