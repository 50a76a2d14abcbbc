/**
 * `npm run bench:observability -- [--requests 3000] [--rounds 3] [--connections 8]`
 *
 * What logs, metrics and tracing cost (issue 12, §2): the production build (`node dist/main.js`; run
 * `npm run build` first) against the project's Neo4j, once per configuration — everything on (the default:
 * request log lines at info, metrics), logs off, metrics off, both off, and tracing on (to an OTLP/HTTP receiver in
 * this process) — each serving the same number of `me { id handle }` requests (one Neo4j read each) through
 * autocannon. Reports the gateway's CPU milliseconds per request (from /proc, Linux), which a loaded machine
 * disturbs far less than requests per second, and req/s; configurations alternate over the rounds, the median is
 * kept. Writes bench/results/observability-<timestamp>.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { neo4jTarget } from '../gateway.js';
import { mintToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { cpuSeconds } from './proc.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
  },
});
const requests = Number(values.requests);
/** The gateway's port (PORT, else 4000): with logs off it does not say which port it took. */
const PORT = Number(process.env.PORT || 4000);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

// The OTLP/HTTP receiver of the tracing configuration: takes every export, counts the bytes.
let exportedBytes = 0;
const receiver = createServer((req, res) => {
  req.on('data', (chunk: Buffer) => (exportedBytes += chunk.length));
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
const otlp = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const CONFIGURATIONS: Record<string, Record<string, string>> = {
  'logs + metrics (default)': {},
  'metrics only (logs off)': { CREDENCE_LOG_LEVEL: 'warn' },
  'logs only (metrics off)': { CREDENCE_METRICS: '0' },
  neither: { CREDENCE_LOG_LEVEL: 'warn', CREDENCE_METRICS: '0' },
  'logs + metrics + tracing': { OTEL_EXPORTER_OTLP_ENDPOINT: otlp },
};

const config = loadConfig();
const target = neo4jTarget(config);
const secret = randomBytes(32).toString('hex');
const userId = `bench_observability_${randomBytes(4).toString('hex')}`;
const token = await mintToken(secret, { sub: userId, role: 'user' });

function cpuSecondsOf(pid: number | undefined): number {
  const seconds = cpuSeconds(pid);
  if (seconds === null) throw new Error(`no CPU time for process ${pid} (/proc is needed)`);
  return seconds;
}

async function measure(extra: Record<string, string>): Promise<{ cpuMsPerRequest: number; rps: number }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/main.js')], {
    env: {
      PATH: process.env.PATH!,
      NODE_ENV: 'production',
      NEO4J_URI: target.uri,
      NEO4J_PASSWORD: target.password,
      CREDENCE_JWT_SECRET: secret,
      CREDENCE_IDENTITY_SECRET: secret,
      PORT: String(PORT),
      TRUST_REFRESH_SECONDS: '0',
      RATE_LIMIT_USER_PER_MINUTE: '0',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The log is read and dropped, as a log shipper would take it (with logs off the `ready` line is not written).
  child.stdout!.on('data', () => undefined);
  const exited = new Promise((_, fail) =>
    child.once('exit', (code) => fail(new Error(`the gateway exited (${code})`))),
  );
  const url = `http://127.0.0.1:${PORT}/graphql`;
  for (;;) {
    const ready = await Promise.race([
      fetch(url.replace(/graphql$/, 'ready')).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (ready) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      query: 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id } }',
      variables: { input: { handle: userId } },
    }),
  });
  const body = JSON.stringify({ query: 'query BenchMe { me { id handle } }' });
  // Warm-up: compiled queries, connection pool, JIT.
  await autocannon({ url, method: 'POST', headers, body, connections, amount: 500 });
  const before = cpuSecondsOf(child.pid!);
  const result = await autocannon({ url, method: 'POST', headers, body, connections, amount: requests });
  const cpu = cpuSecondsOf(child.pid!) - before;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  child.kill('SIGTERM');
  await exited.catch(() => undefined);
  return { cpuMsPerRequest: (cpu * 1000) / requests, rps: result.requests.average };
}

const samples = new Map<string, { cpuMsPerRequest: number; rps: number }[]>();
for (let round = 0; round < rounds; round++) {
  const names = Object.keys(CONFIGURATIONS);
  // Alternate the order, so that a drift of the machine's load does not favour one configuration.
  for (const name of round % 2 ? names.reverse() : names) {
    const sample = await measure(CONFIGURATIONS[name]!);
    console.error(
      `bench: ${name}: ${sample.cpuMsPerRequest.toFixed(3)} CPU ms/request, ${Math.round(sample.rps)} req/s`,
    );
    samples.set(name, [...(samples.get(name) ?? []), sample]);
  }
}
receiver.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const baseline = median(samples.get('neither')!.map((s) => s.cpuMsPerRequest));
const rows = [...samples].map(([name, list]) => {
  const cpu = median(list.map((s) => s.cpuMsPerRequest));
  const rps = median(list.map((s) => s.rps));
  return `| ${name} | ${cpu.toFixed(3)} | ${cpu === baseline ? '–' : `${(((cpu - baseline) / baseline) * 100).toFixed(1)} %`} | ${Math.round(rps)} |`;
});
const table = [
  `# Observability cost (${new Date().toISOString()})`,
  '',
  `\`node dist/main.js\` in production, \`query BenchMe { me { id handle } }\` (one Neo4j read), ${requests} requests per run over ${connections} connections after 500 warm-up requests, ${rounds} rounds, medians; load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; ${(exportedBytes / 1e6).toFixed(1)} MB of spans exported.`,
  '',
  '| configuration | gateway CPU ms / request | vs neither | req/s |',
  '| --- | --- | --- | --- |',
  ...rows,
  '',
].join('\n');
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(
  ROOT,
  'bench/results',
  `observability-${new Date().toISOString().replace(/[:.]/g, '-')}.md`,
);
writeFileSync(file, table);
console.log(table);
console.error(`bench: wrote ${file}`);
process.exit(0);
