/**
 * The demo world: a few dozen readable people with identities of each assurance level, endorsements, ratings
 * after interactions, commitments kept and broken, and one suspicious ring of accounts that only vouch for each
 * other. Deterministic and idempotent (MERGE on fixed ids), so `npm run seed` can be run any number of times.
 * The demo people have opted in to scoring (real users start opted out).
 */
import type { Driver } from 'neo4j-driver';
import type { Config } from '../src/config.js';
import { identityKey } from '../src/identities/subject-key.js';

type Assurance = 'LOW' | 'SUBSTANTIAL' | 'HIGH';

interface Person {
  handle: string;
  displayName: string;
  ageDays: number;
  identities: [provider: string, assurance: Assurance][];
  events?: { fulfilled?: number; late?: number; defaulted?: number };
}

/**
 * The demo world's trust anchors, designated explicitly (an identity never makes anyone an anchor): four long-standing
 * people with a HIGH-assurance identity and years of kept commitments, in two groups of the graph. Olivia and Yusuf
 * also hold HIGH identities and are not anchors: their network trust comes from who vouches for them.
 */
export const DEMO_ANCHORS: readonly string[] = ['alice', 'carol', 'grace', 'trent'];

const PEOPLE: Person[] = [
  {
    handle: 'alice',
    displayName: 'Alice',
    ageDays: 900,
    identities: [
      ['eid-gov', 'HIGH'],
      ['bank-id', 'SUBSTANTIAL'],
    ],
    events: { fulfilled: 24, late: 1 },
  },
  {
    handle: 'bob',
    displayName: 'Bob',
    ageDays: 700,
    identities: [['bank-id', 'SUBSTANTIAL']],
    events: { fulfilled: 12, late: 2 },
  },
  {
    handle: 'carol',
    displayName: 'Carol',
    ageDays: 1200,
    identities: [['eid-gov', 'HIGH']],
    events: { fulfilled: 40 },
  },
  {
    handle: 'dave',
    displayName: 'Dave',
    ageDays: 400,
    identities: [['social', 'LOW']],
    events: { fulfilled: 3, defaulted: 2 },
  },
  {
    handle: 'erin',
    displayName: 'Erin',
    ageDays: 60,
    identities: [
      ['social', 'LOW'],
      ['email', 'LOW'],
    ],
    events: { fulfilled: 2 },
  },
  {
    handle: 'frank',
    displayName: 'Frank',
    ageDays: 300,
    identities: [['bank-id', 'SUBSTANTIAL']],
    events: { fulfilled: 8, late: 4, defaulted: 1 },
  },
  {
    handle: 'grace',
    displayName: 'Grace',
    ageDays: 1500,
    identities: [
      ['eid-gov', 'HIGH'],
      ['social', 'LOW'],
    ],
    events: { fulfilled: 55, late: 1 },
  },
  { handle: 'heidi', displayName: 'Heidi', ageDays: 20, identities: [], events: {} },
  {
    handle: 'ivan',
    displayName: 'Ivan',
    ageDays: 500,
    identities: [['social', 'LOW']],
    events: { fulfilled: 6, defaulted: 3 },
  },
  {
    handle: 'judy',
    displayName: 'Judy',
    ageDays: 800,
    identities: [
      ['bank-id', 'SUBSTANTIAL'],
      ['email', 'LOW'],
    ],
    events: { fulfilled: 15 },
  },
  {
    handle: 'mallory',
    displayName: 'Mallory',
    ageDays: 90,
    identities: [['email', 'LOW']],
    events: { defaulted: 4 },
  },
  {
    handle: 'niaj',
    displayName: 'Niaj',
    ageDays: 350,
    identities: [['bank-id', 'SUBSTANTIAL']],
    events: { fulfilled: 9, late: 1 },
  },
  {
    handle: 'olivia',
    displayName: 'Olivia',
    ageDays: 650,
    identities: [['eid-gov', 'HIGH']],
    events: { fulfilled: 18 },
  },
  {
    handle: 'peggy',
    displayName: 'Peggy',
    ageDays: 200,
    identities: [['social', 'LOW']],
    events: { fulfilled: 4, late: 1 },
  },
  {
    handle: 'rupert',
    displayName: 'Rupert',
    ageDays: 150,
    identities: [['email', 'LOW']],
    events: { fulfilled: 1 },
  },
  {
    handle: 'sybil',
    displayName: 'Sybil',
    ageDays: 1000,
    identities: [['bank-id', 'SUBSTANTIAL']],
    events: { fulfilled: 30, late: 3 },
  },
  {
    handle: 'trent',
    displayName: 'Trent',
    ageDays: 1100,
    identities: [
      ['eid-gov', 'HIGH'],
      ['bank-id', 'SUBSTANTIAL'],
    ],
    events: { fulfilled: 35 },
  },
  { handle: 'uma', displayName: 'Uma', ageDays: 45, identities: [['social', 'LOW']], events: {} },
  {
    handle: 'victor',
    displayName: 'Victor',
    ageDays: 600,
    identities: [['bank-id', 'SUBSTANTIAL']],
    events: { fulfilled: 10, defaulted: 1 },
  },
  {
    handle: 'walter',
    displayName: 'Walter',
    ageDays: 250,
    identities: [['social', 'LOW']],
    events: { fulfilled: 5 },
  },
  { handle: 'xena', displayName: 'Xena', ageDays: 30, identities: [], events: {} },
  {
    handle: 'yusuf',
    displayName: 'Yusuf',
    ageDays: 450,
    identities: [['eid-gov', 'HIGH']],
    events: { fulfilled: 11, late: 2 },
  },
  {
    handle: 'zoe',
    displayName: 'Zoe',
    ageDays: 120,
    identities: [['email', 'LOW']],
    events: { fulfilled: 2, late: 1 },
  },
  // The ring: young accounts with weak identities that vouch only for each other.
  ...[1, 2, 3, 4, 5, 6].map((n): Person => ({
    handle: `ring_${n}`,
    displayName: `Ring ${n}`,
    ageDays: 10,
    identities: [['email', 'LOW']],
  })),
];

