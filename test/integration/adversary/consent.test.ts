/**
 * Adversary: the consent lifecycle (issue 10, section 3). Someone endorses a person who never opted in, hoping to
 * lock them out of scoring for good; and nothing derived about a person outside scoring may be stored or served,
 * whatever the full recompute, the refresh after a write or opting out does.
 *
 * Each graph is a dataset of its own (people made here, acting through HTTP with their own tokens), computed in
 * full with recomputeGraph as the scheduled refresh does, so no other test file moves its numbers. Expected values
 * by hand from docs/trust-model.md.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { recomputeGraph } from '../../../src/trust/compute.js';
import {
  adminToken,
  codes,
  config,
  cypher,
  driver,
  gql,
  removeUsers,
  unique,
  userToken,
} from '../helpers.js';

const made: string[] = [];
afterAll(async () => {
  await cypher('MATCH (a:AuditEntry) WHERE a.targetId IN $made DELETE a', { made });
  await removeUsers(made);
});

/** People of a fresh dataset, registered just now, none opted in; returns their ids and tokens. */
async function graph(people: string[]) {
  const dataset = unique('cg').replace('_', '');
  const ids = Object.fromEntries(people.map((p) => [p, `${dataset}_${p}`]));
  made.push(...Object.values(ids));
  await cypher(
    `UNWIND $people AS p
     CREATE (:User {id: $dataset + '_' + p, handle: $dataset + '_' + p, dataset: $dataset, status: 'ACTIVE',
                    createdAt: datetime()})`,
    { dataset, people },
  );
  const tokens = Object.fromEntries(
    await Promise.all(people.map(async (p) => [p, await userToken(ids[p]!)] as const)),
  );
  const recompute = () => recomputeGraph(driver, { database: config.neo4j.database, dataset });
  return { dataset, ids, tokens, recompute };
}

const CONSENT = 'mutation($on: Boolean!) { setScoringConsent(enabled: $on) { trustScoreStatus } }';
const ENDORSE =
  'mutation($t: ID!, $public: Boolean) { endorse(input: { targetId: $t, strength: 5, public: $public }) { id } }';
const SCORE = `{ me { trustScoreStatus trustScore {
  value baseline stale
  dimensions { dimension points }
  explanation { reasons { code points } contributors { kind handle share points } }
} } }`;

interface Score {
  value: number;
  baseline: number;
  stale: boolean;
  dimensions: { dimension: string; points: number }[];
  explanation: {
    reasons: { code: string; points: number }[];
    contributors: { kind: string; handle: string | null; share: number; points: number }[];
  };
}

async function ok<T>(response: Promise<{ data?: T | null; errors?: unknown[] }>): Promise<T> {
  const { data, errors } = await response;
  expect(errors).toBeUndefined();
  return data!;
}

async function scoreOf(token: string): Promise<Score> {
  const me = await ok(gql<{ me: { trustScoreStatus: string; trustScore: Score } }>(SCORE, {}, { token }));
  expect(me.me.trustScoreStatus).toBe('SCORED');
  return me.me.trustScore;
}

const sum = (items: { points: number }[]) => items.reduce((total, item) => total + item.points, 0);

/** Every property the trust engine may write on a person, and their snapshots, as Neo4j holds them. */
async function derivedAbout(userId: string) {
  const [row] = await cypher<{ keys: string[]; snapshots: number }>(
    `MATCH (u:User {id: $userId})
     RETURN [k IN keys(u) WHERE k STARTS WITH 'trust' OR k = 'anchor'] AS keys,
            COUNT { (u)-[:HAS_TRUST_SNAPSHOT]->() } AS snapshots`,
    { userId },
  );
  return row!;
}

const NOTHING = { keys: [], snapshots: 0 };

