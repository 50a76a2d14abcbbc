/**
 * `npm run bench:scale -- [--sizes 10000,100000,1000000] [--duration 10] [--warmup 3] [--connections 16]
 * [--recompute-heap-mb 4096] [--recompute-only]`
 *
 * The scaling curve (issue 12 §4): for each size, a database holding that many synthetic people with 10
 * relationships each (seed/synthetic.ts, put in by the offline importer: bench/bulk-import.ts), then
 *   - the full trust recomputation as the scheduler runs it (its own process): time, and that process's peak RSS;
 *   - a partner's `eligibility` check through the gateway (its own process, autocannon on loopback): req/s, p99;
 *   - the Neo4j store size on disk, and the Neo4j process's peak RSS.
 * The database is the benchmark's own (home .neo4j/scale, Bolt port 7696 unless SCALE_NEO4J_HOME / _PORT say
 * otherwise) and is replaced for every size. Writes bench/results/scale-<timestamp>.json, .md and .svg (the chart,
 * drawn by Vega-Lite), after every size, so a run stopped before 1M keeps what it measured.
 * `--recompute-only` measures only the full recomputation on the database already there (one size: a store an
 * earlier run imported), without importing or running the eligibility checks.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import {
  credentialsFile,
  embeddedUri,
  start,
  status,
  stop,
  type EmbeddedOptions,
} from '../src/db/embedded.js';
import { migrate } from '../src/db/migrations.js';
import { generateSynthetic, rng } from '../seed/synthetic.js';
import { importOffline, writeImportFiles } from './bulk-import.js';
import { ensureConsents, ensurePartner } from './fixtures.js';
import { cpuSeconds, residentMemory } from './proc.js';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');
const DATASET = 'scale';
const RELATIONSHIPS_PER_PERSON = 10;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    'recompute-heap-mb': { type: 'string', default: '4096' },
    // Wall-clock limit of one recomputation (a loaded machine may not finish 1M in the time there is).
    'recompute-limit-s': { type: 'string', default: '7200' },
    // Redraws the table and the chart from earlier runs' JSON files (comma-separated), measuring nothing.
    from: { type: 'string' },
    // Only the eligibility checks, on the database a previous run left for this size (longer runs, warm JIT).
    'eligibility-only': { type: 'boolean', default: false },
    // Only the full recomputation, on the database already there (imported by an earlier run of the same size).
    'recompute-only': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const recomputeLimitSeconds = Number(values['recompute-limit-s']);

const neo4jOptions: EmbeddedOptions = {
  home: resolve(process.env.SCALE_NEO4J_HOME || join(ROOT, '.neo4j', 'scale')),
  boltPort: Number(process.env.SCALE_NEO4J_PORT || 7696),
  heap: process.env.SCALE_NEO4J_HEAP || '2g',
  pageCache: process.env.SCALE_NEO4J_PAGECACHE || '2g',
  libDir: process.env.SCALE_NEO4J_LIB || join(ROOT, '.neo4j', 'lib'),
  log: (line) => console.error(line),
};
const log = (line: string) => console.error(`bench:scale: ${line}`);
const password = () =>
  (JSON.parse(readFileSync(credentialsFile(neo4jOptions.home), 'utf8')) as { password: string }).password;
const config = loadConfig();

interface Row {
  people: number;
  relationships: number;
  /** Null when the size's row measured the recompute on an existing store (--recompute-only). */
  importSeconds: number | null;
  indexSeconds: number | null;
  recomputeSeconds: number | null;
  recomputeLoadSeconds: number | null;
  recomputeIterateSeconds: number | null;
  recomputeWriteSeconds: number | null;
  recomputePeakRssMb: number | null;
  /** CPU seconds of the recompute process, and of Neo4j while it ran (the wall time depends on the machine's load). */
  recomputeCpuSeconds: number | null;
  recomputeNeo4jCpuSeconds: number | null;
  recomputeError: string | null;
  eligibilityRequestsPerSecond: number | null;
  eligibilityP50Ms: number | null;
  eligibilityP99Ms: number | null;
  eligibilityErrors: number | null;
  /** CPU milliseconds per check: the gateway process's, and Neo4j's. */
  eligibilityGatewayCpuMs: number | null;
  eligibilityNeo4jCpuMs: number | null;
  storeMb: number;
  neo4jPeakRssMb: number | null;
  /** The machine's 1-minute load average when the size was measured (other work shares the 2 cores). */
  loadAverage?: number;
  /** Said under the table (how the row was measured, when it differs from a full run). */
  notes?: string[];
}

