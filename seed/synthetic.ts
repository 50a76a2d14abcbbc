/**
 * A synthetic trust network for benchmarks: N users and M relationships with heavy-tailed degrees (a copying /
 * preferential-attachment process: most relationships go to and come from people who already have many),
 * a mix of ENDORSES and RATED edges, verified identities of every assurance level for a fraction of users,
 * commitment events, and sybil rings that endorse and rate each other +10 with a few attack edges from honest
 * users. Deterministic for a seed. `loadSynthetic` writes it into Neo4j under a dataset namespace
 * (`u.dataset = <dataset>`, ids and handles `<dataset>_<n>`), in large UNWIND batches, idempotently.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { Driver } from 'neo4j-driver';
import type { Assurance } from '../src/identities/model.js';
import type { EventKind } from '../src/relationships/model.js';

export interface SyntheticOptions {
  users: number;
  relationships: number;
  seed: number;
  /** Share of relationships that are endorsements (the rest are ratings). */
  endorsementShare?: number;
  /** Share of users with at least one verified identity. */
  identityShare?: number;
  /** Share of users with commitment events. */
  eventShare?: number;
  sybilRings?: number;
  sybilRingSize?: number;
  /** Honest → sybil edges per ring. */
  attackEdgesPerRing?: number;
}

export interface SyntheticGraph {
  users: number;
  /** Per user: account creation, epoch ms. */
  userCreatedAt: Float64Array;
  /** Per user: 1 when the user belongs to a sybil ring (ground truth for evaluations, never a score input). */
  sybil: Uint8Array;
  /** Edges: kind 0 = ENDORSES (value = strength 1..5), 1 = RATED (value = rating −10..−1, 1..10). */
  src: Int32Array;
  dst: Int32Array;
  kind: Uint8Array;
  value: Int8Array;
  /** Endorsements only: whether the endorser made it public. */
  isPublic: Uint8Array;
  edgeCreatedAt: Float64Array;
  identities: {
    user: number;
    assurance: Assurance;
    provider: string;
    verifiedAt: number;
    expiresAt: number | null;
  }[];
  events: { user: number; kind: EventKind; occurredAt: number }[];
}

/** sfc32: a small, fast, well-tested 32-bit generator; seeded by splitmix32 so nearby seeds diverge. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
/** All synthetic activity happens in this window. */
export const SYNTHETIC_EPOCH = Date.UTC(2023, 0, 1);
const SPAN = 3 * 365 * DAY;

