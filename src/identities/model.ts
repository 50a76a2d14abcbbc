export type Assurance = 'LOW' | 'SUBSTANTIAL' | 'HIGH';

/** codegen mapper for Identity. The subject is never here: only its keyed hash is stored, and never returned. */
export interface IdentityRow {
  id: string;
  userId: string;
  provider: string;
  assurance: Assurance;
  verifiedAt: string;
  expiresAt: string | null;
}

export const IDENTITY_PROJECTION =
  'i {.id, .provider, .assurance, userId: u.id, verifiedAt: toString(i.verifiedAt), expiresAt: toString(i.expiresAt)}';

export function isExpired(identity: IdentityRow, now = Date.now()): boolean {
  return identity.expiresAt !== null && Date.parse(identity.expiresAt) <= now;
}
