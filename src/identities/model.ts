import { rowShape } from '../db/rows.js';

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

/** An Identity `i` of the User `u`. */
export const IDENTITY = rowShape<IdentityRow>({
  id: 'i.id',
  userId: 'u.id',
  provider: 'i.provider',
  assurance: 'i.assurance',
  verifiedAt: 'toString(i.verifiedAt)',
  expiresAt: 'toString(i.expiresAt)',
});

export function isExpired(identity: IdentityRow, now = Date.now()): boolean {
  return identity.expiresAt !== null && Date.parse(identity.expiresAt) <= now;
}

/** What each GraphQL field of Identity reads of its row (pages fetched for a known selection read no more). */
export const IDENTITY_FIELD_NEEDS: Readonly<Record<string, readonly (keyof IdentityRow)[]>> = {
  id: ['id'],
  provider: ['provider'],
  assurance: ['assurance'],
  verifiedAt: ['verifiedAt'],
  expiresAt: ['expiresAt'],
  expired: ['expiresAt'],
};
