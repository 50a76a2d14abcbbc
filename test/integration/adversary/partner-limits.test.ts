/**
 * The limits on what a partner may ask hold however it asks: through another gateway instance or after a
 * restart (they are counted in Neo4j), with concurrent checks on two rules, by creating perks without end; and
 * an unknown person and one without consent answer alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type RunningGateway } from '../../../gateway.js';
import { adminToken, codes, config, cypher, gql, newUser, removeUsers, unique } from '../helpers.js';
import {
  consent,
  newPartner,
  newPerk,
  removePartners,
  setTrust,
  type TestPartner,
} from '../partner-helpers.js';

const users: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await removeUsers(users);
  await removePartners(partners);
});

const CHECK = `query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { eligible reasons retryAfter } }`;
const BATCH = `query($p: ID!, $u: [ID!]!) {
  eligibilities(perkId: $p, userIds: $u) { userId eligible reasons band validUntil retryAfter } }`;

/** A GraphQL call to a given gateway (not the shared test gateway). */
async function callAt(url: string, apiKey: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, { reasons: string[]; eligible: boolean }> | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
}

let partner: TestPartner;
let person: { id: string; token: string };

beforeAll(async () => {
  partner = await newPartner(unique('limits'), ['ELIGIBILITY_CHECK', 'PERKS_MANAGE']);
  partners.push(partner.id);
});

async function consentingPerson() {
  const user = await newUser();
  users.push(user.id);
  await setTrust([user.id], { value: 700, band: 'VERY_GOOD' });
  await consent(user.token, partner.id);
  return user;
}

describe('limits counted in Neo4j', () => {
  let second: RunningGateway | undefined;
  afterAll(async () => second?.close());

  it('a second gateway instance, and one started after it, enforce the question budget and the daily limit', async () => {
    person = await consentingPerson();
    const [bandPerk, rulePerk] = [
      await newPerk(partner, { minScore: 660 }),
      await newPerk(partner, { minScore: 540, maxOpenDefaults: 0 }),
    ];
    // First question, on the shared gateway.
    const asked = Date.now();
    const first = await gql(CHECK, { p: bandPerk, u: person.id }, { apiKey: partner.apiKey });
    expect(first.data).toEqual({ eligibility: { eligible: true, reasons: [], retryAfter: null } });

    second = await createGateway(config, { port: 0 });
    const other = await callAt(second.url, partner.apiKey, CHECK, { p: rulePerk, u: person.id });
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(other.errors![0]!.extensions!.reason).toBe('DISCLOSURE_LIMIT');
    // 30 days from the first answer, less the time since it (however long the test took; 1 s for rounding up).
    const retry = other.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(retry).toBeGreaterThanOrEqual(30 * 86_400 - Math.ceil((Date.now() - asked) / 1000) - 1);
    expect(retry).toBeLessThanOrEqual(30 * 86_400);

    // The daily limit (20 answered checks): 1 answered above, 19 on the second instance, the 21st refused on a
    // third instance started after the second stopped.
    const batch = await callAt(second.url, partner.apiKey, BATCH, {
      p: bandPerk,
      u: Array.from({ length: 19 }, () => person.id),
    });
    expect((batch.data!.eligibilities as unknown as { reasons: string[] }[]).map((d) => d.reasons)).toEqual(
      Array.from({ length: 19 }, () => []),
    );
    await second.close();
    second = await createGateway(config, { port: 0 });
    const over = await callAt(second.url, partner.apiKey, CHECK, { p: bandPerk, u: person.id });
    expect(over.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(over.errors![0]!.extensions!.reason).toBe('RATE_LIMITED');
  });

  it('concurrent checks on two rules answer one question only', async () => {
    const user = await consentingPerson();
    const perks = [
      await newPerk(partner, { minScore: 540, minAccountAgeDays: 30 }),
      await newPerk(partner, { minScore: 540, maxOpenDefaults: 1 }),
    ];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        gql<{ eligibilities: { reasons: string[] }[] }>(
          BATCH,
          { p: perks[i % 2], u: [user.id] },
          { apiKey: partner.apiKey },
        ).then((r) => ({ perk: perks[i % 2], reasons: r.data!.eligibilities[0]!.reasons })),
      ),
    );
    const answered = answers.filter((a) => !a.reasons.includes('DISCLOSURE_LIMIT'));
    expect(answered.length).toBeGreaterThan(0);
    expect(new Set(answered.map((a) => a.perk)).size).toBe(1);
    const questions = await cypher<{ n: number }>(
      `MATCH (q:Inquiry {subjectId: $u, partnerId: $p}) WHERE q.question IS NOT NULL
       RETURN count(DISTINCT q.question) AS n`,
      { u: user.id, p: partner.id },
    );
    expect(Number(questions[0]!.n)).toBe(1);
  });
});

