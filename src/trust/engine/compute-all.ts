import {
  eigenTrust,
  EIGENTRUST_ALPHA,
  EIGENTRUST_TOLERANCE,
  networkShares,
  type EigenTrustResult,
} from './eigentrust.js';
import { networkContributors, type NetworkContributor } from './explain.js';
import type { Csr } from './csr.js';
import { FairnessGoodnessSolver } from './fairness-goodness.js';
import { MODEL_VERSION, type CommitmentEvent, type IdentityEvidence, type UserEvidence } from './model.js';
import { trustReference } from './network-scale.js';
import { reputationEvidence, type ReceivedRating } from './reputation.js';
import { scoreUser, type TrustScore } from './score.js';

/** What a user did themselves (not derived from the graph). */
export interface UserProfile {
  identities: IdentityEvidence[];
  accountAgeDays: number;
  events: CommitmentEvent[];
}

/** A whole trust graph over users 0..userCount-1, as loaded by the caller. */
export interface TrustGraph {
  userCount: number;
  /** Per-user profile; a missing entry (or array) means a brand-new profile. */
  profiles?: readonly (UserProfile | undefined)[];
  /** One current rating per ordered pair (the last one given wins), integers in −10..−1 ∪ 1..10. */
  ratings: { src: Int32Array; dst: Int32Array; rating: Float64Array };
  /** Positive endorsements with strength 1..5. */
  endorsements: { src: Int32Array; dst: Int32Array; strength: Float64Array };
  /** Pre-trusted anchor users. */
  anchors: Int32Array;
}

export interface ComputeAllOptions {
  /**
   * FxG stopping tolerance. Scores use 1e-9, much tighter than the paper's 0.001, so that a
   * score depends on the fixed point and not on where the iteration happened to stop.
   */
  fxgTolerance?: number;
  eigenTrustTolerance?: number;
  alpha?: number;
  /** Skip building TrustScore objects (for bulk evaluation on large graphs). */
  skipScores?: boolean;
}

/** The whole-graph part of a computation: typed arrays, no per-user objects (see computeGraph). */
export interface GraphComputation {
  modelVersion: string;
  fairness: Float64Array;
  goodness: Float64Array;
  /** Per user: has at least one rating received (goodness is only meaningful then). */
  rated: Uint8Array;
  fxgIterations: number;
  network: EigenTrustResult;
  /** The reference account's trust the NETWORK and rater standing were measured against. */
  reference: number;
  /** The ratings as FxG holds them (one current rating per ordered pair) and their values on the −10..10 scale. */
  ratingCsr: Csr;
  rating: Float64Array;
}

export interface TrustComputation {
  modelVersion: string;
  fairness: Float64Array;
  goodness: Float64Array;
  /** Per user: has at least one rating received (goodness is only meaningful then). */
  rated: Uint8Array;
  fxgIterations: number;
  network: EigenTrustResult;
  /** The reference account's trust the NETWORK and rater standing were measured against. */
  reference: number;
  evidence: UserEvidence[];
  /** Empty when skipScores was set. */
  scores: TrustScore[];
}

export const SCORE_FXG_TOLERANCE = 1e-9;
const ENDORSEMENT_MAX_STRENGTH = 5;
const RATING_SCALE = 10;

function validateRatings(rating: Float64Array): void {
  for (let e = 0; e < rating.length; e++) {
    const value = rating[e] as number;
    if (!Number.isInteger(value) || value === 0 || value < -RATING_SCALE || value > RATING_SCALE) {
      throw new RangeError(`rating ${value} of edge ${e} is not an integer in -10..-1 or 1..10`);
    }
  }
}

function validateStrengths(strength: Float64Array): void {
  for (let e = 0; e < strength.length; e++) {
    const value = strength[e] as number;
    if (!(value >= 1 && value <= ENDORSEMENT_MAX_STRENGTH)) {
      throw new RangeError(`endorsement strength ${value} of edge ${e} is outside 1..5`);
    }
  }
}

/**
 * The whole-graph part of the model, in typed arrays only: FxG on the ratings (scaled to [−1, 1]), EigenTrust on
 * the positive statements (endorsement strength/5 and positive rating/10, the stronger one per ordered pair)
 * restarting at the anchors. Each user's evidence and score follow from it one at a time (evidenceOf), so a
 * caller can score and write a large graph in batches without holding every user's result.
 */
