/** Who is calling: decided once per request from its credentials, then read by the access policy. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string }
  | { kind: 'admin'; userId: string }
  // keyHash: the hash of the API key the request came with, so that a decision can check, in its own
  // transaction, that the key is still valid (the viewer itself may come from the short key cache).
  | { kind: 'partner'; partnerId: string; scopes: readonly string[]; keyHash: string };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/** The user a token speaks for (users and admins act as the token's subject). */
export function actingUserId(viewer: Viewer): string | null {
  return viewer.kind === 'user' || viewer.kind === 'admin' ? viewer.userId : null;
}
