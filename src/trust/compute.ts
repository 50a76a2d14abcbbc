/**
 * Where scores are computed: the full computation of a graph (every user, in batches) and the refresh of single
 * users after a write. The mathematics is the pure engine's; this module moves data between it and Neo4j.
 */
import type { Driver } from 'neo4j-driver';
import { Db, type Tx } from '../db/driver.js';
import {
  computeGraph,
  EIGENTRUST_ALPHA,
  evidenceOf,
  improvementsFor,
  MODEL_VERSION,
  networkContributors,
  networkShares,
  pushReach,
  reputationEvidence,
  scoreUser,
  trustReference,
  type NetworkShare,
  type TrustScore,
  type UserEvidence,
} from './engine/index.js';
import { PUSH_RELATIVE_EPSILON } from './incremental.js';
import { graphKey, STORED_CONTRIBUTORS, type StoredExplanation, type StoredShare } from './model.js';
import {
  datasetClock,
  forgetNonConsenting,
  loadGraph,
  lockedTrustGraphVersion,
  markTrustGraphStale,
  refreshInputs,
  trustGraphVersion,
  writeScores,
  writeTrustStateRows,
  writeTrustTotals,
  type TrustStateWrite,
  type RefreshInput,
  type ScoreWrite,
} from './repository.js';

const DAY_MS = 86_400_000;
/**
 * People whose push state a full computation writes in one transaction (all or nothing). Neo4j's transaction
 * memory (256 MB in all, src/db/embedded.ts) did not hold 100,000 people's (q, the row as JSON, reach: more than
 * 2.6 KB each in transaction state; bench:scale, docs/scaling.md), so larger graphs write it in batches.
 */
export const STATE_IN_ONE_TRANSACTION = 25_000;

/** Keeps the largest contributors by name and merges the tail into one OTHERS share (shares still sum to 1). */
function storedShares(shares: { userId: string | null; share: number }[]): StoredShare[] {
  const sorted = [...shares].sort(
    (a, b) => b.share - a.share || String(a.userId).localeCompare(String(b.userId)),
  );
  const kept: StoredShare[] = sorted.slice(0, STORED_CONTRIBUTORS);
  const tail = sorted.slice(STORED_CONTRIBUTORS).reduce((sum, s) => sum + s.share, 0);
  if (tail > 0) kept.push({ userId: null, others: true, share: tail });
  return kept;
}

/**
 * Shares that can carry the score's NETWORK points: stored shares may predate the trust now held (an anchor just
 * designated, trust that reached the person by a write since the last full computation, before its in-neighbours'
 * state was written); whatever they lack is shown as OTHERS (vouchers) or the anchor restart.
 */
function coveringShares(score: TrustScore, shares: StoredShare[], restartShare: number): StoredShare[] {
  const pointsOf = (code: string) =>
    score.reasons.filter((reason) => reason.code === code).reduce((sum, reason) => sum + reason.points, 0);
  const covered = [...shares];
  const restart = Math.min(1, Math.max(0, restartShare));
  if (pointsOf('NETWORK_ENDORSED_BY_TRUSTED') !== 0 && !covered.some((c) => c.userId !== null || c.others))
    covered.push({ userId: null, others: true, share: Math.max(1 - restart, 1e-9) });
  if (pointsOf('NETWORK_ANCHOR') !== 0 && !covered.some((c) => c.userId === null && !c.others))
    covered.push({ userId: null, share: Math.max(restart, 1e-9) });
  if (covered.length === shares.length) return shares;
  const total = covered.reduce((sum, c) => sum + c.share, 0);
  return covered.map((c) => ({ ...c, share: c.share / total }));
}

/**
 * The explanation as stored: exact reasons from the engine, the network points split over the stored shares
 * (so they sum exactly to the NETWORK points), and improvements with their exact gains.
 */
function explain(
  score: TrustScore,
  shares: StoredShare[],
  evidence: UserEvidence,
  underReview: number,
): StoredExplanation {
  shares = coveringShares(score, shares, evidence.network.restartShare);
  // networkContributors works on indices: index k stands for shares[k]; the anchor restart is `null`.
  const asIndices: NetworkShare[] = shares.map((s, k) => ({
    contributor: s.userId === null && !s.others ? null : k,
    share: s.share,
  }));
  const points = networkContributors(score, asIndices);
  const contributors = points.map((p) => {
    const stored =
      p.contributor === null ? shares.find((s) => s.userId === null && !s.others)! : shares[p.contributor]!;
    return { ...stored, share: p.share, points: p.points };
  });
  return {
    baseline: score.baseline,
    dimensions: score.dimensions,
    reasons: score.reasons,
    principalReasons: score.principalReasons,
    contributors,
    improvements: improvementsFor(evidence).map((i) => ({
      action: i.action,
      points: i.gain,
      summary: i.summary,
      dimension: i.dimension,
      dimensionValue: i.dimensionValue,
    })),
    underReview,
  };
}

