/**
 * Trust data access: the graph queries that feed the engine (edge sets, neighbourhoods, explanation paths) and
 * the write-back of materialised scores and snapshots.
 */
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { Db, Tx } from '../db/driver.js';
import { afterCondition, pageParams, type PageArgs, type PageOfRows } from '../db/pagination.js';
import type { Assurance, EventKind, UserProfile } from './engine/index.js';
import {
  scoreIsStale,
  type StoredExplanation,
  type TrustScoreRow,
  type TrustSnapshotRow,
  type TrustStateRow,
} from './model.js';

const DAY_MS = 86_400_000;

/** Users of one graph: the native one (dataset null) or an imported dataset. */
const IN_DATASET = '(($dataset IS NULL AND u.dataset IS NULL) OR u.dataset = $dataset)';

/**
 * Everything the trust computation derives and stores on a person (the node's properties; snapshots are nodes of
 * their own). A person who has not opted in to scoring keeps none of it (docs/trust-model.md, "Consent").
 */
const DERIVED_PROPERTIES = [
  'trustRaw',
  'trustFairness',
  'trustGoodness',
  'trustRestartShare',
  'trustIsAnchor',
  'trustGraphSize',
  'trustReference',
  'trustValue',
  'trustBand',
  'trustIdentity',
  'trustHistory',
  'trustReputation',
  'trustNetwork',
  'trustExplanation',
  'trustComputedAt',
  'trustModelVersion',
  'trustStale',
  // The incremental EigenTrust state (incremental.ts).
  'trustQ',
  'trustR',
  'trustOut',
  'trustOutTotal',
  'trustReach',
] as const;
/** Anchor status too: a person outside scoring is no source of trust either. */
const REMOVE_DERIVED = `REMOVE ${[...DERIVED_PROPERTIES, 'anchor'].map((p) => `u.${p}`).join(', ')}`;
/** Whether `u` has anything derived stored (a property or a snapshot). */
const HAS_DERIVED = `(${DERIVED_PROPERTIES.map((p) => `u.${p} IS NOT NULL`).join(' OR ')} OR u.anchor IS NOT NULL
  OR EXISTS { (u)-[:HAS_TRUST_SNAPSHOT]->() })`;
const FORGET_DERIVED = `${REMOVE_DERIVED}
  WITH u CALL (u) { MATCH (u)-[:HAS_TRUST_SNAPSHOT]->(s:TrustSnapshot) DETACH DELETE s }`;

export interface LoadedGraph {
  ids: string[];
  consent: Uint8Array;
  profiles: UserProfile[];
  ratings: { src: Int32Array; dst: Int32Array; rating: Float64Array };
  endorsements: { src: Int32Array; dst: Int32Array; strength: Float64Array };
  anchors: Int32Array;
  /** Per user: events and ratings they disputed, left out of scoring while under review. */
  underReview: Int32Array;
}

async function stream(
  driver: Driver,
  database: string | undefined,
  cypher: string,
  params: Record<string, unknown>,
  onRow: (row: unknown[]) => void,
): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = session.run(cypher, params);
    for await (const record of result) onRow([...record.values()] as unknown[]);
  } finally {
    await session.close();
  }
}

class EdgeBuffer {
  src: number[] = [];
  dst: number[] = [];
  weight: number[] = [];
  add(s: number | undefined, d: number | undefined, w: number): void {
    if (s === undefined || d === undefined) return;
    this.src.push(s);
    this.dst.push(d);
    this.weight.push(w);
  }
}

/**
 * Loads one whole graph in five streaming queries, users indexed 0..n-1 in id order. Only people who opted in to
 * scoring are in it: nothing is computed about anyone else, and their endorsements and ratings carry no trust
 * (docs/trust-model.md, "Consent").
 */