// [endorser, endorsee, strength, public]
const ENDORSEMENTS: [string, string, number, boolean][] = [
  ['alice', 'bob', 4, true],
  ['alice', 'carol', 5, true],
  ['carol', 'alice', 5, true],
  ['carol', 'judy', 3, false],
  ['grace', 'alice', 4, true],
  ['grace', 'olivia', 5, true],
  ['trent', 'grace', 5, true],
  ['trent', 'sybil', 3, false],
  ['olivia', 'niaj', 3, true],
  ['bob', 'frank', 2, false],
  ['judy', 'peggy', 2, true],
  ['yusuf', 'walter', 3, true],
  ['sybil', 'victor', 2, false],
  ['niaj', 'zoe', 2, true],
  ['alice', 'erin', 2, true],
  ['carol', 'dave', 1, false],
  // One honest account was talked into vouching for the ring: the only "attack edge" into it.
  ['rupert', 'ring_1', 3, false],
];

// [rater, target, rating -10..10]
const RATINGS: [string, string, number][] = [
  ['bob', 'alice', 9],
  ['carol', 'alice', 10],
  ['dave', 'alice', 8],
  ['alice', 'bob', 7],
  ['frank', 'bob', 6],
  ['alice', 'carol', 10],
  ['grace', 'carol', 9],
  ['bob', 'dave', -6],
  ['frank', 'dave', -8],
  ['judy', 'dave', -4],
  ['alice', 'erin', 5],
  ['bob', 'frank', 4],
  ['judy', 'frank', -2],
  ['trent', 'grace', 10],
  ['olivia', 'grace', 9],
  ['victor', 'ivan', -7],
  ['walter', 'ivan', -5],
  ['carol', 'judy', 8],
  ['ivan', 'mallory', -9],
  ['zoe', 'mallory', -10],
  ['peggy', 'mallory', -8],
  ['grace', 'olivia', 9],
  ['olivia', 'niaj', 7],
  ['judy', 'peggy', 6],
  ['trent', 'sybil', 8],
  ['sybil', 'trent', 9],
  ['sybil', 'victor', 6],
  ['yusuf', 'walter', 7],
  ['niaj', 'yusuf', 8],
  ['niaj', 'zoe', 5],
  // Mallory rates everyone the opposite of what others do: FxG gives her low fairness.
  ['mallory', 'alice', -10],
  ['mallory', 'carol', -10],
  ['mallory', 'dave', 10],
];

const DAY = 86_400_000;

