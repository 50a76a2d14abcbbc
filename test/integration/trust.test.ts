/**
 * Trust scores through the API: consent, refresh on write, exact explanations, privacy, and no guilt by
 * association. Expected values are worked out by hand from docs/trust-model.md (weights IDENTITY 0.25,
 * HISTORY 0.30, REPUTATION 0.20, NETWORK 0.25; score = round(300 + 600·Σ weight·dimension); baseline 450).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { recomputeGraph } from '../../src/trust/compute.js';
import {
  adminToken,
  codes,
  config,
  cypher,
  driver,
  gql,
  newUser,
  removeUsers,
  unique,
  userToken,
} from './helpers.js';

const made: string[] = [];
afterAll(async () => {
  await cypher('MATCH (a:AuditEntry) WHERE a.targetId IN $made DELETE a', { made });
  await removeUsers(made);
});

const SCORE = `{ me { trustScoreStatus scoringConsent trustScore {
  value band baseline stale modelVersion computedAt
  dimensions { dimension value weight points }
  explanation {
    reasons { code dimension points }
    principalReasons { code points }
    contributors { kind handle anonymous assurance share points }
    paths { steps { handle anonymous anchor } }
    improvements { action points }
  }
} trustHistory { totalCount edges { node { value band } } } } }`;

interface Score {
  value: number;
  band: string;
  baseline: number;
  stale: boolean;
  dimensions: { dimension: string; value: number; points: number }[];
  explanation: {
    reasons: { code: string; dimension: string; points: number }[];
    principalReasons: { code: string; points: number }[];
    contributors: {
      kind: string;
      handle: string | null;
      anonymous: boolean;
      share: number;
      points: number;
    }[];
    paths: { steps: { handle: string | null; anonymous: boolean; anchor: boolean }[] }[];
    improvements: { action: string; points: number }[];
  };
}
interface Me {
  me: {
    trustScoreStatus: string;
    scoringConsent: boolean;
    trustScore: Score | null;
    trustHistory: { totalCount: number; edges: { node: { value: number } }[] };
  };
}

async function myScore(token: string): Promise<Me['me']> {
  const response = await gql<Me>(SCORE, {}, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.me;
}

const CONSENT =
  'mutation($on: Boolean!) { setScoringConsent(enabled: $on) { scoringConsent trustScoreStatus } }';
const LINK = 'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }';
const EVENT = 'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }';

const sum = (points: { points: number }[]) => points.reduce((total, p) => total + p.points, 0);

describe('scoring consent', () => {
  it('is opt-in: no score and a reason until the user agrees; opting out removes the score', async () => {
    const user = await newUser();
    made.push(user.id);
    const before = await myScore(user.token);
    expect(before).toMatchObject({ trustScoreStatus: 'NO_CONSENT', scoringConsent: false, trustScore: null });

    const on = await gql(CONSENT, { on: true }, { token: user.token });
    expect(on.data).toEqual({ setScoringConsent: { scoringConsent: true, trustScoreStatus: 'SCORED' } });
    // A brand-new user is the baseline: 300 + 600·(0.30·0.5 + 0.20·0.5) = 450, with no reasons.
    const scored = (await myScore(user.token)).trustScore!;
    expect(scored.value).toBe(450);
    expect(scored.baseline).toBe(450);
    expect(scored.band).toBe('FAIR');
    expect(scored.explanation.reasons).toEqual([]);

    await gql(CONSENT, { on: false }, { token: user.token });
    expect(await myScore(user.token)).toMatchObject({ trustScoreStatus: 'NO_CONSENT', trustScore: null });
    const [stored] = await cypher<{ value: unknown }>(
      'MATCH (u:User {id: $id}) RETURN u.trustValue AS value',
      {
        id: user.id,
      },
    );
    expect(stored!.value).toBeNull();
  });

  it('keeps the score from everyone but its owner and admins', async () => {
    const [owner, other] = await Promise.all([newUser(), newUser()]);
    made.push(owner.id, other.id);
    await gql(CONSENT, { on: true }, { token: owner.token });
    const query = 'query($id: ID!) { user(id: $id) { handle trustScore { value } } }';
    const peek = await gql<{ user: { handle: string; trustScore: unknown } }>(
      query,
      { id: owner.id },
      { token: other.token },
    );
    expect(peek.data!.user).toEqual({ handle: owner.handle, trustScore: null });
    expect(codes(peek)).toEqual(['FORBIDDEN']);
    const admin = await gql<{ user: { trustScore: { value: number } } }>(
      query,
      { id: owner.id },
      { token: await adminToken() },
    );
    expect(admin.data!.user.trustScore.value).toBe(450);
  });
});

describe('a write refreshes the score at once', () => {
  it('follows identities and events, explains every point, and predicts improvements exactly', async () => {
    const user = await newUser();
    made.push(user.id);
    const admin = await adminToken();
    await gql(CONSENT, { on: true }, { token: user.token });

    // One HIGH identity: IDENTITY = 0.75·0.6 + 0.25·(age ≈ 0) = 0.45 → +0.25·0.45·600 = 67.5 → 517.5 → 518.
    await gql(
      LINK,
      { input: { userId: user.id, provider: 'eid-gov', subject: unique('s'), assurance: 'HIGH' } },
      { token: admin },
    );
    let score = (await myScore(user.token)).trustScore!;
    expect(score.value).toBe(518);
    expect(sum(score.explanation.reasons)).toBe(518 - 450);
    expect(score.explanation.reasons.map((r) => r.code)).toContain('IDENTITY_HIGH_ASSURANCE_VERIFIED');

    // A default today: HISTORY = (0.5·3 + 1·0)/(3 + 1) = 0.375 → 300 + 600·(0.1125 + 0.1125 + 0.1) = 495.
    await gql(EVENT, { input: { userId: user.id, kind: 'COMMITMENT_DEFAULTED' } }, { token: admin });
    const me = await myScore(user.token);
    score = me.trustScore!;
    expect(score.value).toBe(495);
    expect(sum(score.explanation.reasons)).toBe(495 - 450);
    expect(score.explanation.principalReasons[0]!.code).toBe('HISTORY_DEFAULTS');
    expect(score.explanation.principalReasons[0]!.points).toBeLessThan(0);
    // Dimension points add up to the same total as the reasons.
    expect(sum(score.dimensions)).toBe(495 - 450);
    // Snapshots: 450 (consent), 518 (identity), 495 (default), newest last.
    expect(me.trustHistory.edges.map((e) => e.node.value)).toEqual([450, 518, 495]);

    // Improvements, by hand: resolving the default (it then counts as late, 0.4):
    //   HISTORY = (1.5 + 0.4)/4 = 0.475 → 300 + 600·(0.1125 + 0.1425 + 0.1) = 513, +18.
    // Verifying a SUBSTANTIAL identity: IDENTITY = 0.75·(0.6 + 0.35) = 0.7125
    //   → 300 + 600·(0.178125 + 0.1125 + 0.1) = 534.375 → 534, +39.
    const improvements = Object.fromEntries(score.explanation.improvements.map((i) => [i.action, i.points]));
    expect(improvements.RESOLVE_DEFAULT).toBe(18);
    expect(improvements.VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY).toBe(39);
    expect(Object.keys(improvements).join(' ')).not.toMatch(/FRIEND|ENDORSE/);

    // Doing it gives exactly the predicted gain.
    await gql(
      LINK,
      { input: { userId: user.id, provider: 'bank-id', subject: unique('s'), assurance: 'SUBSTANTIAL' } },
      { token: admin },
    );
    expect((await myScore(user.token)).trustScore!.value).toBe(495 + 39);
  });
});

/** A graph of its own (a dataset namespace), computed in full, so other test files cannot move its numbers. */
async function isolatedGraph(people: string[], setup: string, params: Record<string, unknown> = {}) {
  const dataset = unique('g').replace('_', '');
  const ids = Object.fromEntries(people.map((p) => [p, `${dataset}_${p}`]));
  made.push(...Object.values(ids));
  await cypher(
    `UNWIND $people AS p
     CREATE (:User {id: $dataset + '_' + p, handle: $dataset + '_' + p, dataset: $dataset, status: 'ACTIVE',
                    createdAt: datetime() - duration({days: 400}), scoringConsent: true})`,
    { dataset, people },
  );
  await cypher(setup, { dataset, ...params });
  return { dataset, ids };
}

