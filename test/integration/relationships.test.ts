import { afterAll, describe, expect, it } from 'vitest';
import { adminToken, codes, cypher, gql, newUser, removeUsers, unique } from './helpers.js';

const made: string[] = [];
afterAll(() => removeUsers(made));

async function pair() {
  const [a, b] = await Promise.all([newUser(), newUser()]);
  made.push(a.id, b.id);
  return [a, b] as const;
}

const ENDORSE =
  'mutation($input: EndorseInput!) { endorse(input: $input) { id strength context public endorser { id } endorsee { id } } }';
const RATE =
  'mutation($input: RateInput!) { rate(input: $input) { id rating comment rater { id } target { id } } }';
const REPORT = 'mutation($input: ReportInput!) { report(input: $input) { id reason status target { id } } }';
const EVENT =
  'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id kind occurredAt source } }';

describe('endorsements', () => {
  it('are made by the caller toward the target and listed on both sides', async () => {
    const [a, b] = await pair();
    const made = await gql(
      ENDORSE,
      { input: { targetId: b.id, strength: 4, context: 'flatmates', public: true } },
      { token: a.token },
    );
    expect(made.errors).toBeUndefined();
    expect(made.data!.endorse).toMatchObject({
      strength: 4,
      context: 'flatmates',
      public: true,
      endorser: { id: a.id },
      endorsee: { id: b.id },
    });
    const received = await gql(
      '{ me { endorsementsReceived { totalCount edges { node { strength endorser { handle } } } } } }',
      {},
      { token: b.token },
    );
    expect(received.data).toEqual({
      me: {
        endorsementsReceived: {
          totalCount: 1,
          edges: [{ node: { strength: 4, endorser: { handle: a.handle } } }],
        },
      },
    });
  });

  it('hide a private endorser from the endorsee', async () => {
    const [a, b] = await pair();
    await gql(ENDORSE, { input: { targetId: b.id, strength: 2 } }, { token: a.token });
    const received = await gql<{
      me: { endorsementsReceived: { edges: { node: { endorser: unknown } }[] } };
    }>(
      '{ me { endorsementsReceived { edges { node { strength endorser { handle } } } } } }',
      {},
      { token: b.token },
    );
    expect(received.data!.me.endorsementsReceived.edges[0]!.node.endorser).toBeNull();
    expect(codes(received)).toEqual(['FORBIDDEN']);
  });

  it.each([
    [{ strength: 0 }, 'strength'],
    [{ strength: 6 }, 'strength'],
    [{ strength: 3, context: 'x'.repeat(201) }, 'context'],
  ])('refuse %j with BAD_USER_INPUT', async (input, field) => {
    const [a, b] = await pair();
    const response = await gql(ENDORSE, { input: { targetId: b.id, ...input } }, { token: a.token });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
    const [row] = await cypher<{ count: number }>(
      'MATCH (:User {id: $a})-[r:ENDORSES]->() RETURN count(r) AS count',
      { a: a.id },
    );
    expect(row!.count).toBe(0);
  });

  it('refuse self-endorsement and unknown targets', async () => {
    const [a] = await pair();
    expect(codes(await gql(ENDORSE, { input: { targetId: a.id, strength: 3 } }, { token: a.token }))).toEqual(
      ['BAD_USER_INPUT'],
    );
    expect(
      codes(await gql(ENDORSE, { input: { targetId: unique('nobody'), strength: 3 } }, { token: a.token })),
    ).toEqual(['NOT_FOUND']);
  });

  it('can be revoked by the endorser only', async () => {
    const [a, b] = await pair();
    const endorsed = await gql<{ endorse: { id: string } }>(
      ENDORSE,
      { input: { targetId: b.id, strength: 3 } },
      { token: a.token },
    );
    const id = endorsed.data!.endorse.id;
    const revoke = 'mutation($id: ID!) { revokeEndorsement(id: $id) }';
    expect(codes(await gql(revoke, { id }, { token: b.token }))).toEqual(['FORBIDDEN']);
    expect((await gql(revoke, { id }, { token: a.token })).data).toEqual({ revokeEndorsement: true });
    expect(codes(await gql(revoke, { id }, { token: a.token }))).toEqual(['NOT_FOUND']);
  });
});

