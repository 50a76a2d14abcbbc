/**
 * Hostile input, generated: huge strings, deep nesting, many aliases, unicode and NUL bytes, Cypher- and
 * injection-looking strings, 10,000-element lists and wrong types, from anonymous, user, admin and forged
 * callers. The gateway never answers 5xx, never crashes, gives every error a code, and stores injection-looking
 * text literally. Fixed seed and bounded runs, so a failure replays exactly.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminToken, cypher, newUser, removeUsers } from './helpers.js';

const SEED = 20261126;
const made: string[] = [];
let self: { id: string; handle: string; token: string };
let other: { id: string; handle: string; token: string };
let admin: string;

beforeAll(async () => {
  self = await newUser('Hostile Self');
  other = await newUser('Hostile Other');
  made.push(self.id, other.id);
  admin = await adminToken();
});
afterAll(() => removeUsers(made));

interface RawAnswer {
  status: number;
  body: { data?: unknown; errors?: { message?: string; extensions?: { code?: unknown } }[] } | null;
}

async function send(body: string, token?: string): Promise<RawAnswer> {
  const response = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await response.text();
  let parsed: RawAnswer['body'] = null;
  try {
    parsed = JSON.parse(text) as RawAnswer['body'];
  } catch {
    // Asserted below: every answer is JSON.
  }
  return { status: response.status, body: parsed };
}

/** The invariant of every answer, whatever was sent. */
function expectSafe(answer: RawAnswer, what: string): void {
  expect(answer.status, what).toBeLessThan(500);
  expect(answer.body, `${what}: the answer is JSON`).not.toBeNull();
  for (const error of answer.body!.errors ?? []) {
    expect(typeof error.extensions?.code, `${what}: ${JSON.stringify(error).slice(0, 300)}`).toBe('string');
    expect(error.extensions!.code, what).not.toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(error), what).not.toMatch(/at .*\.(js|ts):\d+|Neo4jError|Cypher/);
  }
}

const INJECTIONS = [
  "'; MATCH (n) DETACH DELETE n; //",
  '" OR 1=1 --',
  "Robert'); DROP TABLE Students;--",
  '}) MATCH (u:User) SET u.status = "SUSPENDED" //',
  '$handle',
  '${process.env.CREDENCE_JWT_SECRET}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '`CALL dbms.killQueries()`',
  'CALL apoc.periodic.iterate("MATCH (n) RETURN n","DETACH DELETE n",{})',
  '\\u0000\\n',
  '../../../etc/passwd',
  '__proto__',
  'MERGE (x:Admin {id: "me"}) RETURN x',
];

const hugeString = fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'A'.repeat(n));
const hostileString = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ maxLength: 40 }).map((s) => `${s}\u0000${s}`),
  hugeString,
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(Array.from({ length: 10_000 }, (_, i) => i)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 20 }),
  fc.object({ maxDepth: 4 }),
);
const hostileValue = fc.oneof(hostileString, wrongType);
const hostileId = fc.oneof(hostileString, fc.constant('OTHER'));
const resolveId = (value: unknown) => (value === 'OTHER' ? other.id : value);

/** A GraphQL operation and its variables, each drawn from hostile material. */
const operation: fc.Arbitrary<{ query: unknown; variables?: unknown; operationName?: unknown }> = fc.oneof(
  fc.record({ displayName: hostileValue, userId: fc.option(hostileId) }).map((input) => ({
    query: 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName } }',
    variables: { input: { ...input, userId: resolveId(input.userId) ?? undefined } },
  })),
  fc
    .record({ targetId: hostileId, strength: hostileValue, context: hostileValue, public: hostileValue })
    .map((input) => ({
      query: 'mutation($input: EndorseInput!) { endorse(input: $input) { id context } }',
      variables: { input: { ...input, targetId: resolveId(input.targetId) } },
    })),
  fc.record({ targetId: hostileId, rating: hostileValue, comment: hostileValue }).map((input) => ({
    query: 'mutation($input: RateInput!) { rate(input: $input) { id rating comment } }',
    variables: { input: { ...input, targetId: resolveId(input.targetId) } },
  })),
  fc.record({ targetId: hostileId, reason: hostileValue }).map((input) => ({
    query: 'mutation($input: ReportInput!) { report(input: $input) { id reason } }',
    variables: { input: { ...input, targetId: resolveId(input.targetId) } },
  })),
  fc.record({ handle: hostileValue, displayName: hostileValue }).map((input) => ({
    // The callers of this test all have an account (or none at all), so nothing is ever created here.
    query: 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id } }',
    variables: { input },
  })),
  hostileValue.map((id) => ({ query: 'query($id: ID!) { user(id: $id) { id handle } }', variables: { id } })),
  hostileValue.map((handle) => ({
    query: 'query($h: String!) { userByHandle(handle: $h) { id } }',
    variables: { h: handle },
  })),
  fc.record({ first: hostileValue, after: hostileValue }).map((variables) => ({
    query: 'query($first: Int, $after: String) { users(first: $first, after: $after) { totalCount } }',
    variables,
  })),
  fc
    .oneof(
      fc.constant(Array.from({ length: 10_000 }, (_, i) => ({ __typename: 'User', id: `nobody_${i}` }))),
      fc.array(fc.oneof(hostileValue, fc.record({ __typename: hostileValue, id: hostileValue })), {
        maxLength: 30,
      }),
      hostileValue,
    )
    .map((representations) => ({
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id handle displayName } } }',
      variables: { r: representations },
    })),
  // Deep nesting through users' relationships.
  fc.integer({ min: 5, max: 60 }).map((depth) => {
    let selection = 'id';
    for (let i = 0; i < depth; i++)
      selection = `endorsementsGiven { edges { node { endorsee { ${selection} } } } }`;
    return { query: `{ me { ${selection} } }` };
  }),
  // Many aliases.
  fc.integer({ min: 10, max: 3_000 }).map((n) => ({
    query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
  })),
  // Long lists of fields and fragments, and query text that is not GraphQL at all.
  fc.integer({ min: 100, max: 20_000 }).map((n) => ({ query: `{ me { ${'id '.repeat(n)} } }` })),
  fc.string({ unit: 'binary', maxLength: 400 }).map((query) => ({ query })),
  fc.constantFrom(...INJECTIONS).map((query) => ({ query })),
  // Wrong types at the top level of the request.
  fc.record({ query: wrongType, variables: hostileValue, operationName: hostileValue }),
  fc.record({ query: fc.constant('{ me { id } }'), variables: hostileValue, operationName: hostileValue }),
);