function duMb(path: string): number {
  const out = spawnSync('du', ['-sb', path], { encoding: 'utf8' });
  return Math.round(Number(out.stdout.split('\t')[0]) / 1024 / 1024);
}

/** Runs a TypeScript entry point as a child process with the benchmark database in its environment. */
function child(args: string[], env: Record<string, string>, heapMb?: number) {
  return spawn(
    process.execPath,
    [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), '--import', 'tsx', ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NEO4J_URI: embeddedUri(neo4jOptions.boltPort),
        NEO4J_USER: 'neo4j',
        NEO4J_PASSWORD: password(),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

async function recompute(): Promise<
  | {
      totalMs: number;
      millis: { load: number; compute: number; write: number };
      peakRssMb: number;
      cpuSeconds: number;
    }
  | { error: string; cpuSeconds: number | null; peakRssMb: number | null }
> {
  const job = child(['bench/scale-recompute.ts', DATASET], {}, Number(values['recompute-heap-mb']));
  let out = '';
  job.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // A recomputation longer than the limit is stopped and reported as such, with the CPU time it had used.
  let cut: { cpuSeconds: number | null; peakRssMb: number | null } | undefined;
  const limit = setTimeout(() => {
    cut = { cpuSeconds: cpuSeconds(job.pid), peakRssMb: residentMemory(job.pid)?.peakMb ?? null };
    job.kill('SIGKILL');
  }, recomputeLimitSeconds * 1000);
  const code = await new Promise<number | null>((done) => job.once('exit', done));
  clearTimeout(limit);
  if (cut) return { error: `not finished in ${recomputeLimitSeconds} s`, ...cut };
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0) {
    // The child reports its failure with its peak memory and CPU time when it can.
    const failure = line.startsWith('{')
      ? (JSON.parse(line) as { error: string; cpuSeconds: number; peakRssMb: number })
      : null;
    return {
      error: `failed (exit code ${code})${failure ? `: ${failure.error}` : ''}`,
      cpuSeconds: failure?.cpuSeconds ?? null,
      peakRssMb: failure?.peakRssMb ?? null,
    };
  }
  if (!line.startsWith('{'))
    return { error: `no report (exit code ${code})`, cpuSeconds: null, peakRssMb: null };
  return JSON.parse(line) as {
    totalMs: number;
    millis: { load: number; compute: number; write: number };
    peakRssMb: number;
    cpuSeconds: number;
  };
}

async function eligibilityLoad(people: number): Promise<{
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  gatewayCpuMs: number | null;
  neo4jCpuMs: number | null;
}> {
  const driver = createDriver({
    uri: embeddedUri(neo4jOptions.boltPort),
    user: 'neo4j',
    password: password(),
  });
  try {
    const partner = await ensurePartner(driver);
    const random = rng(7);
    const sample = [
      ...new Set(Array.from({ length: 500 }, () => `${DATASET}_${Math.floor(random() * people)}`)),
    ];
    await ensureConsents(driver, partner.partnerId, sample);
    const gateway = child(['bench/servers.ts', 'gateway'], {
      RATE_LIMIT_USER_PER_MINUTE: '0',
      RATE_LIMIT_PARTNER_PER_MINUTE: '0',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
      // Every check a real one (bench/run.ts says why).
      CREDENCE_CHECKS_PER_PERSON_PER_DAY: '1000000000',
      CREDENCE_INQUIRIES_PER_PARTNER_PER_DAY: '1000000000',
      NODE_ENV: 'production',
      CREDENCE_JWT_SECRET: config.jwtSecret,
      CREDENCE_IDENTITY_SECRET: config.identityHashSecret,
      CREDENCE_DEBUG_QUERIES: '0',
    });
    const port = await new Promise<number>((done, fail) => {
      let out = '';
      gateway.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /READY (\d+)/.exec(out);
        if (match) done(Number(match[1]));
      });
      gateway.once('exit', (code) => fail(new Error(`the gateway exited with ${code}`)));
    });
    try {
      const url = `http://127.0.0.1:${port}/graphql`;
      const query = `query($perkId: ID!, $userId: ID!) { eligibility(perkId: $perkId, userId: $userId) {
        userId eligible reasons band checkedAt validUntil } }`;
      const bodies = sample.map((userId) =>
        JSON.stringify({ query, variables: { perkId: partner.perkId, userId } }),
      );
      // One check answered without errors before the load.
      const probe = (await (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': partner.apiKey },
          body: bodies[0],
        })
      ).json()) as { errors?: unknown };
      if (probe.errors) throw new Error(`eligibility failed: ${JSON.stringify(probe.errors)}`);
      const run = (seconds: number) => {
        let next = 0;
        return autocannon({
          url,
          method: 'POST',
          connections,
          duration: seconds,
          // A loaded machine answers slowly: a late answer is a slow one, not an error.
          timeout: 120,
          headers: { 'content-type': 'application/json', 'x-api-key': partner.apiKey },
          requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
        });
      };
      await run(warmup);
      const neo4jPid = (await status(neo4jOptions)).pid;
      const cpuBefore = [cpuSeconds(gateway.pid), cpuSeconds(neo4jPid)];
      const result = await run(duration);
      const cpuAfter = [cpuSeconds(gateway.pid), cpuSeconds(neo4jPid)];
      const perCheckMs = (i: number) =>
        cpuBefore[i] === null || cpuAfter[i] === null || result.requests.total === 0
          ? null
          : ((cpuAfter[i]! - cpuBefore[i]!) * 1000) / result.requests.total;
      return {
        rps: Math.round((result.requests.total / duration) * 10) / 10,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
        gatewayCpuMs: perCheckMs(0),
        neo4jCpuMs: perCheckMs(1),
      };
    } finally {
      gateway.kill('SIGTERM');
      await new Promise((done) => gateway.once('exit', done));
    }
  } finally {
    await driver.close();
  }
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const rows: Row[] = [];

