import { afterAll, describe, expect, it } from 'vitest';
import { adminToken, codes, cypher, gql, newUser, removeUsers, unique } from './helpers.js';

const made: string[] = [];
afterAll(() => removeUsers(made));

const LINK =
  'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id provider assurance expired expiresAt } }';

describe('identities', () => {
  it('are recorded by an admin, listed to their owner, and never stored with the raw subject', async () => {
    const user = await newUser();
    made.push(user.id);
    const subject = unique('subject-raw');
    const before = Date.now();
    const response = await gql(
      LINK,
      { input: { userId: user.id, provider: 'eid-gov', subject, assurance: 'HIGH' } },
      { token: await adminToken() },
    );
    expect(response.data!.linkIdentity).toMatchObject({
      provider: 'eid-gov',
      assurance: 'HIGH',
      expired: false,
    });
    // Without expiresAt an identity counts for the default 90 days (CREDENCE_IDENTITY_VALIDITY_DAYS).
    const expiresAt = Date.parse((response.data!.linkIdentity as { expiresAt: string }).expiresAt);
    const days90 = 90 * 86_400_000;
    expect(expiresAt).toBeGreaterThanOrEqual(before + days90 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + days90 + 1000);
    const mine = await gql(
      '{ me { identities { totalCount edges { node { provider assurance } } } } }',
      {},
      { token: user.token },
    );
    expect(mine.data).toEqual({
      me: { identities: { totalCount: 1, edges: [{ node: { provider: 'eid-gov', assurance: 'HIGH' } }] } },
    });
    // No property of any node or relationship holds the subject in the clear.
    const leaks = await cypher<{ n: number }>(
      // List properties (Inquiry.reasons, TrustGraph.anchors) are searched element by element.
      `CALL () { MATCH (n) WHERE any(k IN keys(n) WHERE any(v IN CASE WHEN valueType(n[k]) STARTS WITH 'LIST' THEN n[k] ELSE [n[k]] END WHERE toString(v) CONTAINS $subject)) RETURN count(n) AS c
                 UNION ALL MATCH ()-[r]->() WHERE any(k IN keys(r) WHERE any(v IN CASE WHEN valueType(r[k]) STARTS WITH 'LIST' THEN r[k] ELSE [r[k]] END WHERE toString(v) CONTAINS $subject)) RETURN count(r) AS c }
       RETURN sum(c) AS n`,
      { subject },
    );
    expect(leaks).toEqual([{ n: 0 }]);
  });

  it('cannot be linked to a second account (CONFLICT)', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    made.push(a.id, b.id);
    const admin = await adminToken();
    const subject = unique('subject');
    await gql(
      LINK,
      { input: { userId: a.id, provider: 'bank-id', subject, assurance: 'SUBSTANTIAL' } },
      { token: admin },
    );
    const again = await gql(
      LINK,
      { input: { userId: b.id, provider: 'bank-id', subject, assurance: 'SUBSTANTIAL' } },
      { token: admin },
    );
    expect(codes(again)).toEqual(['CONFLICT']);
    const theirs = await gql('{ me { identities { totalCount } } }', {}, { token: b.token });
    expect(theirs.data).toEqual({ me: { identities: { totalCount: 0 } } });
  });

  it('show as expired once expiresAt has passed, and can be unlinked', async () => {
    const user = await newUser();
    made.push(user.id);
    const admin = await adminToken();
    const linked = await gql<{ linkIdentity: { id: string; expired: boolean } }>(
      LINK,
      {
        input: {
          userId: user.id,
          provider: 'social',
          subject: unique('s'),
          assurance: 'LOW',
          expiresAt: '2020-01-01T00:00:00Z',
        },
      },
      { token: admin },
    );
    expect(linked.data!.linkIdentity.expired).toBe(true);
    const unlink = 'mutation($id: ID!) { unlinkIdentity(id: $id) }';
    expect(codes(await gql(unlink, { id: linked.data!.linkIdentity.id }, { token: user.token }))).toEqual([
      'FORBIDDEN',
    ]);
    expect((await gql(unlink, { id: linked.data!.linkIdentity.id }, { token: admin })).data).toEqual({
      unlinkIdentity: true,
    });
    expect(codes(await gql(unlink, { id: linked.data!.linkIdentity.id }, { token: admin }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('refuse unknown users and empty subjects', async () => {
    const admin = await adminToken();
    expect(
      codes(
        await gql(
          LINK,
          { input: { userId: unique('nobody'), provider: 'x', subject: 'y', assurance: 'LOW' } },
          { token: admin },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    const user = await newUser();
    made.push(user.id);
    const empty = await gql(
      LINK,
      { input: { userId: user.id, provider: 'x', subject: ' ', assurance: 'LOW' } },
      { token: admin },
    );
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
  });
});
