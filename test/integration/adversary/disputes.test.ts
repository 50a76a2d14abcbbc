/**
 * Disputes played as an attacker through HTTP: disputing every negative item must not lift the score, a
 * rejected dispute must not be reopened to hide the item again without new evidence, and a dispute nobody
 * decides within 30 days must be upheld (time moved by rewriting the dispute's stored `openedAt`, never slept).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../../src/db/driver.js';
import { privacySweep } from '../../../src/privacy/service.js';
import { adminToken, config, cypher, driver, gql, newUser, removeUsers } from '../helpers.js';

const users: string[] = [];
const disputeIds: string[] = [];
afterAll(async () => {
  await cypher('MATCH (a:AuditEntry) WHERE a.targetId IN $ids OR a.targetId IN $users DELETE a', {
    ids: disputeIds,
    users,
  });
  await removeUsers(users);
});

const DISPUTE = 'mutation($input: DisputeItemInput!) { disputeItem(input: $input) { id status } }';
const RESOLVE = 'mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { status } }';
const SCORE = '{ me { trustScore { value explanation { itemsUnderReview } } } }';

/**
 * Hand computation (model 2026-11.x): a brand-new account scores 450 = 300 + 600·(0.30·HISTORY 0.5 +
 * 0.20·REPUTATION 0.5), IDENTITY and NETWORK 0. With d unresolved defaults just recorded (weight 1 each), HISTORY
 * = (0.5·3 + 0)/(3 + d), so the score is 300 + 600·(0.30·1.5/(3 + d) + 0.10):
 *   d = 5: 300 + 600·(0.05625 + 0.1) = 393.75 → 394
 *   d = 4: 300 + 600·(0.0642857 + 0.1) = 398.57 → 399
 *   d = 3: 300 + 600·(0.075 + 0.1) = 405
 *   d = 0: 450 (what disputing all five lifted the score to before: +56 at once).
 */
const WITH_DEFAULTS: Record<number, number> = { 5: 394, 4: 399, 3: 405, 0: 450 };

async function scoredPersonWithDefaults(count: number) {
  const person = await newUser();
  users.push(person.id);
  const opted = await gql(
    'mutation { setScoringConsent(enabled: true) { id } }',
    {},
    { token: person.token },
  );
  expect(opted.errors).toBeUndefined();
  // The defaults are set up directly (this file attacks disputes, not event reporting), then scored over HTTP.
  const rows = await cypher<{ id: string }>(
    `MATCH (u:User {id: $id}) UNWIND range(1, $count) AS k
     CREATE (u)-[:HAS_EVENT]->(e:Event {id: randomUUID(), kind: 'COMMITMENT_DEFAULTED', occurredAt: datetime(),
                                         source: 'test', recordedAt: datetime()})
     RETURN e.id AS id`,
    { id: person.id, count },
  );
  const admin = await adminToken();
  const recomputed = await gql(
    'mutation($u: ID!) { recomputeTrust(userId: $u) { value } }',
    { u: person.id },
    {
      token: admin,
    },
  );
  expect(recomputed.errors).toBeUndefined();
  return { ...person, events: rows.map((r) => r.id), admin };
}