async function writeResults() {
  mkdirSync(RESULTS, { recursive: true });
  const base = join(RESULTS, `scale-${stamp}`);
  writeFileSync(
    `${base}.json`,
    JSON.stringify({ at: new Date().toISOString(), connections, duration, rows }, null, 2),
  );
  const n = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits));
  const lines = [
    `# Scaling curve — ${new Date().toISOString()}`,
    '',
    `Synthetic people with ${RELATIONSHIPS_PER_PERSON} relationships each (seed/synthetic.ts), one database per size,`,
    `Neo4j heap ${neo4jOptions.heap}, page cache ${neo4jOptions.pageCache}; eligibility: autocannon, ${connections}`,
    `connections, ${warmup} s warm-up + ${duration} s, loopback, the gateway in production mode in its own process.`,
    `2 cores shared with other work; 1-minute load average when each size was measured: ` +
      rows.map((r) => `${r.people.toLocaleString('en')}: ${r.loadAverage ?? '—'}`).join(', ') +
      '. The benchmark runs under `nice -n 10`, so the wall times measure a share of a loaded machine; the CPU ' +
      'columns measure the work.',
    '',
    '| people | relationships | import (s) | indexes (s) | full recompute, wall (s) | · load / iterate / write (s) | recompute CPU (s), process + Neo4j | recompute peak RSS (MB) | eligibility req/s | p50 / p99 (ms) | CPU per check (ms), gateway + Neo4j | store (MB) | Neo4j peak RSS (MB) |',
    '|---:|---:|---:|---:|---:|---|---|---:|---:|---|---|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.people.toLocaleString('en')} | ${r.relationships.toLocaleString('en')} | ${n(r.importSeconds)} | ` +
        `${n(r.indexSeconds)} | ${r.recomputeError ?? n(r.recomputeSeconds)} | ` +
        `${n(r.recomputeLoadSeconds)} / ${n(r.recomputeIterateSeconds)} / ${n(r.recomputeWriteSeconds)} | ` +
        `${n(r.recomputeCpuSeconds)} + ${n(r.recomputeNeo4jCpuSeconds)} | ` +
        `${r.recomputePeakRssMb ?? '—'} | ${r.eligibilityRequestsPerSecond ?? '—'} | ${r.eligibilityP50Ms ?? '—'} / ` +
        `${r.eligibilityP99Ms ?? '—'} | ${n(r.eligibilityGatewayCpuMs, 2)} + ${n(r.eligibilityNeo4jCpuMs, 2)} | ` +
        `${r.storeMb} | ${r.neo4jPeakRssMb ?? '—'} |`,
    ),
    '',
    ...rows
      .filter((r) => r.recomputeError?.startsWith('not finished'))
      .map(
        (r) =>
          `At ${r.people.toLocaleString('en')} people the recomputation was stopped (${r.recomputeError}): its CPU ` +
          `column is what it had used by then, and the eligibility checks found the people unscored (NO_SCORE ` +
          `without evaluating the rule; the same statements otherwise).`,
      ),
    ...rows.flatMap((r) => (r.notes ?? []).map((note) => `${r.people.toLocaleString('en')} people: ${note}`)),
    '',
    `Chart: [scale-${stamp}.svg](scale-${stamp}.svg).`,
  ];
  writeFileSync(`${base}.md`, lines.join('\n') + '\n');
  writeFileSync(`${base}.svg`, await chart());
}