export async function loadGraph(
  driver: Driver,
  database: string | undefined,
  dataset: string | null,
  now = Date.now(),
): Promise<LoadedGraph> {
  const params = { dataset, now: neo4j.int(now) };
  const ids: string[] = [];
  const consent: number[] = [];
  const anchorFlags: boolean[] = [];
  const profiles: UserProfile[] = [];
  await stream(
    driver,
    database,
    `MATCH (u:User) WHERE ${IN_DATASET} AND coalesce(u.scoringConsent, false)
     RETURN u.id, u.createdAt.epochMillis, coalesce(u.scoringConsent, false), coalesce(u.anchor, false)
     ORDER BY u.id`,
    params,
    ([id, created, consented, anchor]) => {
      ids.push(id as string);
      consent.push(consented ? 1 : 0);
      anchorFlags.push(anchor === true);
      profiles.push({
        identities: [],
        accountAgeDays: Math.max(0, (now - Number(created)) / DAY_MS),
        events: [],
      });
    },
  );
  const index = new Map(ids.map((id, n) => [id, n]));
  const underReview = new Int32Array(ids.length);
  await stream(
    driver,
    database,
    `MATCH (u:User)-[:HAS_IDENTITY]->(i:Identity) WHERE ${IN_DATASET}
     RETURN u.id, i.assurance, i.expiresAt IS NOT NULL AND i.expiresAt.epochMillis <= $now`,
    params,
    ([id, assurance, expired]) => {
      const n = index.get(id as string);
      if (n === undefined) return;
      const profile = profiles[n]!;
      // An identity is IDENTITY evidence only: anchors are an admin's decision (setAnchor), never implied by one.
      profile.identities.push({ assurance: assurance as Assurance, expired: expired === true });
    },
  );
  await stream(
    driver,
    database,
    `MATCH (u:User)-[:HAS_EVENT]->(e:Event) WHERE ${IN_DATASET}
     RETURN u.id, e.kind, e.occurredAt.epochMillis, coalesce(e.resolved, false),
            coalesce(e.disputed, e.underDispute, false)`,
    params,
    ([id, kind, occurred, resolved, disputed]) => {
      const n = index.get(id as string);
      if (n === undefined) return;
      // Under review, an item still counts (docs/privacy.md § 4): it is only counted as under review too.
      if (disputed === true) underReview[n]! += 1;
      profiles[n]!.events.push({
        kind: kind as EventKind,
        ageDays: Math.max(0, (now - Number(occurred)) / DAY_MS),
        resolved: resolved === true,
      });
    },
  );
  const ratings = new EdgeBuffer();
  await stream(
    driver,
    database,
    `MATCH (u:User)-[r:RATED]->(b:User) WHERE ${IN_DATASET}
     RETURN u.id, b.id, r.rating, coalesce(r.disputed, r.underDispute, false)`,
    params,
    ([a, b, rating, disputed]) => {
      const target = index.get(b as string);
      if (disputed === true && target !== undefined) underReview[target]! += 1;
      ratings.add(index.get(a as string), target, Number(rating));
    },
  );
  const endorsements = new EdgeBuffer();
  await stream(
    driver,
    database,
    `MATCH (u:User)-[r:ENDORSES]->(b:User) WHERE ${IN_DATASET} RETURN u.id, b.id, r.strength`,
    params,
    ([a, b, strength]) => endorsements.add(index.get(a as string), index.get(b as string), Number(strength)),
  );
  const anchors: number[] = [];
  anchorFlags.forEach((flag, n) => flag && anchors.push(n));
  return {
    ids,
    consent: Uint8Array.from(consent),
    profiles,
    ratings: {
      src: Int32Array.from(ratings.src),
      dst: Int32Array.from(ratings.dst),
      rating: Float64Array.from(ratings.weight),
    },
    endorsements: {
      src: Int32Array.from(endorsements.src),
      dst: Int32Array.from(endorsements.dst),
      strength: Float64Array.from(endorsements.weight),
    },
    anchors: Int32Array.from(anchors),
    underReview,
  };
}

/** One user's materialised result, as written by a computation. */
export interface ScoreWrite {
  id: string;
  /** Internal weights used to refresh others between full computations (kept for every user). */
  raw: number;
  fairness: number;
  goodness: number | null;
  restartShare: number;
  isAnchor: boolean;
  /** The scale a refresh used, when it came from the incremental state (full computations pass theirs in meta). */
  reference?: number | null;
  /** The score itself, only for users who consented to scoring. */
  score: {
    value: number;
    band: string;
    identity: number;
    history: number;
    reputation: number;
    network: number;
    explanation: string;
  } | null;
}