function dimensionValue(score: TrustScore, dimension: string): number {
  return score.dimensions.find((d) => d.dimension === dimension)?.value ?? 0;
}

function scoreWrite(score: TrustScore, explanation: StoredExplanation): NonNullable<ScoreWrite['score']> {
  return {
    value: score.value,
    band: score.band,
    identity: dimensionValue(score, 'IDENTITY'),
    history: dimensionValue(score, 'HISTORY'),
    reputation: dimensionValue(score, 'REPUTATION'),
    network: dimensionValue(score, 'NETWORK'),
    explanation: JSON.stringify(explanation),
    // The engine's own array (no copy): a full computation holds every row until it is written.
    reasons: score.reasons,
  };
}

export interface RecomputeProgress {
  /** write: scores; state: the push state (incremental.ts), after the last score. */
  phase: 'load' | 'compute' | 'write' | 'state';
  done: number;
  total: number;
}

export interface RecomputeReport {
  dataset: string | null;
  users: number;
  ratings: number;
  endorsements: number;
  anchors: number;
  /** A write came in while it ran: the incremental state was kept and a later run corrects its residual. */
  interrupted: boolean;
  /** Passes over the edges each algorithm needed to reach its tolerance. */
  iterations: { fairnessGoodness: number; eigenTrust: number };
  millis: { load: number; compute: number; write: number };
}

/**
 * Recomputes every user of one graph (the native one, or an imported dataset) and writes the results in batches
 * of one transaction each. Deterministic, so an interrupted run is finished by running it again.
 */
