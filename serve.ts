/**
 * Starts the gateway (main.ts imports this after tracing, when tracing is on).
 *
 * Development (`npm start`): starts the project's own Neo4j unless NEO4J_URI is set, migrates, seeds an empty
 * database with the demo world, and serves GraphQL. Production (NODE_ENV=production, `node dist/main.js`):
 * connects to NEO4J_URI, migrates and serves; it starts no database and seeds nothing. Both log JSON lines
 * (pino) and drain on SIGINT/SIGTERM: no new requests (/ready answers 503), in-flight ones answered, the
 * scheduler and any recomputation stopped, the driver closed, then the Neo4j it started (development) stopped.
 */
import { createGateway, neo4jTarget, type RunningGateway } from './gateway.js';
import { loadConfig, unknownVariables, type Config } from './src/config.js';
import { embeddedOptions } from './src/db/embedded-options.js';
import { createLogger, log } from './src/observability/log.js';
import { startTrustScheduler, stopRecomputations } from './src/trust/scheduler.js';

export async function serve(options: { stopTracing: (() => Promise<void>) | null }): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    // Wrong or weak configuration: say which variables, start nothing.
    log().fatal({ reason: (error as Error).message }, 'configuration refused');
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  for (const variable of unknownVariables()) logger.warn({ variable }, 'unknown configuration variable');
  if (config.production && !config.neo4j.externalUri) {
    logger.fatal(
      { reason: 'NEO4J_URI and NEO4J_PASSWORD must be set when NODE_ENV=production' },
      'configuration refused',
    );
    process.exit(1);
  }

  // The project's own Neo4j: development only, loaded only then.
  const embedded =
    !config.production && !config.neo4j.externalUri ? await import('./src/db/embedded.js') : null;
  const neo4jOptions = embeddedOptions(config);
  let startedNeo4j = false;
  let gateway: RunningGateway;
  try {
    if (embedded) {
      const began = Date.now();
      startedNeo4j = await embedded.start(neo4jOptions);
      if (startedNeo4j) logger.info({ seconds: (Date.now() - began) / 1000 }, 'Neo4j started');
    }
    gateway = await createGateway(config, { host: config.host });
    if (!config.production) {
      const { seedDemoWorldIfEmpty } = await import('./seed/demo-world.js');
      const seeded = await seedDemoWorldIfEmpty(gateway.driver, config);
      if (seeded) {
        const { recomputeGraph } = await import('./src/trust/compute.js');
        await recomputeGraph(gateway.driver, { database: config.neo4j.database });
        logger.info({ people: seeded }, 'seeded the demo world and computed its scores');
      }
    }
  } catch (error) {
    if (startedNeo4j) await embedded?.stop(neo4jOptions);
    if (embedded && error instanceof embedded.SetupError) {
      logger.fatal({ reason: error.message }, 'cannot start');
      process.exit(1);
    }
    logger.fatal({ err: error }, 'cannot start');
    process.exit(1);
  }

  // Every instance runs the timer; the one holding the lease in Neo4j does the refresh (src/trust/scheduler.ts).
  const scheduler = startTrustScheduler(gateway.driver, neo4jTarget(config), {
    intervalMs: config.trustRefreshMs,
    log: (line) => logger.info(line),
  });
  logger.info(
    {
      url: `http://${config.host}:${gateway.port}/graphql`,
      production: config.production,
      startupMs: Math.round(process.uptime() * 1000),
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    },
    'ready',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    // Gives the refresh lease up (another instance takes it at once) and ends a running recomputation.
    await scheduler.stop();
    await stopRecomputations();
    await gateway.close();
    // Spans still batched are sent; an unreachable collector delays the exit by 5 s at most.
    if (options.stopTracing)
      await Promise.race([options.stopTracing(), new Promise((done) => setTimeout(done, 5_000).unref())]);
    if (startedNeo4j) await embedded?.stop(neo4jOptions);
    logger.info({ stoppedNeo4j: startedNeo4j }, 'stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
