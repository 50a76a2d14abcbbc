/**
 * Differential test of the compiled executor (src/execution.ts, graphql-jit) against graphql-js, the reference
 * interpreter: the same operations, on the same data, by the same viewers, must give the same data and the same
 * errors (message, path, code). Covers nested connections, fragments and aliases, policy refusals, a bad nested
 * argument, variables and federation's _entities (which is routed to graphql-js on purpose).
 */
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { execute, getOperationAST, parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../gateway.js';
import type { Viewer } from '../../src/auth/viewer.js';
import { Db } from '../../src/db/driver.js';
import { compiledExecution } from '../../src/execution.js';
import { createLoaders } from '../../src/loaders.js';
import { config, cypher, driver, removeUsers, unique } from './helpers.js';

const made: string[] = [];
afterAll(() => removeUsers(made));

const schema = buildSchema();
const contextFor = (viewer: Viewer) => {
  const db = new Db(driver, config.neo4j.database);
  return { viewer, db, loaders: createLoaders(db), config };
};

/** What a client sees of a result: data, and each error's message, path and code. */
function seen(result: ExecutionResult) {
  return {
    data: result.data ?? null,
    errors: (result.errors ?? []).map((e) => ({
      message: e.message,
      path: e.path,
      code: e.extensions?.code,
    })),
  };
}

async function both(query: string, variables: Record<string, unknown>, viewer: Viewer) {
  const document = parse(query);
  const reference = await execute({
    schema,
    document,
    contextValue: contextFor(viewer),
    variableValues: variables,
  });
  // Compiled at once (the server runs an operation interpreted once before compiling it).
  const { executor } = await compiledExecution(schema, { compileAfter: 0 }).load({ apollo: {} });
  // Only the fields the executor reads; the rest of Apollo's request context plays no part here.
  const request = {
    request: { query, variables },
    document,
    operation: getOperationAST(document),
    operationName: null,
    queryHash: query,
    context: contextFor(viewer),
  } as unknown as GatewayGraphQLRequestContext;
  return { reference: seen(reference), compiled: seen(await executor!(request)) };
}

describe('compiled execution', () => {
  let ids: string[];
  beforeAll(async () => {
    const prefix = unique('exec');
    ids = [0, 1, 2].map((n) => `${prefix}_${n}`);
    made.push(...ids);
    await cypher(
      `UNWIND range(0, 2) AS n
       CREATE (:User {id: $ids[n], handle: $ids[n], displayName: 'Person ' + n, status: 'ACTIVE',
                      createdAt: datetime({epochMillis: 86400000 + n})})`,
      { ids },
    );
    await cypher(
      `MATCH (a:User {id: $ids[0]}), (b:User {id: $ids[1]}), (c:User {id: $ids[2]})
       CREATE (a)-[:HAS_IDENTITY]->(:Identity {id: $ids[0] + '-i', key: $ids[0] + '-k', provider: 'p',
                                              assurance: 'HIGH', verifiedAt: datetime()})
       CREATE (b)-[:ENDORSES {id: $ids[1] + '-e', strength: 4, public: true, createdAt: datetime()}]->(a)
       CREATE (c)-[:ENDORSES {id: $ids[2] + '-e', strength: 2, public: false, createdAt: datetime()}]->(a)`,
      { ids },
    );
  });

  it('answers nested connections, fragments and aliases as graphql-js does', async () => {
    const query = `query($after: String) {
      users(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ...U } } }
    }
    fragment U on User { id handle displayName status
      identities { totalCount edges { node { provider assurance expired } } }
      received: endorsementsReceived(first: 1) { totalCount pageInfo { hasNextPage } edges { node { strength public endorser { handle } } } }
      endorsementsGiven { edges { node { endorsee { id } } } } }`;
    // The page just before this file's people (createdAt 1970-01-02, 1 ms apart).
    const after = Buffer.from(JSON.stringify(['1970-01-01T23:59:59.999Z', ''])).toString('base64url');
    const admin: Viewer = { kind: 'admin', userId: 'exec-admin' };
    const { reference, compiled } = await both(query, { after }, admin);
    expect(reference.errors).toEqual([]);
    expect(compiled).toEqual(reference);
  });

  it('answers the same before and after an operation is compiled (at its second request)', async () => {
    const query = `query($id: ID!) { user(id: $id) { handle identities { totalCount edges { node { provider } } } } }`;
    const document = parse(query);
    const admin: Viewer = { kind: 'admin', userId: 'exec-admin' };
    const { executor } = await compiledExecution(schema).load({ apollo: {} });
    const request = () =>
      ({
        request: { query, variables: { id: ids[0] } },
        document,
        operation: getOperationAST(document),
        operationName: null,
        queryHash: query,
        context: contextFor(admin),
      }) as unknown as GatewayGraphQLRequestContext;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(seen(await executor!(request())));
    expect(answers[0]!.data).toEqual({
      user: { handle: ids[0], identities: { totalCount: 1, edges: [{ node: { provider: 'p' } }] } },
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('refuses what the policy refuses, with the same errors and nulls', async () => {
    // A user reads another person: the public profile only; identities and the private endorser are refused.
    const viewer: Viewer = { kind: 'user', userId: ids[1]! };
    const query = `query($id: ID!) { user(id: $id) { handle identities { totalCount } } me { handle
      endorsementsGiven { edges { node { endorsee { handle } } } } } }`;
    const { reference, compiled } = await both(query, { id: ids[0] }, viewer);
    expect(reference.errors.map((e) => e.code)).toContain('FORBIDDEN');
    expect(compiled).toEqual(reference);
  });

  it('reports a bad nested argument on its field, as graphql-js does', async () => {
    const admin: Viewer = { kind: 'admin', userId: 'exec-admin' };
    const query = `query($id: ID!) { user(id: $id) { handle identities(first: 0) { totalCount } } }`;
    const { reference, compiled } = await both(query, { id: ids[0] }, admin);
    expect(reference.errors.map((e) => e.code)).toEqual(['BAD_USER_INPUT']);
    expect(compiled).toEqual(reference);
  });

  it("refuses variables of the wrong type with graphql-js's own errors", async () => {
    const admin: Viewer = { kind: 'admin', userId: 'exec-admin' };
    const query = `query($id: ID!, $n: Int) { user(id: $id) { identities(first: $n) { totalCount } } }`;
    const { reference, compiled } = await both(query, { id: ids[0], n: 'three' }, admin);
    expect(reference.data).toBeNull();
    expect(reference.errors.map((e) => e.message)).toEqual([
      'Variable "$n" got invalid value "three"; Int cannot represent non-integer value: "three"',
    ]);
    expect(compiled).toEqual(reference);
  });

  it('leaves federation entities to graphql-js: a refused representation is null in place', async () => {
    const viewer: Viewer = { kind: 'user', userId: ids[1]! };
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { handle } ... on Partner { id } } }`;
    // A partner record is visible to itself and admins only: refused to this user, the rest still answered.
    const representations = [
      { __typename: 'User', id: ids[0] },
      { __typename: 'Partner', id: 'exec-partner' },
      { __typename: 'User', id: ids[2] },
    ];
    const { reference, compiled } = await both(query, { r: representations }, viewer);
    expect(compiled).toEqual(reference);
    expect(compiled.data).toEqual({ _entities: [{ handle: ids[0] }, null, { handle: ids[2] }] });
    expect(compiled.errors.map((e) => [e.path, e.code])).toEqual([[['_entities', 1], 'FORBIDDEN']]);
  });
});
