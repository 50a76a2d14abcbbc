/**
 * One full recomputation of a dataset in its own process, as the scheduler runs it (src/trust/recompute-job.ts),
 * reporting its time and the process's peak memory: `node --import tsx bench/scale-recompute.ts <dataset>`, with
 * NEO4J_URI / NEO4J_PASSWORD from the environment. Prints one JSON line.
 */
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { recomputeGraph } from '../src/trust/compute.js';
import { neo4jTarget } from '../gateway.js';

const dataset = process.argv[2]!;
const config = loadConfig();
const driver = createDriver(neo4jTarget(config));
try {
  const began = Date.now();
  const report = await recomputeGraph(driver, { database: config.neo4j.database, dataset });
  const totalMs = Date.now() - began;
  // maxRSS: the process's peak resident set, in KiB (getrusage).
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  // CPU time of this process (user + system): on a machine shared with other work, the cost that the wall time
  // hides.
  const cpu = process.cpuUsage();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({ users: report.users, totalMs, millis: report.millis, peakRssMb, cpuSeconds }));
} finally {
  await driver.close();
}
