import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { neo4jTarget } from '../../gateway.js';
import { mintToken } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';
import { createDriver } from '../../src/db/driver.js';

export const config = loadConfig();

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface CallOptions {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

/** Sends one GraphQL operation over HTTP to the running gateway. */
export async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: CallOptions = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-credence-debug': 'queries',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The codes of a response's errors, in order. */
export const codes = (response: GraphQLResponse<unknown>) =>
  (response.errors ?? []).map((e) => e.extensions?.code);

/** A suffix that makes this test's ids and handles its own, so files run in parallel and in any order. */
export function unique(prefix = 't'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export const adminToken = () => mintToken(config.jwtSecret, { sub: unique('admin'), role: 'admin' });
export const userToken = (userId: string) => mintToken(config.jwtSecret, { sub: userId, role: 'user' });

/** Registers a user whose id is its own token's subject; returns the id, handle and token. */
export async function newUser(displayName?: string): Promise<{ id: string; handle: string; token: string }> {
  const id = unique('user');
  const handle = id.toLowerCase();
  const token = await userToken(id);
  const response = await gql(
    'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id } }',
    { input: { handle, displayName } },
    { token },
  );
  if (response.errors) throw new Error(`registerUser failed: ${JSON.stringify(response.errors)}`);
  return { id, handle, token };
}

/** Direct database access for assertions about what is (not) stored, and for cleaning up a test's own data. */
export const driver = createDriver(neo4jTarget(config));

export async function cypher<T = Record<string, unknown>>(
  query: string,
  params: Record<string, unknown> = {},
) {
  const session = driver.session({ database: config.neo4j.database });
  try {
    const result = await session.run(query, params);
    return result.records.map((r) => r.toObject() as T);
  } finally {
    await session.close();
  }
}

/** Deletes the users this test made, and everything hanging off them. */
export async function removeUsers(ids: string[]): Promise<void> {
  await cypher(
    `MATCH (u:User) WHERE u.id IN $ids
     OPTIONAL MATCH (u)-[:HAS_IDENTITY|HAS_EVENT|RATED_BEFORE|HAS_TRUST_SNAPSHOT|FILED]->(n)
     DETACH DELETE n, u`,
    { ids },
  );
}