export async function seedDemoWorld(driver: Driver, config: Config): Promise<number> {
  const now = Date.now();
  const people = PEOPLE.map((p) => ({
    id: `demo-${p.handle}`,
    handle: p.handle,
    displayName: p.displayName,
    createdAt: new Date(now - p.ageDays * DAY).toISOString(),
    anchor: DEMO_ANCHORS.includes(p.handle),
  }));
  const identities = PEOPLE.flatMap((p) =>
    p.identities.map(([provider, assurance], n) => ({
      id: `demo-identity-${p.handle}-${n}`,
      userId: `demo-${p.handle}`,
      provider,
      assurance,
      key: identityKey(config.identityHashSecret, provider, `demo-subject-${p.handle}-${provider}`),
      verifiedAt: new Date(now - Math.min(p.ageDays, 30 + n) * DAY).toISOString(),
    })),
  );
  const ring = PEOPLE.filter((p) => p.handle.startsWith('ring_')).map((p) => p.handle);
  const endorsements = [
    ...ENDORSEMENTS,
    ...ring.flatMap((a) =>
      ring.filter((b) => b !== a).map((b): [string, string, number, boolean] => [a, b, 5, true]),
    ),
  ].map(([from, to, strength, isPublic], n) => ({
    id: `demo-endorsement-${n}`,
    from: `demo-${from}`,
    to: `demo-${to}`,
    strength,
    public: isPublic,
    createdAt: new Date(now - (200 - n) * DAY).toISOString(),
  }));
  const ratings = [
    ...RATINGS,
    ...ring.flatMap((a) => ring.filter((b) => b !== a).map((b): [string, string, number] => [a, b, 10])),
  ].map(([from, to, rating], n) => ({
    id: `demo-rating-${n}`,
    from: `demo-${from}`,
    to: `demo-${to}`,
    rating,
    createdAt: new Date(now - (150 - n) * DAY).toISOString(),
  }));
  const kinds = {
    fulfilled: 'COMMITMENT_FULFILLED',
    late: 'COMMITMENT_LATE',
    defaulted: 'COMMITMENT_DEFAULTED',
  } as const;
  const events = PEOPLE.flatMap((p) =>
    (Object.keys(kinds) as (keyof typeof kinds)[]).flatMap((k) =>
      Array.from({ length: p.events?.[k] ?? 0 }, (_, n) => ({
        id: `demo-event-${p.handle}-${k}-${n}`,
        userId: `demo-${p.handle}`,
        kind: kinds[k],
        occurredAt: new Date(now - ((n * 37) % Math.max(p.ageDays, 1)) * DAY).toISOString(),
      })),
    ),
  );

  const session = driver.session({ database: config.neo4j.database });
  try {
    await session.executeWrite(async (tx) => {
      await tx.run(
        `UNWIND $people AS p
         MERGE (u:User {id: p.id})
         ON CREATE SET u.handle = p.handle, u.displayName = p.displayName, u.createdAt = datetime(p.createdAt),
                       u.status = 'ACTIVE', u.demo = true, u.scoringConsent = true
         // Anchors are designated like an admin's setAnchor, audited; a later admin decision is never overwritten.
         WITH u, p WHERE p.anchor AND u.anchor IS NULL
         SET u.anchor = true
         CREATE (:AuditEntry {id: randomUUID(), actorId: 'seed:demo-world', action: 'ANCHOR_SET', targetId: u.id,
                              at: datetime()})`,
        { people },
      );
      await tx.run(
        `UNWIND $identities AS i
         MATCH (u:User {id: i.userId})
         MERGE (u)-[:HAS_IDENTITY]->(n:Identity {key: i.key})
         ON CREATE SET n.id = i.id, n.provider = i.provider, n.assurance = i.assurance,
                       n.verifiedAt = datetime(i.verifiedAt)`,
        { identities },
      );
      await tx.run(
        `UNWIND $endorsements AS e
         MATCH (a:User {id: e.from}), (b:User {id: e.to})
         MERGE (a)-[r:ENDORSES]->(b)
         ON CREATE SET r.id = e.id, r.strength = e.strength, r.public = e.public, r.createdAt = datetime(e.createdAt)`,
        { endorsements },
      );
      await tx.run(
        `UNWIND $ratings AS x
         MATCH (a:User {id: x.from}), (b:User {id: x.to})
         MERGE (a)-[r:RATED]->(b)
         ON CREATE SET r.id = x.id, r.rating = x.rating, r.createdAt = datetime(x.createdAt)`,
        { ratings },
      );
      await tx.run(
        `UNWIND $events AS e
         MATCH (u:User {id: e.userId})
         MERGE (ev:Event {id: e.id})
         ON CREATE SET ev.kind = e.kind, ev.occurredAt = datetime(e.occurredAt), ev.source = 'demo',
                       ev.recordedAt = datetime()
         MERGE (u)-[:HAS_EVENT]->(ev)`,
        { events },
      );
    });
  } finally {
    await session.close();
  }
  return people.length;
}

/** Seeds only a database without any user (what `npm start` does on a fresh clone). */
export async function seedDemoWorldIfEmpty(driver: Driver, config: Config): Promise<number> {
  const session = driver.session({ database: config.neo4j.database });
  try {
    const result = await session.run('MATCH (u:User) RETURN count(u) > 0 AS any');
    if (result.records[0]?.get('any') === true) return 0;
  } finally {
    await session.close();
  }
  return seedDemoWorld(driver, config);
}
