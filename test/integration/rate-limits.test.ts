/**
 * Rate limits at the edge, on a second gateway configured with low limits (the shared one keeps the generous
 * defaults): per signed-in person and per partner API key, each caller with their own budget, answered with
 * HTTP 429, a Retry-After header and RATE_LIMITED with extensions.retryAfterSeconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../gateway.js';
import { startGateway, type Gateway } from '../../src/server.js';
import { adminToken, config, driver, newUser, removeUsers, unique } from './helpers.js';
import { newPartner, removePartners } from './partner-helpers.js';

const USER_PER_MINUTE = 3;
const PARTNER_PER_MINUTE = 2;
const users: string[] = [];
const partners: string[] = [];
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway({
    schema: buildSchema(),
    driver,
    config: {
      ...config,
      rateLimits: {
        userPerMinute: USER_PER_MINUTE,
        partnerPerMinute: PARTNER_PER_MINUTE,
        anonymousPerMinute: 0,
      },
    },
    port: 0,
  });
});

afterAll(async () => {
  await gateway?.stop();
  await removeUsers(users);
  await removePartners(partners);
});

async function call(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

function expectLimited(answer: Awaited<ReturnType<typeof call>>) {
  expect(answer.status).toBe(429);
  expect(answer.body.errors!.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  const seconds = answer.body.errors![0]!.extensions!.retryAfterSeconds as number;
  // A one-minute window: the retry hint is within it, and the header says the same.
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(60);
  expect(answer.retryAfter).toBe(String(seconds));
  // The transport details stay out of the client's extensions.
  expect(Object.keys(answer.body.errors![0]!.extensions!).sort()).toEqual(['code', 'retryAfterSeconds']);
}

describe('rate limits at the edge', () => {
  it('per user: the request over the limit gets 429, RATE_LIMITED and a retry hint; others keep their budget', async () => {
    const [limited, other] = await Promise.all([newUser(), newUser()]);
    users.push(limited.id, other.id);
    const asLimited = { authorization: `Bearer ${limited.token}` };
    for (let i = 0; i < USER_PER_MINUTE; i += 1) {
      const answer = await call('{ me { id } }', asLimited);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { me: { id: limited.id } } });
    }
    expectLimited(await call('{ me { id } }', asLimited));
    expectLimited(await call('{ perks(first: 1) { totalCount } }', asLimited));
    // Another person, and an admin, each have their own budget.
    const otherAnswer = await call('{ me { id } }', { authorization: `Bearer ${other.token}` });
    expect(otherAnswer.body).toEqual({ data: { me: { id: other.id } } });
    const admin = { authorization: `Bearer ${await adminToken()}` };
    for (let i = 0; i < USER_PER_MINUTE; i += 1)
      expect((await call('{ openDisputes(first: 1) { id } }', admin)).status).toBe(200);
    expectLimited(await call('{ openDisputes(first: 1) { id } }', admin));
  });

  it('per partner API key', async () => {
    const partner = await newPartner(unique('ratelimit'));
    partners.push(partner.id);
    const asPartner = { 'x-api-key': partner.apiKey };
    for (let i = 0; i < PARTNER_PER_MINUTE; i += 1) {
      const answer = await call('{ currentPartner { id } }', asPartner);
      expect(answer.body).toEqual({ data: { currentPartner: { id: partner.id } } });
    }
    expectLimited(await call('{ currentPartner { id } }', asPartner));
  });

  it('does not count anonymous readers of the public catalogue against anyone', async () => {
    for (let i = 0; i < USER_PER_MINUTE + PARTNER_PER_MINUTE + 1; i += 1)
      expect((await call('{ perks(first: 1) { totalCount } }')).status).toBe(200);
  });
});
