/**
 * One full trust recomputation in a child process (started by scheduler.ts): its own driver and its own heap,
 * so a large graph's computation neither blocks the gateway's requests nor counts against the gateway's memory
 * limit, and running out of memory ends this process, not the gateway. Takes its job over IPC (the database
 * password never appears in a command line) and answers with the report or the error.
 */
import type { Neo4jTarget } from '../db/driver.js';
import { createDriver } from '../db/driver.js';
import { recomputeGraph } from './compute.js';

process.once('message', (job: { target: Neo4jTarget; dataset: string | null }) => {
  void (async () => {
    const driver = createDriver(job.target);
    try {
      const report = await recomputeGraph(driver, { database: job.target.database, dataset: job.dataset });
      process.send!({ report });
    } catch (error) {
      process.send!({ error: (error as Error).message });
    } finally {
      await driver.close();
      process.disconnect();
    }
  })();
});
