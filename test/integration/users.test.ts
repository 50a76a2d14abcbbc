import { afterAll, describe, expect, it } from 'vitest';
import { adminToken, codes, gql, newUser, removeUsers, unique, userToken } from './helpers.js';

const made: string[] = [];
afterAll(() => removeUsers(made));

const REGISTER =
  'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id handle displayName status } }';

describe('registerUser', () => {
  it('opens an account whose id is the token subject', async () => {
    const id = unique('user');
    const response = await gql(
      REGISTER,
      { input: { handle: id, displayName: 'Ada' } },
      { token: await userToken(id) },
    );
    made.push(id);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ registerUser: { id, handle: id, displayName: 'Ada', status: 'ACTIVE' } });
  });

  it('lets an admin open an account with any handle', async () => {
    const handle = unique('adm');
    const response = await gql<{ registerUser: { id: string; handle: string } }>(
      REGISTER,
      { input: { handle } },
      { token: await adminToken() },
    );
    made.push(response.data!.registerUser.id);
    expect(response.data!.registerUser.handle).toBe(handle);
  });

  it('refuses a taken handle with CONFLICT and writes nothing', async () => {
    const first = await newUser();
    made.push(first.id);
    const second = unique('user');
    const response = await gql(
      REGISTER,
      { input: { handle: first.handle } },
      { token: await userToken(second) },
    );
    expect(codes(response)).toEqual(['CONFLICT']);
    const lookup = await gql(
      'query($id: ID!) { user(id: $id) { id } }',
      { id: second },
      { token: await adminToken() },
    );
    expect(lookup.data).toEqual({ user: null });
  });

  it('refuses a second account for the same token', async () => {
    const user = await newUser();
    made.push(user.id);
    const response = await gql(REGISTER, { input: { handle: unique('again') } }, { token: user.token });
    expect(codes(response)).toEqual(['CONFLICT']);
  });

  it.each([
    ['ab', 'too short'],
    ['a'.repeat(31), 'too long'],
    ['Upper_case', 'upper case'],
    ['with space', 'a space'],
    ["x'); MATCH (n) DETACH DELETE n //", 'Cypher'],
  ])('refuses the handle %j (%s) with BAD_USER_INPUT on the field', async (handle) => {
    const response = await gql(REGISTER, { input: { handle } }, { token: await userToken(unique('user')) });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe('handle');
  });

  it('refuses an over-long display name', async () => {
    const response = await gql(
      REGISTER,
      { input: { handle: unique('user'), displayName: 'x'.repeat(81) } },
      { token: await userToken(unique('user')) },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe('displayName');
  });

  it('is closed to anonymous callers', async () => {
    const response = await gql(REGISTER, { input: { handle: unique('anon') } });
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('reading users', () => {
  it('shows me my whole profile', async () => {
    const user = await newUser('Me');
    made.push(user.id);
    const response = await gql(
      '{ me { id handle displayName status createdAt } }',
      {},
      { token: user.token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.me).toMatchObject({
      id: user.id,
      handle: user.handle,
      displayName: 'Me',
      status: 'ACTIVE',
    });
  });

  it("shows another user's public profile only", async () => {
    const [me, other] = await Promise.all([newUser(), newUser('Other')]);
    made.push(me.id, other.id);
    const response = await gql<{ userByHandle: Record<string, unknown> }>(
      'query($h: String!) { userByHandle(handle: $h) { id handle displayName createdAt identities { totalCount } } }',
      { h: other.handle },
      { token: me.token },
    );
    expect(response.data!.userByHandle).toEqual({
      id: other.id,
      handle: other.handle,
      displayName: 'Other',
      createdAt: null,
      identities: null,
    });
    expect(codes(response)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('tells anonymous callers nothing about users', async () => {
    const user = await newUser();
    made.push(user.id);
    const response = await gql('query($id: ID!) { user(id: $id) { handle } }', { id: user.id });
    expect(response.data).toEqual({ user: null });
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a token signed with another secret', async () => {
    const response = await gql(
      '{ me { id } }',
      {},
      { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
    );
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('lists users to admins only, as a cursor connection', async () => {
    const user = await newUser();
    made.push(user.id);
    const refused = await gql('{ users(first: 1) { totalCount } }', {}, { token: user.token });
    expect(codes(refused)).toEqual(['FORBIDDEN']);

    const admin = await adminToken();
    const page =
      'query($after: String) { users(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }';
    type Page = {
      users: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { cursor: string; node: { id: string } }[];
      };
    };
    const one = await gql<Page>(page, {}, { token: admin });
    const two = await gql<Page>(page, { after: one.data!.users.pageInfo.endCursor }, { token: admin });
    expect(one.data!.users.edges).toHaveLength(2);
    expect(one.data!.users.pageInfo.hasNextPage).toBe(true);
    expect(one.data!.users.edges[1]!.cursor).toBe(one.data!.users.pageInfo.endCursor);
    const firstIds = one.data!.users.edges.map((e) => e.node.id);
    for (const edge of two.data!.users.edges) expect(firstIds).not.toContain(edge.node.id);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 5, after: 'not-a-cursor' }, 'after'],
    [{ first: 5, after: Buffer.from('["yesterday","x"]').toString('base64url') }, 'after'],
  ])('refuses page arguments %j with BAD_USER_INPUT', async (args, field) => {
    const response = await gql(
      'query($first: Int, $after: String) { users(first: $first, after: $after) { totalCount } }',
      args,
      {
        token: await adminToken(),
      },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
  });
});

describe('updateProfile', () => {
  it('changes my display name, and only mine', async () => {
    const [me, other] = await Promise.all([newUser('Before'), newUser()]);
    made.push(me.id, other.id);
    const mutation = 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }';
    const mine = await gql(mutation, { input: { displayName: 'After' } }, { token: me.token });
    expect(mine.data).toEqual({ updateProfile: { displayName: 'After' } });
    const theirs = await gql(
      mutation,
      { input: { userId: other.id, displayName: 'Hacked' } },
      { token: me.token },
    );
    expect(codes(theirs)).toEqual(['FORBIDDEN']);
    const byAdmin = await gql(
      mutation,
      { input: { userId: other.id, displayName: 'Fixed' } },
      { token: await adminToken() },
    );
    expect(byAdmin.data).toEqual({ updateProfile: { displayName: 'Fixed' } });
  });
});
