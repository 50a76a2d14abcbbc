/**
 * Adversary: a partner (or a person) trying to move someone's score with writes the person never accepted.
 * Replays each attack of issue 10, section 2, through HTTP and asserts the bound. Scores by hand from
 * docs/trust-model.md: a brand-new person scores 300 + 600·(0.30·HISTORY + 0.20·0.5) with HISTORY =
 * (0.5·3 + Σ outcome)/(3 + events), i.e. 450 with no events.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { mintToken } from '../../../src/auth/tokens.js';
import { WRITE_QUOTAS } from '../../../src/relationships/limits.js';
import {
  adminToken,
  codes,
  config,
  cypher,
  gql,
  newUser,
  removeUsers,
  unique,
  type GraphQLResponse,
} from '../helpers.js';
import { consent, newPartner, newPerk, removePartners } from '../partner-helpers.js';

const users: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await cypher('MATCH (a:AuditEntry) WHERE a.targetId IN $users DELETE a', { users });
  await removeUsers(users);
  await removePartners(partners);
});

const RECORD =
  'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id kind occurredAt source reporter { id name } } }';
const OPT_IN = 'mutation { setScoringConsent(enabled: true) { trustScoreStatus } }';
const SCORE = '{ me { trustScore { value } } }';
const DAY_SECONDS = 86_400;

async function person() {
  const user = await newUser();
  users.push(user.id);
  const optIn = await gql(OPT_IN, {}, { token: user.token });
  expect(optIn.errors).toBeUndefined();
  return user;
}

async function eventsPartner(scopes = ['EVENTS_WRITE']) {
  const partner = await newPartner(unique('P'), scopes);
  partners.push(partner.id);
  return partner;
}

async function scoreOf(token: string): Promise<number> {
  const response = await gql<{ me: { trustScore: { value: number } } }>(SCORE, {}, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.me.trustScore.value;
}

const storedEvents = async (userId: string) =>
  (
    await cypher<{ n: number }>('MATCH (:User {id: $userId})-[:HAS_EVENT]->(e:Event) RETURN count(e) AS n', {
      userId,
    })
  )[0]!.n;

const record = (apiKey: string, userId: string, kind = 'COMMITMENT_DEFAULTED', occurredAt?: string) =>
  gql(RECORD, { input: { userId, kind, occurredAt } }, { apiKey });

/** The refusal without its response status, as the partner sees it. */
const refusal = (response: GraphQLResponse) => ({ data: response.data, errors: response.errors });

