/**
 * The benchmark's data beyond the synthetic network itself, made once and reused: trust scores for the dataset,
 * a partner (with a fresh API key every run: keys are shown once, so the previous run's key is not kept), one perk
 * of that partner and ELIGIBILITY consents from the sampled users. Everything goes through the domain functions
 * (src/partners, src/perks, src/trust) as an admin, the partner or the person would, except the cleanup of what
 * a previous run wrote (its inquiries and endorsements), which is bench-only Cypher.
 */
import type { Driver } from 'neo4j-driver';
import type { Viewer } from '../src/auth/viewer.js';
import { Db } from '../src/db/driver.js';
import { apiKeyHash } from '../src/partners/api-key.js';
import { createPartner, grantConsent, rotatePartnerKey } from '../src/partners/service.js';
import { createPerk } from '../src/perks/service.js';
import { recomputeGraph } from '../src/trust/compute.js';
import { MODEL_VERSION } from '../src/trust/engine/index.js';

export const BENCH_PARTNER_NAME = 'Credence benchmark partner';
export const BENCH_PERK_NAME = 'Credence benchmark perk';
/** The benchmark perk's rule: every kind of condition, on the grid. */
export const BENCH_PERK_RULE = {
  minScore: 540,
  minDimensions: [{ dimension: 'REPUTATION' as const, min: 0.25 }],
  minIdentityAssurance: 'LOW' as const,
  maxOpenDefaults: 0,
  minAccountAgeDays: 30,
};
const ADMIN: Viewer = { kind: 'admin', userId: 'bench_admin' };

/** Runs `work` over `items` with at most `width` at a time. */
async function pooled<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Scores for every user of the dataset, computed in full when missing or from another model version. */
export async function ensureScores(
  driver: Driver,
  dataset: string,
  log: (line: string) => void,
): Promise<number | null> {
  const db = new Db(driver);
  const [row] = await db.read<{ unscored: number }>(
    `MATCH (u:User {dataset: $dataset}) WHERE u.scoringConsent AND
       (u.trustValue IS NULL OR u.trustModelVersion <> $modelVersion) RETURN count(u) AS unscored`,
    { dataset, modelVersion: MODEL_VERSION },
  );
  if (!row || row.unscored === 0) return null;
  log(`bench: ${row.unscored} users without a current score: computing the ${dataset} graph in full`);
  const began = Date.now();
  const report = await recomputeGraph(driver, { dataset });
  const seconds = (Date.now() - began) / 1000;
  log(
    `bench: scored ${report.users} users in ${seconds.toFixed(1)} s (load ${report.millis.load} ms, ` +
      `compute ${report.millis.compute} ms, write ${report.millis.write} ms)`,
  );
  return seconds;
}

export interface BenchPartner {
  partnerId: string;
  apiKey: string;
  perkId: string;
}

/**
 * The benchmark partner (created once; its key rotated every run, both through src/partners so the key's hash is
 * stored exactly as for real partners) and its one perk (created once, through src/perks).
 */
export async function ensurePartner(driver: Driver): Promise<BenchPartner> {
  const db = new Db(driver);
  const [existing] = await db.read<{ id: string }>(
    'MATCH (p:Partner {name: $name}) RETURN p.id AS id ORDER BY p.createdAt LIMIT 1',
    { name: BENCH_PARTNER_NAME },
  );
  const { partner, apiKey } = existing
    ? await rotatePartnerKey(db, ADMIN, existing.id)
    : await createPartner(db, ADMIN, {
        name: BENCH_PARTNER_NAME,
        scopes: ['ELIGIBILITY_CHECK', 'PERKS_MANAGE'],
      });
  const partnerViewer: Viewer = {
    kind: 'partner',
    partnerId: partner.id,
    scopes: partner.scopes,
    keyHash: apiKeyHash(apiKey),
  };
  const [perk] = await db.read<{ id: string }>(
    `MATCH (:Partner {id: $partnerId})-[:OFFERS]->(perk:Perk {name: $name}) WHERE perk.archivedAt IS NULL
     RETURN perk.id AS id LIMIT 1`,
    { partnerId: partner.id, name: BENCH_PERK_NAME },
  );
  const perkId =
    perk?.id ??
    (
      await createPerk(db, partnerViewer, {
        name: BENCH_PERK_NAME,
        description: 'A deposit waiver for people with a good score, a verified identity and no open default',
        rule: BENCH_PERK_RULE,
      })
    ).id;
  return { partnerId: partner.id, apiKey, perkId };
}

