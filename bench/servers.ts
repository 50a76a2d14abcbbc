/**
 * The three servers the benchmark compares, each run as its own child process (so its memory is its own):
 *   gateway — Credence itself (createGateway), on the benchmark's Neo4j;
 *   floor   — the bare neo4j-driver behind node:http, one hand-written Cypher query per operation, no GraphQL;
 *   peer    — @neo4j/graphql (one generated Cypher query per GraphQL operation) serving operation (c).
 * Usage: node --import tsx bench/servers.ts <gateway|floor|peer>; prints "READY <port>" when listening.
 * Connection: NEO4J_URI / NEO4J_PASSWORD from the environment (set by bench/run.ts).
 */
// Each mode loads only its own modules (dynamic imports below), so a server's RSS is its own code's: the
// gateway's process does not also hold @neo4j/graphql, nor the floor's Apollo.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import type { Neo4jTarget } from '../src/db/driver.js';

const mode = process.argv[2];
const config = loadConfig();

/** The floor's queries: the same answers as the gateway's operations, written by hand. */
export const FLOOR_CYPHER = {
  // (a) a partner's eligibility check of one person, in one write query: the partner by its key's hash, its perk,
  // the person's consent and facts, the rule (the perk's stored properties, in src/perks/rules.ts's order of
  // reasons) and the Inquiry that logs the decision, as src/perks/service.ts decide() does.
  eligibility: `MATCH (partner:Partner {keyHash: $keyHash})
                 WHERE partner.revokedAt IS NULL AND 'ELIGIBILITY_CHECK' IN partner.scopes
               MATCH (partner)-[:OFFERS]->(perk:Perk {id: $perkId}) WHERE perk.archivedAt IS NULL
               OPTIONAL MATCH (u:User {id: $userId})
               OPTIONAL MATCH (u)-[c:CONSENTED_TO]->(partner)
               SET c.lastCheckedAt = datetime()
               WITH partner, perk, u, c, datetime() AS now
               WITH partner, perk, u, c, now,
                    c IS NOT NULL AND c.revokedAt IS NULL AND (c.expiresAt IS NULL OR c.expiresAt > now)
                      AND 'ELIGIBILITY' IN c.scopes AS consented,
                    coalesce(u.scoringConsent, false) AND u.trustValue IS NOT NULL AS scored,
                    COUNT { MATCH (q:Inquiry) USING INDEX q:Inquiry(subjectId, at)
                            WHERE q.subjectId = $userId AND q.at > now - duration('P1D')
                            AND q.partnerId = partner.id AND q.limited IS NULL } >= $checksPerDay AS overDaily,
                    EXISTS { MATCH (q:Inquiry) USING INDEX q:Inquiry(subjectId, at)
                             WHERE q.subjectId = $userId AND q.at > now - duration('P30D')
                             AND q.partnerId = partner.id AND q.question IS NOT NULL
                             AND q.question <> $question } AS otherQuestion
               WITH partner, perk, u, c, now, consented, scored, overDaily, otherQuestion,
                    CASE WHEN NOT consented OR NOT scored THEN [] ELSE [r IN [
                      CASE WHEN u.trustValue < perk.minScore THEN 'SCORE_BELOW_THRESHOLD' END,
                      CASE WHEN coalesce(u.trustIdentity < perk.minIdentity, perk.minIdentity IS NOT NULL)
                           THEN 'DIMENSION_BELOW_THRESHOLD:IDENTITY' END,
                      CASE WHEN coalesce(u.trustHistory < perk.minHistory, perk.minHistory IS NOT NULL)
                           THEN 'DIMENSION_BELOW_THRESHOLD:HISTORY' END,
                      CASE WHEN coalesce(u.trustReputation < perk.minReputation, perk.minReputation IS NOT NULL)
                           THEN 'DIMENSION_BELOW_THRESHOLD:REPUTATION' END,
                      CASE WHEN coalesce(u.trustNetwork < perk.minNetwork, perk.minNetwork IS NOT NULL)
                           THEN 'DIMENSION_BELOW_THRESHOLD:NETWORK' END,
                      CASE WHEN perk.minIdentityAssurance IS NOT NULL AND
                             coalesce(COLLECT { MATCH (u)-[:HAS_IDENTITY]->(i:Identity)
                                                WHERE i.expiresAt IS NULL OR i.expiresAt > now
                                                WITH CASE i.assurance WHEN 'HIGH' THEN 3 WHEN 'SUBSTANTIAL' THEN 2
                                                     WHEN 'LOW' THEN 1 ELSE 0 END AS level
                                                RETURN level ORDER BY level DESC LIMIT 1 }[0], 0)
                             < CASE perk.minIdentityAssurance WHEN 'HIGH' THEN 3 WHEN 'SUBSTANTIAL' THEN 2 ELSE 1 END
                           THEN 'IDENTITY_ASSURANCE_TOO_LOW' END,
                      CASE WHEN perk.maxOpenDefaults IS NOT NULL AND
                             COUNT { (u)-[:HAS_EVENT]->(e:Event {kind: 'COMMITMENT_DEFAULTED'})
                                     WHERE NOT coalesce(e.resolved, false) }
                             > perk.maxOpenDefaults THEN 'TOO_MANY_OPEN_DEFAULTS' END,
                      CASE WHEN duration.inDays(u.createdAt, now).days < perk.minAccountAgeDays
                           THEN 'ACCOUNT_TOO_NEW' END,
                      CASE WHEN coalesce(perk.noOpenDisputes, false) AND
                             EXISTS { (u)-[:FILED]->(:Dispute {status: 'OPEN'}) } THEN 'OPEN_DISPUTE' END
                    ] WHERE r IS NOT NULL] END AS unmet
               WITH partner, perk, u, c, now, consented, scored, overDaily, otherQuestion, unmet,
                    CASE WHEN overDaily THEN 'RATE_LIMITED' WHEN NOT consented THEN 'NO_CONSENT'
                         WHEN NOT scored THEN 'NO_SCORE' WHEN otherQuestion THEN 'DISCLOSURE_LIMIT'
                         WHEN size(unmet) > 0 THEN 'NOT_ELIGIBLE' END AS reason
               WITH *, reason IN ['RATE_LIMITED', 'DISCLOSURE_LIMIT'] AS limited,
                    reason IS NULL OR reason = 'NOT_ELIGIBLE' AS answered
               CREATE (:Inquiry {id: randomUUID(), partnerId: partner.id, perkId: perk.id, subjectId: $userId,
                                 decision: reason IS NULL, reasons: CASE WHEN reason IS NULL THEN [] ELSE [reason] END,
                                 unmet: CASE WHEN reason = 'NOT_ELIGIBLE' THEN unmet ELSE [] END,
                                 question: CASE WHEN answered THEN $question END,
                                 limited: CASE WHEN limited THEN true END, at: now})
               RETURN $userId AS userId, reason IS NULL AS eligible,
                      CASE WHEN reason IS NULL THEN [] ELSE [reason] END AS reasons,
                      CASE WHEN answered AND $question = 'BAND' AND 'SCORE_BAND' IN c.scopes THEN u.trustBand END AS band,
                      toString(now) AS checkedAt,
                      toString(CASE WHEN answered AND c.expiresAt < now + duration('P1D') THEN c.expiresAt
                                    ELSE now + duration('P1D') END) AS validUntil,
                      perk {.id, .name} AS perk`,
  // (b) a user's own score with its explanation: the materialised score, the visibility of every named
  // contributor, and a shortest vouch path from an anchor for each of the top three (as src/trust/service.ts).
  // The contributors are in the stored JSON; without APOC, Cypher reads their ids and points with split().
  trust: `MATCH (j:User {id: $userId}) WHERE coalesce(j.scoringConsent, false) AND j.trustValue IS NOT NULL
          WITH j, [piece IN tail(split(j.trustExplanation, '"userId":"')) |
                   {id: split(piece, '"')[0], points: toInteger(split(split(piece, '"points":')[1], '}')[0])}] AS named
          RETURN j.trustValue AS value, j.trustBand AS band, toString(j.trustComputedAt) AS computedAt,
                 j.trustModelVersion AS modelVersion, coalesce(j.trustStale, false) AS stale,
                 j.trustExplanation AS explanation,
                 COLLECT { UNWIND named AS n MATCH (c:User {id: n.id}) OPTIONAL MATCH (c)-[e:ENDORSES]->(j)
                           RETURN {id: c.id, handle: c.handle, public: coalesce(e.public, false),
                                   assurance: COLLECT { MATCH (c)-[:HAS_IDENTITY]->(i:Identity)
                                                        WHERE i.expiresAt IS NULL OR i.expiresAt > datetime()
                                                        RETURN i.assurance ORDER BY CASE i.assurance WHEN 'HIGH' THEN 0
                                                          WHEN 'SUBSTANTIAL' THEN 1 ELSE 2 END LIMIT 1 }[0]} } AS visibility,
                 COLLECT { UNWIND [n IN named WHERE n.points > 0 | n.id][0..3] AS contributorId
                           MATCH (c:User {id: contributorId})
                           CALL (c) {
                             MATCH p = SHORTEST 1 (a:User WHERE (a.trustIsAnchor OR a.anchor) AND a.id <> $userId)
                                       (()-[v:ENDORSES|RATED WHERE coalesce(v.rating, 1) > 0]->()){0,6} (c)
                             RETURN p LIMIT 1
                           }
                           WITH c, p, relationships(p) AS vouches
                           RETURN [k IN range(0, size(nodes(p)) - 1) |
                                     {handle: nodes(p)[k].handle,
                                      anchor: coalesce(nodes(p)[k].trustIsAnchor, false) OR coalesce(nodes(p)[k].anchor, false),
                                      publicVouch: CASE WHEN k < size(vouches) THEN coalesce(vouches[k].public, false)
                                                   ELSE coalesce([(c)-[e:ENDORSES]->(j) | e.public][0], false) END}]
                                  + [{handle: j.handle, anchor: false, publicVouch: true}] } AS paths`,
  // (c) a page of 100 users (keyset on createdAt, id) with identities and endorsers' handles (first 20 each).
  // The range predicate alone is index-backed (user_created) and gives the order; the tie-break on id filters.
  page: `MATCH (u:User) WHERE u.createdAt >= datetime($afterAt)
           AND NOT (u.createdAt = datetime($afterAt) AND u.id <= $afterId)
         WITH u ORDER BY u.createdAt, u.id LIMIT 100
         RETURN u.id AS id, u.handle AS handle,
                COLLECT { MATCH (u)-[:HAS_IDENTITY]->(i:Identity) WITH i ORDER BY i.verifiedAt, i.id LIMIT 20
                          RETURN i {.provider, .assurance} } AS identities,
                COLLECT { MATCH (u)<-[r:ENDORSES]-(e:User) WITH r, e ORDER BY r.createdAt, r.id LIMIT 20
                          RETURN e.handle } AS endorsers`,
  // (d) 100 users by id.
  entities: `UNWIND $ids AS id MATCH (u:User {id: id}) RETURN u.id AS id, u.handle AS handle, u.displayName AS displayName`,
  // (e) endorse: the endorsement (created or updated) and the endorsee's NETWORK marked stale, as
  // src/relationships/service.ts endorse() and src/trust/service.ts afterWrite({kind: 'vouch'}) do.
  endorse: `MATCH (a:User {id: $userId}), (b:User {id: $targetId}) WHERE a <> b
            MERGE (a)-[r:ENDORSES]->(b)
            ON CREATE SET r.id = randomUUID(), r.createdAt = datetime()
            SET r.strength = $strength, r.context = $context, r.public = $public
            WITH a, b, r
            CALL (b) { WITH b WHERE b.trustValue IS NOT NULL SET b.trustStale = true }
            RETURN r.id AS id, r.strength AS strength, r.public AS public, toString(r.createdAt) AS createdAt`,
} as const;
const FLOOR_WRITES = new Set<keyof typeof FLOOR_CYPHER>(['eligibility', 'endorse']);