/** Four panels against the number of people (log scale): recompute time, peak memory, req/s and p99, store size. */
async function chart(): Promise<string> {
  const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  const points = rows.flatMap((r) => [
    { people: r.people, panel: '1. full recompute (s)', series: 'wall time', value: r.recomputeSeconds },
    {
      people: r.people,
      panel: '1. full recompute (s)',
      series: 'CPU time (process + Neo4j)',
      value: sum(r.recomputeCpuSeconds, r.recomputeNeo4jCpuSeconds),
    },
    {
      people: r.people,
      panel: '2. peak memory (MB)',
      series: 'recompute process',
      value: r.recomputePeakRssMb,
    },
    { people: r.people, panel: '2. peak memory (MB)', series: 'Neo4j process', value: r.neo4jPeakRssMb },
    { people: r.people, panel: '2. peak memory (MB)', series: 'Neo4j store on disk', value: r.storeMb },
    {
      people: r.people,
      panel: '3. eligibility checks per second',
      series: 'req/s',
      value: r.eligibilityRequestsPerSecond,
    },
    { people: r.people, panel: '4. eligibility latency (ms)', series: 'p99', value: r.eligibilityP99Ms },
    { people: r.people, panel: '4. eligibility latency (ms)', series: 'p50', value: r.eligibilityP50Ms },
    {
      people: r.people,
      panel: '5. CPU per eligibility check (ms)',
      series: 'gateway',
      value: r.eligibilityGatewayCpuMs,
    },
    {
      people: r.people,
      panel: '5. CPU per eligibility check (ms)',
      series: 'Neo4j',
      value: r.eligibilityNeo4jCpuMs,
    },
  ]);
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Credence on one machine: ${RELATIONSHIPS_PER_PERSON} relationships per person`,
    data: { values: points.filter((p) => p.value !== null) },
    facet: { field: 'panel', type: 'nominal', title: null },
    columns: 3,
    config: { legend: { labelLimit: 400 } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 300,
      height: 200,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'people', type: 'quantitative', scale: { type: 'log' }, title: 'people' },
        y: { field: 'value', type: 'quantitative', title: null },
        color: { field: 'series', type: 'nominal', title: null },
      },
    },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

if (values.from) {
  // Rows of one size from several files are merged, a later file's measured values over an earlier one's (a
  // --recompute-only run completes the row of a full run).
  for (const file of values.from.split(','))
    for (const row of (JSON.parse(readFileSync(file, 'utf8')) as { rows: Row[] }).rows) {
      const earlier = rows.find((r) => r.people === row.people);
      if (!earlier) {
        rows.push(row);
        continue;
      }
      for (const [field, value] of Object.entries(row) as [keyof Row, unknown][])
        if (value !== null && value !== undefined && field !== 'notes')
          (earlier as unknown as Record<string, unknown>)[field] = value;
      if (row.recomputeSeconds !== null) earlier.recomputeError = row.recomputeError;
      earlier.notes = [...(earlier.notes ?? []), ...(row.notes ?? [])];
    }
  rows.sort((a, b) => a.people - b.people);
  await writeResults();
  log(`written bench/results/scale-${stamp}.md from ${values.from}`);
  process.exit(0);
}

if (values['eligibility-only']) {
  const measured = [];
  for (const people of sizes) {
    await start(neo4jOptions);
    const driver = createDriver({
      uri: embeddedUri(neo4jOptions.boltPort),
      user: 'neo4j',
      password: password(),
    });
    const session = driver.session();
    const present = Number(
      (
        await session.run('MATCH (u:User {dataset: $d}) RETURN count(u) AS n', { d: DATASET })
      ).records[0]!.get('n'),
    );
    await session.close();
    await driver.close();
    if (present !== people)
      throw new Error(`the database holds ${present} people, not ${people}: run the full bench`);
    const eligibility = await eligibilityLoad(people);
    log(
      `${people}: eligibility ${eligibility.rps} req/s, p50 ${eligibility.p50} ms, p99 ${eligibility.p99} ms`,
    );
    measured.push({
      people,
      ...eligibility,
      loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    });
  }
  const base = join(RESULTS, `scale-eligibility-${stamp}`);
  writeFileSync(`${base}.json`, JSON.stringify({ connections, warmup, duration, measured }, null, 2));
  writeFileSync(
    `${base}.md`,
    [
      `# Eligibility checks against database size — ${new Date().toISOString()}`,
      '',
      `autocannon, ${connections} connections, ${warmup} s warm-up + ${duration} s, the gateway in production mode in its own process, under \`nice -n 10\` on 2 shared cores.`,
      '',
      '| people | req/s | p50 / p99 (ms) | CPU per check (ms), gateway + Neo4j | errors | load average |',
      '|---:|---:|---|---|---:|---:|',
      ...measured.map(
        (m) =>
          `| ${m.people.toLocaleString('en')} | ${m.rps} | ${m.p50} / ${m.p99} | ${m.gatewayCpuMs?.toFixed(2) ?? '—'} + ` +
          `${m.neo4jCpuMs?.toFixed(2) ?? '—'} | ${m.errors} | ${m.loadAverage} |`,
      ),
    ].join('\n') + '\n',
  );
  log(`written bench/results/scale-eligibility-${stamp}.md`);
  await stop(neo4jOptions);
  process.exit(0);
}

