import type { Db, Tx } from '../db/driver.js';
import type { ProviderRow } from './model.js';

// acrAssurance is kept as a JSON string: Neo4j properties cannot hold a list of maps.
const PROJECTION =
  'p {.name, .issuer, .audience, .jwksUri, .assurance, acrAssurance: coalesce(p.acrAssuranceJson, "[]"), ' +
  'identityValidityDays: p.identityValidityDays}';

type Stored = Omit<ProviderRow, 'acrAssurance'> & { acrAssurance: string };
const parse = (row: Stored): ProviderRow => ({
  ...row,
  acrAssurance: JSON.parse(row.acrAssurance) as ProviderRow['acrAssurance'],
});

export async function providers(db: Db): Promise<ProviderRow[]> {
  const rows = await db.read<{ p: Stored }>(
    `MATCH (p:IdentityProvider) RETURN ${PROJECTION} AS p ORDER BY p.name`,
  );
  return rows.map((r) => parse(r.p));
}

export async function providerByName(tx: Tx, name: string): Promise<ProviderRow | null> {
  const [row] = await tx.run<{ p: Stored }>(
    `MATCH (p:IdentityProvider {name: $name}) RETURN ${PROJECTION} AS p`,
    {
      name,
    },
  );
  return row ? parse(row.p) : null;
}

export async function saveProvider(tx: Tx, provider: ProviderRow): Promise<ProviderRow> {
  const [row] = await tx.run<{ p: Stored }>(
    `MERGE (p:IdentityProvider {name: $name})
     SET p.issuer = $issuer, p.audience = $audience, p.jwksUri = $jwksUri, p.assurance = $assurance,
         p.acrAssuranceJson = $acrAssuranceJson, p.identityValidityDays = $identityValidityDays,
         p.updatedAt = datetime()
     RETURN ${PROJECTION} AS p`,
    { ...provider, acrAssuranceJson: JSON.stringify(provider.acrAssurance) },
  );
  return parse(row!.p);
}

/**
 * Stores the hash of a new link nonce for this person and provider, dropping expired nonces and all but this
 * person's newest `keep - 1` outstanding, so a person holds at most `keep`.
 */
export async function saveLinkNonce(
  tx: Tx,
  input: { hash: string; userId: string; provider: string; expiresAt: string; keep: number },
): Promise<void> {
  // Expired nonces of anyone (a bounded batch each time, so people who never come back leave nothing behind).
  await tx.run(
    `MATCH (old:IdentityLinkNonce) WHERE old.expiresAt <= datetime()
     WITH old LIMIT 100
     DETACH DELETE old`,
  );
  await tx.run(
    `MATCH (old:IdentityLinkNonce {userId: $userId})
     WITH old ORDER BY old.createdAt DESC
     WITH collect(old) AS olds
     UNWIND olds[(toInteger($keep) - 1)..] AS dropped
     DETACH DELETE dropped`,
    input,
  );
  await tx.run(
    `CREATE (:IdentityLinkNonce {hash: $hash, userId: $userId, provider: $provider,
                                 expiresAt: datetime($expiresAt), createdAt: datetime()})`,
    input,
  );
}

/** Deletes the nonce if it was issued to this person for this provider and has not expired; says whether it was. */
export async function consumeLinkNonce(
  tx: Tx,
  input: { hash: string; userId: string; provider: string },
): Promise<boolean> {
  const [row] = await tx.run<{ valid: boolean }>(
    `MATCH (n:IdentityLinkNonce {hash: $hash})
     WITH n, n.userId = $userId AND n.provider = $provider AND n.expiresAt > datetime() AS valid
     WHERE n.userId = $userId
     DETACH DELETE n
     RETURN valid`,
    input,
  );
  return row?.valid ?? false;
}
