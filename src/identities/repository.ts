import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/driver.js';
import { nestedPage, type NestedPage, type NestedPageOptions, type PageArgs } from '../db/pagination.js';
import { IDENTITY, type Assurance, type IdentityRow } from './model.js';

/**
 * A user's (`u`) page of identities, oldest verification first (options: see NestedPageOptions).
 */
export function identitiesOfUser(
  page: PageArgs,
  { keys = null, ...options }: NestedPageOptions<IdentityRow> = {},
): NestedPage<IdentityRow> {
  const shape = IDENTITY.pick(keys);
  return nestedPage(
    {
      match: '(u)-[:HAS_IDENTITY]->(i:Identity)',
      variable: 'i',
      timeField: 'verifiedAt',
      carry: 'u, i',
      degree: '(u)-[:HAS_IDENTITY]->()',
      returns: shape.cypher,
    },
    page,
    options,
    (items, total) => ({ rows: (items as unknown[][]).map(shape.read), total }),
  );
}

export type LinkOutcome =
  | { kind: 'linked'; identity: IdentityRow }
  | { kind: 'user-not-found' }
  | { kind: 'linked-to-another-account' };

/** Records a verified identity; re-verifying the same identity for the same user refreshes it. */
export async function linkIdentity(
  tx: Tx,
  input: { userId: string; provider: string; key: string; assurance: Assurance; expiresAt: string | null },
): Promise<LinkOutcome> {
  const [owner] = await tx.run<{ ownerId: string | null; userFound: boolean }>(
    `OPTIONAL MATCH (target:User {id: $userId})
     OPTIONAL MATCH (owner:User)-[:HAS_IDENTITY]->(:Identity {key: $key})
     RETURN target IS NOT NULL AS userFound, owner.id AS ownerId`,
    { userId: input.userId, key: input.key },
  );
  if (!owner?.userFound) return { kind: 'user-not-found' };
  if (owner.ownerId !== null && owner.ownerId !== input.userId) return { kind: 'linked-to-another-account' };
  const [row] = await tx.run<{ identity: unknown[] }>(
    `MATCH (u:User {id: $userId})
     MERGE (u)-[:HAS_IDENTITY]->(i:Identity {key: $key})
     ON CREATE SET i.id = $id
     SET i.provider = $provider, i.assurance = $assurance, i.verifiedAt = datetime(),
         i.expiresAt = CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END
     RETURN ${IDENTITY.cypher} AS identity`,
    { ...input, id: randomUUID() },
  );
  return { kind: 'linked', identity: IDENTITY.read(row!.identity) };
}

/** Returns the owner's id, or null when there is no such identity. */
export async function identityOwner(tx: Tx, identityId: string): Promise<string | null> {
  const [row] = await tx.run<{ userId: string }>(
    'MATCH (u:User)-[:HAS_IDENTITY]->(i:Identity {id: $identityId}) RETURN u.id AS userId',
    { identityId },
  );
  return row?.userId ?? null;
}

export async function unlinkIdentity(tx: Tx, identityId: string): Promise<void> {
  await tx.run('MATCH (i:Identity {id: $identityId}) DETACH DELETE i', { identityId });
}
