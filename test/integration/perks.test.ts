import { afterAll, describe, expect, it } from 'vitest';
import { adminToken, codes, cypher, gql, newUser, removeUsers, unique } from './helpers.js';
import { consent, newPartner, newPerk, removePartners, setTrust } from './partner-helpers.js';

const users: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await removeUsers(users);
  await removePartners(partners);
});

const CHECK = `query($perkId: ID!, $userId: ID!) {
  eligibility(perkId: $perkId, userId: $userId) { userId eligible reasons band checkedAt validUntil perk { id } } }`;
const BATCH = `query($perkId: ID!, $userIds: [ID!]!) {
  eligibilities(perkId: $perkId, userIds: $userIds) { userId eligible reasons band } }`;
const CREATE = 'mutation($input: CreatePerkInput!) { createPerk(input: $input) { id } }';

async function scoredUser(value: number, band: string, dims: Record<string, number> = {}) {
  const user = await newUser();
  users.push(user.id);
  await setTrust([user.id], { value, band, ...dims });
  return user;
}

describe('perks', () => {
  it('refuses rules off the threshold grid, and lists valid perks publicly (anonymous may read)', async () => {
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const refused = async (rule: Record<string, unknown>) =>
      codes(await gql(CREATE, { input: { name: 'x', rule } }, { apiKey: partner.apiKey }));
    expect(await refused({ minScore: 901 })).toEqual(['BAD_USER_INPUT']);
    expect(await refused({ minScore: 299 })).toEqual(['BAD_USER_INPUT']);
    // Between band floors: a finer threshold is a finer question about the score (docs/privacy.md).
    expect(await refused({ minScore: 650 })).toEqual(['BAD_USER_INPUT']);
    expect(await refused({ minScore: 300 })).toEqual(['BAD_USER_INPUT']);
    expect(await refused({ minDimensions: [{ dimension: 'NETWORK', min: 1.01 }] })).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await refused({ minDimensions: [{ dimension: 'NETWORK', min: 0.3 }] })).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await refused({ minDimensions: [{ dimension: 'NETWORK', min: 1 }] })).toEqual(['BAD_USER_INPUT']);
    expect(await refused({ maxOpenDefaults: 3 })).toEqual(['BAD_USER_INPUT']);
    expect(await refused({ minAccountAgeDays: 10 })).toEqual(['BAD_USER_INPUT']);
    // Disputing is a right: no rule may refuse people for an open dispute.
    expect(await refused({ noOpenDisputes: true })).toEqual(['BAD_USER_INPUT']);
    expect(await refused({ minDimensions: [{ dimension: 'NETWORK', min: -0.1 }] })).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      await refused({
        minDimensions: [
          { dimension: 'HISTORY', min: 0.25 },
          { dimension: 'HISTORY', min: 0.5 },
        ],
      }),
    ).toEqual(['BAD_USER_INPUT']);
    expect(await refused({ maxOpenDefaults: -1 })).toEqual(['BAD_USER_INPUT']);

    const name = unique('Perk');
    const perkId = await newPerk(
      partner,
      { minScore: 780, minDimensions: [{ dimension: 'NETWORK', min: 0.75 }] },
      name,
    );
    const catalogue = await gql<{
      perks: { edges: { node: { id: string; name: string; rule: unknown; partner: { id: string } } }[] };
    }>(
      '{ perks(first: 100) { edges { node { id name partner { id name } rule { minScore minDimensions { dimension min } noOpenDisputes } } } } }',
    );
    expect(catalogue.errors).toBeUndefined();
    // Not necessarily on the first page when other tests made perks; look it up directly as well.
    const one = await gql(
      'query($id: ID!) { perk(id: $id) { name rule { minScore minDimensions { dimension min } } } }',
      {
        id: perkId,
      },
    );
    expect(one.data).toEqual({
      perk: { name, rule: { minScore: 780, minDimensions: [{ dimension: 'NETWORK', min: 0.75 }] } },
    });
    // Anonymous callers see the catalogue but not a partner's scopes.
    const scopes = await gql('query($id: ID!) { perk(id: $id) { partner { scopes } } }', { id: perkId });
    expect(codes(scopes)).toEqual(['UNAUTHENTICATED']);
  });

  it('only a partner with PERKS_MANAGE creates perks; only the owner (or an admin) updates them', async () => {
    const [owner, other, checker] = await Promise.all([
      newPartner(unique('P')),
      newPartner(unique('P')),
      newPartner(unique('P'), ['ELIGIBILITY_CHECK']),
    ]);
    partners.push(owner.id, other.id, checker.id);
    const input = { name: 'x', rule: {} };
    expect(codes(await gql(CREATE, { input }, { apiKey: checker.apiKey }))).toEqual(['FORBIDDEN']);
    const user = await newUser();
    users.push(user.id);
    expect(codes(await gql(CREATE, { input }, { token: user.token }))).toEqual(['FORBIDDEN']);
    const perkId = await newPerk(owner, {});
    const rename = 'mutation($input: UpdatePerkInput!) { updatePerk(input: $input) { name } }';
    const theirs = await gql(rename, { input: { perkId, name: 'stolen' } }, { apiKey: other.apiKey });
    expect(codes(theirs)).toEqual(['FORBIDDEN']);
    const admin = await gql(rename, { input: { perkId, name: 'renamed' } }, { token: await adminToken() });
    expect(admin.data).toEqual({ updatePerk: { name: 'renamed' } });
    const archived = await gql(
      'mutation($id: ID!) { archivePerk(perkId: $id) { archivedAt } }',
      { id: perkId },
      { apiKey: owner.apiKey },
    );
    expect(archived.data).toMatchObject({ archivePerk: { archivedAt: expect.any(String) } });
  });

  it('limits rule changes per perk per day (threshold probing); other edits stay free', async () => {
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const perkId = await newPerk(partner, { minScore: 420 });
    const update = 'mutation($input: UpdatePerkInput!) { updatePerk(input: $input) { rule { minScore } } }';
    const firstChange = Date.now();
    for (const minScore of [540, 660, 780]) {
      const ok = await gql(update, { input: { perkId, rule: { minScore } } }, { apiKey: partner.apiKey });
      expect(ok.data).toEqual({ updatePerk: { rule: { minScore } } });
    }
    const fourth = await gql(
      update,
      { input: { perkId, rule: { minScore: 420 } } },
      { apiKey: partner.apiKey },
    );
    expect(codes(fourth)).toEqual(['RATE_LIMITED']);
    // A day from the first change, less the time since it (however long the test took; 1 s for rounding up).
    expect(fourth.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(
      86_400 - Math.ceil((Date.now() - firstChange) / 1000) - 1,
    );
    const renamed = await gql(update, { input: { perkId, name: 'new name' } }, { apiKey: partner.apiKey });
    expect(renamed.data).toEqual({ updatePerk: { rule: { minScore: 780 } } });
  });
});

