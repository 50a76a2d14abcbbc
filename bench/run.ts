/**
 * `npm run bench -- [--duration 10] [--warmup 3] [--connections 32] [--users 100000] [--relationships 1000000]
 * [--seed 42] [--rebuild] [--only a,c] [--cpu-prof <file>]`
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
import { questionOf } from '../src/perks/disclosure.js';
import { validateRule } from '../src/perks/rules.js';
import {
  BENCH_PERK_RULE,
  cleanBenchWrites,
  ensureConsents,
  ensurePartner,
  ensureScores,
  freshPairs,
} from './fixtures.js';
import { cpuSeconds, residentMemory } from './proc.js';

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
    // Writes a CPU profile of the gateway child (open it in Chrome DevTools) to this file.
    'cpu-prof': { type: 'string' },
    // Only these operations, e.g. --only a,c (for profiling; the published table runs them all).
    only: { type: 'string' },
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

// The data: loaded once, reused; --rebuild (or another size) loads it again. A previous run's writes go first.
await cleanBenchWrites(driver, DATASET);
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
// Scores (a full computation, once), the partner with a fresh key and its perk.
const log = (line: string) => console.error(line);
const scoreSeconds = await ensureScores(driver, DATASET, log);
const partner = await ensurePartner(driver);
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
// People for (a), (b) and (e): each consented to the partner (once); (e) endorses along pairs of them that had
// no endorsement before the run.
const people = [...new Set(Array.from({ length: SAMPLE }, () => `${DATASET}_${pick()}`))];
const consentsGranted = await ensureConsents(driver, partner.partnerId, people);
if (consentsGranted > 0) log(`bench: ${consentsGranted} consents granted to the benchmark partner`);
const pairs = await freshPairs(
  driver,
  people.map((from) => ({ from, to: people[Math.floor(random() * people.length)]! })),
);

// (a)'s question (src/perks/disclosure.ts) and daily limit, given to the floor so it decides as the gateway does.
const BENCH_QUESTION = questionOf(validateRule(BENCH_PERK_RULE));
const CHECKS_PER_DAY = 1_000_000_000;

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
  // Every request comes from loopback: a request that is anonymous or whose credentials are refused would share
  // one address's budget.
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
  // The probing limit (checks of one person by one partner per day, src/perks/limits.ts) would turn most of (a)
  // into RATE_LIMITED refusals after 20 checks per sampled person: raised so that every check is a real one.
  CREDENCE_CHECKS_PER_PERSON_PER_DAY: String(CHECKS_PER_DAY),
  // The gateway as it is deployed (errors masked, no introspection), with the secrets the tokens above were
  // minted with; query counting stays on so that the probes can report Neo4j queries per operation.
  NODE_ENV: 'production',
  CREDENCE_JWT_SECRET: config.jwtSecret,
  CREDENCE_IDENTITY_SECRET: config.identityHashSecret,
  CREDENCE_DEBUG_QUERIES: '1',
};
interface Child {
  process: ChildProcess;
  port: number;
}
/** The gateway's heap limit as `npm start` sets it (package.json config.gateway_heap_mb). */
const GATEWAY_HEAP_MB = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { config: { gateway_heap_mb: string } }
).config.gateway_heap_mb;
function launch(mode: string): Promise<Child> {
  const heap =
    mode === 'gateway' && GATEWAY_HEAP_MB !== '0' ? [`--max-old-space-size=${GATEWAY_HEAP_MB}`] : [];
  const child = spawn(
    process.execPath,
    [...heap, '--import', 'tsx', join(ROOT, 'bench', 'servers.ts'), mode],
    {
      cwd: ROOT,
      env:
        mode === 'gateway' && values['cpu-prof']
          ? { ...childEnv, BENCH_CPU_PROFILE: resolve(values['cpu-prof']) }
          : childEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((done, fail) => {
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (!match) return;
      // Past READY the gateway's request log lines are read and dropped, as a log shipper would take them.
      child.stdout!.off('data', read);
      child.stdout!.on('data', () => undefined);
      done({ process: child, port: Number(match[1]) });
    };
    child.stdout!.on('data', read);
    child.once('exit', (code) => fail(new Error(`${mode} exited with ${code}`)));
  });
}

const adminToken = await mintToken(config.jwtSecret, { sub: 'bench_admin', role: 'admin' });
const tokenOf = new Map<string, string>();
for (const person of people)
  tokenOf.set(person, await mintToken(config.jwtSecret, { sub: person, role: 'user' }));
const bearer = (userId: string) => ({ authorization: `Bearer ${tokenOf.get(userId)!}` });
const partnerKey = { 'x-api-key': partner.apiKey };
const GATEWAY_ELIGIBILITY = `query($perkId: ID!, $userId: ID!) { eligibility(perkId: $perkId, userId: $userId) {
  userId eligible reasons band checkedAt validUntil perk { id name } } }`;
const GATEWAY_TRUST = `{ me { trustScore { value band baseline computedAt modelVersion stale
  dimensions { dimension value weight points evidence }
  explanation { reasons { code dimension points summary } principalReasons { code dimension points summary }
    contributors { kind handle anonymous assurance share points } paths { steps { handle anonymous anchor } }
    improvements { action points summary } itemsUnderReview } } } }`;
const GATEWAY_ENDORSE = `mutation($input: EndorseInput!) { endorse(input: $input) { id strength public createdAt } }`;
const GATEWAY_PAGE = `query($after: String) { users(first: 100, after: $after) { edges { node { id handle
  identities { edges { node { provider assurance } } }
  endorsementsReceived { edges { node { endorser { handle } } } } } } } }`;
const GATEWAY_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id handle displayName } } }`;
const PEER_PAGE = `query($at: DateTime!) { users(where: { createdAt: { gt: $at } }, sort: [{ createdAt: ASC }], limit: 100) {
  id handle identities(limit: 20) { provider assurance } endorsers(limit: 20) { handle } } }`;

type Target = 'gateway' | 'floor' | 'peer';
/** One request: its body and the headers that differ per request (a person's token). */
interface Request {
  body: string;
  headers?: Record<string, string>;
}
interface Operation {
  name: string;
  label: string;
  /** Headers of every request of this operation (a partner's key). */
  headers?: Record<string, string>;
  bodies: Record<Target, Request[] | undefined>;
}
const asRequests = (bodies: string[]): Request[] => bodies.map((body) => ({ body }));
const operations: Operation[] = [
  {
    name: 'a',
    label: "(a) a partner's `eligibility` check",
    headers: partnerKey,
    bodies: {
      gateway: people.map((userId) => ({
        body: JSON.stringify({ query: GATEWAY_ELIGIBILITY, variables: { perkId: partner.perkId, userId } }),
      })),
      floor: people.map((userId) => ({
        body: JSON.stringify({
          op: 'eligibility',
          params: { perkId: partner.perkId, userId, question: BENCH_QUESTION, checksPerDay: CHECKS_PER_DAY },
        }),
      })),
      peer: undefined,
    },
  },
  {
    name: 'b',
    label: "(b) a user's own `trustScore` with its explanation",
    bodies: {
      gateway: people.map((userId) => ({
        body: JSON.stringify({ query: GATEWAY_TRUST }),
        headers: bearer(userId),
      })),
      floor: people.map((userId) => ({
        body: JSON.stringify({ op: 'trust', params: {} }),
        headers: bearer(userId),
      })),
      peer: undefined,
    },
  },
  {
    name: 'c',
    label: '(c) page of 100 users with identities and endorsers’ handles',
    bodies: {
      gateway: asRequests(
        pageStarts.map((p) =>
          JSON.stringify({ query: GATEWAY_PAGE, variables: { after: encodeCursor(p.at, p.id) } }),
        ),
      ),
      floor: asRequests(
        pageStarts.map((p) => JSON.stringify({ op: 'page', params: { afterAt: p.at, afterId: p.id } })),
      ),
      peer: asRequests(pageStarts.map((p) => JSON.stringify({ query: PEER_PAGE, variables: { at: p.at } }))),
    },
  },
  {
    name: 'd',
    label: '(d) `_entities` batch of 100 users',
    bodies: {
      gateway: asRequests(
        idBatches.map((ids) =>
          JSON.stringify({
            query: GATEWAY_ENTITIES,
            variables: { r: ids.map((id) => ({ __typename: 'User', id })) },
          }),
        ),
      ),
      floor: asRequests(idBatches.map((ids) => JSON.stringify({ op: 'entities', params: { ids } }))),
      peer: undefined,
    },
  },
  {
    // The pairs had no endorsement before the run: the first request of a pair creates it, later ones update it.
    name: 'e',
    label: '(e) `endorse` (+ trust refresh in its transaction)',
    bodies: {
      gateway: pairs.map((pair, i) => ({
        body: JSON.stringify({
          query: GATEWAY_ENDORSE,
          variables: { input: { targetId: pair.to, strength: 1 + (i % 5), public: i % 2 === 0 } },
        }),
        headers: bearer(pair.from),
      })),
      floor: pairs.map((pair, i) => ({
        body: JSON.stringify({
          op: 'endorse',
          params: { targetId: pair.to, strength: 1 + (i % 5), public: i % 2 === 0, context: null },
        }),
        headers: bearer(pair.from),
      })),
      peer: undefined,
    },
  },
];

const only = values.only?.split(',');
if (only) operations.splice(0, operations.length, ...operations.filter((o) => only.includes(o.name)));
const children: Partial<Record<Target, Child>> = {};
children.gateway = await launch('gateway');
children.floor = await launch('floor');
children.peer = await launch('peer');
const urlOf = (t: Target) =>
  `http://127.0.0.1:${children[t]!.port}${t === 'floor' ? '/' : t === 'peer' ? '/' : '/graphql'}`;
