import DataLoader from 'dataloader';
import type { Db } from './db/driver.js';
import { toConnection, type Connection, type PageArgs, type PageOfRows } from './db/pagination.js';
import { identitiesOfUser } from './identities/repository.js';
import type { IdentityRow } from './identities/model.js';
import type { EndorsementRow, EventRow, RatingRow, WithCounterpart } from './relationships/model.js';
import { eventsOfUser, relationshipsOfUser } from './relationships/repository.js';
import type { TrustSnapshotRow, TrustStateRow } from './trust/model.js';
import {
  contributorVisibility,
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
import type { UserRow } from './users/model.js';
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

/** A loader of pages that can also be given pages fetched elsewhere. */
export interface PageLoader<T, Fetched = T> extends KnownLoader<PageKey, Connection<T>, string> {
  /** Fills the cache with these parents' pages (e.g. fetched with the page of users they belong to). */
  primePages(page: PageArgs, pages: ReadonlyMap<string, PageOfRows<Fetched>>): void;
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
    primePages(page: PageArgs, pages: ReadonlyMap<string, PageOfRows<Fetched>>) {
      for (const [parentId, found] of pages) {
        const { rows, total } = accept(found);
        loader.prime({ parentId, page }, toConnection(rows, page, total, key));
      }
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
function relationshipLoader<T extends { createdAt: string; id: string }>(
  fetch: (
    parentIds: readonly string[],
    page: PageArgs,
  ) => Promise<Map<string, PageOfRows<WithCounterpart<T>>>>,
  users: { byId: DataLoader<string, UserRow | null>; byHandle: DataLoader<string, UserRow | null> },
): PageLoader<T, WithCounterpart<T>> {
  return pageLoader<T, WithCounterpart<T>>(
    fetch,
    (row) => ({ at: row.createdAt, id: row.id }),
    ({ rows, total }) => {
      for (const { counterpart } of rows) {
        users.byId.prime(counterpart.id, counterpart);
        users.byHandle.prime(counterpart.handle, counterpart);
      }
      return { rows: rows.map((r) => r.item), total };
    },
  );
}

/**
 * The lists of a user that a page of users can carry in its own statement, by their GraphQL field names (the
 * loader of each has the same name).
 */
export const USER_LISTS = {
  identities: (page: PageArgs, prefix?: string) => identitiesOfUser(page, prefix),
  endorsementsGiven: (page: PageArgs, prefix?: string) =>
    relationshipsOfUser('endorsementsGiven', page, prefix),
  endorsementsReceived: (page: PageArgs, prefix?: string) =>
    relationshipsOfUser('endorsementsReceived', page, prefix),
  ratingsGiven: (page: PageArgs, prefix?: string) => relationshipsOfUser('ratingsGiven', page, prefix),
  ratingsReceived: (page: PageArgs, prefix?: string) => relationshipsOfUser('ratingsReceived', page, prefix),
  events: (page: PageArgs, prefix?: string) => eventsOfUser(page, prefix),
} as const;
export type UserList = keyof typeof USER_LISTS;

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
  return {
    userById,
    userByHandle,
    userByReference,
    identities: pageLoader<IdentityRow>(
      (ids, page) => pagesOfUsers(db, ids, USER_LISTS.identities(page)),
      (i) => ({ at: i.verifiedAt, id: i.id }),
    ),
    endorsementsGiven: relationshipLoader<EndorsementRow>(
      (ids, page) => pagesOfUsers(db, ids, USER_LISTS.endorsementsGiven(page)),
      users,
    ),
    endorsementsReceived: relationshipLoader<EndorsementRow>(
      (ids, page) => pagesOfUsers(db, ids, USER_LISTS.endorsementsReceived(page)),
      users,
    ),
    ratingsGiven: relationshipLoader<RatingRow>(
      (ids, page) => pagesOfUsers(db, ids, USER_LISTS.ratingsGiven(page)),
      users,
    ),
    ratingsReceived: relationshipLoader<RatingRow>(
      (ids, page) => pagesOfUsers(db, ids, USER_LISTS.ratingsReceived(page)),
      users,
    ),
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