/** What an admin is served about the person: nothing derived. */
async function servedToAdmin(userId: string) {
  const response = await gql<{ user: Record<string, unknown> }>(
    `query($id: ID!) { user(id: $id) { trustScoreStatus trustScore { value } anchor trustHistory { totalCount } } }`,
    { id: userId },
    { token: await adminToken() },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.user;
}

const SERVED_NOTHING = {
  trustScoreStatus: 'NO_CONSENT',
  trustScore: null,
  anchor: false,
  trustHistory: { totalCount: 0 },
};

describe('opt-in always works', () => {
  it('a person endorsed by a trusted person before opting in opts in after the full recompute, with an exact score', async () => {
    const { ids, tokens, recompute } = await graph(['a', 'b']);
    const admin = await adminToken();
    // A trusted A: opted in and an anchor (an admin's decision).
    await ok(gql(CONSENT, { on: true }, { token: tokens.a }));
    await ok(
      gql(
        'mutation($id: ID!) { setAnchor(userId: $id, anchor: true) { anchor } }',
        { id: ids.a },
        { token: admin },
      ),
    );
    // A endorses B, who never opted in; then the full recompute (the one that used to lock B out).
    await ok(gql(ENDORSE, { t: ids.b, public: true }, { token: tokens.a }));
    await recompute();
    expect(await derivedAbout(ids.b!)).toEqual(NOTHING);

    // B opts in: no RangeError, no 500. B is brand new with nothing of their own: the baseline 450, and no
    // network trust until the next full computation, which B is now part of (stale until then).
    const optIn = await gql(CONSENT, { on: true }, { token: tokens.b });
    expect(optIn.status).toBe(200);
    expect(optIn.errors).toBeUndefined();
    expect(optIn.data).toEqual({ setScoringConsent: { trustScoreStatus: 'SCORED' } });
    let score = await scoreOf(tokens.b!);
    expect(score).toMatchObject({ value: 450, baseline: 450, stale: true });
    expect(score.explanation.reasons).toEqual([]);
    expect(score.explanation.contributors).toEqual([]);

    // The next full computation. Two people, A the only anchor, A → B with weight 1, B dangling (its mass
    // returns to the anchor): t_B = 0.7·t_A, t_A = 0.3 + 0.7·t_B → t_A = 0.3/0.51 = 0.5882, t_B = 0.4118.
    // One anchor: the reference account holds 1/(1·100) = 0.01, so t_B is 41.18× it, past the 20× at which
    // NETWORK is full: 600·0.25·1 = 150 points → 600, all of them A's (the only in-neighbour, share 1), named
    // because the endorsement is public.
    await recompute();
    score = await scoreOf(tokens.b!);
    expect(score).toMatchObject({ value: 600, stale: false });
    expect(sum(score.explanation.reasons)).toBe(600 - 450);
    expect(score.explanation.reasons).toEqual([{ code: 'NETWORK_ENDORSED_BY_TRUSTED', points: 150 }]);
    expect(score.explanation.contributors).toEqual([
      { kind: 'VOUCHER', handle: ids.a, share: 1, points: 150 },
    ]);
  });
});

describe('nothing derived about a person outside scoring is stored or served', () => {
  it('through the full recompute, the refresh after writes, opting out and an anchor designation', async () => {
    const { ids, tokens, recompute } = await graph(['anchor', 'c', 'd', 'rater']);
    const admin = await adminToken();
    for (const p of ['anchor', 'd', 'rater']) await ok(gql(CONSENT, { on: true }, { token: tokens[p] }));
    await ok(
      gql(
        'mutation($id: ID!) { setAnchor(userId: $id, anchor: true) { anchor } }',
        { id: ids.anchor },
        { token: admin },
      ),
    );
    // C never opted in: endorsed and rated by the anchor, holding a HIGH-assurance identity (IDENTITY evidence only,
    // never an anchor designation), an event recorded about them, and endorsing D.
    await ok(gql(ENDORSE, { t: ids.c, public: true }, { token: tokens.anchor }));
    await ok(
      gql(
        'mutation($t: ID!) { rate(input: { targetId: $t, rating: 8 }) { id } }',
        { t: ids.c },
        { token: tokens.anchor },
      ),
    );
    await ok(
      gql(
        'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
        { input: { userId: ids.c, provider: 'eid-gov', subject: unique('s'), assurance: 'HIGH' } },
        { token: admin },
      ),
    );
    await ok(
      gql(
        'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }',
        { input: { userId: ids.c, kind: 'COMMITMENT_FULFILLED' } },
        { token: admin },
      ),
    );
    await ok(gql(ENDORSE, { t: ids.d, public: true }, { token: tokens.c }));
    // An anchor designation of someone outside scoring is refused, and leaves nothing.
    const anchorC = await gql(
      'mutation($id: ID!) { setAnchor(userId: $id, anchor: true) { anchor } }',
      { id: ids.c },
      { token: admin },
    );
    expect(codes(anchorC)).toEqual(['BAD_USER_INPUT']);
    expect(await derivedAbout(ids.c!)).toEqual(NOTHING);

    await recompute();
    expect(await derivedAbout(ids.c!)).toEqual(NOTHING);
    expect(await servedToAdmin(ids.c!)).toEqual(SERVED_NOTHING);
    // C's endorsement carries no trust: D, endorsed by C alone, has no network points and no contributors.
    let d = await scoreOf(tokens.d!);
    expect(d.dimensions.find((x) => x.dimension === 'NETWORK')!.points).toBe(0);
    expect(d.explanation.contributors).toEqual([]);

    // C opts in: C is scored, and after the next full computation C's endorsement counts for D.
    await ok(gql(CONSENT, { on: true }, { token: tokens.c }));
    await recompute();
    expect((await derivedAbout(ids.c!)).snapshots).toBeGreaterThan(0);
    d = await scoreOf(tokens.d!);
    expect(d.explanation.contributors.map((x) => x.handle)).toEqual([ids.c]);

    // C opts out: everything derived goes in the same request (properties, anchor status, the history)…
    await ok(gql(CONSENT, { on: false }, { token: tokens.c }));
    expect(await derivedAbout(ids.c!)).toEqual(NOTHING);
    expect(await servedToAdmin(ids.c!)).toEqual(SERVED_NOTHING);
    // …D's explanation stops naming C at once (C's share and points join OTHERS, so they still sum exactly), and
    // D's network points from C are marked for the next full computation, which drops them.
    const networkPoints = d.explanation.contributors[0]!.points;
    expect(networkPoints).toBeGreaterThan(0);
    const dAfter = await scoreOf(tokens.d!);
    expect(dAfter.stale).toBe(true);
    expect(dAfter.explanation.contributors).toEqual([
      { kind: 'OTHERS', handle: null, share: 1, points: networkPoints },
    ]);
    // (Handles equal ids in this graph, so neither is left in any stored explanation.)
    const [naming] = await cypher<{ n: number }>(
      'MATCH (u:User) WHERE u.trustExplanation CONTAINS $c RETURN count(u) AS n',
      { c: ids.c },
    );
    expect(naming!.n).toBe(0);
    await recompute();
    expect(await derivedAbout(ids.c!)).toEqual(NOTHING);
    d = await scoreOf(tokens.d!);
    expect(d.explanation.contributors).toEqual([]);

    // Writes about C refresh C's score in their own transaction: they write nothing about C either.
    await ok(
      gql(
        'mutation($t: ID!) { rate(input: { targetId: $t, rating: -4 }) { id } }',
        { t: ids.c },
        { token: tokens.rater },
      ),
    );
    await ok(
      gql(
        'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }',
        { input: { userId: ids.c, kind: 'COMMITMENT_DEFAULTED' } },
        { token: admin },
      ),
    );
    await ok(
      gql('mutation($id: ID!) { recomputeTrust(userId: $id) { value } }', { id: ids.c }, { token: admin }),
    );
    expect(await derivedAbout(ids.c!)).toEqual(NOTHING);
    expect(await servedToAdmin(ids.c!)).toEqual(SERVED_NOTHING);
  });

  it('the full recompute removes what an earlier version left on people outside scoring', async () => {
    const { ids, recompute } = await graph(['left']);
    const snapshotId = unique('snapshot');
    await cypher(
      `MATCH (u:User {id: $id})
       SET u.trustRaw = 0.2, u.trustFairness = 0.9, u.trustGoodness = 0.4, u.trustRestartShare = 0.1,
           u.trustIsAnchor = true, u.trustGraphSize = 9, u.trustValue = 500, u.anchor = true
       CREATE (u)-[:HAS_TRUST_SNAPSHOT]->(:TrustSnapshot {id: $snapshotId, value: 500, band: 'FAIR',
               computedAt: datetime(), modelVersion: 'old'})`,
      { id: ids.left, snapshotId },
    );
    await recompute();
    expect(await derivedAbout(ids.left!)).toEqual(NOTHING);
    const [left] = await cypher<{ n: number }>(
      'MATCH (s:TrustSnapshot {id: $snapshotId}) RETURN count(s) AS n',
      {
        snapshotId,
      },
    );
    expect(left!.n).toBe(0);
  });
});