async function scoreOf(token: string) {
  const response = await gql<{
    me: { trustScore: { value: number; explanation: { itemsUnderReview: number } } };
  }>(SCORE, {}, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.me.trustScore;
}

const reasonOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.map((e) => [e.extensions?.code, e.extensions?.reason]);

describe('adversary: disputes', () => {
  it('disputing every negative item does not lift the score while they are under review', async () => {
    const person = await scoredPersonWithDefaults(5);
    expect((await scoreOf(person.token)).value).toBe(WITH_DEFAULTS[5]);
    for (const itemId of person.events) {
      const filed = await gql<{ disputeItem: { id: string; status: string } }>(
        DISPUTE,
        { input: { itemId, statement: 'Not mine' } },
        { token: person.token },
      );
      expect(filed.data?.disputeItem.status).toBe('OPEN');
      disputeIds.push(filed.data!.disputeItem.id);
    }
    // Still 394, not 450: the items count, marked as under review.
    expect(await scoreOf(person.token)).toEqual({
      value: WITH_DEFAULTS[5],
      explanation: { itemsUnderReview: 5 },
    });
    // Partners' decisions read the same facts: the five defaults stay on the record, marked `disputed`; none
    // carries `underDispute`, the old exclusion mark that eligibility facts still leave out.
    const [marked] = await cypher<{ disputed: number; excluded: number }>(
      `MATCH (:User {id: $id})-[:HAS_EVENT]->(e:Event {kind: 'COMMITMENT_DEFAULTED'})
       RETURN count(CASE WHEN e.disputed THEN 1 END) AS disputed,
              count(CASE WHEN e.underDispute THEN 1 END) AS excluded`,
      { id: person.id },
    );
    expect(marked).toEqual({ disputed: 5, excluded: 0 });
  });

  it('a rejected dispute cannot be reopened without new evidence, and at most three disputes per item', async () => {
    const person = await scoredPersonWithDefaults(5);
    const [itemId] = person.events;
    const dispute = (evidence?: string) =>
      gql<{ disputeItem: { id: string; status: string } }>(
        DISPUTE,
        { input: { itemId, statement: 'I paid', evidence } },
        { token: person.token },
      );
    const reject = async (disputeId: string) => {
      disputeIds.push(disputeId);
      const rejected = await gql(
        RESOLVE,
        { input: { disputeId, outcome: 'REJECTED' } },
        { token: person.admin },
      );
      expect(rejected.data).toEqual({ resolveDispute: { status: 'REJECTED' } });
    };

    // Five at once (the race an attacker would try): exactly one opens, the others see it.
    const papers = ['Bank statement of 2026-11-02', 'Paper 2', 'Paper 3', 'Paper 4', 'Paper 5'];
    const racing = await Promise.all(papers.map((e) => dispute(e)));
    const opened = racing.filter((r) => r.data?.disputeItem.status === 'OPEN');
    expect(opened).toHaveLength(1);
    // Which paper wins the race is the database's choice; the rejected evidence is that one.
    const rejectedEvidence = papers[racing.findIndex((r) => r.data?.disputeItem.status === 'OPEN')]!;
    expect(racing.filter((r) => r.errors).map(reasonOf)).toEqual(
      Array(4).fill([['CONFLICT', 'DISPUTE_OPEN']]),
    );
    const first = opened[0]!;
    // Twice while open: refused.
    expect(reasonOf(await dispute('Another paper'))).toEqual([['CONFLICT', 'DISPUTE_OPEN']]);
    await reject(first.data!.disputeItem.id);
    expect((await scoreOf(person.token)).value).toBe(WITH_DEFAULTS[5]);

    // The attack of today: dispute again at once to hide the item again. Refused without evidence, and with
    // the same evidence (case and spacing do not make it new).
    expect(reasonOf(await dispute())).toEqual([['CONFLICT', 'DISPUTE_ALREADY_DECIDED']]);
    const sameEvidenceRecased = `  ${rejectedEvidence.toUpperCase().replace(/ /g, '   ')} `;
    expect(reasonOf(await dispute(sameEvidenceRecased))).toEqual([['CONFLICT', 'DISPUTE_ALREADY_DECIDED']]);
    expect((await scoreOf(person.token)).value).toBe(WITH_DEFAULTS[5]);

    // New evidence opens a new review; the item still counts meanwhile.
    const second = await dispute('Receipt from the lender, 2026-11-03');
    expect(second.data?.disputeItem.status).toBe('OPEN');
    expect(await scoreOf(person.token)).toEqual({
      value: WITH_DEFAULTS[5],
      explanation: { itemsUnderReview: 1 },
    });
    await reject(second.data!.disputeItem.id);
    const third = await dispute('Letter from the lender, 2026-11-20');
    expect(third.data?.disputeItem.status).toBe('OPEN');
    await reject(third.data!.disputeItem.id);
    // Three disputes of one item in all.
    expect(reasonOf(await dispute('Yet another document'))).toEqual([['CONFLICT', 'DISPUTE_LIMIT_REACHED']]);
    expect(await scoreOf(person.token)).toEqual({
      value: WITH_DEFAULTS[5],
      explanation: { itemsUnderReview: 0 },
    });
    const [filed] = await cypher<{ n: number }>(
      'MATCH (:User {id: $id})-[:FILED]->(d:Dispute {itemId: $itemId}) RETURN count(d) AS n',
      { id: person.id, itemId },
    );
    expect(filed).toEqual({ n: 3 });
  });

  it('a dispute not decided within 30 days is upheld in the person’s favour, durable across processes', async () => {
    const person = await scoredPersonWithDefaults(5);
    const [onFirst, onSecond] = await Promise.all(
      person.events.slice(0, 2).map(async (itemId) => {
        const filed = await gql<{ disputeItem: { id: string } }>(
          DISPUTE,
          { input: { itemId, statement: 'Never borrowed' } },
          { token: person.token },
        );
        disputeIds.push(filed.data!.disputeItem.id);
        return filed.data!.disputeItem.id;
      }),
    );
    const age = (disputeId: string, days: number) =>
      cypher('MATCH (d:Dispute {id: $disputeId}) SET d.openedAt = datetime() - duration({days: $days})', {
        disputeId,
        days,
      });
    const mine = async () =>
      (
        await gql<{ me: { disputes: { id: string; status: string; resolution: string | null }[] } }>(
          '{ me { disputes { id status resolution } } }',
          {},
          { token: person.token },
        )
      ).data!.me.disputes.find((d) => d.id === onFirst);

    // Day 29: still open, still counted.
    await age(onFirst!, 29);
    expect(await mine()).toEqual({ id: onFirst, status: 'OPEN', resolution: null });
    expect((await scoreOf(person.token)).value).toBe(WITH_DEFAULTS[5]);

    // Day 31: the person sees it upheld by the deadline at once; a reviewer can no longer reject it; the item
    // is gone and the score follows: four defaults.
    await age(onFirst!, 31);
    expect(await mine()).toEqual({ id: onFirst, status: 'UPHELD', resolution: 'REVIEW_DEADLINE' });
    const late = await gql(
      RESOLVE,
      { input: { disputeId: onFirst, outcome: 'REJECTED' } },
      { token: person.admin },
    );
    expect(reasonOf(late)).toEqual([['CONFLICT', 'DISPUTE_ALREADY_DECIDED']]);
    expect(await scoreOf(person.token)).toEqual({
      value: WITH_DEFAULTS[4],
      explanation: { itemsUnderReview: 1 },
    });
    const [left] = await cypher<{ n: number }>(
      'MATCH (:User {id: $id})-[:HAS_EVENT]->(e) RETURN count(e) AS n',
      {
        id: person.id,
      },
    );
    expect(left).toEqual({ n: 4 });

    // The scheduled sweep (what every gateway process runs each tick) upholds the other one the same way.
    await age(onSecond!, 31);
    const swept = await privacySweep(new Db(driver, config.neo4j.database));
    expect(swept.upheld).toBeGreaterThanOrEqual(1);
    expect(await scoreOf(person.token)).toEqual({
      value: WITH_DEFAULTS[3],
      explanation: { itemsUnderReview: 0 },
    });
    const [stored] = await cypher<{ status: string; resolution: string; days: number }>(
      `MATCH (d:Dispute {id: $id})
       RETURN d.status AS status, d.resolution AS resolution,
              duration.inDays(d.openedAt, d.resolvedAt).days AS days`,
      { id: onSecond },
    );
    expect(stored).toEqual({ status: 'UPHELD', resolution: 'REVIEW_DEADLINE', days: 30 });
  });
});
