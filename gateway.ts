/**
 * The composition root: schema (schema/*.graphql) + resolvers (resolvers/) + access policy → the subgraph
 * schema, then the database and the HTTP server from src/. Dependencies point one way: this file → resolvers/
 * → src/<domain>/ → src/db/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { buildResolvers } from './resolvers/index.js';
import { embeddedPassword, type Config } from './src/config.js';
import { createDriver, type Neo4jTarget } from './src/db/driver.js';
import { embeddedUri } from './src/db/embedded.js';
import { migrate } from './src/db/migrations.js';
import { guardRepresentations } from './src/federation/representations.js';
import { applyPolicy } from './src/policy/policy.js';
import { startGateway, type Gateway } from './src/server.js';

const SCHEMA_DIR = join(import.meta.dirname, 'schema');

/** The SDL of every domain, composed in a stable order. */
export function loadTypeDefs(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'))
    .join('\n');
}

export function buildSchema(): GraphQLSchema {
  // The generated Resolvers type is stricter than @apollo/subgraph's resolver map; they agree at run time.
  const resolvers = buildResolvers() as unknown as GraphQLResolverMap<unknown>;
  return guardRepresentations(
    applyPolicy(buildSubgraphSchema([{ typeDefs: parse(loadTypeDefs()), resolvers }])),
  );
}

/** Where the database is: NEO4J_URI when set, else the project's own server on loopback. */
export function neo4jTarget(config: Config): Neo4jTarget {
  if (config.neo4j.externalUri) {
    if (!config.neo4j.password) throw new Error('NEO4J_PASSWORD must be set with NEO4J_URI');
    return {
      uri: config.neo4j.externalUri,
      user: config.neo4j.user,
      password: config.neo4j.password,
      database: config.neo4j.database,
    };
  }
  const password = config.neo4j.password ?? embeddedPassword(config.neo4j.home);
  if (!password) throw new Error('The embedded Neo4j has no credentials yet: run `npm run db:start` first');
  return {
    uri: embeddedUri(config.neo4j.boltPort),
    user: 'neo4j',
    password,
    database: config.neo4j.database,
  };
}

export interface RunningGateway extends Gateway {
  driver: Driver;
  close(): Promise<void>;
}

/** Connects, migrates and serves. */
export async function createGateway(
  config: Config,
  options: { port?: number; host?: string } = {},
): Promise<RunningGateway> {
  if (config.production) {
    // neo4j-driver captures a stack trace for every query it runs; with source maps on (tsx turns them on),
    // formatting it maps every frame and cost 15% of the gateway's CPU per eligibility check. Production masks
    // errors anyway; logged stacks still name the functions and files.
    process.setSourceMapsEnabled(false);
  }
  const target = neo4jTarget(config);
  const driver = createDriver(target);
  await driver.verifyConnectivity();
  await migrate(driver, target.database);
  const gateway = await startGateway({ schema: buildSchema(), driver, config, ...options });
  return {
    ...gateway,
    driver,
    close: async () => {
      await gateway.stop();
      await driver.close();
    },
  };
}