/** Headers of an operation's requests: the admin token unless the operation has its own credentials. */
const headersOf = (t: Target, operation: Operation, request?: Request): Record<string, string> => ({
  'content-type': 'application/json',
  ...(t === 'gateway' && !operation.headers && !request?.headers
    ? { authorization: `Bearer ${adminToken}` }
    : {}),
  ...operation.headers,
  ...request?.headers,
});

/** One request outside the load: checks the answer has no errors and counts the gateway's Neo4j queries. */
async function probe(
  t: Target,
  operation: Operation,
  request: Request,
): Promise<{ queries: number | null; rows: number }> {
  const response = await fetch(urlOf(t), {
    method: 'POST',
    headers: { ...headersOf(t, operation, request), 'x-credence-debug': 'queries' },
    body: request.body,
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
        Array.isArray(v) ? v.length : ((v as { edges?: unknown[] } | null)?.edges?.length ?? (v ? 1 : 0)),
      )[0]!;
  if (rows === 0) throw new Error(`${t} answered nothing: ${JSON.stringify(json).slice(0, 500)}`);
  return { queries: json.extensions?.neo4jQueries ?? null, rows };
}

/**
 * The floor must give the same answers: for (a) and (b), the first requests' answers of both are compared (the
 * decision and reasons; the score, its contributors and the length of each explanation path) before the load.
 */
async function answerOf(t: Target, operation: Operation, request: Request): Promise<unknown> {
  const response = await fetch(urlOf(t), {
    method: 'POST',
    headers: headersOf(t, operation, request),
    body: request.body,
  });
  const { data } = (await response.json()) as { data: Record<string, unknown> & unknown[] };
  interface Score {
    value: number;
    band: string;
    explanation: { contributors: unknown[]; paths: { steps: unknown[] }[] };
  }
  if (operation.name === 'a') {
    const d = (t === 'gateway' ? data.eligibility : data[0]) as { eligible: boolean; reasons: string[] };
    return { eligible: d.eligible, reasons: d.reasons };
  }
  if (t === 'gateway') {
    const s = (data.me as { trustScore: Score }).trustScore;
    const e = s.explanation;
    return [s.value, s.band, e.contributors.length, e.paths.map((p) => p.steps.length)];
  }
  const row = data[0] as {
    value: number;
    band: string;
    explanation: Score['explanation'];
    paths: unknown[][];
  };
  return [row.value, row.band, row.explanation.contributors.length, row.paths.map((p) => p.length)];
}
async function compareAnswers(operation: Operation, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const [g, f] = await Promise.all(
      (['gateway', 'floor'] as const).map((t) => answerOf(t, operation, operation.bodies[t]![i]!)),
    );
    if (JSON.stringify(g) !== JSON.stringify(f))
      throw new Error(
        `(${operation.name}) gateway and floor disagree: ${JSON.stringify(g)} vs ${JSON.stringify(f)}`,
      );
  }
}

