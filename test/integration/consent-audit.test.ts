import { afterAll, describe, expect, it } from 'vitest';
import { adminToken, codes, cypher, gql, newUser, removeUsers, unique } from './helpers.js';
import { consent, newPartner, newPerk, removePartners, setTrust } from './partner-helpers.js';

const users: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await removeUsers(users);
  await removePartners(partners);
});

const CHECK =
  'query($perkId: ID!, $userId: ID!) { eligibility(perkId: $perkId, userId: $userId) { eligible } }';
const INQUIRIES =
  '{ inquiries(first: 100) { totalCount edges { node { partner { id } subjectId decision } } } }';

describe('consent', () => {
  it('is granted, listed to its owner only, re-granted and revoked', async () => {
    const [user, other] = await Promise.all([newUser(), newUser()]);
    users.push(user.id, other.id);
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const expiresAt = '2099-01-01T00:00:00.000Z';
    await consent(user.token, partner.id, ['ELIGIBILITY', 'SCORE_BAND'], expiresAt);
    const CONSENTS = '{ me { consents { partner { id } scopes expiresAt revokedAt active } } }';
    expect((await gql(CONSENTS, {}, { token: user.token })).data).toEqual({
      me: {
        consents: [
          {
            partner: { id: partner.id },
            scopes: ['ELIGIBILITY', 'SCORE_BAND'],
            expiresAt,
            revokedAt: null,
            active: true,
          },
        ],
      },
    });
    const theirs = await gql(
      'query($id: ID!) { user(id: $id) { consents { active } } }',
      { id: user.id },
      { token: other.token },
    );
    expect(codes(theirs)).toEqual(['FORBIDDEN']);
    await gql('mutation($p: ID!) { revokeConsent(partnerId: $p) }', { p: partner.id }, { token: user.token });
    const after = await gql<{ me: { consents: { active: boolean; revokedAt: string | null }[] } }>(
      CONSENTS,
      {},
      {
        token: user.token,
      },
    );
    expect(after.data!.me.consents[0]).toMatchObject({ active: false, revokedAt: expect.any(String) });
    const again = await gql(
      'mutation($p: ID!) { revokeConsent(partnerId: $p) }',
      { p: partner.id },
      { token: user.token },
    );
    expect(codes(again)).toEqual(['NOT_FOUND']);
  });

  it('refuses bad grants: a past expiry, no ELIGIBILITY scope, an unknown partner, a partner caller', async () => {
    const user = await newUser();
    users.push(user.id);
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const grant = 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { active } }';
    const past = { partnerId: partner.id, scopes: ['ELIGIBILITY'], expiresAt: '2020-01-01T00:00:00Z' };
    expect(codes(await gql(grant, { input: past }, { token: user.token }))).toEqual(['BAD_USER_INPUT']);
    const bandOnly = { partnerId: partner.id, scopes: ['SCORE_BAND'] };
    expect(codes(await gql(grant, { input: bandOnly }, { token: user.token }))).toEqual(['BAD_USER_INPUT']);
    const unknown = { partnerId: unique('nope'), scopes: ['ELIGIBILITY'] };
    expect(codes(await gql(grant, { input: unknown }, { token: user.token }))).toEqual(['NOT_FOUND']);
    const asPartner = { partnerId: partner.id, scopes: ['ELIGIBILITY'] };
    expect(codes(await gql(grant, { input: asPartner }, { apiKey: partner.apiKey }))).toEqual(['FORBIDDEN']);
  });
});