if (values['recompute-only']) {
  for (const people of sizes) {
    await start(neo4jOptions);
    const driver = createDriver({
      uri: embeddedUri(neo4jOptions.boltPort),
      user: 'neo4j',
      password: password(),
    });
    const session = driver.session();
    const counted = (
      await session.run(
        `MATCH (u:User {dataset: $d}) WITH count(u) AS people, sum(COUNT { (u)-[:ENDORSES|RATED]->() }) AS edges
         RETURN people, edges`,
        { d: DATASET },
      )
    ).records[0]!;
    await session.close();
    await driver.close();
    const present = Number(counted.get('people'));
    if (present !== people)
      throw new Error(`the database holds ${present} people, not ${people}: run the full bench`);
    log(`${people} people on the existing store: recomputing`);
    const { recomputed, neo4jCpuSeconds } = await measuredRecompute();
    const neo4jPid = (await status(neo4jOptions)).pid;
    rows.push({
      people,
      relationships: Number(counted.get('edges')),
      importSeconds: null,
      indexSeconds: null,
      ...recomputeColumns(recomputed, neo4jCpuSeconds),
      eligibilityRequestsPerSecond: null,
      eligibilityP50Ms: null,
      eligibilityP99Ms: null,
      eligibilityErrors: null,
      eligibilityGatewayCpuMs: null,
      eligibilityNeo4jCpuMs: null,
      storeMb: duMb(join(neo4jOptions.home, 'data', 'databases', 'neo4j')),
      neo4jPeakRssMb: residentMemory(neo4jPid)?.peakMb ?? null,
      loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
      notes: [
        `recompute measured alone (--recompute-only) on the store an earlier run imported, at ${new Date().toISOString()}` +
          ` (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}).`,
      ],
    });
    await writeResults();
    log(`written bench/results/scale-${stamp}.md`);
  }
  await stop(neo4jOptions);
  process.exit(0);
}

/** The recomputation, with Neo4j's CPU time while it ran. */
async function measuredRecompute() {
  const neo4jCpuBefore = cpuSeconds((await status(neo4jOptions)).pid);
  const recomputed = await recompute();
  const neo4jCpuAfter = cpuSeconds((await status(neo4jOptions)).pid);
  if (!('error' in recomputed))
    log(`recomputed in ${(recomputed.totalMs / 1000).toFixed(1)} s, peak RSS ${recomputed.peakRssMb} MB`);
  else log(`recompute failed: ${recomputed.error}`);
  return {
    recomputed,
    neo4jCpuSeconds:
      neo4jCpuBefore === null || neo4jCpuAfter === null ? null : neo4jCpuAfter - neo4jCpuBefore,
  };
}

function recomputeColumns(
  recomputed: Awaited<ReturnType<typeof recompute>>,
  neo4jCpuSeconds: number | null,
): Pick<
  Row,
  | 'recomputeSeconds'
  | 'recomputeLoadSeconds'
  | 'recomputeIterateSeconds'
  | 'recomputeWriteSeconds'
  | 'recomputePeakRssMb'
  | 'recomputeCpuSeconds'
  | 'recomputeNeo4jCpuSeconds'
  | 'recomputeError'