async function scoreOf(id: string): Promise<Score> {
  return (await myScore(await userToken(id))).trustScore!;
}

describe('the network dimension', () => {
  it('names public vouchers, hides private ones, and sums contributors exactly to the network points', async () => {
    const { dataset, ids } = await isolatedGraph(
      ['anchor', 'pub', 'priv', 'me'],
      `MATCH (a:User {id: $dataset + '_anchor'}), (p:User {id: $dataset + '_pub'}), (q:User {id: $dataset + '_priv'}),
             (m:User {id: $dataset + '_me'})
       SET a.anchor = true
       CREATE (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(p),
              (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(q),
              (p)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(m),
              (q)-[:ENDORSES {id: randomUUID(), strength: 5, public: false, createdAt: datetime()}]->(m)`,
    );
    await recomputeGraph(driver, { database: config.neo4j.database, dataset });
    const score = await scoreOf(ids.me!);
    const network = score.dimensions.find((d) => d.dimension === 'NETWORK')!;
    expect(network.points).toBeGreaterThan(0);
    expect(sum(score.explanation.contributors)).toBe(network.points);
    const byHandle = score.explanation.contributors.map((c) => [c.handle, c.anonymous]);
    expect(byHandle).toContainEqual([ids.pub, false]);
    expect(byHandle).toContainEqual([null, true]);
    expect(byHandle.flat()).not.toContain(ids.priv);
    // The two vouchers are symmetric, so they share the network trust equally.
    const shares = score.explanation.contributors.map((c) => c.share);
    expect(shares[0]).toBeCloseTo(0.5, 9);
    expect(shares[1]).toBeCloseTo(0.5, 9);
    // Paths start at the anchor, end at the user, and name only public steps.
    expect(score.explanation.paths.length).toBeGreaterThan(0);
    for (const path of score.explanation.paths) {
      expect(path.steps[0]!.anchor).toBe(true);
      expect(path.steps.at(-1)!.handle).toBe(ids.me);
      expect(path.steps.map((s) => s.handle)).not.toContain(ids.priv);
    }
  });

  it('never shows a path through the person herself: a vouch that reaches the voucher through you is not one for you', async () => {
    // anchor → me → friend → me is the shortest way to the friend, but it goes through me; the path must take
    // the longer way anchor → x → y → friend → me instead.
    const { dataset, ids } = await isolatedGraph(
      ['anchor', 'me', 'friend', 'x', 'y'],
      `MATCH (a:User {id: $dataset + '_anchor'}), (m:User {id: $dataset + '_me'}), (f:User {id: $dataset + '_friend'}),
             (x:User {id: $dataset + '_x'}), (y:User {id: $dataset + '_y'})
       SET a.anchor = true
       CREATE (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(m),
              (m)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(f),
              (f)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(m),
              (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(x),
              (x)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(y),
              (y)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(f)`,
    );
    await recomputeGraph(driver, { database: config.neo4j.database, dataset });
    const score = await scoreOf(ids.me!);
    const handles = score.explanation.paths.map((path) => path.steps.map((s) => s.handle));
    expect(handles).toContainEqual([ids.anchor, ids.x, ids.y, ids.friend, ids.me]);
    for (const path of handles) expect(path.filter((h) => h === ids.me)).toHaveLength(1);
  });

  it('explains many users in one request with a constant number of queries', async () => {
    const { dataset, ids } = await isolatedGraph(
      ['anchor', 'voucher', 'a', 'b', 'c'],
      `MATCH (a:User {id: $dataset + '_anchor'}), (v:User {id: $dataset + '_voucher'})
       SET a.anchor = true
       CREATE (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(v)
       WITH v
       MATCH (t:User) WHERE t.id IN [$dataset + '_a', $dataset + '_b', $dataset + '_c']
       CREATE (v)-[:ENDORSES {id: randomUUID(), strength: 4, public: true, createdAt: datetime()}]->(t)`,
    );
    await recomputeGraph(driver, { database: config.neo4j.database, dataset });
    const admin = await adminToken();
    const explain = (people: string[]) =>
      gql<Record<string, { trustScore: Score }>>(
        `{ ${people
          .map(
            (p, n) => `u${n}: user(id: "${p}") { trustScore { explanation {
              contributors { handle points } paths { steps { handle anchor } } } } }`,
          )
          .join('\n')} }`,
        {},
        { token: admin },
      );
    const one = await explain([ids.a!]);
    const three = await explain([ids.a!, ids.b!, ids.c!]);
    expect(three.errors).toBeUndefined();
    for (const user of Object.values(three.data!)) {
      // Each is vouched for by the voucher alone, reached from the anchor in one step.
      expect(user.trustScore.explanation.contributors.map((c) => c.handle)).toEqual([ids.voucher]);
      expect(user.trustScore.explanation.paths[0]!.steps.map((s) => s.handle).slice(0, 2)).toEqual([
        ids.anchor,
        ids.voucher,
      ]);
    }
    // The user, their scores, the contributors' visibility and the paths: one query each, for one or three users.
    expect(three.extensions!.neo4jQueries).toBe(one.extensions!.neo4jQueries);
    expect(three.extensions!.neo4jQueries).toBe(4);
  });

  it('never lowers you for what your contacts did (no guilt by association)', async () => {
    const { dataset, ids } = await isolatedGraph(
      ['anchor', 'friend', 'me', 'critic'],
      `MATCH (a:User {id: $dataset + '_anchor'}), (f:User {id: $dataset + '_friend'}), (m:User {id: $dataset + '_me'})
       SET a.anchor = true
       CREATE (a)-[:ENDORSES {id: randomUUID(), strength: 4, public: true, createdAt: datetime()}]->(f),
              (f)-[:ENDORSES {id: randomUUID(), strength: 4, public: true, createdAt: datetime()}]->(m),
              (m)-[:ENDORSES {id: randomUUID(), strength: 4, public: true, createdAt: datetime()}]->(f),
              (f)-[:RATED {id: randomUUID(), rating: 8, createdAt: datetime()}]->(m)`,
    );
    // Ages depend on the time of computation: both computations use the same instant.
    const now = Date.now();
    await recomputeGraph(driver, { database: config.neo4j.database, dataset, now });
    const before = await scoreOf(ids.me!);

    // The friend defaults twice and is rated -10 and reported by someone else.
    await cypher(
      `MATCH (f:User {id: $dataset + '_friend'}), (c:User {id: $dataset + '_critic'})
       CREATE (f)-[:HAS_EVENT]->(:Event {id: randomUUID(), kind: 'COMMITMENT_DEFAULTED', occurredAt: datetime(), source: 'test'}),
              (f)-[:HAS_EVENT]->(:Event {id: randomUUID(), kind: 'COMMITMENT_DEFAULTED', occurredAt: datetime(), source: 'test'}),
              (c)-[:RATED {id: randomUUID(), rating: -10, createdAt: datetime()}]->(f),
              (c)-[:REPORTED {id: randomUUID(), reason: 'fraud', status: 'OPEN', createdAt: datetime()}]->(f)`,
      { dataset },
    );
    await recomputeGraph(driver, { database: config.neo4j.database, dataset, now });
    const after = await scoreOf(ids.me!);
    expect(after.value).toBe(before.value);
    expect(after.dimensions).toEqual(before.dimensions);
    // …while the friend's own score did go down.
    const friend = await scoreOf(ids.friend!);
    expect(friend.explanation.reasons.map((r) => r.code)).toContain('HISTORY_DEFAULTS');
  });

  it('is deterministic: the same graph gives the same scores', async () => {
    const { dataset, ids } = await isolatedGraph(
      ['a', 'b', 'c'],
      `MATCH (a:User {id: $dataset + '_a'}), (b:User {id: $dataset + '_b'}), (c:User {id: $dataset + '_c'})
       SET a.anchor = true
       CREATE (a)-[:ENDORSES {id: randomUUID(), strength: 3, public: true, createdAt: datetime()}]->(b),
              (b)-[:RATED {id: randomUUID(), rating: 7, createdAt: datetime()}]->(c),
              (a)-[:RATED {id: randomUUID(), rating: -2, createdAt: datetime()}]->(c)`,
    );
    const now = Date.now();
    await recomputeGraph(driver, { database: config.neo4j.database, dataset, now });
    const first = await Promise.all(Object.values(ids).map(scoreOf));
    await recomputeGraph(driver, { database: config.neo4j.database, dataset, now });
    const second = await Promise.all(Object.values(ids).map(scoreOf));
    expect(second.map((s) => [s.value, s.dimensions])).toEqual(first.map((s) => [s.value, s.dimensions]));
  });
});