type Caller = 'anonymous' | 'self' | 'admin' | 'forged';
const caller = fc.oneof(fc.constantFrom<Caller>('anonymous', 'self', 'admin'), fc.constant<Caller>('forged'));

describe('hostile input', () => {
  it('never answers 5xx or an uncoded error, whatever is sent', async () => {
    await fc.assert(
      fc.asyncProperty(
        operation,
        caller,
        fc.string({ unit: 'binary-ascii', maxLength: 60 }),
        async (request, who, forged) => {
          const token =
            who === 'self'
              ? self.token
              : who === 'admin'
                ? admin
                : who === 'forged'
                  ? // Header values must be printable ASCII; anything else fetch itself refuses to send.
                    forged.replace(/[^\x20-\x7e]/g, '') || 'x'
                  : undefined;
          const answer = await send(JSON.stringify(request), token);
          expectSafe(answer, `${who} ${JSON.stringify(request).slice(0, 200)}`);
        },
      ),
      { seed: SEED, numRuns: 250, endOnFailure: true },
    );
  }, 600_000);

  it('refuses bodies that are not JSON objects, or too large, with a coded 4xx', async () => {
    for (const body of [
      '',
      'null',
      '[]',
      '"{ me { id } }"',
      '{"query": ',
      '\u0000',
      `{"query": "{ me { id } }", "variables": {"x": "${'B'.repeat(3_000_000)}"}}`,
      '[' + '['.repeat(100_000) + ']'.repeat(100_000) + ']',
    ]) {
      const answer = await send(body, self.token);
      expectSafe(answer, body.slice(0, 40));
      expect(answer.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
    }
  });

  it('stores and returns injection-looking text literally', async () => {
    // Text fields are trimmed and refuse control characters by design, so the literal strings are drawn
    // from printable characters, trimmed and non-empty.
    const alphabet = fc.constantFrom(
      ...`'"\`\\{}()[];:$/*-=<>%_.,!?#@&|~^ MATCHDELETEdetach`.split(''),
      'é',
      '日本',
      '🦄',
      'ﬁ',
      '\u202e',
    );
    const literal = fc
      .oneof(fc.constantFrom(...INJECTIONS), fc.string({ unit: alphabet, minLength: 1, maxLength: 60 }))
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && [...s].length <= 80);
    await fc.assert(
      fc.asyncProperty(literal, async (value) => {
        const profile = await send(
          JSON.stringify({
            query: 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }',
            variables: { input: { displayName: value } },
          }),
          self.token,
        );
        expect(profile.body?.errors, value).toBeUndefined();
        const me = await send(JSON.stringify({ query: '{ me { displayName } }' }), self.token);
        expect((me.body?.data as { me: { displayName: string } }).me.displayName).toBe(value);

        const endorsed = await send(
          JSON.stringify({
            query: 'mutation($input: EndorseInput!) { endorse(input: $input) { id context } }',
            variables: { input: { targetId: other.id, strength: 2, context: value } },
          }),
          self.token,
        );
        expect(endorsed.body?.errors, value).toBeUndefined();
        const given = await send(
          JSON.stringify({ query: '{ me { endorsementsGiven(first: 5) { edges { node { context } } } } }' }),
          self.token,
        );
        const edges = (
          given.body?.data as { me: { endorsementsGiven: { edges: { node: { context: string } }[] } } }
        ).me.endorsementsGiven.edges;
        expect(edges.map((e) => e.node.context)).toEqual([value]);

        const reported = await send(
          JSON.stringify({
            query: 'mutation($input: ReportInput!) { report(input: $input) { id reason } }',
            variables: { input: { targetId: other.id, reason: value } },
          }),
          self.token,
        );
        expect(reported.body?.errors, value).toBeUndefined();
        const reportId = (reported.body?.data as { report: { id: string; reason: string } }).report.id;
        const [stored] = await cypher<{ reason: string }>(
          'MATCH ()-[r:REPORTED {id: $id}]->() RETURN r.reason AS reason',
          { id: reportId },
        );
        expect(stored!.reason).toBe(value);
      }),
      { seed: SEED, numRuns: 40, endOnFailure: true },
    );
    // Nothing the strings said was executed: both users are still there and active.
    const rows = await cypher<{ n: number }>(
      "MATCH (u:User) WHERE u.id IN $ids AND u.status = 'ACTIVE' RETURN count(u) AS n",
      { ids: [self.id, other.id] },
    );
    expect(rows[0]!.n).toBe(2);
  }, 600_000);
});