export function computeGraph(
  graph: Omit<TrustGraph, 'profiles'>,
  options: ComputeAllOptions = {},
): GraphComputation {
  const n = graph.userCount;
  const { ratings, endorsements } = graph;
  validateRatings(ratings.rating);
  validateStrengths(endorsements.strength);

  const scaledRatings = new Float64Array(ratings.rating.length);
  for (let e = 0; e < scaledRatings.length; e++)
    scaledRatings[e] = (ratings.rating[e] as number) / RATING_SCALE;
  const fxgSolver = new FairnessGoodnessSolver(n, ratings.src, ratings.dst, scaledRatings);
  const fxg = fxgSolver.solve({ tolerance: options.fxgTolerance ?? SCORE_FXG_TOLERANCE });

  const endorsementCount = endorsements.src.length;
  const ratingCount = ratings.src.length;
  const networkSrc = new Int32Array(endorsementCount + ratingCount);
  const networkDst = new Int32Array(endorsementCount + ratingCount);
  const networkWeight = new Float64Array(endorsementCount + ratingCount);
  networkSrc.set(endorsements.src);
  networkDst.set(endorsements.dst);
  for (let e = 0; e < endorsementCount; e++) {
    networkWeight[e] = (endorsements.strength[e] as number) / ENDORSEMENT_MAX_STRENGTH;
  }
  networkSrc.set(ratings.src, endorsementCount);
  networkDst.set(ratings.dst, endorsementCount);
  // Negative ratings get weight ≤ 0 and are dropped by eigenTrust: distrust is not propagated.
  networkWeight.set(scaledRatings, endorsementCount);
  const network = eigenTrust(n, networkSrc, networkDst, networkWeight, graph.anchors, {
    alpha: options.alpha ?? EIGENTRUST_ALPHA,
    tolerance: options.eigenTrustTolerance ?? EIGENTRUST_TOLERANCE,
    duplicates: 'max',
  });

  // The unit of network trust: the anchors' share, not the number of accounts (network-scale.ts).
  let anchorCount = 0;
  for (let v = 0; v < n; v++) if ((network.restart[v] as number) > 0) anchorCount++;
  const { inStart } = fxgSolver.csr;
  // The FxG CSR holds one current rating per rater (the last given), self-ratings dropped.
  const rated = new Uint8Array(n);
  for (let v = 0; v < n; v++) if ((inStart[v + 1] as number) > (inStart[v] as number)) rated[v] = 1;
  return {
    modelVersion: MODEL_VERSION,
    fairness: fxg.fairness,
    goodness: fxg.goodness,
    rated,
    fxgIterations: fxg.iterations,
    network,
    reference: trustReference(anchorCount),
    ratingCsr: fxgSolver.csr,
    rating: ratings.rating,
  };
}

/** One user's evidence from the whole-graph computation and what they did themselves. */
export function evidenceOf(
  computation: GraphComputation,
  v: number,
  profile: UserProfile | undefined,
): UserEvidence {
  const { network, reference } = computation;
  const { inStart, inSource, inOutPosition, outInputIndex } = computation.ratingCsr;
  const received: ReceivedRating[] = [];
  for (let q = inStart[v] as number; q < (inStart[v + 1] as number); q++) {
    const rater = inSource[q] as number;
    received.push({
      rating: computation.rating[outInputIndex[inOutPosition[q] as number] as number] as number,
      raterTrust: network.trust[rater] as number,
      raterFairness: computation.fairness[rater] as number,
    });
  }
  const reputation = reputationEvidence(received, computation.goodness[v] as number, reference);
  const isAnchor = (network.restart[v] as number) > 0;
  let restartShare = 0;
  if (isAnchor) {
    const restartTerm = networkShares(network, v).find((share) => share.contributor === null);
    restartShare = restartTerm?.share ?? 0;
  }
  return {
    identities: profile?.identities ?? [],
    accountAgeDays: profile?.accountAgeDays ?? 0,
    events: profile?.events ?? [],
    reputation,
    network: { trust: network.trust[v] as number, reference, isAnchor, restartShare },
  };
}

/**
 * Runs the whole model over a graph (computeGraph) and builds every user's evidence and score; for graphs whose
 * per-user results fit in memory at once (tests, evaluations).
 */
export function computeAll(graph: TrustGraph, options: ComputeAllOptions = {}): TrustComputation {
  const computation = computeGraph(graph, options);
  const n = graph.userCount;
  const evidence: UserEvidence[] = new Array<UserEvidence>(n);
  for (let v = 0; v < n; v++) evidence[v] = evidenceOf(computation, v, graph.profiles?.[v]);
  const scores = options.skipScores === true ? [] : evidence.map((user) => scoreUser(user));
  return {
    modelVersion: computation.modelVersion,
    fairness: computation.fairness,
    goodness: computation.goodness,
    rated: computation.rated,
    fxgIterations: computation.fxgIterations,
    network: computation.network,
    reference: computation.reference,
    evidence,
    scores,
  };
}

/** Who contributed user j's NETWORK points (see networkContributors). */
export function contributorsFor(computation: TrustComputation, j: number): NetworkContributor[] {
  const score = computation.scores[j] ?? scoreUser(computation.evidence[j] as UserEvidence);
  return networkContributors(score, networkShares(computation.network, j));
}
