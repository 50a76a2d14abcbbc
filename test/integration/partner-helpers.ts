/** Helpers for the partner, perk, consent and audit tests: partners made through the API, cleaned up by id. */
import { adminToken, cypher, gql } from './helpers.js';

export interface TestPartner {
  id: string;
  apiKey: string;
}

export async function newPartner(
  name: string,
  scopes: string[] = ['ELIGIBILITY_CHECK', 'EVENTS_WRITE', 'PERKS_MANAGE'],
): Promise<TestPartner> {
  const response = await gql<{ createPartner: { partner: { id: string }; apiKey: string } }>(
    'mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } apiKey } }',
    { input: { name, scopes } },
    { token: await adminToken() },
  );
  if (response.errors) throw new Error(`createPartner failed: ${JSON.stringify(response.errors)}`);
  return { id: response.data!.createPartner.partner.id, apiKey: response.data!.createPartner.apiKey };
}

export async function newPerk(
  partner: TestPartner,
  rule: Record<string, unknown>,
  name = 'A perk',
): Promise<string> {
  const response = await gql<{ createPerk: { id: string } }>(
    'mutation($input: CreatePerkInput!) { createPerk(input: $input) { id } }',
    { input: { name, rule } },
    { apiKey: partner.apiKey },
  );
  if (response.errors) throw new Error(`createPerk failed: ${JSON.stringify(response.errors)}`);
  return response.data!.createPerk.id;
}

export async function consent(
  token: string,
  partnerId: string,
  scopes = ['ELIGIBILITY'],
  expiresAt?: string,
) {
  const response = await gql(
    'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { active } }',
    { input: { partnerId, scopes, expiresAt } },
    { token },
  );
  if (response.errors) throw new Error(`grantConsent failed: ${JSON.stringify(response.errors)}`);
}

/** Materialises a score on users the way the trust engine does (the contract in the foundation notes). */
export async function setTrust(
  userIds: string[],
  trust: {
    value: number;
    band: string;
    identity?: number;
    history?: number;
    reputation?: number;
    network?: number;
  },
) {
  await cypher(
    `MATCH (u:User) WHERE u.id IN $userIds
     SET u.scoringConsent = true, u.trustValue = $value, u.trustBand = $band,
         u.trustIdentity = $identity, u.trustHistory = $history, u.trustReputation = $reputation,
         u.trustNetwork = $network, u.trustComputedAt = datetime(), u.trustModelVersion = 'test'`,
    { userIds, identity: 0.5, history: 0.5, reputation: 0.5, network: 0.5, ...trust },
  );
}

/** Deletes partners, their perks, and inquiries and audit entries naming them. */
export async function removePartners(ids: string[]) {
  await cypher(`MATCH (q:Inquiry) WHERE q.partnerId IN $ids DETACH DELETE q`, { ids });
  await cypher(`MATCH (a:AuditEntry) WHERE a.targetId IN $ids DETACH DELETE a`, { ids });
  await cypher(
    `MATCH (p:Partner) WHERE p.id IN $ids OPTIONAL MATCH (p)-[:OFFERS]->(perk:Perk) DETACH DELETE perk, p`,
    { ids },
  );
}