describe('events need the person’s consent to that partner', () => {
  it('the 20-default attack on someone who never consented moves nothing and stores nothing', async () => {
    const victim = await person();
    const attacker = await eventsPartner();
    expect(await scoreOf(victim.token)).toBe(450);
    // Today's attack: 20 defaults took a person from 450 to 372 (POOR).
    for (let i = 0; i < 20; i++) {
      const response = await record(attacker.apiKey, victim.id);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_CONSENT' });
    }
    expect(await scoreOf(victim.token)).toBe(450);
    expect(await storedEvents(victim.id)).toBe(0);
  });

  it('consent to check eligibility, an expired or a revoked EVENTS consent do not let a partner report', async () => {
    const [checked, expired, revoked] = await Promise.all([person(), person(), person()]);
    const attacker = await eventsPartner(['EVENTS_WRITE', 'ELIGIBILITY_CHECK']);
    await consent(checked.token, attacker.id, ['ELIGIBILITY', 'SCORE_BAND']);
    await consent(expired.token, attacker.id, ['EVENTS'], new Date(Date.now() + 60_000).toISOString());
    await cypher(
      `MATCH (:User {id: $id})-[c:CONSENTED_TO]->(:Partner {id: $p})
       SET c.expiresAt = datetime() - duration('PT1S')`,
      { id: expired.id, p: attacker.id },
    );
    await consent(revoked.token, attacker.id, ['EVENTS']);
    await gql(
      'mutation($p: ID!) { revokeConsent(partnerId: $p) }',
      { p: attacker.id },
      { token: revoked.token },
    );
    for (const victim of [checked, expired, revoked]) {
      const response = await record(attacker.apiKey, victim.id);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_CONSENT' });
      expect(await storedEvents(victim.id)).toBe(0);
      expect(await scoreOf(victim.token)).toBe(450);
    }
  });

  it('an unknown id and every kind of person without EVENTS consent get the identical answer', async () => {
    const [noConsent, onlyEligibility, revoked] = await Promise.all([person(), person(), person()]);
    const prober = await eventsPartner();
    await consent(onlyEligibility.token, prober.id, ['ELIGIBILITY']);
    await consent(revoked.token, prober.id, ['EVENTS']);
    await gql(
      'mutation($p: ID!) { revokeConsent(partnerId: $p) }',
      { p: prober.id },
      { token: revoked.token },
    );
    const unknown = refusal(await record(prober.apiKey, unique('nobody')));
    // Code, message, extensions, path, data and HTTP status alike: nothing tells an account from no account.
    expect(unknown.errors).toHaveLength(1);
    expect(unknown.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    for (const victim of [noConsent, onlyEligibility, revoked]) {
      const response = await record(prober.apiKey, victim.id);
      expect(refusal(response)).toEqual(unknown);
      expect(response.status).toBe((await record(prober.apiKey, unique('nobody'))).status);
    }
    // With a date that would be refused for a consenting person, too: consent is decided first.
    const ancient = '0001-01-01T00:00:00Z';
    expect(refusal(await record(prober.apiKey, noConsent.id, 'COMMITMENT_LATE', ancient))).toEqual(
      refusal(await record(prober.apiKey, unique('nobody'), 'COMMITMENT_LATE', ancient)),
    );
  });

  it('EVENTS is a consent scope of its own: listed, revocable, and no eligibility without ELIGIBILITY', async () => {
    const subject = await person();
    const partner = await eventsPartner(['EVENTS_WRITE', 'ELIGIBILITY_CHECK', 'PERKS_MANAGE']);
    const grant = 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { scopes active } }';
    const bandWithoutEligibility = await gql(
      grant,
      { input: { partnerId: partner.id, scopes: ['EVENTS', 'SCORE_BAND'] } },
      { token: subject.token },
    );
    expect(codes(bandWithoutEligibility)).toEqual(['BAD_USER_INPUT']);
    const granted = await gql(
      grant,
      { input: { partnerId: partner.id, scopes: ['EVENTS'] } },
      { token: subject.token },
    );
    expect(granted.data).toEqual({ grantConsent: { scopes: ['EVENTS'], active: true } });
    const listed = await gql(
      '{ me { consents { partner { id } scopes active } } }',
      {},
      { token: subject.token },
    );
    expect(listed.data).toEqual({
      me: { consents: [{ partner: { id: partner.id }, scopes: ['EVENTS'], active: true }] },
    });
    const perkId = await newPerk(partner, {});
    // EVENTS alone lets the partner check nothing: it gets what it gets for an id that is nobody's.
    const check = (userId: string) =>
      gql(
        'query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { eligible } }',
        { p: perkId, u: userId },
        { apiKey: partner.apiKey },
      );
    const checked = refusal(await check(subject.id));
    expect(checked).toEqual(refusal(await check(unique('nobody'))));
    expect(JSON.stringify(checked)).not.toContain('"eligible":true');
    expect((await record(partner.apiKey, subject.id, 'COMMITMENT_FULFILLED')).errors).toBeUndefined();
    await gql(
      'mutation($p: ID!) { revokeConsent(partnerId: $p) }',
      { p: partner.id },
      { token: subject.token },
    );
    expect(codes(await record(partner.apiKey, subject.id, 'COMMITMENT_FULFILLED'))).toEqual(['FORBIDDEN']);
    expect(await storedEvents(subject.id)).toBe(1);
  });
});

