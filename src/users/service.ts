import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';
import { tombstoneKey, tombstoneUntil } from '../privacy/tombstones.js';
import { pageArgs, type Connection, type NestedPage, type PageArgs } from '../db/pagination.js';
import type { Selection } from '../db/rows.js';
import { attachPrefetched, USER_LISTS, type Loaders, type UserList } from '../loaders.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import { text } from '../validation.js';
import { DISPLAY_NAME_MAX, HANDLE_PATTERN, type UserRow } from './model.js';
import { audit } from '../partners/repository.js';
import { createUser, updateDisplayName, userExists, usersPage } from './repository.js';

/**
 * Opens an account. An admin may open any (audited); a token whose subject has no account yet opens its own,
 * and the account's id is that subject.
 */
export async function registerUser(
  db: Db,
  config: Config,
  viewer: Viewer,
  input: { handle: string; displayName?: string | null },
): Promise<UserRow> {
  if (!HANDLE_PATTERN.test(input.handle)) {
    throw badInput('handle', 'handle must be 3–30 characters of a–z, 0–9 and _');
  }
  const displayName = text('displayName', input.displayName, DISPLAY_NAME_MAX);
  const secret = config.identityHashSecret;
  return db.writeTx(async (tx) => {
    let id: string | undefined;
    if (viewer.kind === 'user') {
      if (await userExists(tx, viewer.userId)) throw conflict('This token already has an account');
      // An erased account's login opens no new account during the cooling-off (docs/privacy.md § 5).
      const until = await tombstoneUntil(tx, tombstoneKey(secret, 'LOGIN', viewer.userId));
      if (until)
        throw conflict(
          `This login's account was erased; it can register again from ${until}`,
          'LOGIN_COOLING_OFF',
        );
      id = viewer.userId;
    }
    // An erased handle is quarantined, so nobody can pose as its former holder at once.
    if (await tombstoneUntil(tx, tombstoneKey(secret, 'HANDLE', input.handle))) {
      throw conflict(`The handle "${input.handle}" is quarantined`, 'HANDLE_QUARANTINED');
    }
    const user = await createUser(tx, { id, handle: input.handle, displayName });
    if (!user) throw conflict(`The handle "${input.handle}" is taken`);
    if (viewer.kind === 'admin')
      await audit(tx, { actorId: viewer.userId, action: 'USER_REGISTERED', targetId: user.id });
    return user;
  });
}

export async function updateProfile(
  db: Db,
  viewer: Viewer,
  input: { userId?: string | null; displayName?: string | null },
): Promise<UserRow> {
  const self = actingUserId(viewer);
  const userId = input.userId ?? self;
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  if (userId !== self && viewer.kind !== 'admin') throw forbidden('OWNER_ONLY');
  const displayName = text('displayName', input.displayName, DISPLAY_NAME_MAX);
  // An admin changing someone else's profile is audited in the same transaction; a person's own edit is not.
  return db.writeTx(async (tx) => {
    const user = await updateDisplayName(tx, userId, displayName);
    if (!user) throw notFound('User');
    if (userId !== self && viewer.kind === 'admin')
      await audit(tx, { actorId: viewer.userId, action: 'USER_PROFILE_UPDATED', targetId: userId });
    return user;
  });
}

/**
 * A page of users (an admin's listing). The lists selected of each user (identities, endorsements, ratings,
 * events) come in the same statement, with only the fields the operation reads of them, attached to the page's
 * own user objects: one statement for the page instead of one per list. Their fields still pass the policy.
 * `selection`: what the operation selects of the connection (see resolvers/lookahead.ts).
 */
export async function listUsers(
  db: Db,
  loaders: Loaders,
  page: PageArgs,
  selection: Selection,
): Promise<Connection<UserRow>> {
  const nested: Record<string, NestedPage<unknown>> = {};
  const pages = new Map<UserList, PageArgs>();
  const ofUser = selection.fields.get('edges')?.fields.get('node')?.fields ?? new Map<string, Selection>();
  for (const [name, selected] of ofUser) {
    if (!Object.hasOwn(USER_LISTS, name)) continue;
    const list = name as UserList;
    const { first, after } = selected.args as { first?: number | null; after?: string | null };
    let args: PageArgs;
    try {
      args = pageArgs(first, after);
    } catch {
      continue; // the nested field answers its own bad argument when it is resolved
    }
    pages.set(list, args);
    // The prefix keeps each list's parameters apart; list names are constants of USER_LISTS.
    nested[list] = USER_LISTS[list](args, `${list}_`, selected);
  }
  const { users, nested: fetched } = await usersPage(db, page, nested, selection.fields.has('totalCount'));
  const nodes = users.edges.map((e) => e.node);
  for (const [list, args] of pages) attachPrefetched(loaders, list, args, nodes, fetched.get(list)!);
  // Copies: the page's own objects carry its prefetched lists, which other fields must not be served.
  for (const node of nodes) loaders.userById.prime(node.id, { ...node });
  return users;
}
