import type { Db, Tx } from '../db/driver.js';
import type { ProviderRow } from './model.js';

// acrAssurance is kept as a JSON string: Neo4j properties cannot hold a list of maps.
const PROJECTION =
  'p {.name, .issuer, .audience, .jwksUri, .assurance, acrAssurance: coalesce(p.acrAssuranceJson, "[]")}';

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
         p.acrAssuranceJson = $acrAssuranceJson, p.updatedAt = datetime()
     RETURN ${PROJECTION} AS p`,
    { ...provider, acrAssuranceJson: JSON.stringify(provider.acrAssurance) },
  );
  return parse(row!.p);
}
