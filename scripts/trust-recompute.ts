/**
 * `npm run trust:recompute [-- --dataset <name>] [--now <ISO time>]`: recomputes every score of the native graph
 * and of every imported dataset (or of one), in batches of one transaction each, with a progress bar.
 * Deterministic for a given time (ages of accounts and events depend on it; `--now` fixes it, default: now), so
 * an interrupted run is completed by running it again.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { neo4jTarget } from '../gateway.js';
import { loadConfig } from '../src/config.js';
import { Db, createDriver } from '../src/db/driver.js';
import { migrate } from '../src/db/migrations.js';
import { recomputeGraph } from '../src/trust/compute.js';
import { datasets } from '../src/trust/repository.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string' },
    batch: { type: 'string', default: '2000' },
    now: { type: 'string' },
  },
});
const now = values.now === undefined ? undefined : Date.parse(values.now);
if (now !== undefined && Number.isNaN(now)) {
  console.error(`--now must be an ISO time, got "${values.now}"`);
  process.exit(2);
}
const config = loadConfig();
const driver = createDriver(neo4jTarget(config));
const bar = new cliProgress.SingleBar(
  { format: '{graph} {phase} [{bar}] {value}/{total}', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
try {
  await migrate(driver, config.neo4j.database);
  const graphs =
    values.dataset !== undefined ? [values.dataset] : await datasets(new Db(driver, config.neo4j.database));
  for (const dataset of graphs) {
    const graph = dataset ?? 'native';
    let started = false;
    const report = await recomputeGraph(driver, {
      database: config.neo4j.database,
      dataset,
      batchSize: Number(values.batch),
      now,
      onProgress: ({ phase, done, total }) => {
        if (!started) {
          bar.start(total, done, { graph, phase });
          started = true;
        }
        bar.setTotal(total);
        bar.update(done, { graph, phase });
      },
    });
    bar.stop();
    const { load, compute, write } = report.millis;
    console.log(
      `${graph}: ${report.users} users, ${report.ratings} ratings, ${report.endorsements} endorsements, ` +
        `${report.anchors} anchors — load ${load} ms, compute ${compute} ms, write ${write} ms`,
    );
  }
} finally {
  await driver.close();
}
