/**
 * A person's score history through the API: each snapshot says by how many points it moved from the one before and
 * which reasons moved it. Expected values by hand from docs/trust-model.md (score = round(300 + 600·Σ weight·
 * dimension), weights IDENTITY 0.25, HISTORY 0.30, REPUTATION 0.20, NETWORK 0.25; baseline 450; reasons split
 * value − 450 by largest remainder).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, cypher, gql, newUser, removeUsers, unique } from './helpers.js';
import { consent, newPartner, removePartners, type TestPartner } from './partner-helpers.js';

const made: string[] = [];
const partners: string[] = [];
afterAll(async () => {
  await cypher('MATCH (a:AuditEntry) WHERE a.targetId IN $made DELETE a', { made });
  await removeUsers(made);
  await removePartners(partners);
});

interface Snapshot {
  value: number;
  change: number | null;
  reasonChangesKnown: boolean;
  reasonChanges: {
    code: string;
    dimension: string;
    points: number;
    summary: string | null;
    previousSummary: string | null;
  }[];
  events: { kind: string; reporter: { id: string } | null }[];
}
interface History {
  me: {
    trustHistory: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: Snapshot }[];
    };
  };
}

const HISTORY = `query($first: Int, $after: String) { me { trustHistory(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { value change reasonChangesKnown reasonChanges { code dimension points summary previousSummary }
                 events { kind reporter { id } } } }
} } }`;
const VALUES_ONLY = `query($first: Int) { me { trustHistory(first: $first) { edges { node { value } } } } }`;
const CHANGES_ONLY = `query($first: Int) { me { trustHistory(first: $first) { edges { node {
  value change reasonChangesKnown reasonChanges { code points summary previousSummary } } } } } }`;

const sum = (items: { points: number }[]) => items.reduce((total, item) => total + item.points, 0);

async function history(token: string, first = 100, after?: string) {
  const response = await gql<History>(HISTORY, { first, after }, { token });
  expect(response.errors).toBeUndefined();
  return { history: response.data!.me.trustHistory, queries: response.extensions!.neo4jQueries as number };
}

describe('trustHistory says what moved the score', () => {
  let person: { id: string; handle: string; token: string };
  let partner: TestPartner;

  beforeAll(async () => {
    person = await newUser();
    made.push(person.id);
    partner = await newPartner(unique('History partner'));
    partners.push(partner.id);
    await consent(person.token, partner.id, ['EVENTS']);
    const admin = await adminToken();
    const ok = (response: { errors?: unknown }) => expect(response.errors).toBeUndefined();

    // 1. Opting in: the baseline, 450, no reasons.
    ok(await gql('mutation { setScoringConsent(enabled: true) { id } }', {}, { token: person.token }));
    // 2. A substantial-assurance identity: IDENTITY = 0.75·0.35 = 0.2625 (+ an account age of seconds, ≈ 0)
    //    → +0.25·600·0.2625 = +39.375 → 489.375 → 489: IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED 39.
    ok(
      await gql(
        'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
        { input: { userId: person.id, provider: 'bank-id', subject: unique('s'), assurance: 'SUBSTANTIAL' } },
        { token: admin },
      ),
    );
    // 3. A commitment fulfilled today, reported by the partner the person consented to:
    //    HISTORY = (0.5·3 + 1)/(3 + 1) = 0.625 → +0.30·600·0.125 = +22.5 → 511.875 → 512. Split of 62 by largest
    //    remainder: 39.375 → 39, 22.5 → 22, one point left to the larger remainder (0.5 > 0.375): 23.
    ok(
      await gql(
        'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }',
        { input: { userId: person.id, kind: 'COMMITMENT_FULFILLED' } },
        { apiKey: partner.apiKey },
      ),
    );
    // 4. A default today, by the same partner: HISTORY = (1.5 + 1 + 0)/(3 + 2) = 0.5, back to the prior → 489.
    //    Its parts: fulfilled +180·0.5/5 = +18, default −180·0.5/5 = −18; identity 39 as before.
    ok(
      await gql(
        'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }',
        { input: { userId: person.id, kind: 'COMMITMENT_DEFAULTED' } },
        { apiKey: partner.apiKey },
      ),
    );
  });

  it('gives each snapshot its exact change and the reasons that moved, summing to it', async () => {
    const { history: page } = await history(person.token);
    const snapshots = page.edges.map((e) => e.node);
    expect(snapshots.map((s) => s.value)).toEqual([450, 489, 512, 489]);
    expect(snapshots.map((s) => s.change)).toEqual([null, 39, 23, -23]);

    // The first snapshot has nothing before it.
    expect(snapshots[0]).toMatchObject({ change: null, reasonChangesKnown: false, reasonChanges: [] });
    // The identity: one reason, new.
    expect(snapshots[1]!.reasonChanges).toEqual([
      {
        code: 'IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED',
        dimension: 'IDENTITY',
        points: 39,
        summary: '1 verified substantial-assurance identity',
        previousSummary: null,
      },
    ]);
    // The fulfilled commitment: 0 → 23.
    expect(snapshots[2]!.reasonChanges).toEqual([
      {
        code: 'HISTORY_FULFILLED_COMMITMENTS',
        dimension: 'HISTORY',
        points: 23,
        summary: '1 commitment fulfilled, recency-weighted',
        previousSummary: null,
      },
    ]);
    // The default: its own −18, and the fulfilled commitment now weighs less (23 → 18, −5); largest move first.
    expect(snapshots[3]!.reasonChanges).toEqual([
      {
        code: 'HISTORY_DEFAULTS',
        dimension: 'HISTORY',
        points: -18,
        summary: '1 unresolved default, recency-weighted',
        previousSummary: null,
      },
      {
        code: 'HISTORY_FULFILLED_COMMITMENTS',
        dimension: 'HISTORY',
        points: -5,
        summary: '1 commitment fulfilled, recency-weighted',
        previousSummary: '1 commitment fulfilled, recency-weighted',
      },
    ]);
    for (const [index, snapshot] of snapshots.entries()) {
      if (index === 0) continue;
      expect(snapshot.reasonChangesKnown).toBe(true);
      expect(snapshot.change).toBe(snapshot.value - snapshots[index - 1]!.value);
      expect(sum(snapshot.reasonChanges)).toBe(snapshot.change);
    }
  });

  it("lists the person's own events recorded between a snapshot and the one before it", async () => {
    const { history: page } = await history(person.token);
    // Opting in and the identity moved the score without an event; each report is listed at the snapshot it made.
    expect(page.edges.map((e) => e.node.events)).toEqual([
      [],
      [],
      [{ kind: 'COMMITMENT_FULFILLED', reporter: { id: partner.id } }],
      [{ kind: 'COMMITMENT_DEFAULTED', reporter: { id: partner.id } }],
    ]);
  });

  it('compares the first snapshot of a later page with the last of the page before', async () => {
    const { history: first } = await history(person.token, 2);
    expect(first.edges.map((e) => e.node.change)).toEqual([null, 39]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const { history: second } = await history(person.token, 2, first.pageInfo.endCursor);
    expect(second.edges.map((e) => e.node.value)).toEqual([512, 489]);
    expect(second.edges.map((e) => e.node.change)).toEqual([23, -23]);
    expect(second.edges[0]!.node.reasonChanges.map((r) => [r.code, r.points])).toEqual([
      ['HISTORY_FULFILLED_COMMITMENTS', 23],
    ]);
  });

  it('reads a page of snapshots with their changes in as many statements as their values alone', async () => {
    // The person (1) and their page of snapshots, each with the one before it (1): 2 statements, for any page size.
    const plain = await gql(VALUES_ONLY, { first: 100 }, { token: person.token });
    expect(plain.extensions!.neo4jQueries).toBe(2);
    const withChanges = await gql(CHANGES_ONLY, { first: 100 }, { token: person.token });
    expect(withChanges.extensions!.neo4jQueries).toBe(2);
    // With the events: one more statement for the page's snapshots together, and one for their reporter (a partner).
    expect((await history(person.token, 100)).queries).toBe(4);
    expect((await history(person.token, 2)).queries).toBe(3);
    const { history: first } = await history(person.token, 2);
    expect((await history(person.token, 2, first.pageInfo.endCursor)).queries).toBe(4);
  });

  it('keeps the change exact for a snapshot written before snapshots stored reasons, without reason changes', async () => {
    const other = await newUser();
    made.push(other.id);
    await gql('mutation { setScoringConsent(enabled: true) { id } }', {}, { token: other.token });
    await gql(
      'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
      { input: { userId: other.id, provider: 'bank-id', subject: unique('s'), assurance: 'SUBSTANTIAL' } },
      { token: await adminToken() },
    );
    // As a snapshot of an earlier version: no reasons, and no writing time (its events' window starts at computedAt).
    await cypher(
      `MATCH (:User {id: $id})-[:HAS_TRUST_SNAPSHOT]->(s:TrustSnapshot) WHERE s.value = 450 REMOVE s.reasons, s.writtenAt`,
      { id: other.id },
    );
    const snapshots = (await history(other.token)).history.edges.map((e) => e.node);
    expect(
      snapshots.map((s) => [s.value, s.change, s.reasonChangesKnown, s.reasonChanges, s.events]),
    ).toEqual([
      [450, null, false, [], []],
      [489, 39, false, [], []],
    ]);
  });

  it('lists a settled default at the snapshot its settlement wrote, with the reason that stopped counting', async () => {
    const other = await newUser();
    made.push(other.id);
    const admin = await adminToken();
    await gql('mutation { setScoringConsent(enabled: true) { id } }', {}, { token: other.token });
    // A default today: HISTORY = 1.5/(3 + 1) = 0.375 → −22.5 → 427.5 (+ seconds of account age) → 428.
    const recorded = await gql<{ recordEvent: { id: string } }>(
      'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }',
      { input: { userId: other.id, kind: 'COMMITMENT_DEFAULTED' } },
      { token: admin },
    );
    const eventId = recorded.data!.recordEvent.id;
    // Settled, it counts as late (0.4): HISTORY = (1.5 + 0.4)/4 = 0.475 → −4.5 → 445.5 → 446, +18: the default's
    // −22 is gone (+22) and the resolved default takes −4 (−4.5 rounded with the total of −4).
    expect(
      (
        await gql(
          'mutation($id: ID!) { resolveDefault(eventId: $id) { id } }',
          { id: eventId },
          { token: admin },
        )
      ).errors,
    ).toBeUndefined();
    const response = await gql<{
      me: { trustHistory: { edges: { node: Snapshot & { events: { id: string; kind: string }[] } }[] } };
    }>(
      `{ me { trustHistory { edges { node { value change reasonChangesKnown
           reasonChanges { code dimension points summary previousSummary } events { id kind } } } } } }`,
      {},
      { token: other.token },
    );
    const snapshots = response.data!.me.trustHistory.edges.map((e) => e.node);
    expect(snapshots.map((s) => [s.value, s.change])).toEqual([
      [450, null],
      [428, -22],
      [446, 18],
    ]);
    expect(snapshots.map((s) => s.events)).toEqual([
      [],
      [{ id: eventId, kind: 'COMMITMENT_DEFAULTED' }],
      [{ id: eventId, kind: 'COMMITMENT_DEFAULTED' }],
    ]);
    expect(snapshots[2]!.reasonChanges).toEqual([
      {
        code: 'HISTORY_DEFAULTS',
        dimension: 'HISTORY',
        points: 22,
        summary: null,
        previousSummary: '1 unresolved default, recency-weighted',
      },
      {
        code: 'HISTORY_RESOLVED_DEFAULTS',
        dimension: 'HISTORY',
        points: -4,
        summary: '1 default later resolved, recency-weighted',
        previousSummary: null,
      },
    ]);
  });

  it('shows the history to its owner only', async () => {
    const stranger = await newUser();
    made.push(stranger.id);
    const response = await gql(
      'query($id: ID!) { user(id: $id) { trustHistory { edges { node { change reasonChanges { code } } } } } }',
      { id: person.id },
      { token: stranger.token },
    );
    expect(response.data).toEqual({ user: { trustHistory: null } });
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