/**
 * Writes a batch of results in one transaction. A snapshot is added to the history when the value or the model
 * version changed. Consent is checked again here, in the write's transaction: a person who is not opted in (now)
 * keeps nothing derived at all, whatever the row says.
 */
export async function writeScores(
  tx: Tx,
  rows: ScoreWrite[],
  meta: {
    computedAt: string;
    modelVersion: string;
    graphSize: number;
    /** The reference account's trust (written by full computations only). */
    reference: number | null;
    full: boolean;
  },
): Promise<void> {
  await tx.run(
    `UNWIND $rows AS row
     MATCH (u:User {id: row.id})
     CALL (u) {
       WITH u WHERE NOT coalesce(u.scoringConsent, false)
       ${FORGET_DERIVED}
     }
     WITH u, row WHERE coalesce(u.scoringConsent, false) AND row.score IS NOT NULL
     SET u.trustRaw = row.raw, u.trustFairness = row.fairness, u.trustGoodness = row.goodness,
         u.trustRestartShare = row.restartShare, u.trustIsAnchor = row.isAnchor, u.trustGraphSize = $graphSize,
         // Only a full computation sets the scale; a refresh reads it (or, before the first, the anchors now).
         // (or the incremental state's, for the current anchors: row.reference).
         u.trustReference = CASE WHEN $full THEN $reference ELSE coalesce(row.reference, u.trustReference) END
     WITH u, row, (u.trustValue IS NULL OR u.trustValue <> row.score.value OR u.trustModelVersion <> $modelVersion)
                  AS changed
     SET u.trustValue = row.score.value, u.trustBand = row.score.band, u.trustIdentity = row.score.identity,
         u.trustHistory = row.score.history, u.trustReputation = row.score.reputation,
         u.trustNetwork = row.score.network, u.trustExplanation = row.score.explanation,
         u.trustComputedAt = datetime($computedAt), u.trustModelVersion = $modelVersion,
         u.trustStale = CASE WHEN $full THEN false ELSE coalesce(u.trustStale, false) END
     FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
       CREATE (u)-[:HAS_TRUST_SNAPSHOT]->(:TrustSnapshot {id: randomUUID(), value: row.score.value,
               band: row.score.band, computedAt: datetime($computedAt), modelVersion: $modelVersion}))`,
    { rows, ...meta, graphSize: neo4j.int(meta.graphSize) },
  );
}

/** Removes everything derived about these people (opting out). */
export async function forgetDerived(tx: Tx, userIds: readonly string[]): Promise<void> {
  await tx.run(`UNWIND $userIds AS userId MATCH (u:User {id: userId}) ${FORGET_DERIVED}`, { userIds });
}

/**
 * Removes what is derived about up to `limit` people of a graph who are not opted in (left, for instance, by
 * versions that computed everyone); returns how many it cleaned, so a caller repeats until 0.
 */
export async function forgetNonConsenting(tx: Tx, dataset: string | null, limit: number): Promise<number> {
  const [row] = await tx.run<{ cleaned: number }>(
    `CALL () {
       MATCH (u:User) WHERE ${IN_DATASET} AND NOT coalesce(u.scoringConsent, false) AND ${HAS_DERIVED}
       WITH u LIMIT $limit
       ${FORGET_DERIVED}
       RETURN count(*) AS cleaned
     }
     RETURN cleaned`,
    { dataset, limit: neo4j.int(limit) },
  );
  return row?.cleaned ?? 0;
}

