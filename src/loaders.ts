import DataLoader from 'dataloader';
import type { Db } from './db/driver.js';
import {
  toConnection,
  type Connection,
  type NestedPageOptions,
  type PageArgs,
  type PageOfRows,
} from './db/pagination.js';
import { keysFor, type Selection } from './db/rows.js';
import { identitiesOfUser } from './identities/repository.js';
import { IDENTITY_FIELD_NEEDS, type IdentityRow } from './identities/model.js';
import {
  ENDORSEMENT_FIELD_NEEDS,
  EVENT_FIELD_NEEDS,
  RATING_FIELD_NEEDS,
  type EndorsementRow,
  type EventRow,
  type RatingRow,
  type WithCounterpart,
} from './relationships/model.js';
import {
  eventsOfUser,
  relationshipsOfUser,
  type RelationshipList,
  type RowOf,
} from './relationships/repository.js';
import type { SnapshotWindow, TrustSnapshotRow, TrustStateRow } from './trust/model.js';
import {
  contributorVisibility,
  eventsInWindows,
  pathsThrough,
  snapshotsOfUsers,
  trustStates,
  type ContributorPair,
  type ContributorVisibility,
  type PathStepRow,
} from './trust/repository.js';
import type { ConsentRow, InquiryRow, PartnerRow } from './partners/model.js';
import { consentsOfUsers, inquiriesOfSubjects, partnersByIds } from './partners/repository.js';
import type { PerkRow, PersonFacts } from './perks/model.js';
import { activePerks, perksByIds, subjectFacts } from './perks/repository.js';
import type { DisputeRow } from './privacy/model.js';
import { disputesOfUsers } from './privacy/repository.js';
import { USER_FIELD_NEEDS, type UserRow } from './users/model.js';
import { pagesOfUsers, usersByIdsOrHandles } from './users/repository.js';

interface PageKey {
  parentId: string;
  page: PageArgs;
}

/**
 * A DataLoader that remembers what it has loaded or been primed with, so that `get` can hand a known value
 * back at once. graphql-js completes a plain value in place but wraps every promise (an object with a pending
 * field is awaited as a whole): on a page of 100 users with their lists, resolving the prefetched lists and
 * users without promises halved the gateway's allocations.
 */
export class KnownLoader<K, V, C = K> extends DataLoader<K, V, C> {
  private readonly known = new Map<C, V>();
  private readonly keyOf: (key: K) => C;

