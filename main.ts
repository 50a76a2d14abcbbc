/**
 * `npm start`: starts the project's own Neo4j unless NEO4J_URI is set, migrates, seeds an empty database with
 * the demo world, and serves GraphQL. Ctrl-C drains requests, closes the driver and stops the Neo4j it started.
 */
import { createGateway, neo4jTarget } from './gateway.js';
import { loadConfig } from './src/config.js';
import { SetupError, start, stop } from './src/db/embedded.js';
import { embeddedOptions } from './src/db/embedded-options.js';
import { seedDemoWorldIfEmpty } from './seed/demo-world.js';
import { recomputeGraph } from './src/trust/compute.js';
import { startTrustScheduler } from './src/trust/scheduler.js';

const config = loadConfig();
const options = embeddedOptions(config);
let startedNeo4j = false;

try {
  if (!config.neo4j.externalUri) {
    const began = Date.now();
    startedNeo4j = await start(options);
    if (startedNeo4j) console.log(`credence: Neo4j started in ${((Date.now() - began) / 1000).toFixed(1)}s`);
  }
  const gateway = await createGateway(config, { host: process.env.HOST ?? '127.0.0.1' });
  const seeded = await seedDemoWorldIfEmpty(gateway.driver, config);
  if (seeded) {
    await recomputeGraph(gateway.driver, { database: config.neo4j.database });
    console.log(`credence: seeded the demo world (${seeded} people) and computed their scores`);
  }
  // Every instance runs the timer; the one holding the lease in Neo4j does the refresh (src/trust/scheduler.ts).
  const scheduler = startTrustScheduler(gateway.driver, neo4jTarget(config), {
    intervalMs: config.trustRefreshMs,
    log: (line) => console.log(line),
  });
  console.log(`credence: GraphQL at http://localhost:${gateway.port}/graphql (health: /health)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`credence: ${signal}, draining…`);
    // Gives the refresh lease up, so another instance takes it at once rather than after it expires.
    await scheduler.stop();
    await gateway.close();
    if (startedNeo4j) await stop(options);
    console.log(`credence: stopped${startedNeo4j ? ' (and the Neo4j it started)' : ''}`);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (startedNeo4j) await stop(options);
  if (error instanceof SetupError) {
    console.error(`credence: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