/** The inputs of a single user's refresh: their own evidence and the stored weights of those who rated them. */
export interface RefreshInput {
  id: string;
  consent: boolean;
  createdAt: number;
  identities: { assurance: Assurance; expired: boolean }[];
  events: { kind: EventKind; occurredAt: number; resolved: boolean }[];
  received: { rating: number; raterTrust: number; raterFairness: number }[];
  underReview: number;
  raw: number;
  fairness: number;
  goodness: number | null;
  restartShare: number;
  isAnchor: boolean;
  graphSize: number;
  /** The reference account's trust of the last full computation, or null before the person's first one. */
  storedReference: number | null;
  /** Anchors of the person's graph now (read only when storedReference is null). */
  anchorCount: number;
  explanation: StoredExplanation | null;
  /** Who trusts this person, as [id, their trust, their row total, the statement's weight] (several per id). */
  inTrust: [string, number, number | null, number][];
  /** The graph's incremental state, when there is one. */
  graph: { anchors: string[]; danglingQ: number; stale: boolean } | null;
}

export async function refreshInputs(tx: Tx, userIds: readonly string[]): Promise<RefreshInput[]> {
  const rows = await tx.run<
    Omit<RefreshInput, 'explanation' | 'graph'> & {
      explanation: string | null;
      graphState: { anchors: string; danglingQ: number; stale: boolean } | null;
    }
  >(
    `UNWIND $userIds AS userId
     MATCH (u:User {id: userId})
     OPTIONAL MATCH (g:TrustGraph {key: coalesce(u.dataset, '')})
     RETURN u.id AS id, coalesce(u.scoringConsent, false) AS consent, u.createdAt.epochMillis AS createdAt,
            COLLECT { MATCH (u)-[:HAS_IDENTITY]->(i:Identity)
                      RETURN {assurance: i.assurance,
                              expired: i.expiresAt IS NOT NULL AND i.expiresAt <= datetime()} } AS identities,
            COLLECT { MATCH (u)-[:HAS_EVENT]->(e:Event)
                      RETURN {kind: e.kind, occurredAt: e.occurredAt.epochMillis,
                              resolved: coalesce(e.resolved, false)} } AS events,
            COLLECT { MATCH (r:User)-[x:RATED]->(u)
                      WHERE coalesce(r.scoringConsent, false)
                      RETURN {rating: x.rating, raterTrust: coalesce(r.trustRaw, 0.0),
                              raterFairness: coalesce(r.trustFairness, 1.0)} } AS received,
            COUNT { MATCH (u)-[:HAS_EVENT]->(e:Event) WHERE coalesce(e.disputed, e.underDispute, false) } +
            COUNT { MATCH (:User)-[x:RATED]->(u) WHERE coalesce(x.disputed, x.underDispute, false) } AS underReview,
            coalesce(u.trustRaw, 0.0) AS raw, coalesce(u.trustFairness, 1.0) AS fairness,
            u.trustGoodness AS goodness,
            coalesce(u.trustRestartShare, 0.0) AS restartShare,
            coalesce(u.trustIsAnchor, false) OR coalesce(u.anchor, false) AS isAnchor,
            // Before their first full computation: the size of the graph that computation will see (counted
            // only then: CASE evaluates one branch).
            CASE WHEN u.trustGraphSize IS NOT NULL THEN u.trustGraphSize
                 ELSE COUNT { MATCH (o:User) WHERE coalesce(o.scoringConsent, false)
                                AND ((u.dataset IS NULL AND o.dataset IS NULL) OR o.dataset = u.dataset) } END
              AS graphSize,
            u.trustReference AS storedReference,
            CASE WHEN u.trustReference IS NOT NULL THEN 0
                 ELSE COUNT { MATCH (o:User) WHERE coalesce(o.scoringConsent, false) AND coalesce(o.anchor, false)
                                AND ((u.dataset IS NULL AND o.dataset IS NULL) OR o.dataset = u.dataset) } END
              AS anchorCount,
            u.trustExplanation AS explanation,
            COLLECT { MATCH (i:User)-[e:ENDORSES|RATED]->(u)
                      WHERE i <> u AND coalesce(i.scoringConsent, false)
                        AND ((u.dataset IS NULL AND i.dataset IS NULL) OR i.dataset = u.dataset)
                      RETURN [i.id, coalesce(i.trustRaw, 0.0), i.trustOutTotal,
                              CASE WHEN type(e) = 'ENDORSES' THEN toFloat(e.strength) / 5.0
                                   ELSE toFloat(e.rating) / 10.0 END] } AS inTrust,
            CASE WHEN g IS NULL THEN null ELSE g {.anchors, .danglingQ, .stale} END AS graphState`,
    { userIds },
  );
  return rows.map(({ graphState, ...row }) => ({
    ...row,
    explanation: row.explanation ? (JSON.parse(row.explanation) as StoredExplanation) : null,
    graph:
      graphState === null ? null : { ...graphState, anchors: JSON.parse(graphState.anchors) as string[] },
  }));
}

