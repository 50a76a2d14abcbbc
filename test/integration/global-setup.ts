/**
 * Starts (or reuses) the real Neo4j — the project's own on loopback, or NEO4J_URI's — and serves the gateway on
 * an ephemeral port for all integration test files. Test files isolate their data by unique ids and handles.
 */
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { createGateway, type RunningGateway } from '../../gateway.js';
import { loadConfig } from '../../src/config.js';
import { portTaken, start, status, stop } from '../../src/db/embedded.js';
import { embeddedOptions } from '../../src/db/embedded-options.js';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
  }
}

let gateway: RunningGateway | undefined;
let startedNeo4j = false;

export async function setup(project: TestProject): Promise<void> {
  // The shared gateway's request lines would drown the test output: warnings and errors only.
  process.env.CREDENCE_LOG_LEVEL ??= 'warn';
  await moveOffATakenBoltPort();
  const config = loadConfig();
  if (!config.neo4j.externalUri) startedNeo4j = await start(embeddedOptions(config));
  gateway = await createGateway(config, { port: 0 });
  project.provide('gatewayUrl', gateway.url);
}

/**
 * Another checkout's `npm test` (or any server) may hold the default Bolt port: then this run's own Neo4j takes a
 * free port instead of refusing to start, unless the caller chose the port or an external Neo4j. The test workers
 * are started after this and read the port from the environment like every other setting.
 */
async function moveOffATakenBoltPort(): Promise<void> {
  if (process.env.NEO4J_URI || process.env.NEO4J_BOLT_PORT) return;
  const options = embeddedOptions(loadConfig());
  if ((await status(options)).running || !(await portTaken(options.boltPort))) return;
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
  process.env.NEO4J_BOLT_PORT = String(port);
  console.log(
    `integration tests: port ${options.boltPort} is taken by another process; this run's Neo4j uses port ${port}`,
  );
}

export async function teardown(): Promise<void> {
  await gateway?.close();
  if (startedNeo4j) await stop(embeddedOptions(loadConfig()));
}
