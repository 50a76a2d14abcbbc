/**
 * The three servers the benchmark compares, each run as its own child process (so its memory is its own):
 *   gateway — Credence itself (createGateway), on the benchmark's Neo4j;
 *   floor   — the bare neo4j-driver behind node:http, one hand-written Cypher query per operation, no GraphQL;
 *   peer    — @neo4j/graphql (one generated Cypher query per GraphQL operation) serving operation (c).
 * Usage: node --import tsx bench/servers.ts <gateway|floor|peer>; prints "READY <port>" when listening.
 * Connection: NEO4J_URI / NEO4J_PASSWORD from the environment (set by bench/run.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';
import { createGateway, neo4jTarget } from '../gateway.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';

const mode = process.argv[2];
const config = loadConfig();

/** The floor's queries: the same answers as the gateway's operations, written by hand. */
export const FLOOR_CYPHER = {
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
} as const;

async function floor(): Promise<number> {
  const driver = createDriver(neo4jTarget(config));
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
          const result = await driver.executeQuery(FLOOR_CYPHER[body.op], body.params, {
            routing: neo4j.routing.READ,
            database: config.neo4j.database,
          });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: result.records.map((r) => r.toObject()) }));
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
  const target = neo4jTarget(config);
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    maxConnectionPoolSize: 64,
  });
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPEDEFS, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return Number(new URL(url).port);
}

async function gateway(): Promise<number> {
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
console.log(`READY ${port}`);