  constructor(batch: DataLoader.BatchLoadFn<K, V>, keyOf?: (key: K) => C) {
    const key = keyOf ?? ((k: K) => k as unknown as C);
    super(
      async (keys) => {
        const values = await batch(keys);
        keys.forEach((k, i) => {
          const value = values[i];
          if (!(value instanceof Error)) this.known.set(key(k), value as V);
        });
        return values;
      },
      { cacheKeyFn: key },
    );
    this.keyOf = key;
  }

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    const c = this.keyOf(key);
    if (!this.known.has(c) && !(value instanceof Error) && !isPromiseLike(value)) this.known.set(c, value);
    return super.prime(key, value);
  }

  /** The value at once when this request knows it already, else a promise of it (batched as `load`). */
  get(key: K): V | Promise<V> {
    const c = this.keyOf(key);
    return this.known.has(c) ? this.known.get(c)! : this.load(key);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** A loader of pages that can also turn pages fetched elsewhere into the connections it would serve. */
export interface PageLoader<T, Fetched = T> extends KnownLoader<PageKey, Connection<T>, string> {
  /** These parents' pages as connections (e.g. fetched with the page of users they belong to). */
  connections(page: PageArgs, pages: ReadonlyMap<string, PageOfRows<Fetched>>): Map<string, Connection<T>>;
}

/**
 * A loader of one page per parent: all keys asking for the same page arguments (the usual case: every user
 * of a list asks for its first 20 identities) are fetched in one query. `accept` turns what a query returns
 * into the pages served (relationship pages give their counterparts to the user loaders).
 */
function pageLoader<T, Fetched = T>(
  fetch: (parentIds: readonly string[], page: PageArgs) => Promise<Map<string, PageOfRows<Fetched>>>,
  key: (row: T) => { at: string; id: string },
  accept: (page: PageOfRows<Fetched>) => PageOfRows<T> = (page) => page as unknown as PageOfRows<T>,
): PageLoader<T, Fetched> {
  const loader = new KnownLoader<PageKey, Connection<T>, string>(
    async (keys) => {
      const groups = new Map<string, { page: PageArgs; ids: string[] }>();
      for (const k of keys) {
        const groupKey = JSON.stringify(k.page);
        const group = groups.get(groupKey) ?? { page: k.page, ids: [] };
        group.ids.push(k.parentId);
        groups.set(groupKey, group);
      }
      const results = new Map<string, Map<string, PageOfRows<Fetched>>>();
      await Promise.all(
        [...groups].map(async ([groupKey, group]) =>
          results.set(groupKey, await fetch(group.ids, group.page)),
        ),
      );
      return keys.map((k) => {
        const found = results.get(JSON.stringify(k.page))?.get(k.parentId);
        const { rows, total } = found ? accept(found) : { rows: [], total: 0 };
        return toConnection(rows, k.page, total, key);
      });
    },
    (k) => JSON.stringify([k.parentId, k.page]),
  );
  return Object.assign(loader, {
    connections(page: PageArgs, pages: ReadonlyMap<string, PageOfRows<Fetched>>) {
      return new Map(
        [...pages].map(([parentId, found]) => {
          const { rows, total } = accept(found);
          return [parentId, toConnection(rows, page, total, key)] as const;
        }),
      );
    },
  });
}

function byKey<K, V>(rows: V[], key: (row: V) => K, wanted: readonly K[]): (V | null)[] {
  const map = new Map(rows.map((row) => [key(row), row]));
  return wanted.map((k) => map.get(k) ?? null);
}

/**
 * Relationship pages come with the user at the other end of each relationship: those users fill the user
 * loaders, so resolving `endorser { handle }` for a whole page costs no further query.
 */
function relationshipLoader<T extends { createdAt: string; id: string; counterpart?: UserRow }>(
  fetch: (
    parentIds: readonly string[],
    page: PageArgs,
  ) => Promise<Map<string, PageOfRows<WithCounterpart<T>>>>,
  users: { byId: DataLoader<string, UserRow | null>; byHandle: DataLoader<string, UserRow | null> },
): PageLoader<T, WithCounterpart<T>> {
  return pageLoader<T, WithCounterpart<T>>(
    fetch,
    (row) => ({ at: row.createdAt, id: row.id }),
    ({ rows, total }) => ({
      rows: rows.map(({ item, counterpart, partial }) => {
        if (!counterpart) return item;
        // Only the fields an operation selected of this user: kept with its relationship, out of the loaders
        // (the row was read for this request alone, so it is given its counterpart in place).
        if (partial) {
          item.counterpart = counterpart;
          return item;
        }
        users.byId.prime(counterpart.id, counterpart);
        users.byHandle.prime(counterpart.handle, counterpart);
        return item;
      }),
      total,
    }),
  );
}

/**
 * How to read a nested page for an operation's selection of it: only the keys of the node's fields (and the
 * cursor's when a cursor is selected), and the total only when totalCount is. Everything without a selection.
 */
function readFor<T>(
  prefix: string | undefined,
  connection: Selection | undefined,
  needs: Readonly<Record<string, readonly (keyof T)[]>>,
  cursorKeys: readonly (keyof T)[],
): NestedPageOptions<T> {
  if (!connection) return { prefix };
  const edges = connection.fields.get('edges');
  const cursors = Boolean(
    edges?.fields.has('cursor') || connection.fields.get('pageInfo')?.fields.has('endCursor'),
  );
  const always = ['id', ...(cursors ? cursorKeys : [])] as (keyof T)[];
  return {
    prefix,
    keys: keysFor<T>(edges?.fields.get('node')?.fields.keys() ?? [], needs, always),
    withTotal: connection.fields.has('totalCount'),
  };
}

/** What is read of the user at the other end of a relationship: nothing when `field` is not selected. */
function counterpartKeys(connection: Selection | undefined, field: string): Set<keyof UserRow> | null {
  if (!connection) return null;
  const other = connection.fields.get('edges')?.fields.get('node')?.fields.get(field);
  return other ? keysFor<UserRow>(other.fields.keys(), USER_FIELD_NEEDS, ['id']) : new Set();
}

function relationshipList<L extends RelationshipList>(
  list: L,
  needs: Readonly<Record<string, readonly (keyof RowOf<L>)[]>>,
  counterpartField: string,
) {
  return (page: PageArgs, prefix?: string, selection?: Selection) =>
    relationshipsOfUser(list, page, {
      ...readFor<RowOf<L>>(prefix, selection, needs, ['createdAt']),
      counterpartKeys: counterpartKeys(selection, counterpartField),
    });
}

/**
 * The lists of a user that a page of users can carry in its own statement, by their GraphQL field names (the
 * loader of each has the same name). Given the operation's selection of the list, only what it reads is fetched.
 */
export const USER_LISTS = {
  identities: (page: PageArgs, prefix?: string, selection?: Selection) =>
    identitiesOfUser(page, readFor<IdentityRow>(prefix, selection, IDENTITY_FIELD_NEEDS, ['verifiedAt'])),
  endorsementsGiven: relationshipList('endorsementsGiven', ENDORSEMENT_FIELD_NEEDS, 'endorsee'),
  endorsementsReceived: relationshipList('endorsementsReceived', ENDORSEMENT_FIELD_NEEDS, 'endorser'),
  ratingsGiven: relationshipList('ratingsGiven', RATING_FIELD_NEEDS, 'target'),
  ratingsReceived: relationshipList('ratingsReceived', RATING_FIELD_NEEDS, 'rater'),
  events: (page: PageArgs, prefix?: string, selection?: Selection) =>
    eventsOfUser(page, readFor<EventRow>(prefix, selection, EVENT_FIELD_NEEDS, ['occurredAt'])),
} as const;
export type UserList = keyof typeof USER_LISTS;

/** The row type of each user list. */
interface UserListRow {
  identities: IdentityRow;
  endorsementsGiven: EndorsementRow;
  endorsementsReceived: EndorsementRow;
  ratingsGiven: RatingRow;
  ratingsReceived: RatingRow;
  events: EventRow;
}

const prefetchKey = (list: UserList, page: PageArgs) =>
  `${list}\u0000${page.first}\u0000${page.after?.at ?? ''}\u0000${page.after?.id ?? ''}`;

/**
 * A user's page of a list: the one fetched with the page of users this user object came in (look-ahead, with
 * only the fields that page's selection reads), else the full page through the request's loader. Prefetched
 * pages hang on the page's own user objects, so no other part of the operation can be served a narrowed row.
 */
export function userListPage<L extends UserList>(
  loaders: Loaders,
  list: L,
  user: UserRow,
  page: PageArgs,
): Connection<UserListRow[L]> | Promise<Connection<UserListRow[L]>> {
  const prefetched = loaders.prefetched.get(user)?.get(prefetchKey(list, page));
  if (prefetched) return prefetched as Connection<UserListRow[L]>;
  // Each list's loader serves its own row type; the union of the loaders is not callable as one.
  const loader = loaders[list] as unknown as KnownLoader<PageKey, Connection<UserListRow[L]>, string>;
  return loader.get({ parentId: user.id, page });
}

/** Attaches pages of a list fetched with a page of users to those user objects (see userListPage). */
export function attachPrefetched(
  loaders: Loaders,
  list: UserList,
  page: PageArgs,
  users: readonly UserRow[],
  pages: ReadonlyMap<string, PageOfRows<unknown>>,
): void {
  const loader = loaders[list] as unknown as PageLoader<unknown, unknown>;
  const connections = loader.connections(page, pages);
  const key = prefetchKey(list, page);
  for (const user of users) {
    const connection = connections.get(user.id);
    if (!connection) continue;
    let lists = loaders.prefetched.get(user);
    if (!lists) loaders.prefetched.set(user, (lists = new Map()));
    lists.set(key, connection);
  }
}

/**
 * The user at one end of a relationship row: the one fetched with the row (a page's look-ahead) when it is that
 * end, else through the request's loader.
 */
export function userAt(
  loaders: { userById: KnownLoader<string, UserRow | null> },
  row: { counterpart?: UserRow },
  userId: string,
): UserRow | null | Promise<UserRow | null> {
  return row.counterpart?.id === userId ? row.counterpart : loaders.userById.get(userId);
}

/** A User entity representation's key: its id, or its handle. */
export type UserReference = { id: string } | { handle: string };

const pairKey = (pair: ContributorPair) => `${pair.userId}\u0000${pair.contributorId}`;

/** Per-request loaders (made afresh for every request, so no data leaks between callers). */
export function createLoaders(db: Db) {
  const userById = new KnownLoader<string, UserRow | null>(async (ids) =>
    byKey(await usersByIdsOrHandles(db, ids, []), (u) => u.id, ids),
  );
  const userByHandle = new KnownLoader<string, UserRow | null>(async (handles) =>
    byKey(await usersByIdsOrHandles(db, [], handles), (u) => u.handle, handles),
  );
  const users = { byId: userById, byHandle: userByHandle };
  /** Federation: `_entities` representations of User by either key, one query for a whole batch of both. */
  const userByReference = new DataLoader<UserReference, UserRow | null, string>(
    async (references) => {
      const ids = references.flatMap((r) => ('id' in r ? [r.id] : []));
      const handles = references.flatMap((r) => ('handle' in r ? [r.handle] : []));
      const rows = await usersByIdsOrHandles(db, ids, handles);
      for (const row of rows) {
        userById.prime(row.id, row);
        userByHandle.prime(row.handle, row);
      }
      return references.map(
        (r) => rows.find((row) => ('id' in r ? row.id === r.id : row.handle === r.handle)) ?? null,
      );
    },
    { cacheKeyFn: (r) => ('id' in r ? `id:${r.id}` : `handle:${r.handle}`) },
  );
  const relationshipPages = <L extends RelationshipList>(list: L) =>
    relationshipLoader<RowOf<L>>(
      (ids, page) => pagesOfUsers(db, ids, relationshipsOfUser(list, page)),
      users,
    );
  return {
    userById,
    userByHandle,
    userByReference,
    /** Pages fetched with the page of users they belong to, by user object (see userListPage). */
    prefetched: new WeakMap<UserRow, Map<string, Connection<unknown>>>(),
    identities: pageLoader<IdentityRow>(
      (ids, page) => pagesOfUsers(db, ids, USER_LISTS.identities(page)),
      (i) => ({ at: i.verifiedAt, id: i.id }),
    ),
    endorsementsGiven: relationshipPages('endorsementsGiven'),
    endorsementsReceived: relationshipPages('endorsementsReceived'),
    ratingsGiven: relationshipPages('ratingsGiven'),
    ratingsReceived: relationshipPages('ratingsReceived'),
    trustState: new DataLoader<string, TrustStateRow | null>(async (ids) =>
      byKey(await trustStates(db, ids), (row) => row.userId, ids),
    ),
    // Explanations: how each network contributor may be shown, and the chain of vouches through them, for the
    // explanations of every user in the request at once.
    contributorVisibility: new DataLoader<ContributorPair, ContributorVisibility | null, string>(
      async (pairs) => byKey(await contributorVisibility(db, pairs), pairKey, pairs.map(pairKey)),
      { cacheKeyFn: pairKey },
    ),
    trustPath: new DataLoader<ContributorPair, { steps: PathStepRow[] } | null, string>(
      async (pairs) => byKey(await pathsThrough(db, pairs), pairKey, pairs.map(pairKey)),
      { cacheKeyFn: pairKey },
    ),
    trustHistory: pageLoader<TrustSnapshotRow>(
      (ids, page) => snapshotsOfUsers(db, ids, page),
      (s) => ({ at: s.computedAt, id: s.id }),
    ),
    /** A page of snapshots' events, for every snapshot in the request at once (by snapshot id). */
    snapshotEvents: new DataLoader<SnapshotWindow, EventRow[], string>(
      async (windows) => {
        const found = await eventsInWindows(db, windows);
        return windows.map((w) => found.get(w.snapshotId) ?? []);
      },
      { cacheKeyFn: (w) => w.snapshotId },
    ),
    partnerById: new DataLoader<string, PartnerRow | null>(async (ids) =>
      byKey(await partnersByIds(db, ids), (p) => p.id, ids),
    ),
    perkById: new DataLoader<string, PerkRow | null>(async (ids) =>
      byKey(await perksByIds(db, ids), (p) => p.id, ids),
    ),
    /** The active catalogue, read once per request (the only key is 'active'). */
    activePerks: new DataLoader<'active', PerkRow[]>(async (keys) => {
      const perks = await activePerks(db);
      return keys.map(() => perks);
    }),
    /** What perk rules are evaluated on, per person (no partner: the person's own view). */
    personFacts: new DataLoader<string, PersonFacts | null>(async (ids) =>
      byKey(await db.readTx((tx) => subjectFacts(tx, null, ids)), (f) => f.userId, ids),
    ),
    consents: new DataLoader<string, ConsentRow[]>(async (ids) => {
      const found = await consentsOfUsers(db, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    disputes: new DataLoader<string, DisputeRow[]>(async (ids) => {
      const found = await disputesOfUsers(db, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    inquiries: pageLoader<InquiryRow>(
      (ids, page) => inquiriesOfSubjects(db, ids, page),
      (q) => ({ at: q.at, id: q.id }),
    ),
    events: pageLoader<EventRow>(
      (ids, page) => pagesOfUsers(db, ids, USER_LISTS.events(page)),
      (e) => ({ at: e.occurredAt, id: e.id }),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