describe('answers that reveal nothing', () => {
  it('an unknown id, no consent, a revoked and an expired consent get the same decision', async () => {
    const perkId = await newPerk(partner, {});
    const [none, revoked, expired] = [await newUser(), await newUser(), await newUser()];
    users.push(none.id, revoked.id, expired.id);
    await setTrust([none.id, revoked.id, expired.id], { value: 700, band: 'VERY_GOOD' });
    await consent(revoked.token, partner.id);
    await gql(
      'mutation($p: ID!) { revokeConsent(partnerId: $p) }',
      { p: partner.id },
      { token: revoked.token },
    );
    // An expired consent's expiry must not show (it used to become validUntil, a time in the past).
    await consent(expired.token, partner.id, ['ELIGIBILITY'], new Date(Date.now() + 3_600_000).toISOString());
    await cypher(
      "MATCH (:User {id: $id})-[c:CONSENTED_TO]->() SET c.expiresAt = datetime() - duration('PT1M')",
      {
        id: expired.id,
      },
    );
    const ids = [unique('nobody'), none.id, revoked.id, expired.id];
    const batch = await gql<{
      eligibilities: { userId: string; validUntil: string; [k: string]: unknown }[];
    }>(BATCH, { p: perkId, u: ids }, { apiKey: partner.apiKey });
    const decisions = batch.data!.eligibilities;
    // One check time for the batch: everything but the id is identical.
    const withoutId = decisions.map(({ userId: _, ...rest }) => rest);
    expect(new Set(withoutId.map((d) => JSON.stringify(d))).size).toBe(1);
    expect(withoutId[0]).toMatchObject({
      eligible: false,
      reasons: ['NO_CONSENT'],
      band: null,
      retryAfter: null,
    });
  });

  it('a partner cannot read which conditions were unmet; an admin can', async () => {
    const user = await consentingPerson();
    const perkId = await newPerk(partner, { minScore: 780 });
    await gql(CHECK, { p: perkId, u: user.id }, { apiKey: partner.apiKey });
    const query = '{ inquiries(first: 50) { edges { node { subjectId reasons unmetConditions } } } }';
    const asPartner = await gql(query, {}, { apiKey: partner.apiKey });
    expect(codes(asPartner)).toContain('FORBIDDEN');
    expect(JSON.stringify(asPartner.data ?? {})).not.toContain('SCORE_BELOW_THRESHOLD');
    const asAdmin = await gql<{
      inquiries: { edges: { node: { subjectId: string; unmetConditions: string[] | null } }[] };
    }>(query, {}, { token: await adminToken() });
    expect(asAdmin.errors).toBeUndefined();
  });
});

describe('perks', () => {
  it('at most 20 active perks per partner; archiving one makes room; admin edits are audited', async () => {
    const own = await newPartner(unique('cap'), ['PERKS_MANAGE']);
    partners.push(own.id);
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) ids.push(await newPerk(own, {}));
    const create = 'mutation($input: CreatePerkInput!) { createPerk(input: $input) { id } }';
    const over = await gql(create, { input: { name: 'x', rule: {} } }, { apiKey: own.apiKey });
    expect(codes(over)).toEqual(['FORBIDDEN']);
    expect(over.errors![0]!.extensions!.reason).toBe('ACTIVE_PERK_LIMIT');

    const admin = await adminToken();
    const audited = async () =>
      (
        await gql<{
          auditLog: { totalCount: number; edges: { node: { action: string; targetId: string } }[] };
        }>('{ auditLog(first: 1) { totalCount edges { node { action targetId } } } }', {}, { token: admin })
      ).data!.auditLog;
    const before = (await audited()).totalCount;
    const archived = await gql(
      'mutation($id: ID!) { archivePerk(perkId: $id) { id } }',
      { id: ids[0] },
      { token: admin },
    );
    expect(archived.errors).toBeUndefined();
    const after = await audited();
    expect(after.totalCount).toBeGreaterThanOrEqual(before + 1);
    const mine = await cypher<{ actorId: string }>(
      "MATCH (a:AuditEntry {action: 'PERK_ARCHIVED', targetId: $id}) RETURN a.actorId AS actorId",
      { id: ids[0] },
    );
    expect(mine).toHaveLength(1);
    const renamed = await gql(
      'mutation($input: UpdatePerkInput!) { updatePerk(input: $input) { id } }',
      { input: { perkId: ids[1], rule: { minScore: 540 } } },
      { token: admin },
    );
    expect(renamed.errors).toBeUndefined();
    expect(
      await cypher("MATCH (a:AuditEntry {action: 'PERK_UPDATED', targetId: $id}) RETURN a.id", {
        id: ids[1],
      }),
    ).toHaveLength(1);
    // Room for one more.
    const again = await gql(create, { input: { name: 'x', rule: {} } }, { apiKey: own.apiKey });
    expect(again.errors).toBeUndefined();
  });
});
