/**
 * `npm run scores -- --dataset <name> --format csv`: one line per user of an imported dataset,
 * `id,score,identity,history,reputation,network`, where id is the node id from the imported file and the
 * dimensions are in [0, 1]. Users without a computed score print empty fields.
 */
import { parseArgs } from 'node:util';
import { neo4jTarget } from '../gateway.js';
import { loadConfig } from '../src/config.js';
import { Db, createDriver } from '../src/db/driver.js';
import { datasetScores } from '../src/trust/repository.js';

const { values } = parseArgs({
  options: { dataset: { type: 'string' }, format: { type: 'string', default: 'csv' } },
});
if (!values.dataset || values.format !== 'csv') {
  console.error('usage: npm run scores -- --dataset <name> --format csv');
  process.exit(2);
}
const config = loadConfig();
const driver = createDriver(neo4jTarget(config));
// `| head` closing the pipe early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
const COLUMNS = ['id', 'score', 'identity', 'history', 'reputation', 'network'] as const;
const field = (value: unknown) => (value === null || value === undefined ? '' : String(value));
try {
  const rows = await datasetScores(new Db(driver, config.neo4j.database), values.dataset);
  const lines = [
    COLUMNS.join(','),
    ...rows.map((row) => COLUMNS.map((column) => field(row[column])).join(',')),
  ];
  process.stdout.write(lines.join('\n') + '\n');
} finally {
  await driver.close();
}