async function load(t: Target, operation: Operation, requests: Request[], seconds: number) {
  let next = 0;
  return autocannon({
    url: urlOf(t),
    method: 'POST',
    connections,
    duration: seconds,
    headers: headersOf(t, operation),
    requests: [
      {
        setupRequest: (request) => {
          const chosen = requests[next++ % requests.length]!;
          return { ...request, body: chosen.body, headers: headersOf(t, operation, chosen) };
        },
      },
    ],
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
  /** The most any of the probed requests cost (the gateway's counts can differ per person, e.g. (b)). */
  neo4jQueriesPerOperation: number | null;
  /** The fewest. */
  neo4jQueriesMin: number | null;
  rowsPerAnswer: number;
  /** CPU time per request (user + system) during the measured load, of the server and of Neo4j. */
  serverCpuMsPerRequest: number | null;
  neo4jCpuMsPerRequest: number | null;
  serverPeakRssMb: number | null;
  neo4jRssMb: number | null;
}
const rows: Row[] = [];
const neo4jPid = (await status(neo4jOptions)).pid;
for (const operation of operations) {
  if (operation.name === 'a' || operation.name === 'b') await compareAnswers(operation, 20);
  for (const t of ['gateway', 'floor', 'peer'] as const) {
    const bodies = operation.bodies[t];
    if (!bodies) continue;
    // Queries per operation from the first 10 requests (outside the load).
    const probes: { queries: number | null; rows: number }[] = [];
    for (const request of bodies.slice(0, 10)) probes.push(await probe(t, operation, request));
    const probed = probes[0]!;
    const counts = probes.map((p) => p.queries ?? NaN);
    if (warmup > 0) await load(t, operation, bodies, warmup);
    const serverPid = children[t]!.process.pid;
    const cpuBefore = [cpuSeconds(serverPid), cpuSeconds(neo4jPid)];
    const result = await load(t, operation, bodies, duration);
    const cpuAfter = [cpuSeconds(serverPid), cpuSeconds(neo4jPid)];
    // CPU milliseconds per request: where an operation's cost is paid, in the server or in Neo4j.
    const cpuMsPerRequest = (i: number) =>
      cpuBefore[i] === null || cpuAfter[i] === null || result.requests.total === 0
        ? null
        : Math.round(((cpuAfter[i]! - cpuBefore[i]!) * 1000 * 100) / result.requests.total) / 100;
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
      neo4jQueriesPerOperation: t === 'gateway' ? Math.max(...counts) : 1,
      neo4jQueriesMin: t === 'gateway' ? Math.min(...counts) : 1,
      rowsPerAnswer: probed.rows,
      serverCpuMsPerRequest: cpuMsPerRequest(0),
      neo4jCpuMsPerRequest: cpuMsPerRequest(1),
      serverPeakRssMb: residentMemory(children[t]!.process.pid)?.peakMb ?? null,
      neo4jRssMb: residentMemory(neo4jPid)?.peakMb ?? null,
    });
    console.error(
      `bench: ${operation.name} ${t}: ${rows.at(-1)!.requestsPerSecond} req/s, p99 ${rows.at(-1)!.p99} ms, ` +
        `CPU ms/request server ${rows.at(-1)!.serverCpuMsPerRequest} Neo4j ${rows.at(-1)!.neo4jCpuMsPerRequest}`,
    );
  }
}
await Promise.all(
  Object.values(children).map(
    (child) =>
      new Promise((done) => {
        child.process.once('exit', done);
        child.process.kill('SIGTERM');
      }),
  ),
);
await cleanBenchWrites(driver, DATASET);
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
  dataset: { users: present, relationships: presentEdges, seed, loadSeconds, scoreSeconds },
  sample: { people: people.length, endorsePairs: pairs.length, consentsGranted },
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
    `autocannon, ${connections} connections, ${warmup} s warm-up + ${duration} s per row, loopback. ` +
    `The gateway runs as \`npm start\` runs it: NODE_ENV=production, heap limit ${GATEWAY_HEAP_MB} MB.`,
  '',
  '| operation | server | req/s | p50 ms | p95 ms | p99 ms | errors / non-2xx | Neo4j queries / op | CPU ms / req server | CPU ms / req Neo4j | server peak RSS MB | Neo4j peak RSS MB |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${operations.find((o) => o.name === r.operation)!.label} | ${r.target} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} / ${r.non2xx} | ${r.neo4jQueriesMin === r.neo4jQueriesPerOperation ? r.neo4jQueriesPerOperation : `${r.neo4jQueriesMin}–${r.neo4jQueriesPerOperation}`} | ${r.serverCpuMsPerRequest ?? '?'} | ${r.neo4jCpuMsPerRequest ?? '?'} | ${r.serverPeakRssMb ?? '?'} | ${r.neo4jRssMb ?? '?'} |`,
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
    `(a), (b) and (e) draw from ${people.length} sampled people, each with an ELIGIBILITY consent to the ` +
    'benchmark partner; (a) logs an Inquiry per check (gateway and floor alike) and runs with the probing limit ' +
    '(CREDENCE_CHECKS_PER_PERSON_PER_DAY) raised so that no check is refused as RATE_LIMITED, and the edge rate ' +
    `limits off; (e) endorses along ${pairs.length} pairs that had no endorsement before the run (created by the ` +
    'first request, updated by later ones; removed after the run). The floor answers (a) and (b) were checked ' +
    'equal to the gateway answers on 20 requests each. Neo4j queries / op: counted by the gateway on the first ' +
    '10 requests (fewest–most; (b) costs more for a person with vouchers, whose paths are looked up). The machine is shared with other engineers running ' +
    'tests on the same 2 cores: absolute numbers are noisy; the ratios are from the same minutes.',
  '',
].join('\n');
// A partial run (--only) is printed, not recorded: the results directory holds complete runs only.
if (!only) {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(join(dir, `${stamp}.md`), md);
  writeFileSync(join(dir, 'LATEST.md'), md);
}
console.log(md);