/**
 * ELIGIBILITY consents to the partner from every sampled user who has none yet, each through grantConsent as that
 * person (a few thousand write transactions at most, once: fast enough that no bulk Cypher is needed).
 */
export async function ensureConsents(
  driver: Driver,
  partnerId: string,
  userIds: readonly string[],
): Promise<number> {
  const db = new Db(driver);
  const missing = (
    await db.read<{ id: string }>(
      `UNWIND $userIds AS id
       MATCH (u:User {id: id})
       WHERE NOT EXISTS { (u)-[c:CONSENTED_TO]->(:Partner {id: $partnerId})
                          WHERE c.revokedAt IS NULL AND c.expiresAt IS NULL AND 'ELIGIBILITY' IN c.scopes }
       RETURN u.id AS id`,
      { userIds: [...new Set(userIds)], partnerId },
    )
  ).map((r) => r.id);
  await pooled(missing, 8, async (userId) => {
    await grantConsent(db, { kind: 'user', userId }, { partnerId, scopes: ['ELIGIBILITY'] });
  });
  return missing.length;
}

/**
 * Removes what earlier runs wrote: the benchmark partner's inquiries (every eligibility check logs one) and the
 * endorsements made through `endorse` (their ids are UUIDs; the synthetic ones are `<dataset>_e<n>`) with the
 * stale marks they left, so the dataset's relationship count stays that of the generator and runs start from the
 * same graph.
 */
export async function cleanBenchWrites(driver: Driver, dataset: string): Promise<void> {
  const session = driver.session();
  try {
    await session.run(
      `MATCH (q:Inquiry) WHERE q.partnerId IN COLLECT { MATCH (p:Partner {name: $name}) RETURN p.id }
       CALL (q) { DELETE q } IN TRANSACTIONS OF 10000 ROWS`,
      { name: BENCH_PARTNER_NAME },
    );
    await session.run(
      `MATCH (:User {dataset: $dataset})-[r:ENDORSES]->(:User) WHERE NOT r.id STARTS WITH $prefix
       CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`,
      { dataset, prefix: `${dataset}_e` },
    );
    // Those endorsements marked their endorsees stale; with them gone the graph is the one last computed in full
    // (nothing else writes to the benchmark's database), so the flags go too and (b) reads the same scores each run.
    await session.run(
      `MATCH (u:User {dataset: $dataset}) WHERE u.trustStale
       CALL (u) { SET u.trustStale = false } IN TRANSACTIONS OF 10000 ROWS`,
      { dataset },
    );
  } finally {
    await session.close();
  }
}

/** Endorser → target pairs from the sample with no endorsement yet (so `endorse` creates, then updates, its own). */
export async function freshPairs(
  driver: Driver,
  candidates: readonly { from: string; to: string }[],
): Promise<{ from: string; to: string }[]> {
  const db = new Db(driver);
  const rows = await db.read<{ from: string; to: string }>(
    `UNWIND $pairs AS pair
     MATCH (a:User {id: pair.from}), (b:User {id: pair.to})
     WHERE a <> b AND NOT EXISTS { (a)-[:ENDORSES]->(b) }
     RETURN pair.from AS from, pair.to AS to`,
    { pairs: candidates },
  );
  return rows;
}
