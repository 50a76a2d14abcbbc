/**
 * `me.perks`: the person's own view of every active perk — eligible or not, the reason codes, and what is
 * missing (the gap, and the improvement actions of their stored trust explanation with their exact points).
 * Same rule evaluation as a partner's check, no consent needed, nothing logged, a constant number of queries.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, codes, cypher, gql, newUser, removeUsers, unique } from './helpers.js';
import { consent, newPartner, newPerk, removePartners, type TestPartner } from './partner-helpers.js';

const users: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await removeUsers(users);
  await removePartners(partners);
});

const PERKS = `{ me { perks { perk { id name } eligible reasons
  missing { reason dimension gap unit actions { action points summary closesGap } } } } }`;

interface Action {
  action: string;
  points: number | null;
  summary: string;
  closesGap: boolean | null;
}
interface Standing {
  perk: { id: string; name: string };
  eligible: boolean;
  reasons: string[];
  missing: {
    reason: string;
    dimension: string | null;
    gap: number | null;
    unit: string | null;
    actions: Action[];
  }[];
}

/** The stored explanation's improvements (largest gain first, as the trust engine stores them). */
// As the trust engine stores them: each with the dimension it changes and that dimension's value after it.
const IMPROVEMENTS = [
  {
    action: 'RESOLVE_DEFAULT',
    points: 70,
    summary: 'Settle your most recent unresolved default',
    dimension: 'HISTORY',
    dimensionValue: 0.62,
  },
  {
    action: 'VERIFY_HIGH_ASSURANCE_IDENTITY',
    points: 45,
    summary: 'Verify a high-assurance identity',
    dimension: 'IDENTITY',
    dimensionValue: 0.8,
  },
  {
    action: 'VERIFY_LOW_ASSURANCE_IDENTITY',
    points: 10,
    summary: 'Verify a low-assurance identity',
    dimension: 'IDENTITY',
    dimensionValue: 0.55,
  },
];

let partner: TestPartner;
let scored: { id: string; token: string };
let unscored: { id: string; token: string };
const perk: Record<string, string> = {};

beforeAll(async () => {
  partner = await newPartner(unique('myperks'));
  partners.push(partner.id);
  [scored, unscored] = await Promise.all([newUser(), newUser()]);
  users.push(scored.id, unscored.id);
  // The trust engine's materialised contract, written by hand so every gap below is computed by hand:
  // score 640, HISTORY 0.45, IDENTITY 0.5; a LOW identity; two defaults, one settled (1 open); an
  // account 10 days old.
  await cypher(
    `MATCH (u:User {id: $id})
     SET u.scoringConsent = true, u.trustValue = 640, u.trustBand = 'GOOD', u.trustIdentity = 0.5,
         u.trustHistory = 0.45, u.trustReputation = 0.5, u.trustNetwork = 0.5, u.trustComputedAt = datetime(),
         u.trustModelVersion = 'test', u.trustExplanation = $explanation, u.createdAt = datetime() - duration('P10D')
     CREATE (u)-[:HAS_IDENTITY]->(:Identity {id: $identityId, key: $identityId, provider: 'test', assurance: 'LOW',
                                             verifiedAt: datetime()})
     CREATE (u)-[:HAS_EVENT]->(:Event {id: $event1, kind: 'COMMITMENT_DEFAULTED', occurredAt: datetime(), source: 'test'})
     CREATE (u)-[:HAS_EVENT]->(:Event {id: $event2, kind: 'COMMITMENT_DEFAULTED', occurredAt: datetime(), source: 'test',
                                       resolved: true})`,
    {
      id: scored.id,
      identityId: randomUUID(),
      event1: randomUUID(),
      event2: randomUUID(),
      explanation: JSON.stringify({
        baseline: 450,
        dimensions: [],
        reasons: [],
        principalReasons: [],
        contributors: [],
        improvements: IMPROVEMENTS,
      }),
    },
  );
  const rules: Record<string, Record<string, unknown>> = {
    score: { minScore: 660 },
    dimensions: {
      minDimensions: [
        { dimension: 'HISTORY', min: 0.5 },
        { dimension: 'IDENTITY', min: 0.25 },
      ],
    },
    assurance: { minIdentityAssurance: 'SUBSTANTIAL' },
    defaults: { maxOpenDefaults: 0 },
    age: { minAccountAgeDays: 30 },
    met: { minScore: 540, maxOpenDefaults: 1 },
    archived: { minScore: 420 },
  };
  for (const [key, rule] of Object.entries(rules)) perk[key] = await newPerk(partner, rule, `${key} perk`);
  const archived = await gql(
    'mutation($id: ID!) { archivePerk(perkId: $id) { id } }',
    { id: perk.archived },
    {
      apiKey: partner.apiKey,
    },
  );
  expect(archived.errors).toBeUndefined();
});