export function generateSynthetic(options: SyntheticOptions): SyntheticGraph {
  const n = options.users;
  const m = options.relationships;
  if (n < 10) throw new Error('at least 10 users');
  const maxEdges = n * (n - 1);
  if (m > maxEdges / 2) throw new Error(`too many relationships for ${n} users`);
  const random = rng(options.seed);
  const int = (k: number) => Math.floor(random() * k);
  const endorsementShare = options.endorsementShare ?? 0.4;
  const rings = Math.min(options.sybilRings ?? Math.max(1, Math.floor(n / 10_000)), Math.floor(n / 20));
  const ringSize = options.sybilRingSize ?? 20;
  const attackEdges = options.attackEdgesPerRing ?? 3;
  const sybilCount = Math.min(rings * ringSize, Math.floor(n / 10));
  const honest = n - sybilCount;

  // Users join over the window, in index order.
  const userCreatedAt = new Float64Array(n);
  for (let i = 0; i < n; i++) userCreatedAt[i] = SYNTHETIC_EPOCH + Math.floor((i / n) * (SPAN * 0.8));
  const sybil = new Uint8Array(n);
  for (let i = honest; i < n; i++) sybil[i] = 1;

  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const kind = new Uint8Array(m);
  const value = new Int8Array(m);
  const isPublic = new Uint8Array(m);
  const edgeCreatedAt = new Float64Array(m);
  const pairs = new Set<number>();
  let count = 0;
  const add = (a: number, b: number, k: number, v: number): boolean => {
    if (a === b || count >= m) return false;
    // One relationship of each kind per ordered pair (an endorsement and a rating may coexist).
    const key = (a * n + b) * 2 + k;
    if (pairs.has(key)) return false;
    pairs.add(key);
    src[count] = a;
    dst[count] = b;
    kind[count] = k;
    value[count] = v;
    isPublic[count] = k === 0 && random() < 0.5 ? 1 : 0;
    const from = Math.max(userCreatedAt[a]!, userCreatedAt[b]!);
    edgeCreatedAt[count] = from + Math.floor(random() * (SYNTHETIC_EPOCH + SPAN - from));
    count++;
    return true;
  };

  // Sybil rings: each member endorses and rates the next few members +10; a few honest accounts are fooled.
  const ringEdges: [number, number][] = [];
  for (let r = 0; r < rings; r++) {
    const first = honest + r * ringSize;
    const size = Math.min(ringSize, n - first);
    if (size < 2) break;
    for (let i = 0; i < size; i++) {
      for (let step = 1; step <= Math.min(3, size - 1); step++)
        ringEdges.push([first + i, first + ((i + step) % size)]);
    }
  }
  const sybilBudget = Math.min(ringEdges.length * 2 + rings * attackEdges, Math.floor(m / 10));
  for (const [a, b] of ringEdges) {
    if (count + 2 > sybilBudget) break;
    add(a, b, 0, 5);
    add(a, b, 1, 10);
  }
  for (let r = 0; r < rings; r++) {
    for (let g = 0; g < attackEdges; g++) add(int(honest), honest + r * ringSize + int(ringSize), 1, 10);
  }

  // Honest relationships by a copying process (Price's model): with probability 1 − p an edge copies the
  // target (or source) of an earlier edge, so the chance of being picked grows with degree: power-law tails.
  const honestStart = count;
  const uniformTarget = 0.2;
  const uniformSource = 0.35;
  let attempts = 0;
  while (count < m) {
    if (++attempts > m * 50) throw new Error('could not place the relationships: too dense');
    const existing = count - honestStart;
    const a = existing === 0 || random() < uniformSource ? int(honest) : src[honestStart + int(existing)]!;
    const b = existing === 0 || random() < uniformTarget ? int(honest) : dst[honestStart + int(existing)]!;
    if (random() < endorsementShare) {
      add(a, b, 0, 1 + int(5));
    } else {
      // Mostly positive, as in real rating networks (Bitcoin OTC: ~89% positive).
      const positive = random() < 0.88;
      const magnitude = positive ? 1 + Math.min(9, Math.floor(-Math.log(1 - random()) * 2)) : 1 + int(10);
      add(a, b, 1, positive ? magnitude : -magnitude);
    }
  }

  // Identities: HIGH 5%, SUBSTANTIAL 10%, LOW 15% of users (some have two); a tenth of them expired.
  const identities: SyntheticGraph['identities'] = [];
  const identityShare = options.identityShare ?? 0.3;
  const providers: Record<Assurance, string> = { HIGH: 'eid-gov', SUBSTANTIAL: 'bank-id', LOW: 'email' };
  for (let u = 0; u < honest; u++) {
    const roll = random();
    if (roll >= identityShare) continue;
    const assurance: Assurance =
      roll < identityShare / 6 ? 'HIGH' : roll < identityShare / 2 ? 'SUBSTANTIAL' : 'LOW';
    const levels: Assurance[] = random() < 0.2 ? [assurance, 'LOW'] : [assurance];
    for (const level of [...new Set(levels)]) {
      const verifiedAt = userCreatedAt[u]! + int(60) * DAY;
      const expired = random() < 0.1;
      identities.push({
        user: u,
        assurance: level,
        provider: providers[level],
        verifiedAt,
        expiresAt: expired
          ? verifiedAt + 180 * DAY
          : random() < 0.5
            ? null
            : SYNTHETIC_EPOCH + SPAN + 730 * DAY,
      });
    }
  }
  // Sybils verify only cheap identities.
  for (let u = honest; u < n; u++) {
    if (random() < 0.5)
      identities.push({
        user: u,
        assurance: 'LOW',
        provider: 'email',
        verifiedAt: userCreatedAt[u]!,
        expiresAt: null,
      });
  }

  const events: SyntheticGraph['events'] = [];
  const eventShare = options.eventShare ?? 0.2;
  for (let u = 0; u < honest; u++) {
    if (random() >= eventShare) continue;
    const reliability = random();
    const k = 1 + Math.floor(-Math.log(1 - random()) * 3);
    for (let e = 0; e < k; e++) {
      const roll = random();
      const eventKind: EventKind =
        roll < 0.6 + 0.35 * reliability
          ? 'COMMITMENT_FULFILLED'
          : roll < 0.97
            ? 'COMMITMENT_LATE'
            : 'COMMITMENT_DEFAULTED';
      events.push({
        user: u,
        kind: eventKind,
        occurredAt: userCreatedAt[u]! + Math.floor(random() * (SYNTHETIC_EPOCH + SPAN - userCreatedAt[u]!)),
      });
    }
  }

  return {
    users: n,
    userCreatedAt,
    sybil,
    src,
    dst,
    kind,
    value,
    isPublic,
    edgeCreatedAt,
    identities,
    events,
  };
}

