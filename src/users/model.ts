import { rowShape, type RowShape } from '../db/rows.js';

export type UserStatus = 'ACTIVE' | 'SUSPENDED';

/** A user as the data layer returns it: what resolvers start from (codegen mapper for User). */
export interface UserRow {
  id: string;
  handle: string;
  displayName: string | null;
  createdAt: string;
  status: UserStatus;
}

export const HANDLE_PATTERN = /^[a-z0-9_]{3,30}$/;
export const DISPLAY_NAME_MAX = 80;

/** A User node bound to `variable`, as a UserRow. */
export function userShape(variable: string): RowShape<UserRow> {
  return rowShape<UserRow>({
    id: `${variable}.id`,
    handle: `${variable}.handle`,
    displayName: `${variable}.displayName`,
    createdAt: `toString(${variable}.createdAt)`,
    status: `${variable}.status`,
  });
}

export const USER = userShape('u');

/**
 * What each GraphQL field of User reads of its row, for users fetched with a relationship for a known selection.
 * Only the profile fields: any other field (lists, trust, perks) makes the row a full one.
 */
export const USER_FIELD_NEEDS: Readonly<Record<string, readonly (keyof UserRow)[]>> = {
  id: ['id'],
  handle: ['handle'],
  displayName: ['displayName'],
  createdAt: ['createdAt'],
  status: ['status'],
};
