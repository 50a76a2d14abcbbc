/**
 * Section 6 of the privacy issue (edge limits), played as an adversary through HTTP: a flood of `_entities`
 * representations, anonymous request floods (also with forged X-Forwarded-For), and the uniform RATE_LIMITED
 * answer (HTTP 429 and Retry-After derived from extensions.retryAfterSeconds wherever the error comes from).
 */
import { GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSchema } from '../../../gateway.js';
import { credenceError } from '../../../src/errors.js';
import { MAX_REPRESENTATIONS } from '../../../src/federation/representations.js';
import { startGateway, type Gateway } from '../../../src/server.js';
import { config, driver, newUser, removeUsers } from '../helpers.js';

const users: string[] = [];
afterAll(() => removeUsers(users));

interface Answer {
  status: number;
  retryAfter: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-credence-debug': 'queries', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

describe('_entities takes at most 1,000 representations per operation', () => {
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Perk { id } } }';
  const perks = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Perk', id: `p${i}` }));
  const url = inject('gatewayUrl');

  it('refuses 54,000 anonymous representations with a coded 400 before any lookup', async () => {
    expect(MAX_REPRESENTATIONS).toBe(1000);
    const began = performance.now();
    const answer = await post(url, ENTITIES, { r: perks(54_000) });
    const elapsed = performance.now() - began;
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors!.map((e) => e.extensions)).toEqual([
      {
        code: 'BAD_USER_INPUT',
        field: 'representations',
        reason: 'TOO_MANY_REPRESENTATIONS',
        limit: 1000,
      },
    ]);
    // Not one database query was spent on it.
    expect(answer.body.extensions?.neo4jQueries).toBe(0);
    console.info(`54,000 representations refused in ${Math.round(elapsed)} ms (round trip)`);
  });

  it('counts every _entities field of the operation: 2 aliases × 600 is refused', async () => {
    const answer = await post(
      url,
      'query($r: [_Any!]!) { a: _entities(representations: $r) { __typename } b: _entities(representations: $r) { __typename } }',
      { r: perks(600) },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0]!.extensions!.reason).toBe('TOO_MANY_REPRESENTATIONS');
    expect(answer.body.errors![0]!.message).toBe(
      '_entities accepts at most 1000 representations per operation, got 1200',
    );
  });

  it('still answers 1,000 (one null per unknown perk)', async () => {
    const answer = await post(url, ENTITIES, { r: perks(1000) });
    expect(answer.body.errors).toBeUndefined();
    const entities = answer.body.data!._entities as unknown[];
    expect(entities).toHaveLength(1000);
    expect(entities.every((e) => e === null)).toBe(true);
  });
});