describe('admin operations', () => {
  it('designate anchors and recompute one user, refused to others', async () => {
    const user = await newUser();
    made.push(user.id);
    await gql(CONSENT, { on: true }, { token: user.token });
    const setAnchor = 'mutation($id: ID!) { setAnchor(userId: $id, anchor: true) { anchor } }';
    expect(codes(await gql(setAnchor, { id: user.id }, { token: user.token }))).toEqual(['FORBIDDEN']);
    expect((await gql(setAnchor, { id: user.id }, { token: await adminToken() })).data).toEqual({
      setAnchor: { anchor: true },
    });
    const recompute = await gql<{ recomputeTrust: { value: number; stale: boolean } }>(
      'mutation($id: ID!) { recomputeTrust(userId: $id) { value stale } }',
      { id: user.id },
      { token: await adminToken() },
    );
    // A designated anchor gets its NETWORK at once (the incremental update) when the graph has been computed
    // in full before; before any full computation it waits for one, marked stale.
    const { value, stale } = recompute.data!.recomputeTrust;
    if (value === 450) expect(stale).toBe(true);
    else expect(value).toBeGreaterThan(450);
    // Both admin actions are in the audit trail.
    const audited = await cypher<{ action: string }>(
      'MATCH (a:AuditEntry {targetId: $id}) RETURN a.action AS action ORDER BY a.at',
      { id: user.id },
    );
    expect(audited.map((a) => a.action)).toEqual(['ANCHOR_SET', 'TRUST_RECOMPUTED']);
    expect(
      codes(
        await gql(
          'mutation { recomputeTrust(userId: "nobody-at-all") { value } }',
          {},
          { token: await adminToken() },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});

describe('disputes and erasure', () => {
  it('keep a disputed item in the score while under review, keep it when rejected, drop it when upheld', async () => {
    const user = await newUser();
    made.push(user.id);
    const admin = await adminToken();
    await gql(CONSENT, { on: true }, { token: user.token });
    for (const kind of ['COMMITMENT_FULFILLED', 'COMMITMENT_FULFILLED', 'COMMITMENT_FULFILLED']) {
      await gql(EVENT, { input: { userId: user.id, kind } }, { token: admin });
    }
    const recorded = await gql<{ recordEvent: { id: string } }>(
      EVENT,
      { input: { userId: user.id, kind: 'COMMITMENT_DEFAULTED' } },
      { token: admin },
    );
    const defaultId = recorded.data!.recordEvent.id;
    // score = 300 + 600·(0.30·HISTORY + 0.20·0.5) = 360 + 180·HISTORY, HISTORY = (1.5 + fulfilled)/(3 + events):
    // with the default 4.5/7 → 475.71 → 476; without it 4.5/6 = 0.75 → 495.
    const value = async () => {
      const me = await gql<{
        me: { trustScore: { value: number; explanation: { itemsUnderReview: number } } };
      }>('{ me { trustScore { value explanation { itemsUnderReview } } } }', {}, { token: user.token });
      return [me.data!.me.trustScore.value, me.data!.me.trustScore.explanation.itemsUnderReview];
    };
    expect(await value()).toEqual([476, 0]);

    const DISPUTE = 'mutation($input: DisputeItemInput!) { disputeItem(input: $input) { id status } }';
    const RESOLVE = 'mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { status } }';
    const first = await gql<{ disputeItem: { id: string } }>(
      DISPUTE,
      { input: { itemId: defaultId, statement: 'I paid on time; here is the receipt number.' } },
      { token: user.token },
    );
    // Under review the default still counts (docs/privacy.md § 4): no gain from disputing.
    expect(await value()).toEqual([476, 1]);
    await gql(
      RESOLVE,
      { input: { disputeId: first.data!.disputeItem.id, outcome: 'REJECTED' } },
      { token: admin },
    );
    expect(await value()).toEqual([476, 0]);

    // Decided once: a second dispute needs new evidence.
    const again = await gql(
      DISPUTE,
      { input: { itemId: defaultId, statement: 'A second look.' } },
      { token: user.token },
    );
    expect(codes(again)).toEqual(['CONFLICT']);
    const second = await gql<{ disputeItem: { id: string } }>(
      DISPUTE,
      {
        input: {
          itemId: defaultId,
          statement: 'A second look, with the bank statement.',
          evidence: 'Bank statement of the payment',
        },
      },
      { token: user.token },
    );
    expect(await value()).toEqual([476, 1]);
    await gql(
      RESOLVE,
      { input: { disputeId: second.data!.disputeItem.id, outcome: 'UPHELD' } },
      { token: admin },
    );
    expect(await value()).toEqual([495, 0]);
  });

  it('recompute the people an erased user rated, at once', async () => {
    const { dataset, ids } = await isolatedGraph(
      ['anchor', 'rater', 'rated'],
      `MATCH (a:User {id: $dataset + '_anchor'}), (r:User {id: $dataset + '_rater'}), (t:User {id: $dataset + '_rated'})
       SET a.anchor = true
       CREATE (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(r),
              (r)-[:RATED {id: randomUUID(), rating: 10, createdAt: datetime()}]->(t)`,
    );
    await recomputeGraph(driver, { database: config.neo4j.database, dataset });
    const reputation = async () =>
      (await scoreOf(ids.rated!)).dimensions.find((d) => d.dimension === 'REPUTATION')!.value;
    expect(await reputation()).toBeGreaterThan(0.5);

    const erased = await gql('mutation { deleteMe }', {}, { token: await userToken(ids.rater!) });
    expect(erased.data).toEqual({ deleteMe: true });
    // No ratings left: REPUTATION is the neutral 0.5 again, and the lost vouch is marked for the next full run.
    expect(await reputation()).toBe(0.5);
    expect((await scoreOf(ids.rated!)).stale).toBe(true);
  });
});
