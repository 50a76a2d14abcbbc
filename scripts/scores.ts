/**
 * `npm run scores -- --dataset <name> --format csv`: one line per user of an imported dataset,
 * `id,score,identity,history,reputation,network`, where id is the node id from the imported file and the
 * dimensions are in [0, 1]. Users without a computed score print empty fields.
 */
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { neo4jTarget } from '../gateway.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';

const { values } = parseArgs({
  options: { dataset: { type: 'string' }, format: { type: 'string', default: 'csv' } },
});
if (!values.dataset || values.format !== 'csv') {
  console.error('usage: npm run scores -- --dataset <name> --format csv');
  process.exit(2);
}
const config = loadConfig();
const driver = createDriver(neo4jTarget(config));
const session = driver.session({ database: config.neo4j.database, defaultAccessMode: neo4j.session.READ });
// `| head` closing the pipe early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
const field = (value: unknown) => (value === null || value === undefined ? '' : String(value));
try {
  const lines = ['id,score,identity,history,reputation,network'];
  const result = await session.run(
    `MATCH (u:User {dataset: $dataset})
     RETURN coalesce(u.sourceId, u.id) AS id, u.trustValue AS score, u.trustIdentity AS identity,
            u.trustHistory AS history, u.trustReputation AS reputation, u.trustNetwork AS network
     ORDER BY toIntegerOrNull(id), id`,
    { dataset: values.dataset },
  );
  for (const r of result.records) {
    lines.push(
      ['id', 'score', 'identity', 'history', 'reputation', 'network'].map((k) => field(r.get(k))).join(','),
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
} finally {
  await session.close();
  await driver.close();
}
