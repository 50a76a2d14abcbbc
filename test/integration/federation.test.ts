/**
 * What the Apollo federation subgraph compatibility suite checks, against Credence's own schema, over plain HTTP:
 * the `_service` SDL (one federation @link, every @key/@shareable/@tag), `_entities` for each key, batching,
 * order and nulls, malformed representations, ftv1 traces only on request, the access policy through
 * `_entities`, and all of it with introspection off in production.
 */
import { Kind, parse, print, specifiedDirectives, visit, type ConstDirectiveNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../gateway.js';
import { startGateway, type Gateway } from '../../src/server.js';
import {
  adminToken,
  codes,
  config,
  driver,
  gql,
  newUser,
  removeUsers,
  unique,
  type GraphQLResponse,
} from './helpers.js';
import { newPartner, newPerk, removePartners, setTrust, type TestPartner } from './partner-helpers.js';

const made: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await removeUsers(made);
  await removePartners(partners);
});

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on User { id handle } }
}`;

interface EntitiesData {
  _entities: ({ __typename: string; id: string; handle: string } | null)[] | null;
}

async function post<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

/** "Type" or "Type.field" → the directives applied to it in an SDL, printed (definitions and extensions). */
function appliedDirectives(source: string): Map<string, string[]> {
  const applied = new Map<string, string[]>();
  const add = (where: string, directives: readonly ConstDirectiveNode[] | undefined) => {
    if (directives?.length) applied.set(where, [...(applied.get(where) ?? []), ...directives.map(print)]);
  };
  for (const definition of parse(source).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    add(definition.name.value, definition.directives);
    for (const field of definition.fields ?? [])
      add(`${definition.name.value}.${field.name.value}`, field.directives);
  }
  return applied;
}

let sdl = '';
let people: { id: string; handle: string; token: string }[] = [];
let admin = '';
let partner: TestPartner;
let otherPartner: TestPartner;
let perkIds: string[] = [];

beforeAll(async () => {
  admin = await adminToken();
  people = [];
  for (let i = 0; i < 3; i++) people.push(await newUser(`Federated ${i}`));
  made.push(...people.map((p) => p.id));
  partner = await newPartner(unique('FederatedPartner'));
  otherPartner = await newPartner(unique('OtherPartner'));
  partners.push(partner.id, otherPartner.id);
  perkIds = [await newPerk(partner, { minScore: 540 }, 'Perk A'), await newPerk(partner, {}, 'Perk B')];
  const response = await gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
  sdl = response.data!._service.sdl;
});

describe('_service { sdl }', () => {
  it('links exactly one federation v2 spec (beside the link spec itself)', () => {
    const links = [...sdl.matchAll(/@link\(\s*url:\s*"([^"]+)"/g)].map((m) => m[1]!);
    const federation = links.filter((url) => url.startsWith('https://specs.apollo.dev/federation/'));
    expect(federation).toHaveLength(1);
    expect(federation[0]).toMatch(/^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/);
    expect(links.filter((url) => !federation.includes(url))).toEqual(['https://specs.apollo.dev/link/v1.0']);
  });

  it('imports exactly the federation directives the schema uses', () => {
    const imported = new Set<string>();
    const used = new Set<string>();
    visit(parse(sdl), {
      SchemaExtension(node) {
        const link = node.directives?.find((d) => d.name.value === 'link');
        const list = link?.arguments?.find((a) => a.name.value === 'import')?.value;
        if (list?.kind === Kind.LIST)
          for (const item of list.values) if (item.kind === Kind.STRING) imported.add(item.value);
      },
      Directive(node) {
        // GraphQL's own directives (e.g. @deprecated) need no import.
        if (node.name.value !== 'link' && !specifiedDirectives.some((d) => d.name === node.name.value))
          used.add(`@${node.name.value}`);
      },
    });
    expect([...imported].sort()).toEqual([...used].sort());
    expect([...imported].sort()).toEqual(['@key', '@shareable', '@tag']);
  });

  it('declares both keys of User, the shareable fields and the partner contract tags', () => {
    const applied = appliedDirectives(sdl);
    expect(applied.get('User')).toEqual(['@key(fields: "id")', '@key(fields: "handle")']);
    expect(applied.get('User.id')).toEqual(['@tag(name: "partner")']);
    expect(applied.get('User.handle')).toEqual(['@tag(name: "partner")']);
    expect(applied.get('User.displayName')).toEqual(['@shareable', '@tag(name: "partner")']);
    expect(applied.get('PageInfo')).toEqual(['@shareable', '@tag(name: "partner")']);
    expect(applied.get('Perk')).toEqual(['@key(fields: "id")', '@tag(name: "partner")']);
    expect(applied.get('Partner')).toEqual(['@key(fields: "id")', '@tag(name: "partner")']);
    for (const type of ['PerkRule', 'DimensionMinimum', 'PerkConnection', 'PerkEdge', 'EligibilityDecision'])
      expect(applied.get(type)).toEqual(['@tag(name: "partner")']);
    // What a partner may ask: the catalogue, eligibility decisions, itself. Nothing else of Query or Mutation.
    const tagged = [...applied]
      .filter(([, list]) => list.includes('@tag(name: "partner")'))
      .map(([at]) => at);
    expect(tagged.filter((at) => at.startsWith('Query.') || at.startsWith('Mutation.')).sort()).toEqual([
      'Query.currentPartner',
      'Query.eligibilities',
      'Query.eligibility',
      'Query.perk',
      'Query.perks',
    ]);
    // User-only fields carry no partner tag, so the partner contract leaves them out.
    for (const field of [
      'createdAt',
      'status',
      'identities',
      'endorsementsGiven',
      'ratingsReceived',
      'events',
    ])
      expect(applied.get(`User.${field}`)).toBeUndefined();
  });
});

describe('_entities', () => {
  it('resolves User by its id key and by its handle key', async () => {
    const [a, b] = people;
    const byId = await gql<EntitiesData>(
      ENTITIES,
      {
        representations: [
          { __typename: 'User', id: b!.id },
          { __typename: 'User', id: a!.id },
        ],
      },
      { token: admin },
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data!._entities).toEqual([
      { __typename: 'User', id: b!.id, handle: b!.handle },
      { __typename: 'User', id: a!.id, handle: a!.handle },
    ]);
    const byHandle = await gql<EntitiesData>(
      ENTITIES,
      { representations: [{ __typename: 'User', handle: a!.handle }] },
      { token: admin },
    );
    expect(byHandle.errors).toBeUndefined();
    expect(byHandle.data!._entities).toEqual([{ __typename: 'User', id: a!.id, handle: a!.handle }]);
  });

  it('answers 100 representations with one Neo4j query (by id, by handle, or both), in order, null for unknown', async () => {
    // Known users at positions 7, 50 and 93; the other 97 ids exist nowhere.
    const known = new Map([
      [7, people[0]!],
      [50, people[1]!],
      [93, people[2]!],
    ]);
    const missing = unique('nobody');
    const ids = Array.from({ length: 100 }, (_, i) => known.get(i)?.id ?? `${missing}_${i}`);
    const expected = ids.map((_, i) => {
      const person = known.get(i);
      return person ? { __typename: 'User', id: person.id, handle: person.handle } : null;
    });

    const byId = await gql<EntitiesData>(
      ENTITIES,
      { representations: ids.map((id) => ({ __typename: 'User', id })) },
      { token: admin },
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data!._entities).toEqual(expected);
    expect(byId.extensions!.neo4jQueries).toBe(1);

    const handles = ids.map((id, i) => known.get(i)?.handle ?? id.toLowerCase());
    const byHandle = await gql<EntitiesData>(
      ENTITIES,
      { representations: handles.map((handle) => ({ __typename: 'User', handle })) },
      { token: admin },
    );
    expect(byHandle.errors).toBeUndefined();
    expect(byHandle.data!._entities).toEqual(expected);
    expect(byHandle.extensions!.neo4jQueries).toBe(1);

    // Both keys in one batch (even positions by id, odd by handle): still one query.
    const mixed = await gql<EntitiesData>(
      ENTITIES,
      {
        representations: ids.map((id, i) =>
          i % 2 === 0 ? { __typename: 'User', id } : { __typename: 'User', handle: handles[i] },
        ),
      },
      { token: admin },
    );
    expect(mixed.errors).toBeUndefined();
    expect(mixed.data!._entities).toEqual(expected);
    expect(mixed.extensions!.neo4jQueries).toBe(1);
  });

  it('refuses a representation without __typename with a clear BAD_USER_INPUT', async () => {
    const response = await gql(
      ENTITIES,
      { representations: [{ __typename: 'User', id: people[0]!.id }, { id: people[1]!.id }] },
      { token: admin },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toBe('representations[1] has no __typename');
    expect(response.data).toBeNull();
    expect(response.extensions!.neo4jQueries).toBe(0);
  });

  it('refuses a type that is not an entity, and a representation with no key', async () => {
    const response = await gql(
      ENTITIES,
      {
        representations: [
          { __typename: 'Identity', id: 'x' },
          { __typename: 'User', displayName: 'x' },
        ],
      },
      { token: admin },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toBe(
      'representations[0] names "Identity", which is not an entity of this subgraph; ' +
        'representations[1] has none of the keys of User ("id" or "handle")',
    );
  });
});

describe('_entities for Perk and Partner', () => {
  const MIXED = `query($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename ... on User { id } ... on Perk { id name } ... on Partner { id name }
    }
  }`;

  it('resolves a Perk for anyone (the catalogue is public) and a Partner for itself only', async () => {
    const perk = await gql(MIXED, { representations: [{ __typename: 'Perk', id: perkIds[1] }] });
    expect(perk.errors).toBeUndefined();
    expect(perk.data).toEqual({ _entities: [{ __typename: 'Perk', id: perkIds[1], name: 'Perk B' }] });

    const representations = [
      { __typename: 'Partner', id: partner.id },
      { __typename: 'Partner', id: otherPartner.id },
    ];
    const asPartner = await gql<{ _entities: ({ id: string } | null)[] }>(
      MIXED,
      { representations },
      { apiKey: partner.apiKey },
    );
    expect(codes(asPartner)).toEqual(['FORBIDDEN']);
    expect(asPartner.errors![0]!.path).toEqual(['_entities', 1]);
    expect(asPartner.data!._entities[0]!.id).toBe(partner.id);
    expect(asPartner.data!._entities[1]).toBeNull();
  });

  it('answers 100 representations of three entity types with one Neo4j query per type, in order', async () => {
    // Position i holds a User (i % 3 == 0), a Perk (1) or a Partner (2); every tenth position is unknown.
    const missing = unique('nobody');
    const representations = Array.from({ length: 100 }, (_, i) => {
      const kind = (['User', 'Perk', 'Partner'] as const)[i % 3]!;
      if (i % 10 === 0) return { __typename: kind, id: `${missing}_${i}` };
      const id =
        kind === 'User'
          ? people[i % 2]!.id
          : kind === 'Perk'
            ? perkIds[i % 2]!
            : [partner, otherPartner][i % 2]!.id;
      return { __typename: kind, id };
    });
    const names: Record<string, string> = { [perkIds[0]!]: 'Perk A', [perkIds[1]!]: 'Perk B' };
    const response = await gql<{ _entities: unknown[] }>(MIXED, { representations }, { token: admin });
    expect(response.errors).toBeUndefined();
    expect(response.extensions!.neo4jQueries).toBe(3);
    expect(response.data!._entities).toHaveLength(100);
    response.data!._entities.forEach((entity, i) => {
      const { __typename, id } = representations[i]!;
      if (i % 10 === 0) return expect(entity).toBeNull();
      expect(entity).toMatchObject({ __typename, id });
      if (__typename === 'Perk') expect(entity).toMatchObject({ name: names[id] });
    });
  });
});

describe('inline traces (ftv1)', () => {
  const query = '{ _service { sdl } }';
  it('are returned when the router asks with apollo-federation-include-trace: ftv1', async () => {
    const response = await gql(query, {}, { headers: { 'apollo-federation-include-trace': 'ftv1' } });
    expect(typeof response.extensions!.ftv1).toBe('string');
    expect((response.extensions!.ftv1 as string).length).toBeGreaterThan(0);
  });
  it('are absent otherwise', async () => {
    const response = await gql(query);
    expect(response.extensions?.ftv1).toBeUndefined();
  });
});

describe('the access policy through _entities', () => {
  const PRIVATE = `query($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on User { id createdAt identities { totalCount } trustScore { value } }
    }
  }`;

  it("cannot read another user's private fields or score, exactly as user(id) cannot", async () => {
    const [reader, other] = people;
    // The other user has a score (the trust engine's materialised properties), so hiding it is the policy's doing.
    await setTrust([other!.id], { value: 712, band: 'GOOD' });
    const asAdmin = await gql<{ _entities: { trustScore: { value: number } }[] }>(
      PRIVATE,
      { representations: [{ __typename: 'User', id: other!.id }] },
      { token: admin },
    );
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data!._entities[0]!.trustScore.value).toBe(712);

    const direct = await gql(
      'query($id: ID!) { user(id: $id) { id createdAt trustScore { value } } }',
      { id: other!.id },
      { token: reader!.token },
    );
    expect(codes(direct)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    const response = await gql<{
      _entities: ({
        id: string;
        createdAt: string | null;
        identities: unknown;
        trustScore: unknown;
      } | null)[];
    }>(PRIVATE, { representations: [{ __typename: 'User', id: other!.id }] }, { token: reader!.token });
    expect(codes(response)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(response.errors!.map((e) => e.path!.join('.')).sort()).toEqual([
      '_entities.0.createdAt',
      '_entities.0.identities',
      '_entities.0.trustScore',
    ]);
    expect(response.data!._entities).toEqual([
      { id: other!.id, createdAt: null, identities: null, trustScore: null },
    ]);
  });

  it('lets a user read their own private fields through _entities', async () => {
    const [reader] = people;
    const response = await gql<{
      _entities: { id: string; createdAt: string; identities: { totalCount: number } }[];
    }>(PRIVATE, { representations: [{ __typename: 'User', id: reader!.id }] }, { token: reader!.token });
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities[0]!.id).toBe(reader!.id);
    expect(response.data!._entities[0]!.identities.totalCount).toBe(0);
    expect(Number.isNaN(Date.parse(response.data!._entities[0]!.createdAt))).toBe(false);
  });

  it('tells an anonymous caller nothing, not even whether the user exists', async () => {
    const response = await gql<EntitiesData>(ENTITIES, {
      representations: [
        { __typename: 'User', id: people[0]!.id },
        { __typename: 'User', id: unique('nobody') },
      ],
    });
    expect(codes(response)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(response.data!._entities).toEqual([null, null]);
    expect(response.extensions!.neo4jQueries).toBe(0);
  });
});

describe('with introspection off (NODE_ENV=production)', () => {
  let production: Gateway;

  beforeAll(async () => {
    production = await startGateway({
      schema: buildSchema(),
      driver,
      config: { ...config, production: true },
      port: 0,
    });
  });
  afterAll(() => production.stop());

  it('refuses introspection', async () => {
    const response = await post(production.url, '{ __schema { queryType { name } } }', {});
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('still serves _service and _entities', async () => {
    const service = await post<{ _service: { sdl: string } }>(production.url, '{ _service { sdl } }', {});
    expect(service.errors).toBeUndefined();
    expect(service.data!._service.sdl).toBe(sdl);

    const [a] = people;
    const entities = await post<EntitiesData>(
      production.url,
      ENTITIES,
      { representations: [{ __typename: 'User', handle: a!.handle }] },
      { authorization: `Bearer ${admin}` },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([{ __typename: 'User', id: a!.id, handle: a!.handle }]);
  });

  it('keeps the missing-__typename error readable (not masked as an internal error)', async () => {
    const response = await post(
      production.url,
      ENTITIES,
      { representations: [{ id: people[0]!.id }] },
      { authorization: `Bearer ${admin}` },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toBe('representations[0] has no __typename');
  });
});
