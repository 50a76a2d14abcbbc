import { afterAll, describe, expect, it } from 'vitest';
import { adminToken, codes, cypher, gql, newUser, removeUsers, unique } from './helpers.js';
import { consent, newPartner, newPerk, removePartners, setTrust } from './partner-helpers.js';

const users: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await removeUsers(users);
  await removePartners(partners);
});

const DISPUTE = 'mutation($input: DisputeItemInput!) { disputeItem(input: $input) { id itemKind status } }';
const RESOLVE =
  'mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { status resolvedAt } }';

describe('disputes', () => {
  it('mark the item while open (it still counts); UPHELD removes it, REJECTED keeps it unmarked; audited; the person sees the status', async () => {
    const [subject, rater] = await Promise.all([newUser(), newUser()]);
    users.push(subject.id, rater.id);
    const partner = await newPartner(unique('P'), ['EVENTS_WRITE']);
    partners.push(partner.id);
    await consent(subject.token, partner.id, ['EVENTS']);
    const event = await gql<{ recordEvent: { id: string } }>(
      'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }',
      { input: { userId: subject.id, kind: 'COMMITMENT_LATE' } },
      { apiKey: partner.apiKey },
    );
    const rating = await gql<{ rate: { id: string } }>(
      'mutation($input: RateInput!) { rate(input: $input) { id } }',
      { input: { targetId: subject.id, rating: -8 } },
      { token: rater.token },
    );
    const eventId = event.data!.recordEvent.id;
    const ratingId = rating.data!.rate.id;

    const onEvent = await gql<{ disputeItem: { id: string; itemKind: string; status: string } }>(
      DISPUTE,
      { input: { itemId: eventId, statement: 'It was on time' } },
      { token: subject.token },
    );
    expect(onEvent.data!.disputeItem).toMatchObject({ itemKind: 'EVENT', status: 'OPEN' });
    const onRating = await gql<{ disputeItem: { id: string; itemKind: string } }>(
      DISPUTE,
      { input: { itemId: ratingId, statement: 'We never met' } },
      { token: subject.token },
    );
    expect(onRating.data!.disputeItem.itemKind).toBe('RATING');
    const marks = await cypher<{ n: number }>(
      `MATCH (e:Event {id: $eventId}) MATCH ()-[r:RATED {id: $ratingId}]->()
       RETURN toInteger(e.disputed) + toInteger(r.disputed) AS n`,
      { eventId, ratingId },
    );
    expect(marks).toEqual([{ n: 2 }]);
    // Twice on the same item: CONFLICT. Someone else's item, or their own rating given: NOT_FOUND.
    expect(
      codes(await gql(DISPUTE, { input: { itemId: eventId, statement: 'again' } }, { token: subject.token })),
    ).toEqual(['CONFLICT']);
    expect(
      codes(await gql(DISPUTE, { input: { itemId: ratingId, statement: 'mine' } }, { token: rater.token })),
    ).toEqual(['NOT_FOUND']);

    expect(
      codes(
        await gql(
          RESOLVE,
          { input: { disputeId: onEvent.data!.disputeItem.id, outcome: 'UPHELD' } },
          { token: subject.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const admin = await adminToken();
    const upheld = await gql(
      RESOLVE,
      { input: { disputeId: onEvent.data!.disputeItem.id, outcome: 'UPHELD' } },
      { token: admin },
    );
    expect(upheld.data).toMatchObject({
      resolveDispute: { status: 'UPHELD', resolvedAt: expect.any(String) },
    });
    const rejected = await gql(
      RESOLVE,
      { input: { disputeId: onRating.data!.disputeItem.id, outcome: 'REJECTED' } },
      { token: admin },
    );
    expect(rejected.data).toMatchObject({ resolveDispute: { status: 'REJECTED' } });
    const twice = await gql(
      RESOLVE,
      { input: { disputeId: onRating.data!.disputeItem.id, outcome: 'UPHELD' } },
      { token: admin },
    );
    expect(codes(twice)).toEqual(['CONFLICT']);

    const state = await cypher<{ events: number; marked: unknown }>(
      `OPTIONAL MATCH (e:Event {id: $eventId}) WITH count(e) AS events
       MATCH ()-[r:RATED {id: $ratingId}]->() RETURN events, r.disputed AS marked`,
      { eventId, ratingId },
    );
    expect(state).toEqual([{ events: 0, marked: null }]);
    const trail = await cypher<{ action: string }>(
      'MATCH (a:AuditEntry) WHERE a.targetId IN $ids RETURN a.action AS action ORDER BY action',
      { ids: [onEvent.data!.disputeItem.id, onRating.data!.disputeItem.id] },
    );
    expect(trail.map((t) => t.action)).toEqual(['DISPUTE_REJECTED', 'DISPUTE_UPHELD']);
    const mine = await gql('{ me { disputes { itemKind status } } }', {}, { token: subject.token });
    expect(mine.data).toEqual({
      me: {
        disputes: expect.arrayContaining([
          { itemKind: 'EVENT', status: 'UPHELD' },
          { itemKind: 'RATING', status: 'REJECTED' },
        ]),
      },
    });
    await cypher('MATCH (a:AuditEntry) WHERE a.targetId IN $ids DETACH DELETE a', {
      ids: [onEvent.data!.disputeItem.id, onRating.data!.disputeItem.id],
    });
  });
});

describe('deleteMe', () => {
  it('erases the person and everything about them, keeps the inquiry trail pseudonymised; a second call is NOT_FOUND', async () => {
    const [person, friend] = await Promise.all([newUser(), newUser()]);
    users.push(person.id, friend.id);
    const admin = await adminToken();
    const partner = await newPartner(unique('P'));
    partners.push(partner.id);
    const perkId = await newPerk(partner, {});
    await setTrust([person.id], { value: 700, band: 'GOOD' });
    await consent(person.token, partner.id, ['ELIGIBILITY', 'EVENTS']);
    const subject = unique('subject');
    await gql(
      'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
      { input: { userId: person.id, provider: 'bank-id', subject, assurance: 'SUBSTANTIAL' } },
      { token: admin },
    );
    await gql(
      'mutation($t: ID!) { endorse(input: { targetId: $t, strength: 4 }) { id } }',
      { t: friend.id },
      { token: person.token },
    );
    await gql(
      'mutation($t: ID!) { rate(input: { targetId: $t, rating: 7 }) { id } }',
      { t: friend.id },
      { token: person.token },
    );
    await gql(
      'mutation($t: ID!) { rate(input: { targetId: $t, rating: 9 }) { id } }',
      { t: friend.id },
      { token: person.token },
    );
    await gql(
      'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }',
      { input: { userId: person.id, kind: 'COMMITMENT_FULFILLED' } },
      { apiKey: partner.apiKey },
    );
    await gql(
      'query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { eligible } }',
      { p: perkId, u: person.id },
      { apiKey: partner.apiKey },
    );

    const erased = await gql('mutation { deleteMe }', {}, { token: person.token });
    expect(erased.data).toEqual({ deleteMe: true });

    // Nothing holds the person's id any more: no node, no relationship, no property anywhere.
    const traces = await cypher<{ n: number }>(
      `CALL () { MATCH (n) WHERE any(k IN keys(n) WHERE n[k] = $id OR (valueType(n[k]) STARTS WITH 'LIST' AND $id IN n[k])) RETURN count(n) AS c
                 UNION ALL MATCH ()-[r]->() WHERE any(k IN keys(r) WHERE r[k] = $id) RETURN count(r) AS c }
       RETURN sum(c) AS n`,
      { id: person.id },
    );
    expect(traces).toEqual([{ n: 0 }]);
    const friendsView = await gql(
      '{ me { endorsementsReceived { totalCount } ratingsReceived { totalCount } } }',
      {},
      { token: friend.token },
    );
    expect(friendsView.data).toEqual({
      me: { endorsementsReceived: { totalCount: 0 }, ratingsReceived: { totalCount: 0 } },
    });
    const [left] = await cypher<{ identities: number; pastRatings: number }>(
      `RETURN COUNT { (i:Identity) WHERE NOT (i)<-[:HAS_IDENTITY]-() } AS identities,
              COUNT { (p:PastRating) WHERE p.targetId = $friend AND NOT (p)<-[:RATED_BEFORE]-() } AS pastRatings`,
      { friend: friend.id },
    );
    expect(left).toEqual({ identities: 0, pastRatings: 0 });
    // The inquiry stays, under a pseudonym; the partner still sees that it asked.
    const trail = await cypher<{ subjectId: string }>(
      'MATCH (q:Inquiry {partnerId: $p}) RETURN q.subjectId AS subjectId',
      {
        p: partner.id,
      },
    );
    expect(trail).toHaveLength(1);
    expect(trail[0]!.subjectId).toMatch(/^erased:[A-Za-z0-9_-]{22}$/);

    expect(codes(await gql('mutation { deleteMe }', {}, { token: person.token }))).toEqual(['NOT_FOUND']);
    await cypher('MATCH (a:AuditEntry {targetId: $t}) DELETE a', { t: trail[0]!.subjectId });
  });
});