/** The benchmark's Neo4j, from the environment bench/run.ts sets (as gateway.ts neo4jTarget reads it). */
function target(): Neo4jTarget {
  return {
    uri: process.env.NEO4J_URI!,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD!,
    database: config.neo4j.database,
  };
}

async function floor(): Promise<number> {
  const { jwtVerify } = await import('jose');
  const { createDriver } = await import('../src/db/driver.js');
  const { apiKeyHash } = await import('../src/partners/api-key.js');
  const driver = createDriver(target());
  const secret = new TextEncoder().encode(config.jwtSecret);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            op: keyof typeof FLOOR_CYPHER;
            params: Record<string, unknown>;
          };
          // The same credentials as the gateway's: a partner's key (hashed as src/partners does) or a user's token.
          const params = { ...body.params };
          const apiKey = req.headers['x-api-key'];
          if (typeof apiKey === 'string') params.keyHash = apiKeyHash(apiKey);
          const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          if (bearer)
            params.userId = (await jwtVerify(bearer, secret, { algorithms: ['HS256'] })).payload.sub;
          const result = await driver.executeQuery(FLOOR_CYPHER[body.op], params, {
            routing: FLOOR_WRITES.has(body.op) ? neo4j.routing.WRITE : neo4j.routing.READ,
            database: config.neo4j.database,
          });
          const data = result.records.map((r) => r.toObject());
          // The stored explanation is JSON, as the gateway reads it.
          for (const row of data)
            if (typeof row.explanation === 'string') row.explanation = JSON.parse(row.explanation) as unknown;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data }));
        } catch (error) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: String(error) }));
        }
      })();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** @neo4j/graphql's view of the same graph: enough of it for operation (c). */