export async function recomputeGraph(
  driver: Driver,
  options: {
    database?: string;
    dataset?: string | null;
    batchSize?: number;
    /** Awaited before the computation goes on (a test can make a write arrive between two batches). */
    onProgress?: (progress: RecomputeProgress) => void | Promise<void>;
    /** Largest graph whose push state is written in one transaction (default STATE_IN_ONE_TRANSACTION). */
    stateInOneTransaction?: number;
    /**
     * The time scores are computed at (account and event ages depend on it). Defaults to now for the native
     * graph, and to the dataset's own clock (stored by the importer) for an imported one.
     */
    now?: number;
  } = {},
): Promise<RecomputeReport> {
  const dataset = options.dataset ?? null;
  const batchSize = options.batchSize ?? 2_000;
  const began = Date.now();
  const db = new Db(driver, options.database);
  const key = graphKey(dataset);
  // Writes since this version are not in the graph loaded below (each write bumps it, under the node's lock).
  const startVersion = await db.writeTx((tx) => trustGraphVersion(tx, key));
  await options.onProgress?.({ phase: 'load', done: 0, total: 1 });
  // An imported network is scored at its own clock: against today, every account of an old dataset would be
  // years old (docs/trust-model.md, "Imported networks").
  const now = options.now ?? (dataset === null ? null : await datasetClock(db, dataset)) ?? began;
  const graph = await loadGraph(driver, options.database, dataset, now);
  const loaded = Date.now();
  const n = graph.ids.length;
  await options.onProgress?.({ phase: 'compute', done: 0, total: n });
  // The whole-graph iteration keeps typed arrays only; each person's result (score, explanation, contributors:
  // kilobytes each) is built for one batch, written and dropped (docs/scaling.md, "Where one machine ends").
  const computation = computeGraph({
    userCount: n,
    ratings: graph.ratings,
    endorsements: graph.endorsements,
    anchors: graph.anchors,
  });
  const iterated = Date.now();
  const meta = {
    computedAt: new Date(iterated).toISOString(),
    modelVersion: MODEL_VERSION,
    graphSize: n,
    reference: computation.reference,
    full: true,
  };
  const rowsOf = (start: number, end: number): ScoreWrite[] => {
    const rows: ScoreWrite[] = [];
    for (let j = start; j < end; j++) {
      const evidence = evidenceOf(computation, j, graph.profileOf(j));
      let score: ScoreWrite['score'] = null;
      if (graph.consent[j] === 1) {
        const trustScore = scoreUser(evidence);
        const shares = storedShares(
          networkContributors(trustScore, networkShares(computation.network, j)).map((c) => ({
            userId: c.contributor === null ? null : graph.ids[c.contributor]!,
            share: c.share,
          })),
        );
        score = scoreWrite(trustScore, explain(trustScore, shares, evidence, graph.underReview[j]!));
      }
      rows.push({
        id: graph.ids[j]!,
        raw: computation.network.trust[j]!,
        fairness: computation.fairness[j]!,
        goodness: computation.rated[j] === 1 ? computation.goodness[j]! : null,
        restartShare: evidence.network.restartShare,
        isAnchor: evidence.network.isAnchor,
        score,
      });
    }
    return rows;
  };
  // Time spent building results (added to the iteration's) and writing them, batch by batch.
  let scoringMs = 0;
  const writeBegan = Date.now();
  // A write during the computation leaves the rest of the scores and the push state as the writes keep them (the
  // incremental state stays valid); the next scheduled run corrects the residual.
  let interrupted = false;
  for (let start = 0; start < n && !interrupted; start += batchSize) {
    const scoringBegan = Date.now();
    const rows = rowsOf(start, Math.min(n, start + batchSize));
    scoringMs += Date.now() - scoringBegan;
    interrupted = await db.writeTx(async (tx) => {
      if ((await lockedTrustGraphVersion(tx, key)) !== startVersion) return true;
      await writeScores(tx, rows, meta);
      return false;
    });
    await options.onProgress?.({ phase: 'write', done: Math.min(n, start + batchSize), total: n });
  }
  if (!interrupted) {
    const network = computation.network;
    const reach = pushReach(network);
    const { outStart, outTarget, outWeight } = network.csr;
    const alpha = network.alpha;
    let danglingQ = 0;
    for (let u = 0; u < n; u++) if (outStart[u] === outStart[u + 1]) danglingQ += network.trust[u]! / alpha;
    const stateOf = (start: number, end: number): TrustStateWrite[] => {
      const state: TrustStateWrite[] = [];
      for (let u = start; u < end; u++) {
        const out: [string, number][] = [];
        let outTotal = 0;
        for (let p = outStart[u]!; p < outStart[u + 1]!; p++) {
          out.push([graph.ids[outTarget[p]!]!, outWeight[p]!]);
          outTotal += outWeight[p]!;
        }
        state.push({
          id: graph.ids[u]!,
          q: network.trust[u]! / alpha,
          out: JSON.stringify(out),
          outTotal,
          reach: reach[u]!,
        });
      }
      return state;
    };
    const totals = {
      n,
      anchors: Array.from(graph.anchors, (a) => graph.ids[a]!),
      danglingQ,
      epsilon: (PUSH_RELATIVE_EPSILON * computation.reference) / alpha,
    };
    if (n <= (options.stateInOneTransaction ?? STATE_IN_ONE_TRANSACTION)) {
      interrupted = await db.writeTx(async (tx) => {
        if ((await lockedTrustGraphVersion(tx, key)) !== startVersion) return true;
        for (let start = 0; start < n; start += batchSize)
          await writeTrustStateRows(tx, stateOf(start, Math.min(n, start + batchSize)));
        await writeTrustTotals(tx, key, totals);
        return false;
      });
      if (!interrupted) await options.onProgress?.({ phase: 'state', done: n, total: n });
    } else {
      // Too large for one transaction (Neo4j's transaction memory, 256 MB in all here): the graph is marked
      // stale in the first batch's transaction, so no write uses a half-written state (incremental updates wait
      // and reads say stale), and made fresh with the totals in the last one. A write in between stops it, and
      // the graph stays stale until the next full computation.
      for (let start = 0; start < n && !interrupted; start += batchSize) {
        const rows = stateOf(start, Math.min(n, start + batchSize));
        interrupted = await db.writeTx(async (tx) => {
          if ((await lockedTrustGraphVersion(tx, key)) !== startVersion) return true;
          if (start === 0) await markTrustGraphStale(tx, key);
          await writeTrustStateRows(tx, rows);
          return false;
        });
        if (!interrupted)
          await options.onProgress?.({ phase: 'state', done: Math.min(n, start + batchSize), total: n });
      }
      if (!interrupted)
        interrupted = await db.writeTx(async (tx) => {
          if ((await lockedTrustGraphVersion(tx, key)) !== startVersion) return true;
          await writeTrustTotals(tx, key, totals);
          return false;
        });
    }
  }
  // People outside scoring keep nothing derived, whatever wrote it (an earlier version, an interrupted opt-out).
  let cleaned: number;
  do cleaned = await db.writeTx((tx) => forgetNonConsenting(tx, dataset, batchSize));
  while (cleaned > 0);
  return {
    dataset,
    users: n,
    ratings: graph.ratings.src.length,
    endorsements: graph.endorsements.src.length,
    anchors: graph.anchors.length,
    iterations: { fairnessGoodness: computation.fxgIterations, eigenTrust: computation.network.iterations },
    interrupted,
    millis: {
      load: loaded - began,
      compute: iterated - loaded + scoringMs,
      write: Date.now() - writeBegan - scoringMs,
    },
  };
}

/** The reference account's trust of the last full computation, or for the graph's anchors now before the first. */
function referenceOf(input: RefreshInput): number {
  // With an incremental state, the anchors now (their count is the scale, kept current by setAnchor).
  if (input.graph !== null && !input.graph.stale) return trustReference(input.graph.anchors.length);
  return input.storedReference ?? trustReference(input.anchorCount);
}