describe('eligibility', () => {
  it('decides yes or NOT_ELIGIBLE, never the score; the band only with SCORE_BAND consent', async () => {
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const perkId = await newPerk(partner, { minScore: 660 });
    const [high, low, banded] = await Promise.all([
      scoredUser(700, 'VERY_GOOD'),
      scoredUser(659, 'GOOD'),
      scoredUser(660, 'VERY_GOOD'),
    ]);
    await consent(high.token, partner.id);
    await consent(low.token, partner.id);
    await consent(banded.token, partner.id, ['ELIGIBILITY', 'SCORE_BAND']);
    const check = async (userId: string) =>
      (
        await gql<{ eligibility: Record<string, unknown> }>(
          CHECK,
          { perkId, userId },
          { apiKey: partner.apiKey },
        )
      ).data!.eligibility;
    const yes = await check(high.id);
    expect(yes).toMatchObject({
      userId: high.id,
      eligible: true,
      reasons: [],
      band: null,
      perk: { id: perkId },
    });
    expect(Date.parse(yes.validUntil as string) - Date.parse(yes.checkedAt as string)).toBe(24 * 3600 * 1000);
    expect(JSON.stringify(yes)).not.toContain('700');
    expect(await check(low.id)).toMatchObject({
      eligible: false,
      reasons: ['NOT_ELIGIBLE'],
      band: null,
    });
    // 660 meets a minimum of 660.
    expect(await check(banded.id)).toMatchObject({ eligible: true, reasons: [], band: 'VERY_GOOD' });
  });

  it('without consent (none, revoked, expired) the check is FORBIDDEN with NO_CONSENT, and the refusal is logged', async () => {
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const perkId = await newPerk(partner, {});
    const [none, revoked, expired] = await Promise.all([
      scoredUser(800, 'VERY_GOOD'),
      scoredUser(800, 'VERY_GOOD'),
      scoredUser(800, 'VERY_GOOD'),
    ]);
    await consent(revoked.token, partner.id);
    const revoke = await gql(
      'mutation($p: ID!) { revokeConsent(partnerId: $p) }',
      { p: partner.id },
      { token: revoked.token },
    );
    expect(revoke.data).toEqual({ revokeConsent: true });
    await consent(expired.token, partner.id, ['ELIGIBILITY'], new Date(Date.now() + 60_000).toISOString());
    await cypher(
      "MATCH (:User {id: $id})-[c:CONSENTED_TO]->() SET c.expiresAt = datetime() - duration('PT1M')",
      { id: expired.id },
    );
    const unknownId = unique('nobody');
    for (const subject of [none.id, revoked.id, expired.id, unknownId]) {
      const refused = await gql(CHECK, { perkId, userId: subject }, { apiKey: partner.apiKey });
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.errors![0]!.extensions!.reason).toBe('NO_CONSENT');
    }
    const logged = await cypher<{ subjectId: string; decision: boolean; reasons: string[] }>(
      'MATCH (q:Inquiry {partnerId: $p}) RETURN q.subjectId AS subjectId, q.decision AS decision, q.reasons AS reasons',
      { p: partner.id },
    );
    expect(logged).toHaveLength(4);
    for (const row of logged) expect(row).toMatchObject({ decision: false, reasons: ['NO_CONSENT'] });
    expect(new Set(logged.map((r) => r.subjectId))).toEqual(
      new Set([none.id, revoked.id, expired.id, unknownId]),
    );
    // The person sees the refused check too.
    const mine = await gql<{
      me: { inquiries: { totalCount: number; edges: { node: Record<string, unknown> }[] } };
    }>(
      '{ me { inquiries { totalCount edges { node { partner { id } perk { id } decision reasons subjectId } } } } }',
      {},
      { token: none.token },
    );
    expect(mine.data!.me.inquiries).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            partner: { id: partner.id },
            perk: { id: perkId },
            decision: false,
            reasons: ['NO_CONSENT'],
            subjectId: none.id,
          },
        },
      ],
    });
  });

  it('tells the partner NOT_ELIGIBLE and the person every unmet condition; NO_SCORE without a score', async () => {
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const perkId = await newPerk(partner, {
      minScore: 780,
      minDimensions: [
        { dimension: 'IDENTITY', min: 0.75 },
        { dimension: 'NETWORK', min: 0.25 },
      ],
      minIdentityAssurance: 'HIGH',
      maxOpenDefaults: 0,
      minAccountAgeDays: 30,
    });
    const admin = await adminToken();
    const failing = await newUser();
    users.push(failing.id);
    // The partner reports this person's defaults below, which needs the EVENTS consent too.
    await consent(failing.token, partner.id, ['ELIGIBILITY', 'EVENTS']);
    await gql(
      'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
      { input: { userId: failing.id, provider: 'social', subject: unique('s'), assurance: 'LOW' } },
      { token: admin },
    );
    const event = 'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }';
    const defaults = [];
    for (let i = 0; i < 2; i++) {
      const e = await gql<{ recordEvent: { id: string } }>(
        event,
        { input: { userId: failing.id, kind: 'COMMITMENT_DEFAULTED' } },
        { token: admin },
      );
      defaults.push(e.data!.recordEvent.id);
    }
    // Disputing one default does not take it off the record while under review (both defaults stay open), and a
    // dispute is open.
    const disputed = await gql(
      'mutation($input: DisputeItemInput!) { disputeItem(input: $input) { status } }',
      { input: { itemId: defaults[0], statement: 'I paid on time' } },
      { token: failing.token },
    );
    expect(disputed.data).toEqual({ disputeItem: { status: 'OPEN' } });
    // Set last: the trust engine refreshes the materialised score after each write above.
    await setTrust([failing.id], { value: 650, band: 'FAIR', identity: 0.5, network: 0.3 });
    const decision = await gql(CHECK, { perkId, userId: failing.id }, { apiKey: partner.apiKey });
    expect(decision.data).toMatchObject({ eligibility: { eligible: false, reasons: ['NOT_ELIGIBLE'] } });
    // The person sees which conditions were unmet; the partner may not.
    const INQUIRIES = '{ inquiries(first: 1) { edges { node { reasons unmetConditions } } } }';
    const mine = await gql<{
      me: { inquiries: { edges: { node: { reasons: string[]; unmetConditions: string[] } }[] } };
    }>(`{ me ${INQUIRIES} }`, {}, { token: failing.token });
    expect(mine.data!.me.inquiries.edges[0]!.node).toEqual({
      reasons: ['NOT_ELIGIBLE'],
      unmetConditions: [
        'SCORE_BELOW_THRESHOLD',
        'DIMENSION_BELOW_THRESHOLD:IDENTITY',
        'IDENTITY_ASSURANCE_TOO_LOW',
        'TOO_MANY_OPEN_DEFAULTS',
        'ACCOUNT_TOO_NEW',
      ],
    });
    const theirs = await gql(`query ${INQUIRIES}`, {}, { apiKey: partner.apiKey });
    expect(codes(theirs)).toEqual(['FORBIDDEN']);

    const unscored = await newUser();
    users.push(unscored.id);
    await consent(unscored.token, partner.id);
    const noScore = await gql(CHECK, { perkId, userId: unscored.id }, { apiKey: partner.apiKey });
    expect(noScore.data).toMatchObject({
      eligibility: { eligible: false, reasons: ['NO_SCORE'], band: null },
    });
  });

  it('a partner checks only its own perks, with ELIGIBILITY_CHECK, and at most 1,000 ids at once', async () => {
    const [owner, other, writer] = await Promise.all([
      newPartner(unique('P')),
      newPartner(unique('P')),
      newPartner(unique('P'), ['EVENTS_WRITE']),
    ]);
    partners.push(owner.id, other.id, writer.id);
    const perkId = await newPerk(owner, {});
    const user = await scoredUser(700, 'GOOD');
    await consent(user.token, other.id);
    const foreign = await gql(CHECK, { perkId, userId: user.id }, { apiKey: other.apiKey });
    expect(codes(foreign)).toEqual(['FORBIDDEN']);
    expect(codes(await gql(CHECK, { perkId, userId: user.id }, { apiKey: writer.apiKey }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await gql(CHECK, { perkId, userId: user.id }, { token: user.token }))).toEqual([
      'FORBIDDEN',
    ]);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `u${i}`);
    expect(codes(await gql(BATCH, { perkId, userIds: tooMany }, { apiKey: owner.apiKey }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('rate-limits repeated checks of the same person (20 a day per partner), logging the refusals', async () => {
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const perkId = await newPerk(partner, {});
    const user = await scoredUser(700, 'GOOD');
    await consent(user.token, partner.id);
    const batch = await gql<{ eligibilities: { reasons: string[] }[] }>(
      BATCH,
      { perkId, userIds: Array.from({ length: 21 }, () => user.id) },
      { apiKey: partner.apiKey },
    );
    const reasons = batch.data!.eligibilities.map((d) => d.reasons);
    expect(reasons.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => []));
    expect(reasons[20]).toEqual(['RATE_LIMITED']);
    const single = await gql(CHECK, { perkId, userId: user.id }, { apiKey: partner.apiKey });
    expect(codes(single)).toEqual(['RATE_LIMITED']);
    expect(single.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    const { n } = (
      await cypher<{ n: number }>('MATCH (q:Inquiry {partnerId: $p}) RETURN count(q) AS n', {
        p: partner.id,
      })
    )[0]!;
    expect(n).toBe(22);
  });
});

describe('eligibilities for many people', () => {
  it('decides 1,000 people in order with a constant number of queries, one inquiry each', async () => {
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const perkId = await newPerk(partner, { minScore: 660 });
    // Person i: consent when i is even; score 600 + 50·(i mod 5) → eligible iff i even and i mod 5 ≥ 2.
    const prefix = unique('bulk');
    const ids = Array.from({ length: 1000 }, (_, i) => `${prefix}_${i}`);
    users.push(...ids);
    await cypher(
      `UNWIND range(0, size($ids) - 1) AS i
       CREATE (u:User {id: $ids[i], handle: $ids[i], createdAt: datetime(), status: 'ACTIVE', scoringConsent: true,
                       trustValue: 600 + 50 * (i % 5), trustBand: 'GOOD', trustIdentity: 0.5, trustHistory: 0.5,
                       trustReputation: 0.5, trustNetwork: 0.5})
       WITH u, i WHERE i % 2 = 0
       MATCH (p:Partner {id: $partnerId})
       CREATE (u)-[:CONSENTED_TO {scopes: ['ELIGIBILITY'], grantedAt: datetime()}]->(p)`,
      { ids, partnerId: partner.id },
    );
    const small = await gql(BATCH, { perkId, userIds: ids.slice(0, 10) }, { apiKey: partner.apiKey });
    const started = performance.now();
    const large = await gql<{ eligibilities: { userId: string; eligible: boolean; reasons: string[] }[] }>(
      BATCH,
      { perkId, userIds: ids },
      { apiKey: partner.apiKey },
    );
    const elapsed = performance.now() - started;
    expect(large.errors).toBeUndefined();
    // The perk with the facts of all subjects, then the inquiries: 2, for 10 people as for 1,000; plus the key
    // lookup when the key is not in the key cache (partners.test.ts tests the cache).
    for (const response of [small, large]) {
      expect(response.extensions!.neo4jQueries).toBeGreaterThanOrEqual(2);
      expect(response.extensions!.neo4jQueries).toBeLessThanOrEqual(3);
    }
    const expected = ids.map((userId, i) => ({
      userId,
      eligible: i % 2 === 0 && i % 5 >= 2,
      reasons: i % 2 !== 0 ? ['NO_CONSENT'] : i % 5 >= 2 ? [] : ['NOT_ELIGIBLE'],
      band: null,
    }));
    expect(large.data!.eligibilities).toEqual(expected);
    const { n } = (
      await cypher<{ n: number }>(
        'MATCH (q:Inquiry {partnerId: $p}) WHERE q.subjectId STARTS WITH $prefix RETURN count(q) AS n',
        { p: partner.id, prefix },
      )
    )[0]!;
    expect(n).toBe(1010);
    console.log(
      `eligibilities for 1,000 people: ${large.extensions!.neo4jQueries} Neo4j queries, ${elapsed.toFixed(0)} ms`,
    );
    await cypher('MATCH (u:User) WHERE u.id STARTS WITH $prefix DETACH DELETE u', { prefix });
  });
});
