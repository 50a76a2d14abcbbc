/**
 * Contract 2027-01, what the web app needs in one request: band ranges, structured unmet conditions with
 * summaries, the perks each improvement unlocks, an inquiry's single decision reason, a partner's own perks
 * (archived too) and a partner rotating its own key. Expected values by hand from docs/trust-model.md and the
 * perk rules.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { adminToken, codes, gql, newUser, removeUsers, unique } from './helpers.js';
import { consent, newPartner, newPerk, removePartners } from './partner-helpers.js';

const users: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await removePartners(partners);
  await removeUsers(users);
});

const OPT_IN = 'mutation { setScoringConsent(enabled: true) { trustScoreStatus } }';

describe('contract 2027-01', () => {
  it('gives the band ranges with the score', async () => {
    const user = await newUser();
    users.push(user.id);
    await gql(OPT_IN, {}, { token: user.token });
    const response = await gql<{ me: { trustScore: { bands: unknown[] } } }>(
      '{ me { trustScore { bands { band min max } } } }',
      {},
      { token: user.token },
    );
    // Band floors 420 / 540 / 660 / 780 on the 300..900 scale.
    expect(response.data!.me.trustScore.bands).toEqual([
      { band: 'POOR', min: 300, max: 419 },
      { band: 'FAIR', min: 420, max: 539 },
      { band: 'GOOD', min: 540, max: 659 },
      { band: 'VERY_GOOD', min: 660, max: 779 },
      { band: 'EXCELLENT', min: 780, max: 900 },
    ]);
  });

  it('structures unmet conditions and says which single action unlocks a perk', async () => {
    const partner = await newPartner(unique('contract'));
    partners.push(partner.id);
    const identityPerk = await newPerk(partner, { minIdentityAssurance: 'SUBSTANTIAL' }, 'Needs a bank ID');
    const networkPerk = await newPerk(
      partner,
      { minDimensions: [{ dimension: 'NETWORK', min: 0.25 }] },
      'Needs vouches',
    );
    const user = await newUser();
    users.push(user.id);
    await gql(OPT_IN, {}, { token: user.token });
    const response = await gql<{
      me: {
        perks: {
          perk: { id: string };
          unmet: unknown[];
          missing: { condition: unknown }[];
          unlockedBy: string[];
        }[];
        trustScore: {
          explanation: { improvements: { action: string; unlocksPerks: { id: string }[] }[] };
        };
      };
    }>(
      `{ me {
          perks { perk { id } unmet { code dimension summary } missing { condition { code dimension } } unlockedBy }
          trustScore { explanation { improvements { action unlocksPerks { id } } } } } }`,
      {},
      { token: user.token },
    );
    expect(response.errors).toBeUndefined();
    const standing = (id: string) => response.data!.me.perks.find((p) => p.perk.id === id)!;
    // A brand-new user has no identity: SUBSTANTIAL or HIGH verification meets the rule, LOW does not.
    expect(standing(identityPerk).unmet).toEqual([
      {
        code: 'IDENTITY_ASSURANCE_TOO_LOW',
        dimension: null,
        summary: 'You have no verified identity of the assurance this perk asks for',
      },
    ]);
    expect(standing(identityPerk).unlockedBy).toEqual([
      'VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY',
      'VERIFY_HIGH_ASSURANCE_IDENTITY',
    ]);
    // No vouches: NETWORK is 0, below 0.25, and no improvement action changes NETWORK.
    expect(standing(networkPerk).unmet).toEqual([
      {
        code: 'DIMENSION_BELOW_THRESHOLD',
        dimension: 'NETWORK',
        summary: "Your network dimension is below this perk's minimum for it",
      },
    ]);
    expect(standing(networkPerk).missing[0]!.condition).toEqual({
      code: 'DIMENSION_BELOW_THRESHOLD',
      dimension: 'NETWORK',
    });
    expect(standing(networkPerk).unlockedBy).toEqual([]);
    const unlocks = Object.fromEntries(
      response.data!.me.trustScore.explanation.improvements.map((i) => [
        i.action,
        i.unlocksPerks.map((p) => p.id).filter((id) => id === identityPerk || id === networkPerk),
      ]),
    );
    expect(unlocks.VERIFY_HIGH_ASSURANCE_IDENTITY).toEqual([identityPerk]);
    expect(unlocks.VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY).toEqual([identityPerk]);
    expect(unlocks.VERIFY_LOW_ASSURANCE_IDENTITY).toEqual([]);
  });

  it("tells the person the inquiry's decision reason and exact conditions, the partner only the reason", async () => {
    const partner = await newPartner(unique('contract'));
    partners.push(partner.id);
    const perk = await newPerk(partner, { minIdentityAssurance: 'HIGH' }, 'Needs an eID');
    const user = await newUser();
    users.push(user.id);
    await gql(OPT_IN, {}, { token: user.token });
    await consent(user.token, partner.id);
    const check = await gql<{ eligibility: { reasons: string[] } }>(
      'query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { reasons } }',
      { p: perk, u: user.id },
      { apiKey: partner.apiKey },
    );
    expect(check.data!.eligibility.reasons).toEqual(['NOT_ELIGIBLE']);
    const mine = await gql<{ me: { inquiries: { edges: { node: unknown }[] } } }>(
      '{ me { inquiries { edges { node { decision decisionReason unmet { code dimension } } } } } }',
      {},
      { token: user.token },
    );
    expect(mine.data!.me.inquiries.edges.map((e) => e.node)).toEqual([
      {
        decision: false,
        decisionReason: 'NOT_ELIGIBLE',
        unmet: [{ code: 'IDENTITY_ASSURANCE_TOO_LOW', dimension: null }],
      },
    ]);
    const theirs = await gql<{ inquiries: { edges: { node: { decisionReason: string } }[] } }>(
      '{ inquiries(first: 5) { edges { node { decisionReason } } } }',
      {},
      { apiKey: partner.apiKey },
    );
    expect(theirs.data!.inquiries.edges.map((e) => e.node.decisionReason)).toEqual(['NOT_ELIGIBLE']);
    const peek = await gql(
      '{ inquiries(first: 5) { edges { node { unmet { code } } } } }',
      {},
      {
        apiKey: partner.apiKey,
      },
    );
    expect(codes(peek)).toContain('FORBIDDEN');
  });

  it("lists a partner's own perks, archived too, and lets it rotate its own key (shown once)", async () => {
    const partner = await newPartner(unique('contract'));
    partners.push(partner.id);
    const kept = await newPerk(partner, { minScore: 420 }, 'Kept');
    const archived = await newPerk(partner, { minScore: 540 }, 'Archived');
    await gql(
      'mutation($id: ID!) { archivePerk(perkId: $id) { id } }',
      { id: archived },
      { apiKey: partner.apiKey },
    );
    const own = await gql<{ currentPartner: { perks: { id: string; archivedAt: string | null }[] } }>(
      '{ currentPartner { perks { id archivedAt } } }',
      {},
      { apiKey: partner.apiKey },
    );
    const perks = own.data!.currentPartner.perks;
    expect(perks.map((p) => p.id)).toEqual([kept, archived]);
    expect(perks[0]!.archivedAt).toBeNull();
    expect(perks[1]!.archivedAt).not.toBeNull();

    const rotated = await gql<{ rotateCurrentPartnerKey: { apiKey: string; partner: { id: string } } }>(
      'mutation { rotateCurrentPartnerKey { apiKey partner { id } } }',
      {},
      { apiKey: partner.apiKey },
    );
    const fresh = rotated.data!.rotateCurrentPartnerKey;
    expect(fresh.partner.id).toBe(partner.id);
    expect(fresh.apiKey).not.toBe(partner.apiKey);
    const withNew = await gql<{ currentPartner: { id: string } }>(
      '{ currentPartner { id } }',
      {},
      {
        apiKey: fresh.apiKey,
      },
    );
    expect(withNew.data!.currentPartner.id).toBe(partner.id);
    const withOld = await gql('{ currentPartner { id } }', {}, { apiKey: partner.apiKey });
    expect(codes(withOld)).toEqual(['UNAUTHENTICATED']);
    // Only a partner rotates its own key; an admin uses rotatePartnerKey(partnerId).
    const admin = await gql(
      'mutation { rotateCurrentPartnerKey { apiKey } }',
      {},
      { token: await adminToken() },
    );
    expect(codes(admin)).toEqual(['FORBIDDEN']);
  });
});