describe('anonymous callers are rate-limited per client address', () => {
  const ANONYMOUS_PER_MINUTE = 3;
  let direct: Gateway;
  let behindProxy: Gateway;
  const query = '{ perks(first: 1) { totalCount } }';

  beforeAll(async () => {
    const rateLimits = { userPerMinute: 0, partnerPerMinute: 0, anonymousPerMinute: ANONYMOUS_PER_MINUTE };
    [direct, behindProxy] = await Promise.all([
      startGateway({
        schema: buildSchema(),
        driver,
        config: { ...config, rateLimits, trustProxyHops: 0 },
        port: 0,
      }),
      startGateway({
        schema: buildSchema(),
        driver,
        config: { ...config, rateLimits, trustProxyHops: 1 },
        port: 0,
      }),
    ]);
  });
  afterAll(async () => {
    await direct?.stop();
    await behindProxy?.stop();
  });

  function expectLimited(answer: Answer) {
    expect(answer.status).toBe(429);
    expect(answer.body.errors!.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    const seconds = answer.body.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(answer.retryAfter).toBe(String(seconds));
  }

  it('answers the 4th anonymous request in a minute with 429; a signed-in person at the same address is not affected', async () => {
    for (let i = 0; i < ANONYMOUS_PER_MINUTE; i++)
      expect((await post(direct.url, query)).body.errors).toBeUndefined();
    expectLimited(await post(direct.url, query));
    const person = await newUser();
    users.push(person.id);
    const signedIn = await post(direct.url, '{ me { id } }', {}, { authorization: `Bearer ${person.token}` });
    expect(signedIn.body.data).toEqual({ me: { id: person.id } });
  });

  it('a forged X-Forwarded-For buys no fresh budget when no proxy is trusted', async () => {
    // `direct` already spent this address's budget above; files run their tests in order.
    for (let i = 0; i < 3; i++)
      expectLimited(await post(direct.url, query, {}, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
  });

  it('behind a trusted proxy, each forwarded client address has its own budget', async () => {
    const client = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
    for (let i = 0; i < ANONYMOUS_PER_MINUTE; i++)
      expect((await post(behindProxy.url, query, {}, client(1))).body.errors).toBeUndefined();
    expectLimited(await post(behindProxy.url, query, {}, client(1)));
    expect((await post(behindProxy.url, query, {}, client(2))).body.errors).toBeUndefined();
  });

  it('refused credentials count as anonymous: guessing API keys or sending bad tokens is limited too', async () => {
    const client = { 'x-forwarded-for': '198.51.100.77' };
    for (let i = 0; i < ANONYMOUS_PER_MINUTE; i++) {
      const guess = await post(behindProxy.url, query, {}, { ...client, 'x-api-key': `guess-${i}` });
      expect(guess.body.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    expectLimited(await post(behindProxy.url, query, {}, { ...client, authorization: 'Bearer not.a.jwt' }));
    expectLimited(await post(behindProxy.url, query, {}, { ...client, 'x-api-key': 'guess-again' }));
  });

  it('rotating addresses within one IPv6 /64 buys no fresh budget', async () => {
    const v6 = (host: string) => ({ 'x-forwarded-for': `2001:db8:77:1::${host}` });
    for (let i = 0; i < ANONYMOUS_PER_MINUTE; i++)
      expect((await post(behindProxy.url, query, {}, v6(`${i + 1}`))).body.errors).toBeUndefined();
    expectLimited(await post(behindProxy.url, query, {}, v6('beef')));
    // The next /64 is another subscriber.
    expect(
      (await post(behindProxy.url, query, {}, { 'x-forwarded-for': '2001:db8:77:2::1' })).body.errors,
    ).toBeUndefined();
  });
});

describe('every RATE_LIMITED error gets Retry-After from its retryAfterSeconds', () => {
  // A schema whose resolvers throw RATE_LIMITED the way a domain quota does (only extensions.retryAfterSeconds),
  // served by the same server code: the header and status come from the plugin, not from each thrower.
  let gateway: Gateway;
  beforeAll(async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          quota: {
            type: GraphQLInt,
            args: { seconds: { type: new GraphQLNonNull(GraphQLInt) } },
            resolve: (_, { seconds }: { seconds: number }) => {
              throw credenceError('RATE_LIMITED', 'Quota reached', { retryAfterSeconds: seconds });
            },
          },
          fine: { type: GraphQLString, resolve: () => 'ok' },
        },
      }),
    });
    gateway = await startGateway({ schema, driver, config, port: 0 });
  });
  afterAll(() => gateway?.stop());

  it('a refused operation: HTTP 429 and Retry-After equal to the extension', async () => {
    const answer = await post(gateway.url, '{ quota(seconds: 3600) }');
    expect(answer.body.errors!.map((e) => e.extensions)).toEqual([
      { code: 'RATE_LIMITED', retryAfterSeconds: 3600 },
    ]);
    // A nullable field: data is { quota: null }, so the operation produced data; see the next case for 429.
    expect(answer.retryAfter).toBe('3600');
  });

  it('the longest of several wins; 429 only when the operation produced no data', async () => {
    const partial = await post(gateway.url, '{ a: quota(seconds: 10) b: quota(seconds: 86400) fine }');
    expect(partial.retryAfter).toBe('86400');
    expect(partial.status).toBe(200);
    expect(partial.body.data).toEqual({ a: null, b: null, fine: 'ok' });
  });

  it('no header without a RATE_LIMITED error', async () => {
    const answer = await post(gateway.url, `{ fine }`);
    expect(answer.retryAfter).toBeNull();
    expect(answer.status).toBe(200);
  });

  it('an over-limit mutation whose field is non-null (so no data at all) is a 429 with the header', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { fine: { type: GraphQLString } } }),
      mutation: new GraphQLObjectType({
        name: 'Mutation',
        fields: {
          spend: {
            type: new GraphQLNonNull(GraphQLString),
            resolve: () => {
              throw credenceError('RATE_LIMITED', 'Quota reached', { retryAfterSeconds: 120 });
            },
          },
        },
      }),
    });
    const strict = await startGateway({ schema, driver, config, port: 0 });
    try {
      const answer = await post(strict.url, `mutation { spend }`);
      expect(answer.status).toBe(429);
      expect(answer.retryAfter).toBe('120');
      expect(answer.body.data).toBeNull();
    } finally {
      await strict.stop();
    }
  });
});
