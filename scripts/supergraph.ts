/**
 * `npm run supergraph`: Credence (its own Neo4j unless NEO4J_URI is set, seeded with the demo world when empty,
 * as `npm start` does) plus the example rentals subgraph (test/rentals), composed with @apollo/composition and
 * served by a local @apollo/gateway that forwards each caller's authorization and x-api-key headers.
 * Ports: Credence PORT (4000), gateway SUPERGRAPH_PORT (4001), rentals RENTALS_PORT (4002). Ctrl-C stops all.
 */
import { createGateway, type RunningGateway } from '../gateway.js';
import { seedDemoWorldIfEmpty } from '../seed/demo-world.js';
import { loadConfig } from '../src/config.js';
import { SetupError, start, stop } from '../src/db/embedded.js';
import { embeddedOptions } from '../src/db/embedded-options.js';
import { startRentals, type RunningSubgraph } from '../test/rentals/subgraph.js';
import {
  compose,
  fetchSubgraphSdl,
  startLocalGateway,
  type RunningSupergraph,
} from '../test/rentals/supergraph.js';

/** Rentals of demo users: alice's account is 900 days old (deposit waived), heidi's 20 days (not waived). */
const DEMO_RENTALS = [
  { id: 'rental-1', item: 'cargo bike', userId: 'demo-alice' },
  { id: 'rental-2', item: 'camper van', userId: 'demo-alice' },
  { id: 'rental-3', item: 'cargo bike', userId: 'demo-heidi' },
];

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a port number`);
  return value;
}

const config = loadConfig();
const options = embeddedOptions(config);
let startedNeo4j = false;
let credence: RunningGateway | undefined;
let rentals: RunningSubgraph | undefined;
let supergraph: RunningSupergraph | undefined;

async function shutdown(code: number): Promise<never> {
  await supergraph?.stop();
  await rentals?.stop();
  await credence?.close();
  if (startedNeo4j) await stop(options);
  process.exit(code);
}

try {
  if (!config.neo4j.externalUri) startedNeo4j = await start(options);
  credence = await createGateway(config, { host: '127.0.0.1' });
  const seeded = await seedDemoWorldIfEmpty(credence.driver, config);
  if (seeded) console.log(`supergraph: seeded the demo world (${seeded} people)`);
  rentals = await startRentals({ rentals: DEMO_RENTALS, port: port('RENTALS_PORT', 4002) });

  const composed = compose([
    { name: 'credence', url: credence.url, sdl: await fetchSubgraphSdl(credence.url) },
    { name: 'rentals', url: rentals.url, sdl: await fetchSubgraphSdl(rentals.url) },
  ]);
  if (!composed.supergraphSdl) {
    for (const error of composed.errors) console.error(`supergraph: composition error: ${error.message}`);
    await shutdown(1);
  }
  for (const hint of composed.hints)
    console.warn(`supergraph: hint ${hint.definition.code}: ${hint.message}`);
  supergraph = await startLocalGateway({
    supergraphSdl: composed.supergraphSdl!,
    port: port('SUPERGRAPH_PORT', 4001),
  });
  console.log(`supergraph: Credence subgraph at ${credence.url}`);
  console.log(`supergraph: rentals subgraph at ${rentals.url}`);
  console.log(`supergraph: gateway at ${supergraph.url} (forwards authorization and x-api-key)`);
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
} catch (error) {
  console.error(`supergraph: ${error instanceof SetupError ? error.message : String(error)}`);
  await shutdown(1);
}
