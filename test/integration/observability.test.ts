/**
 * Logs and metrics of a gateway (issue 12, §2). A scripted session — register, link an identity, endorse, read a
 * score, a partner's eligibility check — runs against a gateway whose log lines are captured: none of the
 * session's personal values (handles, names, user ids, identity subject, score, API key, tokens) may appear in
 * them, while every request has its line. Then /metrics is scraped and its counters must have moved by what the
 * session did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../gateway.js';
import { createLogger } from '../../src/observability/log.js';
import { startGateway, type Gateway } from '../../src/server.js';
import { adminToken, config, driver, removeUsers, unique, userToken } from './helpers.js';
import { removePartners, setTrust } from './partner-helpers.js';

const METRICS_TOKEN = 'm'.repeat(40);
const lines: string[] = [];
let gateway: Gateway;
const users: string[] = [];
const partners: string[] = [];

beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  gateway = await startGateway({
    schema: buildSchema(),
    driver,
    // Two anonymous requests a minute, so that the third is refused and counted.
    config: {
      ...config,
      rateLimits: { ...config.rateLimits, anonymousPerMinute: 2 },
      metrics: { enabled: true, token: METRICS_TOKEN, maxOperations: 100 },
    },
    port: 0,
    logger,
  });
});
afterAll(async () => {
  await gateway.stop();
  await removeUsers(users);
  await removePartners(partners);
});

async function call<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  requestId: string | null;
  data?: T;
  errors?: { extensions?: { code?: string } }[];
}> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, requestId: response.headers.get('x-request-id'), ...body };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The value of one series in a Prometheus text exposition (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(): Promise<string> {
  const response = await fetch(gateway.url.replace(/\/graphql$/, '/metrics'), {
    headers: bearer(METRICS_TOKEN),
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe('a scripted session', () => {
  const secrets: string[] = [];
  let score = 0;
  let before = '';
  let after = '';
  const requestIds: string[] = [];

  beforeAll(async () => {
    before = await scrape();
    const admin = await adminToken();
    const alice = { id: unique('user'), name: `Alice ${unique('name')}` };
    const bob = { id: unique('user'), name: `Bob ${unique('name')}` };
    const aliceToken = await userToken(alice.id);
    const bobToken = await userToken(bob.id);
    users.push(alice.id, bob.id);
    const subject = unique('oidc-subject');
    secrets.push(alice.id, bob.id, alice.name, bob.name, alice.id.toLowerCase(), bob.id.toLowerCase());
    secrets.push(aliceToken, bobToken, admin, subject);

    const track = <T>(result: T & { requestId: string | null }) => {
      requestIds.push(result.requestId!);
      return result;
    };
    const REGISTER =
      'mutation PrivacyRegister($input: RegisterUserInput!) { registerUser(input: $input) { id handle } }';
    for (const [person, token] of [
      [alice, aliceToken],
      [bob, bobToken],
    ] as const) {
      const registered = track(
        await call(
          REGISTER,
          { input: { handle: person.id.toLowerCase(), displayName: person.name } },
          bearer(token),
        ),
      );
      expect(registered.errors).toBeUndefined();
    }
    const linked = track(
      await call(
        'mutation PrivacyLink($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
        { input: { userId: alice.id, provider: 'eid-gov', subject, assurance: 'HIGH' } },
        // The caller's own request id is kept and echoed.
        { ...bearer(admin), 'x-request-id': 'privacy-test-link' },
      ),
    );
    expect(linked.errors).toBeUndefined();
    expect(linked.requestId).toBe('privacy-test-link');
    const endorsed = track(
      await call(
        'mutation PrivacyEndorse($input: EndorseInput!) { endorse(input: $input) { id } }',
        { input: { targetId: alice.id, strength: 4, context: `worked with ${alice.name}` } },
        bearer(bobToken),
      ),
    );
    expect(endorsed.errors).toBeUndefined();
    // An unusual score, so that finding it in a line could only mean it leaked.
    await setTrust([alice.id], { value: 743, band: 'VERY_GOOD' });
    const me = track(
      await call<{ me: { trustScore: { value: number } } }>(
        'query PrivacyScore { me { trustScore { value } } }',
        {},
        bearer(aliceToken),
      ),
    );
    score = me.data!.me.trustScore.value;
    expect(score).toBe(743);

    const created = track(
      await call<{ createPartner: { partner: { id: string }; apiKey: string } }>(
        'mutation PrivacyPartner($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } apiKey } }',
        { input: { name: unique('Partner'), scopes: ['ELIGIBILITY_CHECK', 'PERKS_MANAGE'] } },
        bearer(admin),
      ),
    );
    const partner = created.data!.createPartner;
    partners.push(partner.partner.id);
    secrets.push(partner.apiKey);
    const perk = track(
      await call<{ createPerk: { id: string } }>(
        'mutation PrivacyPerk($input: CreatePerkInput!) { createPerk(input: $input) { id } }',
        { input: { name: 'Privacy perk', rule: { minScore: 660 } } },
        { 'x-api-key': partner.apiKey },
      ),
    );
    const consented = track(
      await call(
        'mutation PrivacyConsent($input: GrantConsentInput!) { grantConsent(input: $input) { active } }',
        { input: { partnerId: partner.partner.id, scopes: ['ELIGIBILITY'] } },
        bearer(aliceToken),
      ),
    );
    expect(consented.errors).toBeUndefined();
    const check = track(
      await call<{ eligibility: { eligible: boolean } }>(
        'query PrivacyCheck($perkId: ID!, $userId: ID!) { eligibility(perkId: $perkId, userId: $userId) { eligible } }',
        { perkId: perk.data!.createPerk.id, userId: alice.id },
        { 'x-api-key': partner.apiKey },
      ),
    );
    expect(check.data!.eligibility.eligible).toBe(true);
    // A refused request: a wrong field (a coded validation error).
    track(await call('query PrivacyBad { me { password } }', {}, bearer(aliceToken)));
    // Three anonymous requests against a limit of two a minute: the third is refused.
    for (let i = 0; i < 3; i++) track(await call('query PrivacyAnonymous { __typename }', {}));
    after = await scrape();
  });

  it('logs one JSON line per request, with its id, operation, role, status, duration and statements', () => {
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = records.filter((r) => r.msg === 'graphql request');
    expect(requests.map((r) => r.requestId).sort()).toEqual([...requestIds].sort());
    const link = requests.find((r) => r.requestId === 'privacy-test-link')!;
    expect(link).toMatchObject({ operation: 'PrivacyLink', role: 'admin', status: 200, level: 30 });
    expect(link.neo4jStatements).toBeGreaterThan(0);
    expect(typeof link.durationMs).toBe('number');
    const check = requests.find((r) => r.operation === 'PrivacyCheck')!;
    expect(check).toMatchObject({ role: 'partner', status: 200 });
    expect(requests.find((r) => r.operation === 'PrivacyBad')).toMatchObject({
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
    });
    const anonymous = requests.filter((r) => r.operation === 'PrivacyAnonymous' || r.role === 'anonymous');
    expect(anonymous.map((r) => r.errorCodes ?? [])).toContainEqual(['RATE_LIMITED']);
  });

  it('never logs a handle, name, user id, identity subject, score, API key or token', () => {
    expect(lines.length).toBeGreaterThan(requestIds.length - 1);
    const text = lines.join('');
    for (const secret of secrets) expect(text).not.toContain(secret);
    // The score as a value of any field (a substring test would match timestamps and durations).
    const values = (value: unknown): unknown[] =>
      value !== null && typeof value === 'object' ? Object.values(value).flatMap(values) : [value];
    for (const line of lines) {
      const found = values(JSON.parse(line));
      expect(found).not.toContain(score);
      expect(found).not.toContain(String(score));
    }
  });

  it('moves the counters of /metrics by what the session did', () => {
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('credence_graphql_request_duration_seconds_count{operation="PrivacyRegister"}')).toBe(2);
    expect(moved('credence_graphql_request_duration_seconds_count{operation="PrivacyCheck"}')).toBe(1);
    expect(moved('credence_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(moved('credence_graphql_errors_total{code="RATE_LIMITED"}')).toBe(1);
    expect(moved('credence_limit_refusals_total{kind="edge_anonymous"}')).toBe(1);
    expect(moved('credence_trust_updates_total{kind="vouch"}')).toBe(1);
    expect(moved('credence_neo4j_statement_duration_seconds_count{mode="write"}')).toBeGreaterThan(0);
    expect(moved('credence_neo4j_statement_duration_seconds_count{mode="read"}')).toBeGreaterThan(0);
    // Scrape-time gauges and the process metrics.
    expect(after).toMatch(/^credence_trust_people_stale \d+$/m);
    expect(after).toMatch(/^process_cpu_user_seconds_total /m);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});

describe('/metrics', () => {
  it('asks for its bearer token', async () => {
    const url = gateway.url.replace(/\/graphql$/, '/metrics');
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: bearer('wrong') })).status).toBe(401);
  });

  it('labels operations past the cap "other"', async () => {
    const { operationLabeler } = await import('../../src/observability/metrics.js');
    const label = operationLabeler(2);
    expect([label('A'), label('B'), label('C'), label('A'), label(null), label(undefined)]).toEqual([
      'A',
      'B',
      'other',
      'A',
      'anonymous',
      'other',
    ]);
  });
});
