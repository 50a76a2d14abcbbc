/**
 * `npm run generate -- [--users 100000] [--relationships 1000000] [--seed 42] [--dataset synthetic] [--rebuild]
 * [--batch 20000]`: generates the synthetic trust network (seed/synthetic.ts) and loads it into the configured
 * Neo4j (NEO4J_URI, or the project's own; NEO4J_BOLT_PORT / NEO4J_HOME_DIR pick another own instance).
 */
import { parseArgs } from 'node:util';
import { neo4jTarget } from '../gateway.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { migrate } from '../src/db/migrations.js';
import { deleteDataset, degrees, generateSynthetic, loadSynthetic } from './synthetic.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    relationships: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    dataset: { type: 'string', default: 'synthetic' },
    batch: { type: 'string', default: '20000' },
    rebuild: { type: 'boolean', default: false },
  },
});

const positive = (name: string, raw: string) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const users = positive('users', values.users);
const relationships = positive('relationships', values.relationships);
const seed = positive('seed', values.seed);
const batchSize = positive('batch', values.batch);
const dataset = values.dataset;
if (!/^[a-z][a-z0-9_]{0,15}$/.test(dataset))
  throw new Error('--dataset must be 1–16 characters of [a-z0-9_]');

const config = loadConfig();
const driver = createDriver(neo4jTarget(config));
try {
  await migrate(driver, config.neo4j.database);
  if (values.rebuild) {
    const began = Date.now();
    await deleteDataset(driver, dataset, config.neo4j.database);
    console.log(`credence: deleted dataset "${dataset}" in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  }
  const generatedAt = Date.now();
  const graph = generateSynthetic({ users, relationships, seed });
  const { inDegree } = degrees(graph);
  const maxIn = inDegree.reduce((a, b) => Math.max(a, b), 0);
  console.log(
    `credence: generated ${users} users, ${relationships} relationships, ${graph.identities.length} identities, ` +
      `${graph.events.length} events in ${((Date.now() - generatedAt) / 1000).toFixed(1)} s ` +
      `(in-degree mean ${(relationships / users).toFixed(1)}, max ${maxIn})`,
  );
  const timings = await loadSynthetic(driver, graph, {
    dataset,
    database: config.neo4j.database,
    batchSize,
    progress: process.stdout.isTTY === true || process.env.CREDENCE_PROGRESS === '1',
  });
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `credence: loaded "${dataset}" (${timings.mode}) in ${s(timings.totalMs)}: users ${s(timings.usersMs)}, ` +
      `relationships ${s(timings.relationshipsMs)}, identities ${s(timings.identitiesMs)}, events ${s(timings.eventsMs)}`,
  );
} finally {
  await driver.close();
}