/** In- and out-degree (all relationship kinds) per user. */
export function degrees(graph: SyntheticGraph): { inDegree: Int32Array; outDegree: Int32Array } {
  const inDegree = new Int32Array(graph.users);
  const outDegree = new Int32Array(graph.users);
  for (let e = 0; e < graph.src.length; e++) {
    outDegree[graph.src[e]!]! += 1;
    inDegree[graph.dst[e]!]! += 1;
  }
  return { inDegree, outDegree };
}

export interface LoadOptions {
  dataset: string;
  database?: string;
  /** Rows per UNWIND transaction. */
  batchSize?: number;
  progress?: boolean;
}

export interface LoadTimings {
  mode: 'create' | 'merge';
  usersMs: number;
  relationshipsMs: number;
  identitiesMs: number;
  eventsMs: number;
  totalMs: number;
}

/** Deletes a dataset's users and everything hanging off them, in batches. */
export async function deleteDataset(driver: Driver, dataset: string, database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run(
      `MATCH (u:User {dataset: $dataset})
       CALL (u) { OPTIONAL MATCH (u)-[:HAS_IDENTITY|HAS_EVENT|RATED_BEFORE]->(n) DETACH DELETE n, u }
       IN TRANSACTIONS OF 2000 ROWS`,
      { dataset },
    );
  } finally {
    await session.close();
  }
}

/**
 * Writes the graph. A fresh dataset is written with CREATE (fast); one that already has users with MERGE on
 * the ids, so rerunning converges to the same graph without duplicates.
 */