/** Who an erasure affects: the people the user rated (REPUTATION) and endorsed or rated (NETWORK). */
export async function vouchedFor(tx: Tx, userId: string): Promise<{ rated: string[]; vouched: string[] }> {
  const [row] = await tx.run<{ rated: string[]; vouched: string[] }>(
    `MATCH (u:User {id: $userId})
     RETURN COLLECT { MATCH (u)-[:RATED]->(t:User) RETURN t.id } AS rated,
            COLLECT { MATCH (u)-[:ENDORSES|RATED]->(t:User) RETURN DISTINCT t.id } AS vouched`,
    { userId },
  );
  return row ?? { rated: [], vouched: [] };
}

/** Marks users whose NETWORK dimension is behind until the next full computation. */
export async function markStale(tx: Tx, userIds: readonly string[]): Promise<void> {
  await tx.run(
    'UNWIND $userIds AS userId MATCH (u:User {id: userId}) WHERE u.trustValue IS NOT NULL SET u.trustStale = true',
    { userIds },
  );
}

export async function trustStates(db: Db, userIds: readonly string[]): Promise<TrustStateRow[]> {
  const rows = await db.read<{
    userId: string;
    consent: boolean;
    anchor: boolean;
    score: (Omit<TrustScoreRow, 'explanation'> & { explanation: string }) | null;
    freshness: {
      trust: number;
      scoredReference: number | null;
      reach: number | null;
      graph: { stale: boolean; anchors: number; residual: number; rmax: number } | null;
    };
  }>(
    `MATCH (u:User) WHERE u.id IN $userIds
     OPTIONAL MATCH (g:TrustGraph {key: coalesce(u.dataset, '')})
     RETURN u.id AS userId, coalesce(u.scoringConsent, false) AS consent,
            coalesce(u.scoringConsent, false) AND coalesce(u.anchor, false) AS anchor,
            CASE WHEN u.trustValue IS NULL OR NOT coalesce(u.scoringConsent, false) THEN null
                 ELSE {userId: u.id, value: u.trustValue, band: u.trustBand, computedAt: toString(u.trustComputedAt),
                       modelVersion: u.trustModelVersion, stale: coalesce(u.trustStale, false),
                       explanation: u.trustExplanation} END AS score,
            {trust: coalesce(u.trustRaw, 0.0), scoredReference: u.trustReference, reach: u.trustReach,
             graph: CASE WHEN g IS NULL THEN null
                         ELSE g {.stale, .residual, .rmax, anchors: g.anchorCount} END} AS freshness`,
    { userIds },
  );
  return rows.map(({ freshness, ...row }) => ({
    ...row,
    score: row.score
      ? {
          ...row.score,
          // Fresh to within a point of a full recompute, or stale (model.ts, scoreIsStale).
          stale: scoreIsStale({
            flagged: row.score.stale,
            trust: freshness.trust,
            scoredReference: freshness.scoredReference,
            reach: freshness.reach,
            graph: freshness.graph,
          }),
          explanation: JSON.parse(row.score.explanation) as StoredExplanation,
        }
      : null,
  }));
}

export async function snapshotsOfUsers(
  db: Db,
  userIds: readonly string[],
  page: PageArgs,
): Promise<Map<string, PageOfRows<TrustSnapshotRow>>> {
  const rows = await db.read<{ userId: string; items: TrustSnapshotRow[]; total: number }>(
    `UNWIND $userIds AS userId
     MATCH (u:User {id: userId})
     RETURN u.id AS userId,
            COLLECT { MATCH (u)-[:HAS_TRUST_SNAPSHOT]->(s:TrustSnapshot) WHERE ${afterCondition('s', page, 'computedAt')}
                      WITH s ORDER BY s.computedAt, s.id LIMIT $limit
                      RETURN s {.id, .value, .band, .modelVersion, computedAt: toString(s.computedAt)} } AS items,
            COUNT { (u)-[:HAS_TRUST_SNAPSHOT]->() } AS total`,
    { userIds, ...pageParams(page) },
  );
  return new Map(rows.map((r) => [r.userId, { rows: r.items, total: r.total }]));
}

