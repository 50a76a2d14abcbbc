/**
 * Where scores are computed: the full computation of a graph (every user, in batches) and the refresh of single
 * users after a write. The mathematics is the pure engine's; this module moves data between it and Neo4j.
 */
import type { Driver } from 'neo4j-driver';
import { Db, type Tx } from '../db/driver.js';
import {
  computeAll,
  contributorsFor,
  improvementsFor,
  MODEL_VERSION,
  networkContributors,
  reputationEvidence,
  scoreUser,
  trustReference,
  type NetworkShare,
  type TrustScore,
  type UserEvidence,
} from './engine/index.js';
import { STORED_CONTRIBUTORS, type StoredExplanation, type StoredShare } from './model.js';
import {
  datasetClock,
  forgetNonConsenting,
  loadGraph,
  refreshInputs,
  writeScores,
  type RefreshInput,
  type ScoreWrite,
} from './repository.js';

const DAY_MS = 86_400_000;

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
 * The explanation as stored: exact reasons from the engine, the network points split over the stored shares
 * (so they sum exactly to the NETWORK points), and improvements with their exact gains.
 */
function explain(
  score: TrustScore,
  shares: StoredShare[],
  evidence: UserEvidence,
  underReview: number,
): StoredExplanation {
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
  };
}

export interface RecomputeProgress {
  phase: 'load' | 'compute' | 'write';
  done: number;
  total: number;
}

export interface RecomputeReport {
  dataset: string | null;
  users: number;
  ratings: number;
  endorsements: number;
  anchors: number;
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
    onProgress?: (progress: RecomputeProgress) => void;
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
  options.onProgress?.({ phase: 'load', done: 0, total: 1 });
  // An imported network is scored at its own clock: against today, every account of an old dataset would be
  // years old (docs/trust-model.md, "Imported networks").
  const now = options.now ?? (dataset === null ? null : await datasetClock(db, dataset)) ?? began;
  const graph = await loadGraph(driver, options.database, dataset, now);
  const loaded = Date.now();
  const n = graph.ids.length;
  options.onProgress?.({ phase: 'compute', done: 0, total: n });
  const computation = computeAll({
    userCount: n,
    profiles: graph.profiles,
    ratings: graph.ratings,
    endorsements: graph.endorsements,
    anchors: graph.anchors,
  });
  const rows: ScoreWrite[] = new Array<ScoreWrite>(n);
  for (let j = 0; j < n; j++) {
    const evidence = computation.evidence[j]!;
    let score: ScoreWrite['score'] = null;
    if (graph.consent[j] === 1) {
      const trustScore = computation.scores[j]!;
      const shares = storedShares(
        contributorsFor(computation, j).map((c) => ({
          userId: c.contributor === null ? null : graph.ids[c.contributor]!,
          share: c.share,
        })),
      );
      score = scoreWrite(trustScore, explain(trustScore, shares, evidence, graph.underReview[j]!));
    }
    rows[j] = {
      id: graph.ids[j]!,
      raw: computation.network.trust[j]!,
      fairness: computation.fairness[j]!,
      goodness: computation.rated[j] === 1 ? computation.goodness[j]! : null,
      restartShare: evidence.network.restartShare,
      isAnchor: evidence.network.isAnchor,
      score,
    };
  }
  const computed = Date.now();
  const meta = {
    computedAt: new Date(computed).toISOString(),
    modelVersion: MODEL_VERSION,
    graphSize: n,
    reference: computation.reference,
    full: true,
  };
  for (let start = 0; start < n; start += batchSize) {
    await db.writeTx((tx) => writeScores(tx, rows.slice(start, start + batchSize), meta));
    options.onProgress?.({ phase: 'write', done: Math.min(n, start + batchSize), total: n });
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
    millis: { load: loaded - began, compute: computed - loaded, write: Date.now() - computed },
  };
}

/** The reference account's trust of the last full computation, or for the graph's anchors now before the first. */
function referenceOf(input: RefreshInput): number {
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
 * Refreshes users right after a write, inside the write's transaction: IDENTITY, HISTORY and REPUTATION from the
 * current graph; NETWORK from the last full computation (marked stale by the caller when it may have moved).
 */
export async function refreshUsers(tx: Tx, userIds: readonly string[], now = Date.now()): Promise<void> {
  const inputs = await refreshInputs(tx, userIds);
  // Someone outside scoring gets a row without a score, which removes anything derived about them.
  const rows: ScoreWrite[] = inputs.map((input) => {
    // Network weights come only from a full computation the person was part of (its explanation names the
    // shares); a person just opted in has none yet and starts from no network trust, marked stale.
    const fromFull = input.explanation !== null;
    const evidence = refreshedEvidence(
      fromFull ? input : { ...input, raw: 0, restartShare: 0, isAnchor: false },
      now,
    );
    let score: ScoreWrite['score'] = null;
    if (input.consent) {
      const trustScore = scoreUser(evidence);
      const shares = input.explanation?.contributors.map(({ points: _points, ...share }) => share) ?? [];
      score = scoreWrite(trustScore, explain(trustScore, shares, evidence, input.underReview));
    }
    return {
      id: input.id,
      raw: input.raw,
      fairness: input.fairness,
      goodness: input.goodness,
      restartShare: input.restartShare,
      isAnchor: input.isAnchor,
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