/** One user's evidence from the stored state: what they did, and the last full computation's network weights. */
function refreshedEvidence(input: RefreshInput, now: number): UserEvidence {
  const reference = referenceOf(input);
  return {
    identities: input.identities,
    accountAgeDays: Math.max(0, (now - input.createdAt) / DAY_MS),
    events: input.events.map((e) => ({
      kind: e.kind,
      ageDays: Math.max(0, (now - e.occurredAt) / DAY_MS),
      resolved: e.resolved,
    })),
    reputation: reputationEvidence(input.received, input.goodness ?? 0, reference),
    network: {
      trust: input.raw,
      reference,
      isAnchor: input.isAnchor,
      restartShare: input.restartShare,
    },
  };
}

/**
 * The shares of t_j under the incremental state: (1 − a)·c_ij·t_i per person i trusting j (c_ij their statement
 * over their row's total, the strongest statement per pair as in the full computation) and, for an anchor, the
 * restart (a + (1 − a)·dangling)/k; null without a (fresh) state, when the last full computation's stand.
 */
function currentShares(
  input: RefreshInput,
): { shares: StoredShare[]; isAnchor: boolean; restartShare: number } | null {
  const graph = input.graph;
  if (graph === null || graph.stale) return null;
  const alpha = EIGENTRUST_ALPHA;
  const strongest = new Map<string, { trust: number; total: number | null; weight: number }>();
  for (const [id, trust, total, weight] of input.inTrust) {
    const seen = strongest.get(id);
    if (!seen || weight > seen.weight) strongest.set(id, { trust, total, weight });
  }
  const terms: { userId: string | null; share: number }[] = [];
  for (const [id, { trust, total, weight }] of strongest) {
    if (!(weight > 0) || trust <= 0) continue;
    if (total === null || !(total > 0)) return null;
    terms.push({ userId: id, share: (1 - alpha) * trust * (weight / total) });
  }
  const isAnchor = graph.anchors.includes(input.id);
  if (isAnchor) {
    terms.push({
      userId: null,
      share: (alpha + (1 - alpha) * alpha * graph.danglingQ) / graph.anchors.length,
    });
  }
  const total = terms.reduce((sum, term) => sum + term.share, 0);
  // Trust still on its way out (those who trusted this person left, the residual not yet pushed here): nobody
  // to name, so the points are shown as OTHERS.
  if (!(total > 0)) return { shares: [{ userId: null, others: true, share: 1 }], isAnchor, restartShare: 0 };
  const normalised = terms.map((term) => ({ ...term, share: term.share / total }));
  const restart = normalised.find((term) => term.userId === null)?.share ?? 0;
  return { shares: storedShares(normalised), isAnchor, restartShare: restart };
}

/**
 * Refreshes users right after a write, inside the write's transaction: IDENTITY, HISTORY and REPUTATION from the
 * current graph; NETWORK from the stored trust (the incremental update's estimate, or the last full computation).
 */
export async function refreshUsers(
  tx: Tx,
  userIds: readonly string[],
  now = Date.now(),
  graphSize?: number,
): Promise<void> {
  const inputs = (await refreshInputs(tx, userIds)).map((input) =>
    graphSize === undefined ? input : { ...input, graphSize },
  );
  // Someone outside scoring gets a row without a score, which removes anything derived about them.
  const rows: ScoreWrite[] = inputs.map((raw) => {
    // Network trust as kept up to date by the incremental update (incremental.ts); a person just opted in holds
    // none until a write reaches them. Its shares follow from the same state when there is one.
    const current = currentShares(raw);
    const input = current ? { ...raw, isAnchor: current.isAnchor, restartShare: current.restartShare } : raw;
    const evidence = refreshedEvidence(input, now);
    let score: ScoreWrite['score'] = null;
    if (input.consent) {
      const trustScore = scoreUser(evidence);
      const shares =
        current?.shares ??
        input.explanation?.contributors.map(({ points: _points, ...share }) => share) ??
        [];
      score = scoreWrite(trustScore, explain(trustScore, shares, evidence, input.underReview));
    }
    return {
      id: input.id,
      raw: input.raw,
      fairness: input.fairness,
      goodness: input.goodness,
      restartShare: input.restartShare,
      isAnchor: input.isAnchor,
      reference: input.graph !== null && !input.graph.stale ? referenceOf(input) : null,
      score,
    };
  });
  if (rows.length === 0) return;
  await writeScores(tx, rows, {
    computedAt: new Date(now).toISOString(),
    modelVersion: MODEL_VERSION,
    graphSize: inputs[0]!.graphSize,
    reference: null,
    full: false,
  });
}
