/**
 * `npm run import -- --dataset <name> <file> [--anchors <k>] [--now <ISO time>]`: imports a signed network in the format
 * SOURCE,TARGET,RATING,TIME (no header; ratings -10..-1 and 1..10; TIME in Unix seconds) into its own dataset
 * namespace, then computes that dataset's scores. Idempotent: users and ratings are merged on their ids.
 *
 * - Users get ids and handles `<name>_<node id>`, `dataset = <name>`, and `createdAt` = their first appearance in
 *   the file. An imported network is research data: its people cannot consent individually, so the dataset is
 *   scored as a whole (scoringConsent is set) and never mixed with the native graph.
 * - Ratings become RATED edges with their timestamps; a repeated (source, target) pair keeps the last rating.
 * - Nobody has a verified identity, so anchors are picked by a data-only rule: the k users (default 20) with the
 *   most positive ratings from distinct raters in the earliest 20% of the timeline.
 * - The dataset is scored at its own clock: the last timestamp in the file, or `--now`. The clock is stored with
 *   the dataset (a Dataset node), so every later recompute of it uses the same clock; against today an old
 *   network's accounts would all be years old.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { parse } from 'csv-parse/sync';
import { neo4jTarget } from '../gateway.js';
import { loadConfig } from '../src/config.js';
import { Db, createDriver } from '../src/db/driver.js';
import { migrate } from '../src/db/migrations.js';
import { recomputeGraph } from '../src/trust/compute.js';
import { setDatasetClock } from '../src/trust/repository.js';
import { DEFAULT_ANCHOR_COUNT, selectAnchorsByEarlyPositiveRatings } from '../src/trust/engine/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dataset: { type: 'string' },
    anchors: { type: 'string', default: String(DEFAULT_ANCHOR_COUNT) },
    now: { type: 'string' },
  },
});
const dataset = values.dataset;
const file = positionals[0];
if (!dataset || !/^[a-z][a-z0-9]{0,15}$/.test(dataset) || !file) {
  console.error(
    'usage: npm run import -- --dataset <name: a-z0-9, ≤16> <file> [--anchors <k>] [--now <ISO time>]',
  );
  process.exit(2);
}
const givenClock = values.now === undefined ? undefined : Date.parse(values.now);
if (givenClock !== undefined && Number.isNaN(givenClock)) {
  console.error(`--now must be an ISO time, got "${values.now}"`);
  process.exit(2);
}
const anchorCount = Number(values.anchors);

interface Edge {
  source: string;
  target: string;
  rating: number;
  time: number;
}

const records = parse(readFileSync(file, 'utf8'), { skip_empty_lines: true, trim: true }) as string[][];
const edges: Edge[] = records.map((fields, line) => {
  const [source, target, rating, time] = fields;
  const value = Number(rating);
  if (!source || !target || !Number.isInteger(value) || value === 0 || value < -10 || value > 10 || !time) {
    throw new Error(`${file}:${line + 1}: expected SOURCE,TARGET,RATING(-10..-1|1..10),TIME`);
  }
  return { source, target, rating: value, time: Number(time) };
});
// The last rating of a pair wins: process in time order.
edges.sort((a, b) => a.time - b.time);

const ids = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort(
  (a, b) => Number(a) - Number(b) || a.localeCompare(b),
);
const index = new Map(ids.map((id, n) => [id, n]));
const firstSeen = new Map<string, number>();
for (const e of edges) {
  for (const id of [e.source, e.target]) if (!firstSeen.has(id)) firstSeen.set(id, e.time);
}
// The dataset's clock, epoch ms: what its account ages are counted to.
const clock = givenClock ?? (edges.at(-1)?.time ?? 0) * 1000;
const anchors = new Set(
  selectAnchorsByEarlyPositiveRatings(
    Int32Array.from(edges, (e) => index.get(e.source)!),
    Int32Array.from(edges, (e) => index.get(e.target)!),
    Float64Array.from(edges, (e) => e.rating),
    Float64Array.from(edges, (e) => e.time),
    ids.length,
    anchorCount,
  ),
);

const config = loadConfig();
const driver = createDriver(neo4jTarget(config));
const bar = new cliProgress.SingleBar(
  { format: '{step} [{bar}] {value}/{total}' },
  cliProgress.Presets.shades_classic,
);
const BATCH = 5_000;

async function inBatches<T>(step: string, rows: T[], cypher: string): Promise<void> {
  bar.start(rows.length, 0, { step });
  const session = driver.session({ database: config.neo4j.database });
  try {
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      await session.executeWrite((tx) => tx.run(cypher, { rows: batch, dataset }));
      bar.update(Math.min(rows.length, start + BATCH));
    }
  } finally {
    await session.close();
    bar.stop();
  }
}

try {
  await migrate(driver, config.neo4j.database);
  const users = ids.map((id, n) => ({
    id: `${dataset}_${id}`,
    sourceId: id,
    createdAt: new Date(firstSeen.get(id)! * 1000).toISOString(),
    anchor: anchors.has(n),
  }));
  await inBatches(
    'users',
    users,
    `UNWIND $rows AS row
     MERGE (u:User {id: row.id})
     ON CREATE SET u.handle = row.id, u.displayName = null, u.status = 'ACTIVE'
     SET u.dataset = $dataset, u.sourceId = row.sourceId, u.createdAt = datetime(row.createdAt),
         u.scoringConsent = true, u.anchor = row.anchor`,
  );
  const ratings = edges.map((e) => ({
    id: `${dataset}_${e.source}_${e.target}`,
    from: `${dataset}_${e.source}`,
    to: `${dataset}_${e.target}`,
    rating: e.rating,
    createdAt: new Date(e.time * 1000).toISOString(),
  }));
  await inBatches(
    'ratings',
    ratings,
    `UNWIND $rows AS row
     MATCH (a:User {id: row.from}), (b:User {id: row.to})
     MERGE (a)-[r:RATED]->(b)
     SET r.id = row.id, r.rating = row.rating, r.createdAt = datetime(row.createdAt)`,
  );
  await new Db(driver, config.neo4j.database).writeTx((tx) => setDatasetClock(tx, dataset, clock));
  console.log(
    `${dataset}: ${users.length} users, ${ratings.length} ratings, ${anchors.size} anchors; ` +
      `scoring at the dataset's clock ${new Date(clock).toISOString()}…`,
  );
  const report = await recomputeGraph(driver, { database: config.neo4j.database, dataset });
  const { load, compute, write } = report.millis;
  console.log(
    `${dataset}: scored ${report.users} users — load ${load} ms, compute ${compute} ms, write ${write} ms`,
  );
} finally {
  await driver.close();
}
