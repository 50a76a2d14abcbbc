import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/driver.js';
import {
  afterCondition,
  pageParams,
  toConnection,
  type Connection,
  type NestedPage,
  type PageArgs,
  type PageOfRows,
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

/** One page of a list (identities, relationships, events) for each of many users, in one statement. */
export async function pagesOfUsers<T>(
  db: Db,
  userIds: readonly string[],
  list: NestedPage<T>,
): Promise<Map<string, PageOfRows<T>>> {
  const rows = await db.read<{ userId: string; items: unknown[]; total: number }>(
    `UNWIND $userIds AS userId
     MATCH (u:User {id: userId})
     RETURN u.id AS userId, ${list.items} AS items, ${list.total} AS total`,
    { userIds, ...list.params },
  );
  return new Map(rows.map((r) => [r.userId, list.read(r.items, r.total)]));
}

/**
 * A page of users, oldest first, with the total (unless `withTotal` is false: a page whose totalCount nobody
 * reads), in one statement; with `nested`, each user's page of those lists too (their parameters prefixed by
 * the list's name, a constant of the caller's), per list and user.
 */
export async function usersPage(
  db: Db,
  page: PageArgs,
  nested: Readonly<Record<string, NestedPage<unknown>>> = {},
  withTotal = true,
): Promise<{ users: Connection<UserRow>; nested: Map<string, Map<string, PageOfRows<unknown>>> }> {
  const lists = Object.entries(nested);
  const [row] = await db.read<{ users: unknown[][]; total: number }>(
    `RETURN COLLECT { MATCH (u:User) WHERE ${afterCondition('u', page)}
                      WITH u ORDER BY u.createdAt, u.id LIMIT $limit
                      RETURN [${[USER.cypher, ...lists.map(([, l]) => `${l.items}, ${l.total}`)].join(', ')}] } AS users,
            ${withTotal ? 'COUNT { (:User) }' : 'null'} AS total`,
    Object.assign(pageParams(page), ...lists.map(([, l]) => l.params)) as Record<string, unknown>,
  );
  const rows = row?.users ?? [];
  const users = rows.map((values) => USER.read(values[0] as unknown[]));
  const pages = new Map(
    lists.map(([name, list], i) => [
      name,
      new Map(
        rows.map((values, u) => [
          users[u]!.id,
          list.read(values[1 + 2 * i] as unknown[], values[2 + 2 * i] as number),
        ]),
      ),
    ]),
  );
  return {
    users: toConnection(users, page, row?.total ?? 0, (u) => ({ at: u.createdAt, id: u.id })),
    nested: pages,
  };
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