/** A (user, network contributor) pair of an explanation. */
export interface ContributorPair {
  userId: string;
  contributorId: string;
}

export interface ContributorVisibility extends ContributorPair {
  handle: string;
  public: boolean;
  assurance: Assurance | null;
}

/**
 * How each contributor may be shown to the user they vouched for: handle, whether their endorsement is public, and
 * their highest current identity assurance. One query for the pairs of any number of explanations.
 */
export async function contributorVisibility(
  db: Db,
  pairs: readonly ContributorPair[],
): Promise<ContributorVisibility[]> {
  return db.read<ContributorVisibility>(
    `UNWIND $pairs AS pair
     MATCH (j:User {id: pair.userId}), (c:User {id: pair.contributorId})
     OPTIONAL MATCH (c)-[e:ENDORSES]->(j)
     RETURN j.id AS userId, c.id AS contributorId, c.handle AS handle, coalesce(e.public, false) AS public,
            COLLECT { MATCH (c)-[:HAS_IDENTITY]->(i:Identity)
                      WHERE i.expiresAt IS NULL OR i.expiresAt > datetime()
                      RETURN i.assurance ORDER BY CASE i.assurance WHEN 'HIGH' THEN 0 WHEN 'SUBSTANTIAL' THEN 1 ELSE 2 END
                      LIMIT 1 }[0] AS assurance`,
    { pairs },
  );
}

export interface PathStepRow {
  id: string;
  handle: string;
  anchor: boolean;
  /** Whether the vouch from this step to the next one is public. */
  publicVouch: boolean;
}

/**
 * For each (user, contributor) pair, a shortest chain of positive vouches (endorsements or positive ratings) from
 * an anchor other than the user to the contributor, then the contributor's vouch for the user. The chain never
 * passes through the user (a vouch that reaches the contributor through the user is not a vouch for the user). One query for any
 * number of pairs; a pair without such a chain has none.
 */
export async function pathsThrough(
  db: Db,
  pairs: readonly ContributorPair[],
  maxHops = 6,
): Promise<(ContributorPair & { steps: PathStepRow[] })[]> {
  return db.read<ContributorPair & { steps: PathStepRow[] }>(
    `UNWIND $pairs AS pair
     MATCH (j:User {id: pair.userId}), (c:User {id: pair.contributorId})
     CALL (j, c) {
       MATCH p = SHORTEST 1 (a:User WHERE a.anchor AND a.scoringConsent AND a <> j)
                 ((x:User WHERE x.scoringConsent AND x <> j)-[v:ENDORSES|RATED WHERE coalesce(v.rating, 1) > 0]->
                  (y:User WHERE y.scoringConsent AND y <> j)){0,${maxHops}} (c)
       RETURN p LIMIT 1
     }
     WITH j, c, p, relationships(p) AS vouches
     RETURN j.id AS userId, c.id AS contributorId,
            [k IN range(0, size(nodes(p)) - 1) |
               {id: nodes(p)[k].id, handle: nodes(p)[k].handle,
                anchor: coalesce(nodes(p)[k].anchor, false),
                publicVouch: CASE WHEN k < size(vouches) THEN coalesce(vouches[k].public, false)
                                  ELSE coalesce([(c)-[e:ENDORSES]->(j) | e.public][0], false) END}]
            + [{id: j.id, handle: j.handle, anchor: false, publicVouch: false}] AS steps`,
    { pairs },
  );
}

/**
 * The stored explanations that name the contributor (as a JSON string, so no other id containing it matches):
 * among `userIds` (the people they vouched for), or among everyone when null (an erasure, which must leave none).
 */
