import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, cypher, gql, newUser, removeUsers } from './helpers.js';

const made: string[] = [];
afterAll(() => removeUsers(made));

const PAGE = `query($first: Int) { users(first: $first) { edges { node {
  handle
  identities { totalCount edges { node { provider assurance } } }
  endorsementsReceived { totalCount edges { node { strength endorser { handle } } } }
} } } }`;

type Page = {
  users: {
    edges: {
      node: {
        identities: { totalCount: number };
        endorsementsReceived: { edges: { node: { endorser: { handle: string } | null } }[] };
      };
    }[];
  };
};

describe('per-request DataLoaders', () => {
  beforeAll(async () => {
    // Enough people with identities and public endorsements that every page below is full of nested data.
    const users = await Promise.all(Array.from({ length: 12 }, () => newUser()));
    made.push(...users.map((u) => u.id));
    await cypher(
      `UNWIND range(0, size($ids) - 1) AS n
       MATCH (u:User {id: $ids[n]}), (v:User {id: $ids[(n + 1) % size($ids)]})
       CREATE (u)-[:HAS_IDENTITY]->(:Identity {id: $ids[n] + '-id', key: $ids[n] + '-key', provider: 'p', assurance: 'LOW',
                                              verifiedAt: datetime()})
       CREATE (v)-[:ENDORSES {id: $ids[n] + '-e', strength: 3, public: true, createdAt: datetime()}]->(u)`,
      { ids: made },
    );
  });

  it('serve a page of 100 users with identities and endorsers in at most 4 queries, whatever the page size', async () => {
    const admin = await adminToken();
    const small = await gql<Page>(PAGE, { first: 5 }, { token: admin });
    const large = await gql<Page>(PAGE, { first: 100 }, { token: admin });
    expect(large.errors).toBeUndefined();
    const nodes = large.data!.users.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(40);
    expect(nodes.filter((n) => n.identities.totalCount > 0).length).toBeGreaterThanOrEqual(12);
    const endorsers = nodes.flatMap((n) => n.endorsementsReceived.edges.map((e) => e.node.endorser?.handle));
    expect(endorsers.filter(Boolean).length).toBeGreaterThanOrEqual(12);
    expect(large.extensions!.neo4jQueries).toBeLessThanOrEqual(4);
    expect(large.extensions!.neo4jQueries).toBe(small.extensions!.neo4jQueries);
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
