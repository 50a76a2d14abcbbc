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