export async function explanationsNaming(
  tx: Tx,
  contributorId: string,
  userIds: readonly string[] | null,
): Promise<{ id: string; explanation: StoredExplanation }[]> {
  const rows = await tx.run<{ id: string; explanation: string }>(
    userIds === null
      ? `MATCH (u:User) WHERE u.trustExplanation CONTAINS $quoted
         RETURN u.id AS id, u.trustExplanation AS explanation`
      : `UNWIND $userIds AS userId
         MATCH (u:User {id: userId}) WHERE u.trustExplanation CONTAINS $quoted
         RETURN u.id AS id, u.trustExplanation AS explanation`,
    { userIds, quoted: JSON.stringify(contributorId) },
  );
  return rows.map((row) => ({ id: row.id, explanation: JSON.parse(row.explanation) as StoredExplanation }));
}

export async function replaceExplanations(
  tx: Tx,
  rows: readonly { id: string; explanation: StoredExplanation }[],
): Promise<void> {
  await tx.run('UNWIND $rows AS row MATCH (u:User {id: row.id}) SET u.trustExplanation = row.explanation', {
    rows: rows.map((row) => ({ id: row.id, explanation: JSON.stringify(row.explanation) })),
  });
}

export async function setScoringConsent(tx: Tx, userId: string, enabled: boolean): Promise<boolean> {
  const rows = await tx.run(
    'MATCH (u:User {id: $userId}) SET u.scoringConsent = $enabled RETURN u.id AS id',
    {
      userId,
      enabled,
    },
  );
  if (rows.length > 0 && !enabled) await forgetDerived(tx, [userId]);
  return rows.length > 0;
}

/** Only a person who opted in to scoring can be an anchor. */
export async function setAnchor(
  tx: Tx,
  userId: string,
  anchor: boolean,
): Promise<'done' | 'no-user' | 'no-consent'> {
  const [row] = await tx.run<{ consent: boolean }>(
    `MATCH (u:User {id: $userId})
     WITH u, coalesce(u.scoringConsent, false) AS consent
     CALL (u, consent) { WITH u, consent WHERE consent OR NOT $anchor SET u.anchor = $anchor }
     RETURN consent`,
    { userId, anchor },
  );
  if (!row) return 'no-user';
  return row.consent || !anchor ? 'done' : 'no-consent';
}

/** One line of `npm run scores`: the id from the imported file, the score and the four dimensions. */
export interface DatasetScoreRow {
  id: string;
  score: number | null;
  identity: number | null;
  history: number | null;
  reputation: number | null;
  network: number | null;
}

/** Every user of an imported dataset with their materialised score, in the file's id order. */
export async function datasetScores(db: Db, dataset: string): Promise<DatasetScoreRow[]> {
  return db.read<DatasetScoreRow>(
    `MATCH (u:User {dataset: $dataset})
     RETURN coalesce(u.sourceId, u.id) AS id, u.trustValue AS score, u.trustIdentity AS identity,
            u.trustHistory AS history, u.trustReputation AS reputation, u.trustNetwork AS network
     ORDER BY toIntegerOrNull(id), id`,
    { dataset },
  );
}

/** The datasets present (null = the native graph), for a full recompute of everything. */
export async function datasets(db: Db): Promise<(string | null)[]> {
  const rows = await db.read<{ dataset: string | null }>(
    'MATCH (u:User) RETURN DISTINCT u.dataset AS dataset',
  );
  return rows.map((r) => r.dataset);
}

/** The graph's version at the start of a full computation (creating its node, stale, before the first one). */
export async function trustGraphVersion(tx: Tx, key: string): Promise<number> {
  const [row] = await tx.run<{ version: number }>(
    `MERGE (g:TrustGraph {key: $key})
     ON CREATE SET g.version = 0, g.stale = true, g.n = 0, g.anchors = '[]', g.anchorCount = 0, g.danglingQ = 0.0,
                   g.residual = 0.0,
                   g.rmax = 0.0, g.epsilon = 1.0
     SET g.version = g.version
     RETURN g.version AS version`,
    { key },
  );
  return row!.version;
}

/** The push state of a full computation: q = t/a, r = 0, the row it reflects and each person's reach. */
export interface TrustStateWrite {
  id: string;
  q: number;
  out: string;
  outTotal: number;
  reach: number;
}

