/**
 * The policy matrix: for every (role × sensitive field) — every field whose rule is neither `public` nor
 * `inherit` — one request over HTTP, and the outcome the policy (src/policy/policy.ts) prescribes: allowed (no
 * policy refusal) or refused (FORBIDDEN/UNAUTHENTICATED naming the rule, or a null parent). The fields are read
 * from the served schema, so a new sensitive field, or a type without a way to reach it here, fails this test.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../gateway.js';
import type { Viewer } from '../../src/auth/viewer.js';
import { mintToken } from '../../src/auth/tokens.js';
import { apiKeyHash } from '../../src/partners/api-key.js';
import { governedFields, RULES, ruleFor, type RuleName } from '../../src/policy/policy.js';
import { config, cypher, gql, newUser, removeUsers, unique, type CallOptions } from './helpers.js';
import { consent, newPartner, newPerk, removePartners, type TestPartner } from './partner-helpers.js';

const schema = buildSchema();
const PROBE = '~matrix-probe~'; // not a valid handle or id of anything: probes change nothing they can find

interface Role {
  name: string;
  viewer: Viewer;
  call: CallOptions;
}

let self: { id: string; token: string };
let other: { id: string; token: string };
let partner: TestPartner;
let eventsPartner: TestPartner;
const roles: Role[] = [];
const users: string[] = [];

beforeAll(async () => {
  [self, other] = await Promise.all([newUser(), newUser()]);
  users.push(self.id, other.id);
  partner = await newPartner(unique('matrix'));
  eventsPartner = await newPartner(unique('matrix'), ['EVENTS_WRITE']);
  await consent(self.token, partner.id);
  // One inquiry about `self` (for Inquiry.unmetConditions).
  const perkId = await newPerk(partner, { minScore: 780 });
  await gql(
    'query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { eligible } }',
    { p: perkId, u: self.id },
    { apiKey: partner.apiKey },
  );
  // A private endorsement of `self` by `other` (for Endorsement.endorser).
  await gql(
    'mutation($t: ID!) { endorse(input: { targetId: $t, strength: 2 }) { id } }',
    { t: self.id },
    { token: other.token },
  );
  const adminId = unique('admin');
  roles.push(
    { name: 'anonymous', viewer: { kind: 'anonymous' }, call: {} },
    { name: 'user (self)', viewer: { kind: 'user', userId: self.id }, call: { token: self.token } },
    { name: 'user (other)', viewer: { kind: 'user', userId: other.id }, call: { token: other.token } },
    {
      name: 'partner (all scopes)',
      viewer: {
        kind: 'partner',
        partnerId: partner.id,
        scopes: ['ELIGIBILITY_CHECK', 'EVENTS_WRITE', 'PERKS_MANAGE'],
        keyHash: apiKeyHash(partner.apiKey),
      },
      call: { apiKey: partner.apiKey },
    },
    {
      name: 'partner (EVENTS_WRITE only)',
      viewer: {
        kind: 'partner',
        partnerId: eventsPartner.id,
        scopes: ['EVENTS_WRITE'],
        keyHash: apiKeyHash(eventsPartner.apiKey),
      },
      call: { apiKey: eventsPartner.apiKey },
    },
    {
      name: 'admin',
      viewer: { kind: 'admin', userId: adminId },
      call: { token: await mintToken(config.jwtSecret, { sub: adminId, role: 'admin' }) },
    },
  );
});

afterAll(async () => {
  await removeUsers(users);
  await cypher('MATCH (p:Partner {name: $probe}) SET p.name = $name', { probe: PROBE, name: 'matrix-probe' });
  const made = await cypher<{ id: string }>(
    "MATCH (p:Partner) WHERE p.name STARTS WITH 'matrix' RETURN p.id AS id",
  );
  await removePartners([...made.map((m) => m.id), partner.id, eventsPartner.id]);
  await cypher('MATCH (perk:Perk {name: $probe}) DETACH DELETE perk', { probe: PROBE });
});

/** A value of an input type that names nothing that exists (so allowed mutations find nothing to change). */
function probeValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return probeValue(type.ofType);
  if (isListType(type)) return [probeValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isNonNullType(field.type)) value[field.name] = probeValue(field.type);
    return value;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int') return 1;
    if (type.name === 'Float') return 0.5;
    if (type.name === 'Boolean') return false;
    if (type.name === 'DateTime') return '2099-01-01T00:00:00.000Z';
  }
  return PROBE;
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isScalarType(named) || isEnumType(named) ? '' : '{ __typename }';
}

function rootOperation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const defs = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const variables = Object.fromEntries(required.map((a) => [a.name, probeValue(a.type)]));
  return {
    query: `${kind}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(field)} }`,
    variables,
  };
}

