import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Db } from '../db/driver.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import { text } from '../validation.js';
import { DISPLAY_NAME_MAX, HANDLE_PATTERN, type UserRow } from './model.js';
import { createUser, updateDisplayName, userExists } from './repository.js';

/**
 * Opens an account. An admin may open any; a token whose subject has no account yet opens its own, and the
 * account's id is that subject.
 */
export async function registerUser(
  db: Db,
  viewer: Viewer,
  input: { handle: string; displayName?: string | null },
): Promise<UserRow> {
  if (!HANDLE_PATTERN.test(input.handle)) {
    throw badInput('handle', 'handle must be 3–30 characters of a–z, 0–9 and _');
  }
  const displayName = text('displayName', input.displayName, DISPLAY_NAME_MAX);
  return db.writeTx(async (tx) => {
    let id: string | undefined;
    if (viewer.kind === 'user') {
      if (await userExists(tx, viewer.userId)) throw conflict('This token already has an account');
      id = viewer.userId;
    }
    const user = await createUser(tx, { id, handle: input.handle, displayName });
    if (!user) throw conflict(`The handle "${input.handle}" is taken`);
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
  const user = await db.writeTx((tx) => updateDisplayName(tx, userId, displayName));
  if (!user) throw notFound('User');
  return user;
}
