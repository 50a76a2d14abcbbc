/**
 * `npm run bench -- [--duration 10] [--warmup 3] [--connections 32] [--users 100000] [--relationships 1000000]
 * [--seed 42] [--rebuild]`
 *
 * Load benchmark on loopback (issue 6, section 1): the gateway, the floor (bare neo4j-driver, one hand-written
 * Cypher query per operation behind node:http) and the peer (@neo4j/graphql, operation (c)) in one run, against
 * the benchmark's own Neo4j (bench/bench-neo4j.ts) holding the synthetic network (seed/synthetic.ts), loaded
 * once and reused. Writes bench/results/<timestamp>.json and .md, and bench/results/LATEST.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { embeddedUri, start, status } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrations.js';
import { mintToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { encodeCursor } from '../src/db/pagination.js';
import { deleteDataset, generateSynthetic, loadSynthetic, rng } from '../seed/synthetic.js';
import { benchDriver, benchNeo4jOptions, benchPassword } from './bench-neo4j.js';

const ROOT = resolve(import.meta.dirname, '..');
const DATASET = 'synthetic';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    users: { type: 'string', default: '100000' },
    relationships: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    rebuild: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const users = Number(values.users);
const relationships = Number(values.relationships);
const seed = Number(values.seed);

const neo4jOptions = benchNeo4jOptions();
console.error(`bench: Neo4j at ${embeddedUri(neo4jOptions.boltPort)} (home ${neo4jOptions.home})`);
await start(neo4jOptions);
const driver = benchDriver(neo4jOptions);
await migrate(driver);

// The data: loaded once, reused; --rebuild (or another size) loads it again.
const session = driver.session();
const countOf = async (cypher: string) =>
  Number((await session.run(cypher, { dataset: DATASET })).records[0]!.get(0));
let present = await countOf('MATCH (u:User {dataset: $dataset}) RETURN count(u)');
let presentEdges =
  present > 0 ? await countOf('MATCH (:User {dataset: $dataset})-[r:ENDORSES|RATED]->() RETURN count(r)') : 0;
let loadSeconds: number | null = null;
if (values.rebuild || present !== users || presentEdges !== relationships) {
  if (present > 0) await deleteDataset(driver, DATASET);
  const graph = generateSynthetic({ users, relationships, seed });
  const timings = await loadSynthetic(driver, graph, { dataset: DATASET, progress: process.stderr.isTTY });
  loadSeconds = timings.totalMs / 1000;
  console.error(
    `bench: loaded ${users} users / ${relationships} relationships in ${loadSeconds.toFixed(1)} s`,
  );
  present = users;
  presentEdges = relationships;
}
// Seeded request samples: user ids for (d) and page starts for (c), from the users' known creation times.
const graphForSample = generateSynthetic({ users, relationships: Math.min(relationships, users), seed });
await session.close();
const random = rng(seed + 1);
const pick = () => Math.floor(random() * users);
const SAMPLE = 500;
const pageStarts = Array.from({ length: SAMPLE }, () => {
  const i = Math.floor(random() * (users - 200));
  return { at: new Date(graphForSample.userCreatedAt[i]!).toISOString(), id: `${DATASET}_${i}` };
});
const idBatches = Array.from({ length: SAMPLE }, () =>
  Array.from({ length: 100 }, () => `${DATASET}_${pick()}`),
);

// The servers, each its own process.
const config = loadConfig();
const childEnv = {
  ...process.env,
  NEO4J_URI: embeddedUri(neo4jOptions.boltPort),
  NEO4J_USER: 'neo4j',
  NEO4J_PASSWORD: benchPassword(neo4jOptions),
  // The benchmark drives one admin token at thousands of requests per second: edge rate limits off (0).
  RATE_LIMIT_USER_PER_MINUTE: '0',
  RATE_LIMIT_PARTNER_PER_MINUTE: '0',
};
interface Child {
  process: ChildProcess;
  port: number;
}
function launch(mode: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'servers.ts'), mode], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) done({ process: child, port: Number(match[1]) });
    });
    child.once('exit', (code) => fail(new Error(`${mode} exited with ${code}`)));
  });
}

function peakRss(pid: number | undefined): { peakMb: number; rssMb: number } | null {
  if (pid === undefined) return null;
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? NaN);
    return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return null;
  }
}

const adminToken = await mintToken(config.jwtSecret, { sub: 'bench_admin', role: 'admin' });
const GATEWAY_PAGE = `query($after: String) { users(first: 100, after: $after) { edges { node { id handle
  identities { edges { node { provider assurance } } }
  endorsementsReceived { edges { node { endorser { handle } } } } } } } }`;
const GATEWAY_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id handle displayName } } }`;
const PEER_PAGE = `query($at: DateTime!) { users(where: { createdAt: { gt: $at } }, sort: [{ createdAt: ASC }], limit: 100) {
  id handle identities(limit: 20) { provider assurance } endorsers(limit: 20) { handle } } }`;

type Target = 'gateway' | 'floor' | 'peer';
interface Operation {
  name: string;
  label: string;
  bodies: Record<Target, string[] | undefined>;
}
const operations: Operation[] = [
  {
    name: 'c',
    label: '(c) page of 100 users with identities and endorsers’ handles',
    bodies: {
      gateway: pageStarts.map((p) =>
        JSON.stringify({ query: GATEWAY_PAGE, variables: { after: encodeCursor(p.at, p.id) } }),
      ),
      floor: pageStarts.map((p) => JSON.stringify({ op: 'page', params: { afterAt: p.at, afterId: p.id } })),
      peer: pageStarts.map((p) => JSON.stringify({ query: PEER_PAGE, variables: { at: p.at } })),
    },
  },
  {
    name: 'd',
    label: '(d) `_entities` batch of 100 users',
    bodies: {
      gateway: idBatches.map((ids) =>
        JSON.stringify({
          query: GATEWAY_ENTITIES,
          variables: { r: ids.map((id) => ({ __typename: 'User', id })) },
        }),
      ),
      floor: idBatches.map((ids) => JSON.stringify({ op: 'entities', params: { ids } })),
      peer: undefined,
    },
  },
];

const children: Partial<Record<Target, Child>> = {};
children.gateway = await launch('gateway');
children.floor = await launch('floor');
children.peer = await launch('peer');
const urlOf = (t: Target) =>
  `http://127.0.0.1:${children[t]!.port}${t === 'floor' ? '/' : t === 'peer' ? '/' : '/graphql'}`;
const headersOf = (t: Target): Record<string, string> => ({
  'content-type': 'application/json',
  ...(t === 'gateway' ? { authorization: `Bearer ${adminToken}` } : {}),
});

/** One request outside the load: checks the answer has no errors and counts the gateway's Neo4j queries. */
async function probe(t: Target, body: string): Promise<{ queries: number | null; rows: number }> {
  const response = await fetch(urlOf(t), {
    method: 'POST',
    headers: { ...headersOf(t), 'x-credence-debug': 'queries' },
    body,
  });
  const json = (await response.json()) as {
    data?: unknown;
    errors?: unknown;
    error?: unknown;
    extensions?: { neo4jQueries?: number };
  };
  if (!response.ok || json.errors || json.error)
    throw new Error(`${t} answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
  const data = json.data as Record<string, unknown> | unknown[];
  const rows = Array.isArray(data)
    ? data.length
    : Object.values(data as Record<string, unknown>).map((v) =>
        Array.isArray(v) ? v.length : ((v as { edges?: unknown[] }).edges?.length ?? 0),
      )[0]!;
  return { queries: json.extensions?.neo4jQueries ?? null, rows };
}

async function load(t: Target, bodies: string[], seconds: number) {
  let next = 0;
  return autocannon({
    url: urlOf(t),
    method: 'POST',
    connections,
    duration: seconds,
    headers: headersOf(t),
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length]! }) }],
  });
}

interface Row {
  operation: string;
  target: Target;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  neo4jQueriesPerOperation: number | null;
  rowsPerAnswer: number;
  serverPeakRssMb: number | null;
  neo4jRssMb: number | null;
}
const rows: Row[] = [];
const neo4jPid = (await status(neo4jOptions)).pid;
for (const operation of operations) {
  for (const t of ['gateway', 'floor', 'peer'] as const) {
    const bodies = operation.bodies[t];
    if (!bodies) continue;
    const probed = await probe(t, bodies[0]!);
    if (warmup > 0) await load(t, bodies, warmup);
    const result = await load(t, bodies, duration);
    const p95 = (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p90;
    rows.push({
      operation: operation.name,
      target: t,
      requestsPerSecond: Math.round(result.requests.average),
      p50: result.latency.p50,
      // autocannon reports p90, p97.5 and p99; p95 is interpolated between p90 and p97.5.
      p95: Math.round((result.latency.p90 + (p95 - result.latency.p90) * (5 / 7.5)) * 10) / 10,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      neo4jQueriesPerOperation: t === 'gateway' ? probed.queries : 1,
      rowsPerAnswer: probed.rows,
      serverPeakRssMb: peakRss(children[t]!.process.pid)?.peakMb ?? null,
      neo4jRssMb: peakRss(neo4jPid)?.peakMb ?? null,
    });
    console.error(
      `bench: ${operation.name} ${t}: ${rows.at(-1)!.requestsPerSecond} req/s, p99 ${rows.at(-1)!.p99} ms`,
    );
  }
}
for (const child of Object.values(children)) child.process.kill('SIGTERM');
await driver.close();

// Report.
const find = (op: string, t: Target) => rows.find((r) => r.operation === op && r.target === t);
const ratio = (a: number | undefined, b: number | undefined) =>
  a && b ? Math.round((a / b) * 100) / 100 : null;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const machine = `${(await import('node:os')).cpus().length} cores, ${(await import('node:os')).cpus()[0]?.model ?? ''}`;
const summary = {
  at: new Date().toISOString(),
  machine,
  node: process.version,
  dataset: { users: present, relationships: presentEdges, seed, loadSeconds },
  settings: { connections, durationSeconds: duration, warmupSeconds: warmup },
  rows,
  ratios: operations.map((o) => ({
    operation: o.name,
    gatewayOverFloor: ratio(
      find(o.name, 'gateway')?.requestsPerSecond,
      find(o.name, 'floor')?.requestsPerSecond,
    ),
    credenceOverPeer: ratio(
      find(o.name, 'gateway')?.requestsPerSecond,
      find(o.name, 'peer')?.requestsPerSecond,
    ),
  })),
};
const md = [
  `# Benchmark ${summary.at}`,
  '',
  `${machine}; Node ${process.version}; Neo4j 5.26 (heap ${neo4jOptions.heap}, page cache ${neo4jOptions.pageCache}); ` +
    `synthetic dataset ${present} users / ${presentEdges} relationships (seed ${seed}); ` +
    `autocannon, ${connections} connections, ${warmup} s warm-up + ${duration} s per row, loopback.`,
  '',
  '| operation | server | req/s | p50 ms | p95 ms | p99 ms | errors / non-2xx | Neo4j queries / op | server peak RSS MB | Neo4j peak RSS MB |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${operations.find((o) => o.name === r.operation)!.label} | ${r.target} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} / ${r.non2xx} | ${r.neo4jQueriesPerOperation ?? '?'} | ${r.serverPeakRssMb ?? '?'} | ${r.neo4jRssMb ?? '?'} |`,
  ),
  '',
  '| operation | gateway ÷ floor (req/s) | Credence ÷ peer (req/s) |',
  '| --- | ---: | ---: |',
  ...summary.ratios.map(
    (r) => `| ${r.operation} | ${r.gatewayOverFloor ?? '–'} | ${r.credenceOverPeer ?? '–'} |`,
  ),
  '',
  'floor = bare neo4j-driver, one hand-written Cypher query per operation behind node:http (no GraphQL); ' +
    'peer = @neo4j/graphql 7 (one generated Cypher query per operation), operation (c) only. ' +
    'Operations (a) eligibility, (b) trustScore and (e) endorse + refresh are not measured yet.',
  '',
].join('\n');
const dir = join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(summary, null, 2) + '\n');
writeFileSync(join(dir, `${stamp}.md`), md);
writeFileSync(join(dir, 'LATEST.md'), md);
console.log(md);
