/**
 * The production build (issue 12, §1–2): `npm run build`, then `node dist/main.js` from another directory with a
 * production environment against the test Neo4j. Plain node, no tsx, nothing installed or seeded; it refuses a
 * weak secret; it is live and ready, answers GraphQL, drains on SIGTERM; with OTEL_EXPORTER_OTLP_ENDPOINT its spans
 * reach an OTLP/HTTP receiver under the trace id of the caller's `traceparent`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neo4jTarget } from '../../gateway.js';
import { mintToken } from '../../src/auth/tokens.js';
import { config, removeUsers, unique } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = randomBytes(32).toString('hex');
const made: string[] = [];
const running = new Set<ChildProcess>();

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 600_000);
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await removeUsers(made);
});

interface Launched {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  /** Resolves with the first log line that matches (however long the loaded machine takes). */
  line(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** `node dist/main.js` with only the variables given (not the test runner's environment), from a temp directory. */
function launch(env: Record<string, string>): Launched {
  const target = neo4jTarget(config);
  const child = spawn(process.execPath, [join(ROOT, 'dist/main.js')], {
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH!,
      NODE_ENV: 'production',
      NEO4J_URI: target.uri,
      NEO4J_PASSWORD: target.password,
      ...(target.database ? { NEO4J_DATABASE: target.database } : {}),
      CREDENCE_JWT_SECRET: SECRET,
      CREDENCE_IDENTITY_SECRET: SECRET,
      PORT: '0',
      TRUST_REFRESH_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: Record<string, unknown>[] = [];
  const waiting: {
    match: (l: Record<string, unknown>) => boolean;
    done: (l: Record<string, unknown>) => void;
  }[] = [];
  let buffered = '';
  const take = (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        line = { text };
      }
      lines.push(line);
      for (const waiter of [...waiting])
        if (waiter.match(line)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.done(line);
        }
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      running.delete(child);
      done(code);
    }),
  );
  return {
    child,
    lines,
    exited,
    line: (match) =>
      new Promise((done, fail) => {
        const found = lines.find(match);
        if (found) return done(found);
        waiting.push({ match, done });
        void exited.then((code) => fail(new Error(`exited (${code}): ${JSON.stringify(lines)}`)));
      }),
  };
}

const readyUrl = async (launched: Launched) => String((await launched.line((l) => l.msg === 'ready')).url);

async function graphql(url: string, query: string, variables: Record<string, unknown>, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

describe('node dist/main.js in production', () => {
  it('refuses to start with a weak secret, naming it', async () => {
    const launched = launch({ CREDENCE_JWT_SECRET: 'short' });
    expect(await launched.exited).toBe(1);
    expect(launched.lines).toContainEqual(
      expect.objectContaining({
        msg: 'configuration refused',
        reason: 'CREDENCE_JWT_SECRET must be at least 32 bytes when NODE_ENV=production',
      }),
    );
  });

  it('refuses to start without NEO4J_URI (it starts no database of its own)', async () => {
    const launched = launch({ NEO4J_URI: '' });
    expect(await launched.exited).toBe(1);
    expect(launched.lines).toContainEqual(
      expect.objectContaining({ msg: 'configuration refused', reason: expect.stringMatching(/NEO4J_URI/) }),
    );
  });

  it('starts, is live and ready, answers GraphQL, reports an unknown variable, and drains on SIGTERM', async () => {
    const launched = launch({ CREDENCE_UNKNOWN_SETTING: '1' });
    const url = await readyUrl(launched);
    expect(launched.lines).toContainEqual(
      expect.objectContaining({
        msg: 'unknown configuration variable',
        variable: 'CREDENCE_UNKNOWN_SETTING',
      }),
    );
    const base = url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({
      status: 'ready',
      neo4j: 'up',
      migrations: 'applied',
    });

    const id = unique('user');
    made.push(id);
    const token = await mintToken(SECRET, { sub: id, role: 'user' });
    const registered = await graphql(
      url,
      'mutation ProdRegister($input: RegisterUserInput!) { registerUser(input: $input) { id } }',
      { input: { handle: id.toLowerCase() } },
      { authorization: `Bearer ${token}` },
    );
    expect(registered.body).toEqual({ data: { registerUser: { id } } });
    // Production: no introspection.
    const introspection = await graphql(url, '{ __schema { types { name } } }', {});
    expect(introspection.body.errors).toBeDefined();
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /^credence_graphql_request_duration_seconds_count\{operation="ProdRegister"\} 1$/m,
    );

    // A request in flight when SIGTERM arrives: its headers are in (the server said 100 Continue), its body not yet.
    const inFlight = new Promise<{ status: number; body: string }>((done, fail) => {
      const body = JSON.stringify({ query: 'query ProdMe { me { id } }' });
      const req = request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
          expect: '100-continue',
        },
      });
      req.once('continue', () => {
        launched.child.kill('SIGTERM');
        void launched.line((l) => l.msg === 'draining').then(() => req.end(body));
      });
      req.once('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode!, body: text }));
      });
      req.once('error', fail);
    });
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toEqual({ data: { me: { id } } });
    expect(await launched.exited).toBe(0);
    expect(launched.lines.map((l) => l.msg)).toContain('stopped');
  });
});

describe('tracing', () => {
  let receiver: Server;
  const spans: { traceId: string; parentSpanId?: string; name: string }[] = [];
  let endpoint = '';

  beforeAll(async () => {
    // A minimal OTLP/HTTP receiver: the JSON export of @opentelemetry/exporter-trace-otlp-http.
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const body = JSON.parse(text) as {
            resourceSpans: {
              scopeSpans: { spans: { traceId: string; parentSpanId?: string; name: string }[] }[];
            }[];
          };
          for (const resource of body.resourceSpans)
            for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => receiver.close(() => done())));

  it("sends the request's spans, Neo4j statements included, under the caller's trace id", async () => {
    const launched = launch({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'credence-test' });
    const url = await readyUrl(launched);
    const traceId = randomBytes(16).toString('hex');
    const parent = randomBytes(8).toString('hex');
    const id = unique('user');
    made.push(id);
    const token = await mintToken(SECRET, { sub: id, role: 'user' });
    const registered = await graphql(
      url,
      'mutation TracedRegister($input: RegisterUserInput!) { registerUser(input: $input) { id } }',
      { input: { handle: id.toLowerCase() } },
      { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${parent}-01` },
    );
    expect(registered.body).toEqual({ data: { registerUser: { id } } });
    // SIGTERM flushes the spans still batched.
    launched.child.kill('SIGTERM');
    expect(await launched.exited).toBe(0);
    const traced = spans.filter((s) => s.traceId === traceId);
    const names = traced.map((s) => s.name);
    // The HTTP server span is the child of the caller's span; the statements are spans of the same trace.
    expect(traced.find((s) => s.parentSpanId === parent)?.name).toMatch(/^POST/);
    expect(names).toContain('neo4j write');
    expect(names.some((n) => n.startsWith('graphql.parse'))).toBe(true);
    // The request's log line names its trace.
    expect(launched.lines).toContainEqual(
      expect.objectContaining({ msg: 'graphql request', operation: 'TracedRegister', traceId }),
    );
  });
});