/**
 * Writes a full computation's push state, all or nothing, in the caller's transaction (holding the graph's lock,
 * checked by the caller: a write since the computation's start keeps the incremental state, valid throughout).
 */
export async function writeTrustState(
  tx: Tx,
  key: string,
  rows: readonly TrustStateWrite[],
  totals: { n: number; anchors: string[]; danglingQ: number; epsilon: number },
  batchSize: number,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await tx.run(
      `UNWIND $rows AS row MATCH (u:User {id: row.id})
       SET u.trustQ = row.q, u.trustR = 0.0, u.trustOut = row.out, u.trustOutTotal = row.outTotal,
           u.trustReach = row.reach`,
      { rows: rows.slice(start, start + batchSize) },
    );
  }
  await tx.run(
    `MATCH (g:TrustGraph {key: $key})
     SET g.n = $n, g.anchors = $anchors, g.anchorCount = $anchorCount, g.danglingQ = $danglingQ, g.residual = 0.0,
         g.rmax = 0.0, g.epsilon = $epsilon, g.stale = false, g.fullAt = datetime()`,
    {
      key,
      ...totals,
      n: neo4j.int(totals.n),
      anchors: JSON.stringify(totals.anchors),
      anchorCount: neo4j.int(totals.anchors.length),
    },
  );
}

/** Takes the graph's lock for the caller's transaction and returns its version. */
export async function lockedTrustGraphVersion(tx: Tx, key: string): Promise<number | null> {
  const [row] = await tx.run<{ version: number }>(
    'MATCH (g:TrustGraph {key: $key}) SET g.version = g.version RETURN g.version AS version',
    { key },
  );
  return row ? row.version : null;
}

export async function scoringConsentOf(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx.run<{ consent: boolean }>(
    'MATCH (u:User {id: $userId}) RETURN coalesce(u.scoringConsent, false) AS consent',
    { userId },
  );
  return row?.consent ?? false;
}

/**
 * Whose REPUTATION a new or removed rating of `targetId` moves through FxG before the next full computation: the
 * people rated by the rater (their fairness moves) and by the target's raters (the target's goodness moves theirs).
 */
export async function fairnessNeighbourhood(
  tx: Tx,
  targetId: string,
  raterId: string | undefined,
): Promise<string[]> {
  const [row] = await tx.run<{ ids: string[] }>(
    `MATCH (v:User {id: $targetId})
     RETURN COLLECT { MATCH (r:User)-[:RATED]->(v) MATCH (r)-[:RATED]->(t:User) RETURN DISTINCT t.id } +
            COLLECT { MATCH (r:User {id: $raterId})-[:RATED]->(t:User) RETURN DISTINCT t.id } + [v.id] AS ids`,
    { targetId, raterId: raterId ?? null },
  );
  return [...new Set(row?.ids ?? [])];
}

/** The rater of a rating (before it is removed). */
export async function raterOf(tx: Tx, ratingId: string): Promise<string | null> {
  const [row] = await tx.run<{ id: string }>(
    'MATCH (r:User)-[:RATED {id: $ratingId}]->() RETURN r.id AS id',
    {
      ratingId,
    },
  );
  return row?.id ?? null;
}

/**
 * The clock an imported dataset is scored at (epoch ms), stored by the importer: the last timestamp in its data
 * unless the import said otherwise. Null for a dataset imported before datasets kept their clock.
 */
export async function datasetClock(db: Db, dataset: string): Promise<number | null> {
  const [row] = await db.read<{ clock: unknown }>(
    'MATCH (d:Dataset {name: $dataset}) RETURN d.clock.epochMillis AS clock',
    { dataset },
  );
  return row?.clock === null || row?.clock === undefined ? null : Number(row.clock);
}

/** Records the clock an imported dataset is scored at. */
export async function setDatasetClock(tx: Tx, dataset: string, clock: number): Promise<void> {
  await tx.run('MERGE (d:Dataset {name: $dataset}) SET d.clock = datetime({epochMillis: $clock})', {
    dataset,
    clock: neo4j.int(clock),
  });
}
