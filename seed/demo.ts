/** `npm run seed`: loads the demo world (idempotent). */
import { neo4jTarget } from '../gateway.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { migrate } from '../src/db/migrations.js';
import { seedDemoWorld } from './demo-world.js';

const config = loadConfig();
const driver = createDriver(neo4jTarget(config));
try {
  await migrate(driver, config.neo4j.database);
  const people = await seedDemoWorld(driver, config);
  console.log(`credence: demo world seeded (${people} people)`);
} finally {
  await driver.close();
}
