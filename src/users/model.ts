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

/** The Cypher map projection of a User node bound to `variable` into a UserRow. */
export function userProjection(variable: string): string {
  return `${variable} {.id, .handle, .displayName, .status, createdAt: toString(${variable}.createdAt)}`;
}

export const USER_PROJECTION = userProjection('u');
