/**
 * Erasure played as an attacker through HTTP: erasing and registering again must not launder a score, the
 * erased verified identity must not earn identity credit again during the cooling-off, the handle must not pass
 * to someone else at once, and no one else's stored explanation may name the erased person afterwards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deleteDataset } from '../../../seed/synthetic.js';
import { Db } from '../../../src/db/driver.js';
import { identityKey } from '../../../src/identities/subject-key.js';
import { privacySweep } from '../../../src/privacy/service.js';
import { tombstoneKey } from '../../../src/privacy/tombstones.js';
import { recomputeGraph } from '../../../src/trust/compute.js';
import {
  adminToken,
  config,
  cypher,
  driver,
  gql,
  newUser,
  removeUsers,
  unique,
  userToken,
} from '../helpers.js';

const users: string[] = [];
const tombstones: string[] = [];
const datasets: string[] = [];
afterAll(async () => {
  await cypher('MATCH (t:Tombstone) WHERE t.key IN $tombstones DELETE t', { tombstones });
  await cypher('MATCH (a:AuditEntry) WHERE a.targetId IN $users DELETE a', { users });
  await removeUsers(users);
  for (const dataset of datasets) await deleteDataset(driver, dataset, config.neo4j.database);
});

const REGISTER = 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id } }';
const LINK = 'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }';
const secret = config.identityHashSecret;

const reasonOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.map((e) => [e.extensions?.code, e.extensions?.reason]);

async function scoreOf(token: string): Promise<number> {
  const response = await gql<{ me: { trustScore: { value: number } } }>(
    '{ me { trustScore { value } } }',
    {},
    {
      token,
    },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.me.trustScore.value;
}

const optIn = async (token: string) =>
  expect(
    (await gql('mutation { setScoringConsent(enabled: true) { id } }', {}, { token })).errors,
  ).toBeUndefined();

/**
 * Hand computation (model 2026-11.x; score = round(300 + 600·Σ weight·dimension)):
 *   brand-new account: 0.30·HISTORY 0.5 + 0.20·REPUTATION 0.5 → 450;
 *   one SUBSTANTIAL identity adds 0.25·0.75·0.35 = 0.065625 → +39.375;
 *   five fresh defaults: HISTORY = 1.5/(3 + 5) = 0.1875, i.e. 0.30·(0.1875 − 0.5)·600 = −56.25.
 * The launderer before erasure: 450 + 39.375 − 56.25 = 433.125 → 433.
 */
const LAUNDERER = 433;
const FRESH = 450;
const FRESH_WITH_IDENTITY = 489; // 489.375