/** How each type with sensitive fields is reached: the query, the rules on the way, the parent the rule sees. */
interface Reach {
  query: (field: string, sel: string) => string;
  variables: () => Record<string, unknown>;
  path: (string | number)[];
  gates: { rule: RuleName; parent: unknown }[];
  parent: () => unknown;
}
const REACH: Record<string, Reach> = {
  User: {
    query: (f, sel) => `query($id: ID!) { user(id: $id) { ${f} ${sel} } }`,
    variables: () => ({ id: self.id }),
    path: ['user'],
    gates: [{ rule: 'person', parent: undefined }],
    parent: () => ({ id: self.id }),
  },
  Partner: {
    query: (f, sel) => `query($id: ID!) { partner(id: $id) { ${f} ${sel} } }`,
    variables: () => ({ id: partner.id }),
    path: ['partner'],
    gates: [{ rule: 'adminOrPartner', parent: undefined }],
    parent: () => ({ id: partner.id }),
  },
  Endorsement: {
    query: (f, sel) =>
      `query($id: ID!) { user(id: $id) { endorsementsReceived { edges { node { ${f} ${sel} } } } } }`,
    variables: () => ({ id: self.id }),
    path: ['user', 'endorsementsReceived', 'edges', 0, 'node'],
    gates: [
      { rule: 'person', parent: undefined },
      { rule: 'selfOrAdmin', parent: { id: '' } },
    ],
    parent: () => ({ public: false, endorserId: other.id }),
  },
  Inquiry: {
    query: (f, sel) => `query($id: ID!) { user(id: $id) { inquiries { edges { node { ${f} ${sel} } } } } }`,
    variables: () => ({ id: self.id }),
    path: ['user', 'inquiries', 'edges', 0, 'node'],
    gates: [
      { rule: 'person', parent: undefined },
      { rule: 'selfOrAdmin', parent: { id: '' } },
    ],
    parent: () => ({ subjectId: self.id }),
  },
};

const SENSITIVE = governedFields(schema)
  .map(({ type, field }) => ({ type, field, rule: ruleFor(type, field)! }))
  .filter(({ rule }) => rule !== 'public' && rule !== 'inherit');

type Errors = { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
const policyErrors = (errors: Errors) =>
  (errors ?? []).filter((e) => typeof e.extensions?.policyRule === 'string');

function dig(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | null)?.[key] ?? null,
    data,
  );
}

describe('the policy matrix (role × sensitive field, over HTTP)', () => {
  it('every served field has a policy entry', () => {
    expect(governedFields(schema).filter(({ type, field }) => !ruleFor(type, field))).toEqual([]);
  });

  it('every type with sensitive fields can be reached by this test', () => {
    const types = new Set(SENSITIVE.map((s) => s.type).filter((t) => t !== 'Query' && t !== 'Mutation'));
    expect([...types].filter((t) => !REACH[t])).toEqual([]);
  });

  it('each role gets exactly what the policy says', async () => {
    const outcomes: string[] = [];
    const failures: string[] = [];
    // Erasing oneself goes last: it ends the role.
    const ordered = [...SENSITIVE].sort(
      (a, b) => Number(a.field === 'deleteMe') - Number(b.field === 'deleteMe'),
    );
    for (const { type, field, rule } of ordered) {
      for (const role of roles) {
        let response;
        let allowed: boolean;
        let valueAt: (string | number)[];
        if (type === 'Query' || type === 'Mutation') {
          const fieldDef = (type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[
            field
          ]!;
          const op = rootOperation(type === 'Query' ? 'query' : 'mutation', fieldDef);
          if (field === 'deleteMe' && role.viewer.kind === 'user' && role.viewer.userId === other.id) {
            // `other` must survive for the self role's later rows: probe with a throwaway account instead.
            const throwaway = await newUser();
            users.push(throwaway.id);
            response = await gql(op.query, op.variables, { token: throwaway.token });
          } else {
            response = await gql(op.query, op.variables, role.call);
          }
          if (field === 'rotateCurrentPartnerKey' && role.viewer.kind === 'partner') {
            // The rotation worked (so the old key stops): put the role's key back for its later rows.
            await cypher('MATCH (p:Partner {id: $id}) SET p.keyHash = $keyHash', {
              id: role.viewer.partnerId,
              keyHash: role.viewer.keyHash,
            });
          }
          allowed = RULES[rule](role.viewer, undefined) === true;
          valueAt = [field];
        } else {
          const reach = REACH[type]!;
          const fieldDef = (schema.getType(type) as import('graphql').GraphQLObjectType).getFields()[field]!;
          response = await gql(reach.query(field, selection(fieldDef)), reach.variables(), role.call);
          const gates = reach.gates.map((g) =>
            RULES[g.rule](role.viewer, g.rule === 'selfOrAdmin' ? { id: self.id } : g.parent),
          );
          allowed = gates.every((g) => g === true) && RULES[rule](role.viewer, reach.parent()) === true;
          // A partner may look only at itself: for another partner, `partner(id)` is null (nothing to refuse).
          if (type === 'Partner' && role.viewer.kind === 'partner' && role.viewer.partnerId !== partner.id)
            allowed = false;
          valueAt = [...reach.path, field];
        }
        const refusals = policyErrors(response.errors);
        const cell = `${role.name} × ${type}.${field} (${rule})`;
        if (allowed) {
          outcomes.push(`${cell}: allow`);
          if (refusals.length > 0) failures.push(`${cell}: expected allow, got ${JSON.stringify(refusals)}`);
          // Reached for real: the parent object was there.
          if (valueAt.length > 1 && dig(response.data, valueAt.slice(0, -1)) === null)
            failures.push(`${cell}: expected allow, but the parent was not reached`);
        } else {
          outcomes.push(`${cell}: refuse`);
          const value = dig(response.data, valueAt);
          const expectedCode = role.viewer.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          const refusedHere = refusals.some((e) => e.extensions?.code === expectedCode);
          if (value !== null || (!refusedHere && dig(response.data, valueAt.slice(0, 1)) !== null))
            failures.push(`${cell}: expected refusal, got ${JSON.stringify(response).slice(0, 300)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(outcomes.length).toBe(roles.length * SENSITIVE.length);
    console.log(
      `policy matrix: ${outcomes.length} cells, ${outcomes.filter((o) => o.endsWith('allow')).length} allowed`,
    );
  });
});
