import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/db/pagination.js';
import { mintToken } from '../../src/auth/tokens.js';
import { adminToken, config, cypher, gql, removeUsers, unique } from './helpers.js';

const made: string[] = [];
afterAll(() => removeUsers(made));

const PAGE = `query($first: Int, $after: String) { users(first: $first, after: $after) { edges { node {
  handle
  identities { totalCount edges { node { provider assurance } } }
  endorsementsReceived { totalCount edges { node { strength endorser { handle } } } }
} } } }`;

type Page = {
  users: {
    edges: {
      node: {
        handle: string;
        identities: { totalCount: number };
        endorsementsReceived: { edges: { node: { endorser: { handle: string } | null } }[] };
      };
    }[];
  };
};

// A page cursor is (createdAt, id): this one sits just before the first of this file's users.
const base = Date.UTC(1971, 0, 1) + randomInt(0, 300 * 86_400_000);
const after = encodeCursor(new Date(base - 1).toISOString(), '');

describe('per-request DataLoaders', () => {
  beforeAll(async () => {
    // 100 people created at a random instant in the 1970s (1 ms apart), so that the page after a cursor just
    // before them is exactly them; each has an identity and a public endorsement from the next one.
    const prefix = unique('batch');
    const ids = Array.from({ length: 100 }, (_, n) => `${prefix}_${String(n).padStart(3, '0')}`);
    made.push(...ids);
    await cypher(
      `UNWIND range(0, size($ids) - 1) AS n
       CREATE (:User {id: $ids[n], handle: $ids[n], status: 'ACTIVE',
                      createdAt: datetime({epochMillis: toInteger($base) + n})})`,
      { ids, base },
    );
    await cypher(
      `UNWIND range(0, size($ids) - 1) AS n
       MATCH (u:User {id: $ids[n]}), (v:User {id: $ids[(n + 1) % size($ids)]})
       CREATE (u)-[:HAS_IDENTITY]->(:Identity {id: $ids[n] + '-id', key: $ids[n] + '-key', provider: 'p',
                                              assurance: 'LOW', verifiedAt: datetime()})
       CREATE (v)-[:ENDORSES {id: $ids[n] + '-e', strength: 3, public: true, createdAt: datetime()}]->(u)`,
      { ids },
    );
  });

  it('serve a page of 100 users with identities and endorsers in one query, whatever the page size', async () => {
    const admin = await adminToken();
    const small = await gql<Page>(PAGE, { first: 5, after }, { token: admin });
    const large = await gql<Page>(PAGE, { first: 100, after }, { token: admin });
    expect(large.errors).toBeUndefined();
    const nodes = large.data!.users.edges.map((e) => e.node);
    expect(nodes.map((n) => n.handle)).toEqual(made.slice(0, 100));
    expect(nodes.every((n) => n.identities.totalCount === 1)).toBe(true);
    const endorsers = nodes.map((n) => n.endorsementsReceived.edges[0]?.node.endorser?.handle);
    expect(endorsers).toEqual(made.slice(0, 100).map((_, n) => made[(n + 1) % 100]));
    // The nested lists come with the page (look-ahead), and the endorsers with the endorsements.
    expect(large.extensions!.neo4jQueries).toBe(1);
    expect(small.extensions!.neo4jQueries).toBe(1);
  });

  it('look ahead through fragments, aliases and variables, and leave bad nested arguments to their field', async () => {
    const admin = await adminToken();
    const query = `query($first: Int, $after: String, $one: Int) {
      users(first: $first, after: $after) { ...Page }
    }
    fragment Page on UserConnection { edges { node { ... on User { handle
      ids: identities(first: $one) { totalCount edges { cursor node { provider } } pageInfo { hasNextPage endCursor } }
      again: identities(first: 2) { totalCount }
      endorsementsReceived(first: 0) { totalCount } } } } }`;
    const response = await gql<{
      users: {
        edges: {
          node: {
            handle: string;
            ids: { totalCount: number; edges: { cursor: string }[]; pageInfo: { endCursor: string } };
            again: { totalCount: number };
          } | null;
        }[];
      } | null;
    }>(query, { first: 3, after, one: 1 }, { token: admin });
    // first: 0 is refused on the field that asked for it (coded), not on the page around it.
    expect(response.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
      ['endorsementsReceived', 'BAD_USER_INPUT'],
      ['endorsementsReceived', 'BAD_USER_INPUT'],
      ['endorsementsReceived', 'BAD_USER_INPUT'],
    ]);
    const nodes = response.data!.users!.edges.map((e) => e.node!);
    expect(nodes.map((n) => n.handle)).toEqual(made.slice(0, 3));
    for (const n of nodes) {
      expect(n.ids.totalCount).toBe(1);
      expect(n.ids.edges).toHaveLength(1);
      expect(n.ids.edges[0]!.cursor).toBe(n.ids.pageInfo.endCursor);
      expect(n.again.totalCount).toBe(1);
    }
    // One identity each, verified after the user was made: the cursor is (verifiedAt, id) of that identity.
    const [at, id] = JSON.parse(
      Buffer.from(nodes[0]!.ids.edges[0]!.cursor, 'base64url').toString(),
    ) as string[];
    expect(id).toBe(`${made[0]}-id`);
    expect(Date.parse(at!)).toBeGreaterThan(base);
  });

  it('serve the narrowed rows of a look-ahead only to the page that asked for them', async () => {
    // An admin who is also the first person of the page: `me` reads more of the same lists than the page does.
    const token = await mintToken(config.jwtSecret, { sub: made[0]!, role: 'admin' });
    const query = `query($after: String) {
      users(first: 2, after: $after) { edges { node { id
        identities { edges { node { provider } } }
        endorsementsReceived { edges { node { endorser { handle } } } } } } }
      me { id
        identities { edges { node { id provider assurance verifiedAt expired } } }
        endorsementsReceived { edges { cursor node { strength public createdAt endorser { handle createdAt status } } } } }
    }`;
    type Me = {
      identities: { edges: { node: Record<string, unknown> }[] };
      endorsementsReceived: {
        edges: { cursor: string; node: { strength: number; endorser: Record<string, unknown> } }[];
      };
    };
    const response = await gql<{ users: Page['users']; me: Me }>(query, { after }, { token });
    expect(response.errors).toBeUndefined();
    expect(
      response.data!.users.edges.map((e) => e.node.endorsementsReceived.edges[0]?.node.endorser?.handle),
    ).toEqual([made[1], made[2]]);
    const me = response.data!.me;
    expect(me.identities.edges[0]!.node).toMatchObject({
      id: `${made[0]}-id`,
      provider: 'p',
      assurance: 'LOW',
      expired: false,
    });
    expect(Date.parse(me.identities.edges[0]!.node.verifiedAt as string)).not.toBeNaN();
    const received = me.endorsementsReceived.edges[0]!;
    expect(received.node.strength).toBe(3);
    expect(received.node.endorser).toEqual({
      handle: made[1],
      createdAt: new Date(base + 1).toISOString(),
      status: 'ACTIVE',
    });
    expect(received.cursor).toEqual(expect.any(String));
  });

  it('batch user lookups by id and by handle into one query each', async () => {
    const admin = await adminToken();
    const ids = made.slice(0, 10);
    const aliases = ids.map((id, n) => `u${n}: user(id: "${id}") { handle }`).join('\n');
    const response = await gql(`{ ${aliases} }`, {}, { token: admin });
    expect(Object.keys(response.data!)).toHaveLength(10);
    expect(response.extensions!.neo4jQueries).toBe(1);
  });
});