describe('adversary: erasure', () => {
  it('deleteMe then registerUser does not launder a score, nor bring the identity credit back, nor hand on the handle', async () => {
    const admin = await adminToken();
    const person = await newUser();
    users.push(person.id);
    await optIn(person.token);
    const subject = unique('bank-subject');
    expect(
      (
        await gql(
          LINK,
          { input: { userId: person.id, provider: 'bank-id', subject, assurance: 'SUBSTANTIAL' } },
          {
            token: admin,
          },
        )
      ).errors,
    ).toBeUndefined();
    await cypher(
      `MATCH (u:User {id: $id}) UNWIND range(1, 5) AS k
       CREATE (u)-[:HAS_EVENT]->(:Event {id: randomUUID(), kind: 'COMMITMENT_DEFAULTED', occurredAt: datetime(),
                                         source: 'test', recordedAt: datetime()})`,
      { id: person.id },
    );
    await gql(
      'mutation($u: ID!) { recomputeTrust(userId: $u) { value } }',
      { u: person.id },
      { token: admin },
    );
    expect(await scoreOf(person.token)).toBe(LAUNDERER);

    const keys = {
      identity: tombstoneKey(secret, 'IDENTITY', identityKey(secret, 'bank-id', subject)),
      login: tombstoneKey(secret, 'LOGIN', person.id),
      handle: tombstoneKey(secret, 'HANDLE', person.handle),
    };
    tombstones.push(...Object.values(keys));
    expect((await gql('mutation { deleteMe }', {}, { token: person.token })).data).toEqual({
      deleteMe: true,
    });

    // Today's attack, the same login registering again (the third request): refused during the cooling-off,
    // with the handle it had or any other.
    expect(
      reasonOf(await gql(REGISTER, { input: { handle: person.handle } }, { token: person.token })),
    ).toEqual([['CONFLICT', 'LOGIN_COOLING_OFF']]);
    expect(
      reasonOf(
        await gql(REGISTER, { input: { handle: unique('other').toLowerCase() } }, { token: person.token }),
      ),
    ).toEqual([['CONFLICT', 'LOGIN_COOLING_OFF']]);

    // Someone else (or the same person with a new login) cannot take the erased handle.
    const otherId = unique('user');
    users.push(otherId);
    const other = await userToken(otherId);
    expect(reasonOf(await gql(REGISTER, { input: { handle: person.handle } }, { token: other }))).toEqual([
      ['CONFLICT', 'HANDLE_QUARANTINED'],
    ]);
    // A new login gets what any brand-new account gets, 450; the erased verified identity earns nothing.
    expect(
      (await gql(REGISTER, { input: { handle: otherId.toLowerCase() } }, { token: other })).errors,
    ).toBeUndefined();
    await optIn(other);
    expect(await scoreOf(other)).toBe(FRESH);
    const relink = await gql(
      LINK,
      { input: { userId: otherId, provider: 'bank-id', subject, assurance: 'SUBSTANTIAL' } },
      { token: admin },
    );
    expect(reasonOf(relink)).toEqual([['CONFLICT', 'IDENTITY_COOLING_OFF']]);
    expect(await scoreOf(other)).toBe(FRESH);
    // Only that identity is held back: another one links and earns its credit.
    const fresh = await gql(
      LINK,
      {
        input: {
          userId: otherId,
          provider: 'bank-id',
          subject: unique('another-subject'),
          assurance: 'SUBSTANTIAL',
        },
      },
      { token: admin },
    );
    expect(fresh.errors).toBeUndefined();
    expect(await scoreOf(other)).toBe(FRESH_WITH_IDENTITY);

    // What erasure keeps: three tombstones, each a keyed hash, a kind and an expiry, nothing else.
    const kept = await cypher<{ kind: string; props: string[]; days: number }>(
      `MATCH (t:Tombstone) WHERE t.key IN $keys
       RETURN t.kind AS kind, keys(t) AS props, duration.inDays(datetime(), t.until).days AS days ORDER BY kind`,
      { keys: Object.values(keys) },
    );
    expect(kept.map((t) => ({ ...t, props: [...t.props].sort() }))).toEqual([
      { kind: 'HANDLE', props: ['key', 'kind', 'until'], days: 89 },
      { kind: 'IDENTITY', props: ['key', 'kind', 'until'], days: 364 },
      { kind: 'LOGIN', props: ['key', 'kind', 'until'], days: 364 },
    ]);
    const [clear] = await cypher<{ n: number }>(
      `MATCH (t:Tombstone) WHERE any(k IN keys(t) WHERE t[k] IN $values) RETURN count(t) AS n`,
      { values: [person.id, person.handle, subject, identityKey(secret, 'bank-id', subject)] },
    );
    expect(clear).toEqual({ n: 0 });

    // After the cooling-off the tombstones stop holding and the sweep deletes them (fixed retention).
    await cypher('MATCH (t:Tombstone) WHERE t.key IN $keys SET t.until = datetime() - duration({days: 1})', {
      keys: Object.values(keys),
    });
    expect(
      (await gql(REGISTER, { input: { handle: person.handle } }, { token: person.token })).errors,
    ).toBeUndefined();
    await privacySweep(new Db(driver, config.neo4j.database));
    const [gone] = await cypher<{ n: number }>(
      'MATCH (t:Tombstone) WHERE t.key IN $keys RETURN count(t) AS n',
      {
        keys: Object.values(keys),
      },
    );
    expect(gone).toEqual({ n: 0 });
  });

  it('no stored explanation names the erased person once deleteMe returns', async () => {
    // A graph of its own: anchor → voucher → me, computed in full, so `me`'s stored explanation names `voucher`.
    const dataset = unique('g').replace('_', '');
    datasets.push(dataset);
    const id = (p: string) => `${dataset}_${p}`;
    await cypher(
      `UNWIND ['anchor', 'voucher', 'me'] AS p
       CREATE (:User {id: $dataset + '_' + p, handle: $dataset + '_' + p, dataset: $dataset, status: 'ACTIVE',
                      createdAt: datetime() - duration({days: 400}), scoringConsent: true})
       WITH count(*) AS made
       MATCH (a:User {id: $dataset + '_anchor'}), (v:User {id: $dataset + '_voucher'}), (m:User {id: $dataset + '_me'})
       SET a.anchor = true
       CREATE (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(v),
              (v)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(m)`,
      { dataset },
    );
    await recomputeGraph(driver, { database: config.neo4j.database, dataset });
    const naming = (erased: string) =>
      cypher<{ id: string }>('MATCH (u:User) WHERE u.trustExplanation CONTAINS $erased RETURN u.id AS id', {
        erased,
      });
    expect((await naming(id('voucher'))).map((r) => r.id)).toContain(id('me'));
    tombstones.push(
      tombstoneKey(secret, 'LOGIN', id('voucher')),
      tombstoneKey(secret, 'HANDLE', id('voucher')),
    );

    const erased = await gql('mutation { deleteMe }', {}, { token: await userToken(id('voucher')) });
    expect(erased.data).toEqual({ deleteMe: true });

    // Nobody's stored explanation holds the id, before any refresh.
    expect(await naming(id('voucher'))).toEqual([]);
    // `me` still sees an exact explanation: the voucher's share is now part of OTHERS, unnamed.
    const mine = await gql<{
      me: {
        trustScore: {
          dimensions: { dimension: string; points: number }[];
          explanation: { contributors: { kind: string; handle: string | null; points: number }[] };
        };
      };
    }>(
      '{ me { trustScore { dimensions { dimension points } explanation { contributors { kind handle points } } } } }',
      {},
      { token: await userToken(id('me')) },
    );
    expect(mine.errors).toBeUndefined();
    const score = mine.data!.me.trustScore;
    const network = score.dimensions.find((d) => d.dimension === 'NETWORK')!.points;
    expect(network).toBeGreaterThan(0);
    expect(score.explanation.contributors.reduce((sum, c) => sum + c.points, 0)).toBe(network);
    expect(score.explanation.contributors.map((c) => c.handle)).not.toContain(id('voucher'));
    expect(score.explanation.contributors.map((c) => c.kind)).toContain('OTHERS');
  });

  it('the database keeps no transaction log beyond the latest file, rotated at 1 MiB', async () => {
    const settings = await cypher<{ name: string; value: string }>(
      `SHOW SETTINGS YIELD name, value
       WHERE name IN ['db.tx_log.rotation.retention_policy', 'db.tx_log.rotation.size']
       RETURN name, value ORDER BY name`,
    );
    expect(settings).toEqual([
      { name: 'db.tx_log.rotation.retention_policy', value: 'false' },
      { name: 'db.tx_log.rotation.size', value: '1.00MiB' },
    ]);
  });
});
