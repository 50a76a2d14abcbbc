import type { Driver } from 'neo4j-driver';

/**
 * Constraints and indexes, created idempotently (IF NOT EXISTS) at start-up and by `npm run db:migrate`.
 * Every lookup the API makes is backed by one of these. Add new ones at the end; never rename one in place.
 */
export const MIGRATIONS: readonly string[] = [
  'CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE',
  'CREATE CONSTRAINT user_handle IF NOT EXISTS FOR (u:User) REQUIRE u.handle IS UNIQUE',
  'CREATE INDEX user_created IF NOT EXISTS FOR (u:User) ON (u.createdAt)',
  'CREATE INDEX user_dataset IF NOT EXISTS FOR (u:User) ON (u.dataset)',
  'CREATE CONSTRAINT identity_id IF NOT EXISTS FOR (i:Identity) REQUIRE i.id IS UNIQUE',
  // The keyed hash of provider + subject: one external identity can belong to one account only.
  'CREATE CONSTRAINT identity_key IF NOT EXISTS FOR (i:Identity) REQUIRE i.key IS UNIQUE',
  'CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT endorsement_id IF NOT EXISTS FOR ()-[r:ENDORSES]-() REQUIRE r.id IS UNIQUE',
  'CREATE CONSTRAINT rating_id IF NOT EXISTS FOR ()-[r:RATED]-() REQUIRE r.id IS UNIQUE',
  'CREATE CONSTRAINT report_id IF NOT EXISTS FOR ()-[r:REPORTED]-() REQUIRE r.id IS UNIQUE',
  'CREATE CONSTRAINT past_rating_id IF NOT EXISTS FOR (p:PastRating) REQUIRE p.id IS UNIQUE',
  'CREATE CONSTRAINT trust_snapshot_id IF NOT EXISTS FOR (s:TrustSnapshot) REQUIRE s.id IS UNIQUE',
  'CREATE INDEX user_trust_stale IF NOT EXISTS FOR (u:User) ON (u.trustStale)',
  'CREATE INDEX user_trust_anchor IF NOT EXISTS FOR (u:User) ON (u.trustIsAnchor)',
  'CREATE CONSTRAINT partner_id IF NOT EXISTS FOR (p:Partner) REQUIRE p.id IS UNIQUE',
  // Partners authenticate by the SHA-256 of their API key: one indexed lookup per request.
  'CREATE CONSTRAINT partner_key_hash IF NOT EXISTS FOR (p:Partner) REQUIRE p.keyHash IS UNIQUE',
  'CREATE CONSTRAINT perk_id IF NOT EXISTS FOR (p:Perk) REQUIRE p.id IS UNIQUE',
  'CREATE INDEX perk_created IF NOT EXISTS FOR (p:Perk) ON (p.createdAt)',
  'CREATE CONSTRAINT inquiry_id IF NOT EXISTS FOR (q:Inquiry) REQUIRE q.id IS UNIQUE',
  'CREATE INDEX inquiry_subject_at IF NOT EXISTS FOR (q:Inquiry) ON (q.subjectId, q.at)',
  'CREATE INDEX inquiry_partner_at IF NOT EXISTS FOR (q:Inquiry) ON (q.partnerId, q.at)',
  'CREATE INDEX inquiry_at IF NOT EXISTS FOR (q:Inquiry) ON (q.at)',
  'CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE',
  'CREATE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at)',
  'CREATE CONSTRAINT dispute_id IF NOT EXISTS FOR (d:Dispute) REQUIRE d.id IS UNIQUE',
  'CREATE INDEX dispute_status IF NOT EXISTS FOR (d:Dispute) ON (d.status, d.createdAt)',
  'CREATE CONSTRAINT identity_provider_name IF NOT EXISTS FOR (p:IdentityProvider) REQUIRE p.name IS UNIQUE',
  // OpenID Connect link nonces, by the SHA-256 of the nonce (single use), and per person (at most a few each).
  'CREATE CONSTRAINT identity_link_nonce_hash IF NOT EXISTS FOR (n:IdentityLinkNonce) REQUIRE n.hash IS UNIQUE',
  'CREATE INDEX identity_link_nonce_user IF NOT EXISTS FOR (n:IdentityLinkNonce) ON (n.userId)',
  'CREATE INDEX identity_link_nonce_expiry IF NOT EXISTS FOR (n:IdentityLinkNonce) ON (n.expiresAt)',
  // Erasure tombstones: looked up by keyed hash on registration and linking, swept by expiry.
  'CREATE CONSTRAINT tombstone_key IF NOT EXISTS FOR (t:Tombstone) REQUIRE t.key IS UNIQUE',
  'CREATE INDEX tombstone_until IF NOT EXISTS FOR (t:Tombstone) ON (t.until)',
  'CREATE INDEX dispute_opened IF NOT EXISTS FOR (d:Dispute) ON (d.status, d.openedAt)',
  // An imported dataset's own clock (docs/trust-model.md, "Imported networks"): one node per dataset.
  'CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE',
  // Contract 2026-12 (docs/privacy.md): rule thresholds on a coarse grid, and no condition on open disputes. An
  // active perk stored with a threshold off the grid would let its partner ask finer questions than anyone can
  // now, and one refusing open disputes would punish people for disputing: it is archived (the partner creates it
  // again under the new contract), marked with why.
  `MATCH (perk:Perk) WHERE perk.archivedAt IS NULL AND (
     (perk.minScore IS NOT NULL AND NOT perk.minScore IN [420, 540, 660, 780]) OR
     any(m IN [perk.minIdentity, perk.minHistory, perk.minReputation, perk.minNetwork]
         WHERE m IS NOT NULL AND NOT m IN [0.25, 0.5, 0.75]) OR
     (perk.maxOpenDefaults IS NOT NULL AND NOT perk.maxOpenDefaults IN [0, 1, 2]) OR
     (perk.minAccountAgeDays IS NOT NULL AND NOT perk.minAccountAgeDays IN [30, 90, 180, 365, 730]) OR
     coalesce(perk.noOpenDisputes, false))
   SET perk.archivedAt = datetime(), perk.archivedBecause = 'RULE_CONTRACT_2026_12'`,
  // Model 2026-12.2: anchors are only admin decisions (u.anchor), looked up by the explanation's paths.
  'CREATE INDEX user_anchor IF NOT EXISTS FOR (u:User) ON (u.anchor)',
  // A HIGH identity no longer makes an anchor. A demo world seeded before that designates its anchors now
  // (seed/demo-world.ts, DEMO_ANCHORS), audited as the seed's, unless an admin already decided about them.
  `MATCH (u:User) WHERE u.demo = true AND u.id IN ['demo-alice', 'demo-carol', 'demo-grace', 'demo-trent']
     AND u.anchor IS NULL AND coalesce(u.scoringConsent, false)
   SET u.anchor = true
   CREATE (:AuditEntry {id: randomUUID(), actorId: 'seed:demo-world', action: 'ANCHOR_SET', targetId: u.id,
                        at: datetime()})`,
  // Leases between gateway processes (src/db/lease.ts): one node per name, created once even in a race.
  'CREATE CONSTRAINT lease_name IF NOT EXISTS FOR (l:Lease) REQUIRE l.name IS UNIQUE',
  // One node per trust graph holds the incremental EigenTrust totals; every write to the graph locks it.
  'CREATE CONSTRAINT trust_graph_key IF NOT EXISTS FOR (g:TrustGraph) REQUIRE g.key IS UNIQUE',
];

export async function migrate(driver: Driver, database?: string): Promise<number> {
  const session = driver.session({ database });
  try {
    for (const statement of MIGRATIONS) await session.run(statement);
    await session.run('CALL db.awaitIndexes(300)');
    // The highest version applied (an older build sharing the database never lowers it): /ready reads it.
    await session.run(
      `MERGE (m:CredenceSchema {id: 'schema'})
       SET m.version = CASE WHEN coalesce(m.version, 0) > $version THEN m.version ELSE $version END,
           m.migratedAt = datetime()`,
      { version: MIGRATIONS.length },
    );
  } finally {
    await session.close();
  }
  return MIGRATIONS.length;
}

/** Whether the database holds every migration of this build (GET /ready): one read of one node. */
export async function schemaReady(driver: Driver, database?: string): Promise<boolean> {
  const { records } = await driver.executeQuery(
    "MATCH (m:CredenceSchema {id: 'schema'}) RETURN m.version AS version",
    {},
    { database, routing: 'READ' },
  );
  const version = records[0]?.get('version') as number | null | undefined;
  return typeof version === 'number' && version >= MIGRATIONS.length;
}
