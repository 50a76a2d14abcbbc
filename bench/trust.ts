/**
 * `npm run bench:trust [-- --dataset synthetic] [--reads 500] [--skip-cypher]`: the trust computation on a large
 * graph (by default the synthetic 100k users / 1M relationships of `npm run generate`):
 * - a full recompute, split into read from Neo4j, iterate (the engine) and write back;
 * - the same EigenTrust iteration done in Cypher instead (one measured pass × the passes the engine needed), which
 *   is why the iteration runs in the gateway;
 * - reading one user's score through the gateway (HTTP GraphQL, sequential requests, p50/p95/p99).
 * Writes bench/results/trust-<timestamp>.json and .md.
 *
 * `npm run bench:trust -- --incremental [--sizes 100000:1000000,1000000:10000000] [--writes 2000]` measures instead
 * what one write's network update costs against a full recompute, at each size (bench/trust-incremental.ts, the
 * same as `npm run bench:trust:incremental`; it runs in its own process for its larger heap).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { createGateway } from '../gateway.js';
import { mintToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { recomputeGraph } from '../src/trust/compute.js';
import { EIGENTRUST_ALPHA } from '../src/trust/engine/index.js';

const incrementalFlag = process.argv.indexOf('--incremental');
if (incrementalFlag !== -1) {
  const forwarded = process.argv.slice(2).filter((_, index) => index + 2 !== incrementalFlag);
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', '--import', 'tsx', 'bench/trust-incremental.ts', ...forwarded],
    { stdio: 'inherit' },
  );
  process.exit(run.status ?? 1);
}

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'synthetic' },
    reads: { type: 'string', default: '500' },
    'skip-cypher': { type: 'boolean', default: false },
  },
});
const dataset = values.dataset;
const config = { ...loadConfig(), trustRefreshMs: 0 };
const gateway = await createGateway(config, { port: 0 });
const { driver } = gateway;
const database = config.neo4j.database;

async function run(cypher: string, params: Record<string, unknown> = {}) {
  const session = driver.session({ database });
  try {
    return (await session.run(cypher, params)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

const [size] = await run(
  `MATCH (u:User {dataset: $dataset})
   RETURN count(u) AS users, sum(COUNT { (u)-[:ENDORSES|RATED]->() }) AS relationships`,
  { dataset },
);
const users = Number(size?.users ?? 0);
const relationships = Number(size?.relationships ?? 0);
if (users === 0) {
  console.error(`dataset "${dataset}" is empty: run \`npm run generate\` first`);
  process.exit(1);
}
console.log(`${dataset}: ${users} users, ${relationships} relationships`);

// 1. The full recompute, as `npm run trust:recompute` does it.
const began = Date.now();
const report = await recomputeGraph(driver, { database, dataset });
const recomputeMs = Date.now() - began;
console.log(
  `recompute: ${recomputeMs} ms (load ${report.millis.load}, iterate ${report.millis.compute}, write ${report.millis.write})`,
);

// 2. One EigenTrust pass in Cypher: every user's inflow from its positive in-edges, normalised per rater.
let cypherPassMs: number | null = null;
let cypherPrepareMs: number | null = null;
if (!values['skip-cypher']) {
  const alpha = EIGENTRUST_ALPHA;
  const prepared = Date.now();
  // The out-weight of each rater (sum of its positive local trust), then one pass.
  await run(
    `MATCH (u:User {dataset: $dataset})
     CALL (u) {
       SET u.benchT = 1.0 / $n,
           u.benchOut = reduce(s = 0.0, w IN COLLECT { MATCH (u)-[r:ENDORSES|RATED]->(:User)
                                  WITH CASE WHEN r.strength IS NOT NULL THEN r.strength / 5.0
                                            ELSE r.rating / 10.0 END AS w WHERE w > 0 RETURN w } | s + w)
     } IN TRANSACTIONS OF 10000 ROWS`,
    { dataset, n: users },
  );
  cypherPrepareMs = Date.now() - prepared;
  const pass = Date.now();
  await run(
    `MATCH (u:User {dataset: $dataset})
     CALL (u) {
       WITH u, reduce(s = 0.0, x IN COLLECT {
                 MATCH (v:User)-[r:ENDORSES|RATED]->(u)
                 WITH v, CASE WHEN r.strength IS NOT NULL THEN r.strength / 5.0 ELSE r.rating / 10.0 END AS w
                 WHERE w > 0 AND v.benchOut > 0
                 RETURN v.benchT * w / v.benchOut AS x } | s + x) AS inflow
       SET u.benchNext = (1 - $alpha) * inflow + $alpha * CASE WHEN u.trustIsAnchor THEN 1.0 / $anchors ELSE 0 END
     } IN TRANSACTIONS OF 10000 ROWS`,
    { dataset, alpha, anchors: Math.max(1, report.anchors) },
  );
  await run(
    `MATCH (u:User {dataset: $dataset}) CALL (u) { SET u.benchT = u.benchNext } IN TRANSACTIONS OF 10000 ROWS`,
    { dataset },
  );
  cypherPassMs = Date.now() - pass;
  await run(
    `MATCH (u:User {dataset: $dataset}) CALL (u) { REMOVE u.benchT, u.benchNext, u.benchOut } IN TRANSACTIONS OF 10000 ROWS`,
    { dataset },
  );
  console.log(
    `cypher: prepare ${cypherPrepareMs} ms, one EigenTrust pass ${cypherPassMs} ms ` +
      `(× ${report.iterations.eigenTrust} passes ≈ ${((cypherPassMs * report.iterations.eigenTrust) / 1000).toFixed(1)} s)`,
  );
}

// 3. Reading one user's score through the gateway.
const reads = Number(values.reads);
const sample = await run(
  `MATCH (u:User {dataset: $dataset}) WHERE u.trustValue IS NOT NULL
   WITH u ORDER BY u.id SKIP $skip LIMIT $limit RETURN u.id AS id`,
  { dataset, skip: neo4j.int(7), limit: neo4j.int(Math.min(reads, 200)) },
);
const tokens = await Promise.all(
  sample.map((r) => mintToken(config.jwtSecret, { sub: String(r.id), role: 'user' })),
);
const latencies: number[] = [];
for (let k = 0; k < reads + 50; k++) {
  const started = performance.now();
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[k % tokens.length]}` },
    body: JSON.stringify({ query: '{ me { trustScore { value band computedAt stale } } }' }),
  });
  const body = (await response.json()) as { data?: { me?: { trustScore?: { value: number } } } };
  if (!body.data?.me?.trustScore) throw new Error(`no score in ${JSON.stringify(body)}`);
  if (k >= 50) latencies.push(performance.now() - started); // the first 50 warm up
}
latencies.sort((a, b) => a - b);
const quantile = (q: number) =>
  Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2));
const read = { p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) };
console.log(`score read over HTTP: p50 ${read.p50} ms, p95 ${read.p95} ms, p99 ${read.p99} ms`);

const result = {
  at: new Date().toISOString(),
  dataset,
  users,
  relationships,
  recompute: { totalMs: recomputeMs, ...report.millis },
  cypherIteration:
    cypherPassMs === null
      ? null
      : {
          prepareMs: cypherPrepareMs,
          onePassMs: cypherPassMs,
          // The engine needed this many passes at the documented tolerance; Cypher would need as many.
          passes: report.iterations.eigenTrust,
          estimatedTotalMs: cypherPassMs * report.iterations.eigenTrust,
        },
  scoreRead: { requests: reads, ...read },
};
const stamp = result.at.replace(/[:.]/g, '-');
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `trust-${stamp}.json`), JSON.stringify(result, null, 2) + '\n');
const table = [
  `# Trust computation benchmark — ${result.at}`,
  '',
  `Graph: \`${dataset}\`, ${users.toLocaleString('en')} users, ${relationships.toLocaleString('en')} relationships.`,
  '',
  '| measure | value |',
  '|---|---|',
  `| full recompute | ${(recomputeMs / 1000).toFixed(1)} s |`,
  `| · read from Neo4j | ${(report.millis.load / 1000).toFixed(1)} s |`,
  `| · iterate (FxG, EigenTrust, scores, explanations) | ${(report.millis.compute / 1000).toFixed(1)} s |`,
  `| · write back | ${(report.millis.write / 1000).toFixed(1)} s |`,
  ...(cypherPassMs === null
    ? []
    : [
        `| EigenTrust in Cypher: one pass × ${report.iterations.eigenTrust} passes (engine: all of it inside "iterate") | ` +
          `${(cypherPassMs / 1000).toFixed(1)} s × ${report.iterations.eigenTrust} ≈ ${((cypherPassMs * report.iterations.eigenTrust) / 1000).toFixed(0)} s |`,
      ]),
  `| score read over HTTP, p50 / p95 / p99 | ${read.p50} / ${read.p95} / ${read.p99} ms |`,
  '',
].join('\n');
writeFileSync(join(dir, `trust-${stamp}.md`), table);
console.log(`\n${table}`);
await gateway.close();