describe('audit of inquiries', () => {
  it('the person sees who looked; a partner only its own inquiries; an admin all', async () => {
    const user = await newUser();
    users.push(user.id);
    await setTrust([user.id], { value: 720, band: 'VERY_GOOD' });
    const [a, b] = await Promise.all([newPartner(unique('A')), newPartner(unique('B'))]);
    partners.push(a.id, b.id);
    const [perkA, perkB] = await Promise.all([newPerk(a, { minScore: 660 }), newPerk(b, { minScore: 780 })]);
    await consent(user.token, a.id);
    await consent(user.token, b.id);
    const first = await gql(CHECK, { perkId: perkA, userId: user.id }, { apiKey: a.apiKey });
    const second = await gql(CHECK, { perkId: perkB, userId: user.id }, { apiKey: b.apiKey });
    expect(first.data).toEqual({ eligibility: { eligible: true } });
    expect(second.data).toEqual({ eligibility: { eligible: false } });
    const mine = await gql<{
      me: { inquiries: { totalCount: number; edges: { node: Record<string, unknown> }[] } };
    }>(
      '{ me { inquiries { totalCount edges { node { partner { id name } perk { id } decision reasons at } } } } }',
      {},
      { token: user.token },
    );
    // Newest first.
    expect(mine.data!.me.inquiries.totalCount).toBe(2);
    expect(mine.data!.me.inquiries.edges.map((e) => e.node)).toMatchObject([
      { partner: { id: b.id }, perk: { id: perkB }, decision: false, reasons: ['NOT_ELIGIBLE'] },
      { partner: { id: a.id }, perk: { id: perkA }, decision: true, reasons: [] },
    ]);
    const ofA = await gql<{ inquiries: { edges: { node: { partner: { id: string } } }[] } }>(
      INQUIRIES,
      {},
      {
        apiKey: a.apiKey,
      },
    );
    expect(ofA.data!.inquiries.edges.map((e) => e.node.partner.id)).toEqual([a.id]);
    // Pages go on from the cursor, still newest first: the second page is the older inquiry, and nothing after it.
    type Page = {
      me: {
        inquiries: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { partner: { id: string } } }[];
        };
      };
    };
    const PAGE =
      'query($after: String) { me { inquiries(first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { partner { id } } } } } }';
    const page1 = await gql<Page>(PAGE, {}, { token: user.token });
    const page2 = await gql<Page>(
      PAGE,
      { after: page1.data!.me.inquiries.pageInfo.endCursor },
      { token: user.token },
    );
    expect(page1.data!.me.inquiries.edges.map((e) => e.node.partner.id)).toEqual([b.id]);
    expect(page1.data!.me.inquiries.pageInfo.hasNextPage).toBe(true);
    expect(page2.data!.me.inquiries.edges.map((e) => e.node.partner.id)).toEqual([a.id]);
    expect(page2.data!.me.inquiries.pageInfo.hasNextPage).toBe(false);
    const all = await gql<{ inquiries: { totalCount: number } }>(
      INQUIRIES,
      {},
      { token: await adminToken() },
    );
    expect(all.data!.inquiries.totalCount).toBeGreaterThanOrEqual(2);
    expect(codes(await gql(INQUIRIES, {}, { token: user.token }))).toEqual(['FORBIDDEN']);
  });

  it('writes the inquiry in the decision transaction: same instant, and nothing when the check fails before deciding', async () => {
    const user = await newUser();
    users.push(user.id);
    await setTrust([user.id], { value: 720, band: 'VERY_GOOD' });
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const perkId = await newPerk(partner, {});
    await consent(user.token, partner.id);
    const decision = await gql<{ eligibility: { checkedAt: string } }>(
      'query($perkId: ID!, $userId: ID!) { eligibility(perkId: $perkId, userId: $userId) { checkedAt } }',
      { perkId, userId: user.id },
      { apiKey: partner.apiKey },
    );
    const [row] = await cypher<{ at: string }>(
      'MATCH (q:Inquiry {subjectId: $id}) RETURN toString(q.at) AS at',
      {
        id: user.id,
      },
    );
    expect(new Date(row!.at).toISOString()).toBe(decision.data!.eligibility.checkedAt);
    // An unknown perk decides nothing, so nothing is logged.
    const missing = await gql(CHECK, { perkId: unique('perk'), userId: user.id }, { apiKey: partner.apiKey });
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    const { n } = (
      await cypher<{ n: number }>('MATCH (q:Inquiry {subjectId: $id}) RETURN count(q) AS n', {
        id: user.id,
      })
    )[0]!;
    expect(n).toBe(1);
  });
});