describe('ratings', () => {
  it.each([0, 11, -11])('refuse the rating %d', async (rating) => {
    const [a, b] = await pair();
    const response = await gql(RATE, { input: { targetId: b.id, rating } }, { token: a.token });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe('rating');
  });

  it('refuse self-rating and over-long comments', async () => {
    const [a, b] = await pair();
    expect(codes(await gql(RATE, { input: { targetId: a.id, rating: 5 } }, { token: a.token }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      codes(
        await gql(
          RATE,
          { input: { targetId: b.id, rating: 5, comment: 'y'.repeat(501) } },
          { token: a.token },
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('keep one current rating per pair and the replaced one in history', async () => {
    const [a, b] = await pair();
    await gql(RATE, { input: { targetId: b.id, rating: -3, comment: 'late' } }, { token: a.token });
    const second = await gql(
      RATE,
      { input: { targetId: b.id, rating: 8, comment: 'made up for it' } },
      { token: a.token },
    );
    expect(second.data!.rate).toMatchObject({
      rating: 8,
      comment: 'made up for it',
      rater: { id: a.id },
      target: { id: b.id },
    });
    const received = await gql(
      '{ me { ratingsReceived { totalCount edges { node { rating } } } } }',
      {},
      { token: b.token },
    );
    expect(received.data).toEqual({
      me: { ratingsReceived: { totalCount: 1, edges: [{ node: { rating: 8 } }] } },
    });
    const history = await cypher<{ rating: number }>(
      'MATCH (:User {id: $a})-[:RATED_BEFORE]->(p:PastRating {targetId: $b}) RETURN p.rating AS rating',
      { a: a.id, b: b.id },
    );
    expect(history).toEqual([{ rating: -3 }]);
  });
});

describe('reports', () => {
  it('are recorded as OPEN and need a reason', async () => {
    const [a, b] = await pair();
    const response = await gql(REPORT, { input: { targetId: b.id, reason: 'spam' } }, { token: a.token });
    expect(response.data!.report).toMatchObject({ reason: 'spam', status: 'OPEN', target: { id: b.id } });
    expect(
      codes(await gql(REPORT, { input: { targetId: b.id, reason: '   ' } }, { token: a.token })),
    ).toEqual(['BAD_USER_INPUT']);
  });
});

describe('events', () => {
  it('are recorded by admins only, dated after the person registered, and audited', async () => {
    const [a] = await pair();
    // Registered just before this instant, so it lies between registration and now.
    const occurredAt = new Date().toISOString();
    const input = { userId: a.id, kind: 'COMMITMENT_FULFILLED', occurredAt };
    expect(codes(await gql(EVENT, { input }, { token: a.token }))).toEqual(['FORBIDDEN']);
    const response = await gql(EVENT, { input }, { token: await adminToken() });
    expect(response.data!.recordEvent).toMatchObject({
      kind: 'COMMITMENT_FULFILLED',
      occurredAt,
      source: 'admin',
    });
    const audited = await cypher<{ action: string }>(
      'MATCH (x:AuditEntry {targetId: $id}) RETURN x.action AS action',
      { id: a.id },
    );
    expect(audited).toEqual([{ action: 'EVENT_RECORDED' }]);
    // Before the person had an account with Credence: refused.
    const before = { ...input, occurredAt: '2026-01-02T03:04:05Z' };
    expect(codes(await gql(EVENT, { input: before }, { token: await adminToken() }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const mine = await gql(
      '{ me { events { totalCount edges { node { kind } } } } }',
      {},
      { token: a.token },
    );
    expect(mine.data).toEqual({
      me: { events: { totalCount: 1, edges: [{ node: { kind: 'COMMITMENT_FULFILLED' } }] } },
    });
  });

  it('refuse unknown users, future and malformed dates', async () => {
    const admin = await adminToken();
    const [a] = await pair();
    expect(
      codes(
        await gql(EVENT, { input: { userId: unique('nobody'), kind: 'COMMITMENT_LATE' } }, { token: admin }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      codes(
        await gql(
          EVENT,
          { input: { userId: a.id, kind: 'COMMITMENT_LATE', occurredAt: '2999-01-01T00:00:00Z' } },
          { token: admin },
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await gql(
          EVENT,
          { input: { userId: a.id, kind: 'COMMITMENT_LATE', occurredAt: 'yesterday' } },
          { token: admin },
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
