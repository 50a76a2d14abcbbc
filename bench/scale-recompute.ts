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
/** The process's peak resident set (getrusage maxRSS, KiB) and CPU time (user + system). */
function usage() {
  const cpu = process.cpuUsage();
  return {
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
try {
  const began = Date.now();
  // Progress on stderr (how far a run stopped at its time limit got, and its memory then).
  let reported = '';
  const report = await recomputeGraph(driver, {
    database: config.neo4j.database,
    dataset,
    onProgress: ({ phase, done, total }) => {
      const step = `${phase} ${Math.floor((done / Math.max(1, total)) * 20)}`;
      if (step === reported) return;
      reported = step;
      const rssMb = Math.round(process.memoryUsage.rss() / 1024 / 1024);
      const cpu = process.cpuUsage();
      console.error(
        `scale-recompute: ${new Date().toISOString()} ${phase} ${done}/${total}, RSS ${rssMb} MB, ` +
          `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
      );
    },
  });
  const totalMs = Date.now() - began;
  // CPU time: on a machine shared with other work, the cost that the wall time hides.
  console.log(JSON.stringify({ users: report.users, totalMs, millis: report.millis, ...usage() }));
} catch (error) {
  // A failed run still reports how far it got: its memory and CPU at the failure.
  console.error(error);
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error), ...usage() }));
  process.exitCode = 1;
} finally {
  await driver.close();
}