> {
  const ok = 'error' in recomputed ? null : recomputed;
  return {
    recomputeSeconds: ok ? ok.totalMs / 1000 : null,
    recomputeLoadSeconds: ok ? ok.millis.load / 1000 : null,
    recomputeIterateSeconds: ok ? ok.millis.compute / 1000 : null,
    recomputeWriteSeconds: ok ? ok.millis.write / 1000 : null,
    // Stopped at the limit: its peak so far.
    recomputePeakRssMb: recomputed.peakRssMb,
    recomputeCpuSeconds: recomputed.cpuSeconds,
    recomputeNeo4jCpuSeconds: neo4jCpuSeconds,
    recomputeError: 'error' in recomputed ? recomputed.error : null,
  };
}

for (const people of sizes) {
  const relationships = people * RELATIONSHIPS_PER_PERSON;
  log(`${people} people, ${relationships} relationships: generating`);
  await stop(neo4jOptions);
  // First run: start once so that the home has its configuration, credentials and jars.
  if (!(await status(neo4jOptions)).running && !readFileSafe(credentialsFile(neo4jOptions.home))) {
    await start(neo4jOptions);
    await stop(neo4jOptions);
  }
  const graph = generateSynthetic({ users: people, relationships, seed: 42 });
  const importDir = join(neo4jOptions.home, 'import');
  const importBegan = Date.now();
  const inputs = await writeImportFiles(graph, DATASET, importDir);
  await importOffline({ home: neo4jOptions.home, libDir: neo4jOptions.libDir!, inputs, heap: '2g', log });
  const importSeconds = (Date.now() - importBegan) / 1000;
  rmSync(importDir, { recursive: true, force: true });
  log(`imported in ${importSeconds.toFixed(1)} s`);

  await start(neo4jOptions);
  const driver = createDriver({
    uri: embeddedUri(neo4jOptions.boltPort),
    user: 'neo4j',
    password: password(),
  });
  const indexBegan = Date.now();
  await migrate(driver);
  const indexSeconds = (Date.now() - indexBegan) / 1000;
  await driver.close();
  log(`constraints and indexes online in ${indexSeconds.toFixed(1)} s`);

  const neo4jCpuBefore = cpuSeconds((await status(neo4jOptions)).pid);
  const recomputed = await recompute();
  const neo4jCpuAfter = cpuSeconds((await status(neo4jOptions)).pid);
  const failed = 'error' in recomputed ? recomputed.error : null;
  if (!('error' in recomputed))
    log(`recomputed in ${(recomputed.totalMs / 1000).toFixed(1)} s, peak RSS ${recomputed.peakRssMb} MB`);
  else log(`recompute failed: ${recomputed.error}`);

  const eligibility = await eligibilityLoad(people);
  log(`eligibility ${eligibility.rps} req/s, p99 ${eligibility.p99} ms`);
  const neo4jPid = (await status(neo4jOptions)).pid;
  rows.push({
    people,
    relationships,
    importSeconds,
    indexSeconds,
    recomputeSeconds: 'error' in recomputed ? null : recomputed.totalMs / 1000,
    recomputeLoadSeconds: 'error' in recomputed ? null : recomputed.millis.load / 1000,
    recomputeIterateSeconds: 'error' in recomputed ? null : recomputed.millis.compute / 1000,
    recomputeWriteSeconds: 'error' in recomputed ? null : recomputed.millis.write / 1000,
    recomputePeakRssMb: 'error' in recomputed ? null : recomputed.peakRssMb,
    recomputeCpuSeconds: recomputed.cpuSeconds,
    recomputeNeo4jCpuSeconds:
      neo4jCpuBefore === null || neo4jCpuAfter === null ? null : neo4jCpuAfter - neo4jCpuBefore,
    recomputeError: failed,
    eligibilityRequestsPerSecond: eligibility.rps,
    eligibilityP50Ms: eligibility.p50,
    eligibilityP99Ms: eligibility.p99,
    eligibilityErrors: eligibility.errors,
    eligibilityGatewayCpuMs: eligibility.gatewayCpuMs,
    eligibilityNeo4jCpuMs: eligibility.neo4jCpuMs,
    storeMb: duMb(join(neo4jOptions.home, 'data', 'databases', 'neo4j')),
    neo4jPeakRssMb: residentMemory(neo4jPid)?.peakMb ?? null,
    loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
  });
  await writeResults();
  log(`written bench/results/scale-${stamp}.md`);
}
await stop(neo4jOptions);

function readFileSafe(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
