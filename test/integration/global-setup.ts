/**
 * Starts (or reuses) the real Neo4j — the project's own on loopback, or NEO4J_URI's — and serves the gateway on
 * an ephemeral port for all integration test files. Test files isolate their data by unique ids and handles.
 */
import type { TestProject } from 'vitest/node';
import { createGateway, type RunningGateway } from '../../gateway.js';
import { loadConfig } from '../../src/config.js';
import { start, stop } from '../../src/db/embedded.js';
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
  const config = loadConfig();
  if (!config.neo4j.externalUri) startedNeo4j = await start(embeddedOptions(config));
  gateway = await createGateway(config, { port: 0 });
  project.provide('gatewayUrl', gateway.url);
}

export async function teardown(): Promise<void> {
  await gateway?.close();
  if (startedNeo4j) await stop(embeddedOptions(loadConfig()));
}