export const PEER_TYPEDEFS = /* GraphQL */ `
  type User @node {
    id: ID!
    handle: String!
    displayName: String
    createdAt: DateTime
    identities: [Identity!]! @relationship(type: "HAS_IDENTITY", direction: OUT)
    endorsers: [User!]! @relationship(type: "ENDORSES", direction: IN)
  }
  type Identity @node {
    id: ID!
    provider: String!
    assurance: String!
    verifiedAt: DateTime
  }
`;

async function peer(): Promise<number> {
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const { Neo4jGraphQL } = await import('@neo4j/graphql');
  const { uri, user, password } = target();
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    maxConnectionPoolSize: 64,
  });
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPEDEFS, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return Number(new URL(url).port);
}

async function gateway(): Promise<number> {
  // As main.ts does: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) before the gateway's modules are loaded.
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT)
    (await import('../src/observability/tracing.js')).startTracing();
  const { createGateway } = await import('../gateway.js');
  return (await createGateway(config, { port: 0 })).port;
}

const port =
  mode === 'floor'
    ? await floor()
    : mode === 'peer'
      ? await peer()
      : mode === 'gateway'
        ? await gateway()
        : NaN;
if (Number.isNaN(port)) {
  console.error('usage: bench/servers.ts <gateway|floor|peer>');
  process.exit(2);
}
// BENCH_CPU_PROFILE=<file>: a CPU profile of this server (open in Chrome DevTools), written when it is stopped.
const profileFile = process.env.BENCH_CPU_PROFILE;
if (profileFile) {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
  process.once('SIGTERM', () => {
    void inspector.post('Profiler.stop').then(({ profile }) => {
      writeFileSync(profileFile, JSON.stringify(profile));
      process.exit(0);
    });
  });
}
console.log(`READY ${port}`);