export async function loadSynthetic(
  driver: Driver,
  graph: SyntheticGraph,
  options: LoadOptions,
): Promise<LoadTimings> {
  const { dataset, database } = options;
  const batchSize = options.batchSize ?? 20_000;
  const began = Date.now();
  const session = driver.session({ database });
  const id = (i: number) => `${dataset}_${i}`;
  try {
    const existing = (
      await session.run('MATCH (u:User {dataset: $dataset}) RETURN count(u) AS n', { dataset })
    ).records[0]!.get('n') as unknown;
    const mode: 'create' | 'merge' = Number(existing) === 0 ? 'create' : 'merge';
    const verb = mode === 'create' ? 'CREATE' : 'MERGE';
    const total = graph.users + graph.src.length + graph.identities.length + graph.events.length;
    const bar = options.progress
      ? new SingleBar(
          { format: '{phase} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left' },
          Presets.shades_classic,
        )
      : undefined;
    bar?.start(total, 0, { phase: 'users        ' });
    let done = 0;
    const batches = async (
      phase: string,
      length: number,
      row: (i: number) => Record<string, unknown>,
      cypher: string,
    ): Promise<number> => {
      const start = Date.now();
      bar?.update(done, { phase });
      for (let from = 0; from < length; from += batchSize) {
        const rows: Record<string, unknown>[] = [];
        for (let i = from; i < Math.min(length, from + batchSize); i++) rows.push(row(i));
        await session.executeWrite((tx) => tx.run(cypher, { rows, dataset }));
        done += rows.length;
        bar?.update(done, { phase });
      }
      return Date.now() - start;
    };

    const usersMs = await batches(
      'users        ',
      graph.users,
      (i) => ({ id: id(i), t: graph.userCreatedAt[i]!, sybil: graph.sybil[i] === 1 }),
      mode === 'create'
        ? `UNWIND $rows AS r
           CREATE (u:User {id: r.id, handle: r.id, displayName: 'Synthetic ' + r.id, status: 'ACTIVE',
                           createdAt: datetime({epochMillis: toInteger(r.t)}), dataset: $dataset, scoringConsent: true,
                           syntheticSybil: r.sybil})`
        : `UNWIND $rows AS r
           MERGE (u:User {id: r.id})
           SET u.handle = r.id, u.displayName = 'Synthetic ' + r.id, u.status = 'ACTIVE',
               u.createdAt = datetime({epochMillis: toInteger(r.t)}), u.dataset = $dataset, u.scoringConsent = true,
               u.syntheticSybil = r.sybil`,
    );

    const relationshipsMs = await batches(
      'endorsements ',
      graph.src.length,
      (e) => ({
        e,
        s: id(graph.src[e]!),
        d: id(graph.dst[e]!),
        k: graph.kind[e],
        v: graph.value[e],
        p: graph.isPublic[e] === 1,
        t: graph.edgeCreatedAt[e]!,
      }),
      // Both kinds in one statement per batch: each row goes through the one subquery its kind passes.
      `UNWIND $rows AS r
         MATCH (a:User {id: r.s}), (b:User {id: r.d})
         CALL (a, b, r) {
           WITH a, b, r WHERE r.k = 0
           ${verb} (a)-[x:ENDORSES {id: $dataset + '_e' + r.e}]->(b)
           SET x.strength = toInteger(r.v), x.public = r.p, x.createdAt = datetime({epochMillis: toInteger(r.t)})
           RETURN count(*) AS endorsements
         }
         CALL (a, b, r) {
           WITH a, b, r WHERE r.k = 1
           ${verb} (a)-[x:RATED {id: $dataset + '_e' + r.e}]->(b)
           SET x.rating = toInteger(r.v), x.createdAt = datetime({epochMillis: toInteger(r.t)})
           RETURN count(*) AS ratings
         }
         RETURN count(*)`,
    );

    const identitiesMs = await batches(
      'identities   ',
      graph.identities.length,
      (i) => {
        const identity = graph.identities[i]!;
        return {
          u: id(identity.user),
          id: `${dataset}_i${i}`,
          a: identity.assurance,
          p: identity.provider,
          v: identity.verifiedAt,
          x: identity.expiresAt,
        };
      },
      `UNWIND $rows AS r
       MATCH (u:User {id: r.u})
       ${verb} (i:Identity {id: r.id})
       SET i.key = r.id, i.provider = r.p, i.assurance = r.a, i.verifiedAt = datetime({epochMillis: toInteger(r.v)}),
           i.expiresAt = CASE WHEN r.x IS NULL THEN null ELSE datetime({epochMillis: toInteger(r.x)}) END
       ${verb} (u)-[:HAS_IDENTITY]->(i)`,
    );

    const eventsMs = await batches(
      'events       ',
      graph.events.length,
      (i) => {
        const event = graph.events[i]!;
        return { u: id(event.user), id: `${dataset}_v${i}`, k: event.kind, t: event.occurredAt };
      },
      `UNWIND $rows AS r
       MATCH (u:User {id: r.u})
       ${verb} (e:Event {id: r.id})
       SET e.kind = r.k, e.occurredAt = datetime({epochMillis: toInteger(r.t)}), e.source = 'synthetic',
           e.recordedAt = datetime({epochMillis: toInteger(r.t)})
       ${verb} (u)-[:HAS_EVENT]->(e)`,
    );
    bar?.stop();
    return { mode, usersMs, relationshipsMs, identitiesMs, eventsMs, totalMs: Date.now() - began };
  } finally {
    await session.close();
  }
}