describe('occurredAt lies between the start of the relationship and now', () => {
  it('refuses year-0001 dates, dates before the EVENTS grant and future dates; re-granting keeps the start', async () => {
    const subject = await person();
    const partner = await eventsPartner();
    await consent(subject.token, partner.id, ['EVENTS']);
    const sinceOf = async () =>
      (
        await cypher<{ since: string }>(
          `MATCH (:User {id: $id})-[c:CONSENTED_TO]->(:Partner {id: $p}) RETURN toString(c.eventsSince) AS since`,
          { id: subject.id, p: partner.id },
        )
      )[0]!.since;
    const since = await sinceOf();
    // The person sees it on the consent.
    const mine = await gql<{ me: { consents: { eventsSince: string }[] } }>(
      '{ me { consents { eventsSince } } }',
      {},
      { token: subject.token },
    );
    expect(Date.parse(mine.data!.me.consents[0]!.eventsSince)).toBe(Date.parse(since));
    const refusedField = (response: GraphQLResponse) => response.errors?.[0]?.extensions;
    for (const occurredAt of [
      '0001-01-01T00:00:00Z',
      new Date(Date.parse(since) - 60_000).toISOString(),
      new Date(Date.now() + 3_600_000).toISOString(),
    ]) {
      const response = await record(partner.apiKey, subject.id, 'COMMITMENT_DEFAULTED', occurredAt);
      expect(refusedField(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
    }
    expect(await storedEvents(subject.id)).toBe(0);
    expect(await scoreOf(subject.token)).toBe(450);

    // Adding a scope re-grants the consent; the relationship (and its start) goes on.
    await consent(subject.token, partner.id, ['ELIGIBILITY', 'EVENTS']);
    expect(await sinceOf()).toBe(since);
    const inWindow = new Date(Date.parse(since) + 1).toISOString();
    const accepted = await record(partner.apiKey, subject.id, 'COMMITMENT_FULFILLED', inWindow);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.recordEvent).toMatchObject({ occurredAt: inWindow, source: partner.id });

    // After a revocation the relationship starts again: what happened in between cannot be reported.
    await gql(
      'mutation($p: ID!) { revokeConsent(partnerId: $p) }',
      { p: partner.id },
      { token: subject.token },
    );
    await consent(subject.token, partner.id, ['EVENTS']);
    expect(Date.parse(await sinceOf())).toBeGreaterThan(Date.parse(since));
    expect(
      refusedField(await record(partner.apiKey, subject.id, 'COMMITMENT_DEFAULTED', inWindow)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
  });
});

describe('a partner’s reports about one person are capped per day, durably', () => {
  const cap = WRITE_QUOTAS.eventsPerPartnerPerPersonPerDay;

  it('the 20-default attack with consent stops at the cap; the count lives in Neo4j', async () => {
    expect(cap).toBe(3);
    const subject = await person();
    const partner = await eventsPartner();
    await consent(subject.token, partner.id, ['EVENTS']);
    const outcomes: GraphQLResponse[] = [];
    for (let i = 0; i < 20; i++) outcomes.push(await record(partner.apiKey, subject.id));
    expect(outcomes.slice(0, cap).every((r) => r.errors === undefined)).toBe(true);
    for (const refused of outcomes.slice(cap)) {
      expect(refused.status).toBe(429);
      expect(refused.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
      // The oldest of the three leaves the 24-hour window in just under a day.
      const retry = refused.errors![0]!.extensions!.retryAfterSeconds as number;
      expect(retry).toBeGreaterThan(DAY_SECONDS - 120);
      expect(retry).toBeLessThanOrEqual(DAY_SECONDS);
    }
    // The HTTP answer carries Retry-After too, equal to retryAfterSeconds.
    const raw = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': partner.apiKey },
      body: JSON.stringify({
        query: RECORD,
        variables: { input: { userId: subject.id, kind: 'COMMITMENT_LATE' } },
      }),
    });
    const body = (await raw.json()) as GraphQLResponse;
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe(String(body.errors![0]!.extensions!.retryAfterSeconds));
    // Three defaults: HISTORY = 1.5/6 = 0.25 → 300 + 600·(0.075 + 0.1) = 405 (20 took it to 372 before).
    expect(await scoreOf(subject.token)).toBe(405);
    expect(await storedEvents(subject.id)).toBe(cap);

    // The window is counted from the stored events themselves: once they are older than a day (moved back here,
    // as a restarted or second gateway would find them), the partner may report again, and only then.
    await cypher(
      `MATCH (:User {id: $id})-[:HAS_EVENT]->(e:Event {source: $p}) SET e.recordedAt = e.recordedAt - duration('PT25H')`,
      { id: subject.id, p: partner.id },
    );
    expect((await record(partner.apiKey, subject.id, 'COMMITMENT_FULFILLED')).errors).toBeUndefined();
  });

  it('holds against a burst of concurrent reports', async () => {
    const subject = await person();
    const partner = await eventsPartner();
    await consent(subject.token, partner.id, ['EVENTS']);
    const burst = await Promise.all(Array.from({ length: 10 }, () => record(partner.apiKey, subject.id)));
    expect(burst.filter((r) => r.errors === undefined)).toHaveLength(cap);
    expect(burst.filter((r) => codes(r)[0] === 'RATE_LIMITED')).toHaveLength(10 - cap);
    expect(await storedEvents(subject.id)).toBe(cap);
  });

  it('is per partner: another partner needs its own consent and has its own cap', async () => {
    const subject = await person();
    const [first, second] = await Promise.all([eventsPartner(), eventsPartner()]);
    await consent(subject.token, first.id, ['EVENTS']);
    for (let i = 0; i < cap; i++) await record(first.apiKey, subject.id, 'COMMITMENT_FULFILLED');
    expect(codes(await record(second.apiKey, subject.id, 'COMMITMENT_FULFILLED'))).toEqual(['FORBIDDEN']);
    await consent(subject.token, second.id, ['EVENTS']);
    expect((await record(second.apiKey, subject.id, 'COMMITMENT_FULFILLED')).errors).toBeUndefined();
    expect(codes(await record(first.apiKey, subject.id, 'COMMITMENT_FULFILLED'))).toEqual(['RATE_LIMITED']);
  });
});

describe('the person sees who reported each event and can dispute it', () => {
  it('names the reporting partner on the event; a partner-reported default is disputed and removed', async () => {
    const subject = await person();
    const partner = await eventsPartner();
    await consent(subject.token, partner.id, ['EVENTS']);
    const reported = await record(partner.apiKey, subject.id);
    expect(reported.errors).toBeUndefined();
    const eventId = (reported.data as { recordEvent: { id: string } }).recordEvent.id;
    const admin = await adminToken();
    await gql(RECORD, { input: { userId: subject.id, kind: 'COMMITMENT_FULFILLED' } }, { token: admin });

    const seen = await gql<{
      me: {
        events: {
          edges: { node: { id: string; kind: string; reporter: { id: string; name: string } | null } }[];
        };
      };
    }>('{ me { events { edges { node { id kind reporter { id name } } } } } }', {}, { token: subject.token });
    expect(seen.errors).toBeUndefined();
    const byKind = Object.fromEntries(seen.data!.me.events.edges.map((e) => [e.node.kind, e.node]));
    const [partnerName] = await cypher<{ name: string }>(
      'MATCH (p:Partner {id: $id}) RETURN p.name AS name',
      {
        id: partner.id,
      },
    );
    expect(byKind.COMMITMENT_DEFAULTED!.reporter).toEqual({ id: partner.id, name: partnerName!.name });
    expect(byKind.COMMITMENT_FULFILLED!.reporter).toBeNull();
    // Who reports about a person is the person's own business (and admins'): others are refused.
    const stranger = await newUser();
    users.push(stranger.id);
    const peek = await gql(
      'query($id: ID!) { user(id: $id) { events { edges { node { reporter { id } } } } } }',
      { id: subject.id },
      { token: stranger.token },
    );
    expect(codes(peek)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(peek.data)).not.toContain(partner.id);

    // One default and one fulfilment: HISTORY = 2.5/5 = 0.5 → 450.
    expect(await scoreOf(subject.token)).toBe(450);
    const dispute = await gql<{ disputeItem: { id: string; itemKind: string; status: string } }>(
      'mutation($input: DisputeItemInput!) { disputeItem(input: $input) { id itemKind status } }',
      { input: { itemId: eventId, statement: 'I returned the bike on time.' } },
      { token: subject.token },
    );
    expect(dispute.data!.disputeItem).toMatchObject({ itemKind: 'EVENT', status: 'OPEN' });
    const resolved = await gql(
      'mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { status } }',
      { input: { disputeId: dispute.data!.disputeItem.id, outcome: 'UPHELD' } },
      { token: admin },
    );
    expect(resolved.data).toEqual({ resolveDispute: { status: 'UPHELD' } });
    // Only the fulfilment is left: HISTORY = 2.5/4 = 0.625 → 300 + 600·(0.1875 + 0.1) = 472.5 → 473.
    expect(await scoreOf(subject.token)).toBe(473);
  });
});

describe('admin-recorded events are audited', () => {
  it('with the admin’s id, in the write’s own transaction (a refused write leaves no entry)', async () => {
    const subject = await person();
    const adminId = unique('admin');
    const admin = await mintToken(config.jwtSecret, { sub: adminId, role: 'admin' });
    const entries = () =>
      cypher<{ actorId: string; action: string }>(
        'MATCH (a:AuditEntry {targetId: $id}) RETURN a.actorId AS actorId, a.action AS action',
        { id: subject.id },
      );
    const recorded = await gql(
      RECORD,
      { input: { userId: subject.id, kind: 'COMMITMENT_LATE' } },
      { token: admin },
    );
    expect(recorded.errors).toBeUndefined();
    expect(await entries()).toEqual([{ actorId: adminId, action: 'EVENT_RECORDED' }]);
    const refused = await gql(
      RECORD,
      { input: { userId: subject.id, kind: 'COMMITMENT_LATE', occurredAt: '0001-01-01T00:00:00Z' } },
      { token: admin },
    );
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(await entries()).toHaveLength(1);
    const log = await gql<{
      auditLog: { edges: { node: { actorId: string; action: string; targetId: string } }[] };
    }>('{ auditLog(first: 100) { edges { node { actorId action targetId } } } }', {}, { token: admin });
    expect(log.data!.auditLog.edges.map((e) => e.node)).toContainEqual({
      actorId: adminId,
      action: 'EVENT_RECORDED',
      targetId: subject.id,
    });
  });
});

describe('a person re-rating the same person again and again', () => {
  const RATE = 'mutation($input: RateInput!) { rate(input: $input) { id } }';
  const cap = WRITE_QUOTAS.ratingsPerTargetPerDay;

  it('is capped per target per day, counted from the stored ratings; the target’s history stays bounded', async () => {
    expect(cap).toBe(3);
    const [rater, target] = await Promise.all([newUser(), person()]);
    users.push(rater.id);
    const outcomes: GraphQLResponse[] = [];
    for (let i = 0; i < 12; i++)
      outcomes.push(
        await gql(
          RATE,
          { input: { targetId: target.id, rating: i % 2 === 0 ? -10 : 10 } },
          { token: rater.token },
        ),
      );
    expect(outcomes.slice(0, cap).every((r) => r.errors === undefined)).toBe(true);
    for (const refused of outcomes.slice(cap)) {
      expect(refused.status).toBe(429);
      expect(refused.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
      const retry = refused.errors![0]!.extensions!.retryAfterSeconds as number;
      expect(retry).toBeGreaterThan(DAY_SECONDS - 120);
      expect(retry).toBeLessThanOrEqual(DAY_SECONDS);
    }
    const [stored] = await cypher<{ current: number; past: number }>(
      `MATCH (a:User {id: $rater})
       RETURN COUNT { (a)-[:RATED]->(:User {id: $target}) } AS current,
              COUNT { (a)-[:RATED_BEFORE]->(:PastRating {targetId: $target}) } AS past`,
      { rater: rater.id, target: target.id },
    );
    expect(stored).toEqual({ current: 1, past: cap - 1 });
    // A different target is a different count.
    const other = await person();
    expect(
      (await gql(RATE, { input: { targetId: other.id, rating: 5 } }, { token: rater.token })).errors,
    ).toBeUndefined();

    // Counted from what Neo4j holds: once those ratings are a day old the rater may change it again.
    await cypher(
      `MATCH (a:User {id: $rater})-[r:RATED]->(:User {id: $target}) SET r.createdAt = r.createdAt - duration('PT25H')
       WITH a MATCH (a)-[:RATED_BEFORE]->(p:PastRating {targetId: $target}) SET p.createdAt = p.createdAt - duration('PT25H')`,
      { rater: rater.id, target: target.id },
    );
    expect(
      (await gql(RATE, { input: { targetId: target.id, rating: 3 } }, { token: rater.token })).errors,
    ).toBeUndefined();
  });

  it('holds against a burst of concurrent ratings', async () => {
    const [rater, target] = await Promise.all([newUser(), person()]);
    users.push(rater.id);
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        gql(RATE, { input: { targetId: target.id, rating: i + 1 } }, { token: rater.token }),
      ),
    );
    expect(burst.filter((r) => r.errors === undefined)).toHaveLength(cap);
    expect(burst.filter((r) => codes(r)[0] === 'RATE_LIMITED')).toHaveLength(8 - cap);
  });
});