/** This test's perks in the caller's list, by key. */
async function myPerks(token: string) {
  const response = await gql<{ me: { perks: Standing[] } }>(PERKS, {}, { token });
  expect(response.errors).toBeUndefined();
  const byId = new Map(response.data!.me.perks.map((s) => [s.perk.id, s]));
  return {
    response,
    standing: (key: string) => byId.get(perk[key]!),
  };
}

const action = (a: (typeof IMPROVEMENTS)[number], closesGap: boolean | null): Action => ({
  action: a.action,
  points: a.points,
  summary: a.summary,
  closesGap,
});

describe('me.perks', () => {
  it('says, for each active perk, what is missing: gaps by hand, actions from the stored explanation', async () => {
    const { standing } = await myPerks(scored.token);
    // 660 − 640 = 20 points short: settling the default (70) or a HIGH identity (45) closes it, a LOW one (10)
    // narrows it.
    expect(standing('score')).toMatchObject({ eligible: false, reasons: ['SCORE_BELOW_THRESHOLD'] });
    expect(standing('score')!.missing).toEqual([
      {
        reason: 'SCORE_BELOW_THRESHOLD',
        dimension: null,
        gap: 20,
        unit: 'SCORE_POINTS',
        actions: [
          action(IMPROVEMENTS[0]!, true),
          action(IMPROVEMENTS[1]!, true),
          action(IMPROVEMENTS[2]!, false),
        ],
      },
    ]);
    // HISTORY 0.5 − 0.45 = 0.05 (IDENTITY 0.5 ≥ 0.25 is met); settling a default is the HISTORY action, and it
    // takes HISTORY to 0.62 ≥ 0.5: it closes the gap.
    expect(standing('dimensions')!.missing).toEqual([
      {
        reason: 'DIMENSION_BELOW_THRESHOLD:HISTORY',
        dimension: 'HISTORY',
        gap: 0.05,
        unit: 'DIMENSION',
        actions: [action(IMPROVEMENTS[0]!, true)],
      },
    ]);
    // Only a LOW identity: verifying a SUBSTANTIAL one (gains 0 points: not in the explanation) or a HIGH one
    // (45 points) meets the rule.
    expect(standing('assurance')!.missing).toEqual([
      {
        reason: 'IDENTITY_ASSURANCE_TOO_LOW',
        dimension: null,
        gap: null,
        unit: null,
        actions: [
          {
            action: 'VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY',
            points: 0,
            summary: 'Verify a substantial-assurance identity',
            closesGap: true,
          },
          action(IMPROVEMENTS[1]!, true),
        ],
      },
    ]);
    // Two defaults, one settled: 1 open, 1 over the maximum of 0; settling it closes the gap.
    expect(standing('defaults')!.missing).toEqual([
      {
        reason: 'TOO_MANY_OPEN_DEFAULTS',
        dimension: null,
        gap: 1,
        unit: 'DEFAULTS',
        actions: [action(IMPROVEMENTS[0]!, true)],
      },
    ]);
    // 30 − 10 days; nothing to do but wait.
    expect(standing('age')!.missing).toEqual([
      { reason: 'ACCOUNT_TOO_NEW', dimension: null, gap: 20, unit: 'DAYS', actions: [] },
    ]);
    expect(standing('met')).toEqual({
      perk: { id: perk.met, name: 'met perk' },
      eligible: true,
      reasons: [],
      missing: [],
    });
    expect(standing('archived')).toBeUndefined();
  });

  it('needs no consent, logs no inquiry, and gives the same reasons as a partner check', async () => {
    const { standing } = await myPerks(scored.token);
    const inquiries = await cypher<{ n: number }>('MATCH (q:Inquiry {subjectId: $id}) RETURN count(q) AS n', {
      id: scored.id,
    });
    expect(Number(inquiries[0]!.n)).toBe(0);

    // Now with consent, a partner's check (the same rule evaluation) gives the same yes or no, and one combined
    // NOT_ELIGIBLE (one question per person per period: one perk is checked); the conditions are the person's.
    await consent(scored.token, partner.id);
    const check = await gql<{ eligibility: { eligible: boolean; reasons: string[] } }>(
      'query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { eligible reasons } }',
      { p: perk.dimensions, u: scored.id },
      { apiKey: partner.apiKey },
    );
    expect(check.data!.eligibility).toEqual({ eligible: false, reasons: ['NOT_ELIGIBLE'] });
    const logged = await gql<{ me: { inquiries: { edges: { node: { unmetConditions: string[] } }[] } } }>(
      '{ me { inquiries(first: 1) { edges { node { unmetConditions } } } } }',
      {},
      { token: scored.token },
    );
    expect(logged.data!.me.inquiries.edges[0]!.node.unmetConditions).toEqual(standing('dimensions')!.reasons);
  });

  it('a person who has not opted in to scoring sees NO_SCORE and an action to opt in', async () => {
    const { standing } = await myPerks(unscored.token);
    for (const key of ['score', 'met', 'age']) {
      expect(standing(key)).toMatchObject({
        eligible: false,
        reasons: ['NO_SCORE'],
        missing: [
          {
            reason: 'NO_SCORE',
            gap: null,
            actions: [{ action: 'OPT_IN_TO_SCORING', points: null, closesGap: null }],
          },
        ],
      });
    }
  });

  it('takes the improvements of a score the trust engine computed', async () => {
    const fresh = await newUser();
    users.push(fresh.id);
    const on = await gql(
      'mutation { setScoringConsent(enabled: true) { trustScoreStatus } }',
      {},
      {
        token: fresh.token,
      },
    );
    expect(on.errors).toBeUndefined();
    const score = await gql<{
      me: {
        trustScore: { value: number; explanation: { improvements: { action: string; points: number }[] } };
      };
    }>(
      '{ me { trustScore { value explanation { improvements { action points } } } } }',
      {},
      { token: fresh.token },
    );
    const { value, explanation } = score.data!.me.trustScore;
    expect(explanation.improvements.length).toBeGreaterThan(0);
    const { standing } = await myPerks(fresh.token);
    const missing = standing('score')!.missing[0]!;
    expect(missing.gap).toBe(660 - value);
    expect(missing.actions.map(({ action: a, points }) => ({ action: a, points }))).toEqual(
      explanation.improvements,
    );
  });

  it('costs a constant number of Neo4j queries, for one person or several', async () => {
    const { response } = await myPerks(scored.token);
    // The user, the active catalogue, everyone's facts, everyone's trust state.
    expect(response.extensions!.neo4jQueries).toBe(4);
    const both = await gql(
      `query($a: ID!, $b: ID!) { a: user(id: $a) { perks { eligible reasons missing { reason gap } } }
                                 b: user(id: $b) { perks { eligible reasons missing { reason gap } } } }`,
      { a: scored.id, b: unscored.id },
      { token: await adminToken() },
    );
    expect(both.errors).toBeUndefined();
    expect(both.extensions!.neo4jQueries).toBe(4);
  });

  it('is the person’s own: another user is refused, an admin may read it', async () => {
    const query = 'query($id: ID!) { user(id: $id) { perks { eligible } } }';
    const other = await gql(query, { id: scored.id }, { token: unscored.token });
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const admin = await gql<{ user: { perks: unknown[] } }>(
      query,
      { id: scored.id },
      { token: await adminToken() },
    );
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.user.perks.length).toBeGreaterThanOrEqual(6);
    const byPartner = await gql(query, { id: scored.id }, { apiKey: partner.apiKey });
    expect(codes(byPartner)).toEqual(['FORBIDDEN']);
  });
});
