/** `npm run db:migrate`: creates every constraint and index (idempotent). */
import { neo4jTarget } from '../gateway.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { migrate } from '../src/db/migrations.js';

const config = loadConfig();
const driver = createDriver(neo4jTarget(config));
try {
  const count = await migrate(driver, config.neo4j.database);
  console.log(`credence: ${count} constraints and indexes in place`);
} finally {
  await driver.close();
}
