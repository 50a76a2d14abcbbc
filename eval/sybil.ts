import {
  ANCHOR_EARLY_WINDOW,
  bandOf,
  computeAll,
  DEFAULT_ANCHOR_COUNT,
  selectAnchorsByEarlyPositiveRatings,
  type TrustComputation,
} from '../src/trust/engine/index.js';
import { seededRandom, type SignedNetwork } from './data.js';

export const ANCHOR_COUNT = DEFAULT_ANCHOR_COUNT;
export const ANCHOR_WINDOW = ANCHOR_EARLY_WINDOW;
/** Each sybil rates (+10) and endorses (strength 5) the next SYBIL_RING_DEGREE sybils on a ring. */
export const SYBIL_RING_DEGREE = 10;
const ATTACK_SEED = 20261101;

/** Anchors from the data only, by the importer's rule (see selectAnchorsByEarlyPositiveRatings). */
export function chooseAnchors(data: SignedNetwork): Int32Array {
  return selectAnchorsByEarlyPositiveRatings(
    data.src,
    data.dst,
    data.rating,
    data.time,
    data.userCount,
    ANCHOR_COUNT,
    ANCHOR_WINDOW,
  );
}

export interface SybilRun {
  sybils: number;
  attackEdges: number;
  auc: number;
  /** AUC with honest = only the accounts with at least as many positive as negative ratings received. */
  aucNetNonNegativeHonest: number;
  /** AUC of the EigenTrust value t_j alone. */
  aucNetworkTrustOnly: number;
  /** AUC if the score were plain FxG goodness (no rater standing, no network): for comparison. */
  aucGoodnessOnly: number;
  honestMeanScore: number;
  sybilMeanScore: number;
  sybilMeanBand: string;
  sybilMaxScore: number;
  targetScore: number;
  /** Target's score minus its score with no attack edges. */
  targetGain: number;
  seconds: number;
}

/** AUC of `score` separating honest (label 0) from sybil (label 1): P(honest > sybil), ties ½. */
export function separationAuc(score: ArrayLike<number>, isSybil: Uint8Array): number {
  const order = Array.from({ length: score.length }, (_, index) => index).sort(
    (a, b) => (score[a] as number) - (score[b] as number),
  );
  // Rank-sum (Mann–Whitney U) with average ranks for ties.
  let honestRankSum = 0;
  let honest = 0;
  let position = 0;
  while (position < order.length) {
    let end = position;
    while (end + 1 < order.length && score[order[end + 1] as number] === score[order[position] as number])
      end++;
    const averageRank = (position + end) / 2 + 1;
    for (let k = position; k <= end; k++) {
      if (isSybil[order[k] as number] === 0) {
        honestRankSum += averageRank;
        honest++;
      }
    }
    position = end + 1;
  }
  const sybil = score.length - honest;
  return (honestRankSum - (honest * (honest + 1)) / 2) / (honest * sybil);
}

interface AttackGraph {
  computation: TrustComputation;
  isSybil: Uint8Array;
  target: number;
}

/**
 * Adds `sybils` accounts after the honest ones, wired as a ring where each rates +10 and
 * endorses (strength 5) the next SYBIL_RING_DEGREE, and `attackEdges` distinct honest raters
 * (seeded draw among honest accounts that have rated someone) who rate +10 and endorse the
 * target, the first sybil. Every account has the same non-graph evidence (none), so the
 * scores differ only by the graph dimensions.
 */
function attack(data: SignedNetwork, anchors: Int32Array, sybils: number, attackEdges: number): AttackGraph {
  const honest = data.userCount;
  const n = honest + sybils;
  const src: number[] = Array.from(data.src);
  const dst: number[] = Array.from(data.dst);
  const rating: number[] = Array.from(data.rating);
  const endorseSrc: number[] = [];
  const endorseDst: number[] = [];
  for (let s = 0; s < sybils; s++) {
    for (let step = 1; step <= Math.min(SYBIL_RING_DEGREE, sybils - 1); step++) {
      const from = honest + s;
      const to = honest + ((s + step) % sybils);
      src.push(from);
      dst.push(to);
      rating.push(10);
      endorseSrc.push(from);
      endorseDst.push(to);
    }
  }
  const target = honest;
  const hasRated = new Uint8Array(honest);
  for (const rater of data.src) hasRated[rater] = 1;
  const candidates = Array.from({ length: honest }, (_, index) => index).filter(
    (user) => hasRated[user] === 1,
  );
  const random = seededRandom(ATTACK_SEED);
  // Partial Fisher–Yates: the first attackEdges of a seeded shuffle.
  for (let k = 0; k < attackEdges; k++) {
    const pick = k + Math.floor(random() * (candidates.length - k));
    const chosen = candidates[pick] as number;
    candidates[pick] = candidates[k] as number;
    candidates[k] = chosen;
    src.push(chosen);
    dst.push(target);
    rating.push(10);
    endorseSrc.push(chosen);
    endorseDst.push(target);
  }
  const isSybil = new Uint8Array(n);
  isSybil.fill(1, honest);
  const computation = computeAll({
    userCount: n,
    ratings: { src: Int32Array.from(src), dst: Int32Array.from(dst), rating: Float64Array.from(rating) },
    endorsements: {
      src: Int32Array.from(endorseSrc),
      dst: Int32Array.from(endorseDst),
      strength: new Float64Array(endorseSrc.length).fill(5),
    },
    anchors,
  });
  return { computation, isSybil, target };
}

export function sybilRuns(
  data: SignedNetwork,
  anchors: Int32Array,
  sizes: number[],
  attackEdges: number[],
): SybilRun[] {
  const runs: SybilRun[] = [];
  for (const sybils of sizes) {
    const reference = attack(data, anchors, sybils, 0);
    const referenceTarget = (reference.computation.scores[reference.target] as { value: number }).value;
    for (const edges of attackEdges) {
      const started = performance.now();
      const { computation, isSybil, target } = attack(data, anchors, sybils, edges);
      const scores = Float64Array.from(computation.scores, (score) => score.value);
      const goodness = Float64Array.from(computation.goodness, (value, user) =>
        computation.rated[user] === 1 ? value : 0,
      );
      const kept: number[] = [];
      computation.evidence.forEach((user, index) => {
        const reputation = user.reputation;
        if (
          isSybil[index] === 1 ||
          reputation.positiveRatingsReceived >= reputation.negativeRatingsReceived
        ) {
          kept.push(index);
        }
      });
      let honestSum = 0;
      let sybilSum = 0;
      let sybilMax = -Infinity;
      for (let user = 0; user < scores.length; user++) {
        const value = scores[user] as number;
        if (isSybil[user] === 1) {
          sybilSum += value;
          sybilMax = Math.max(sybilMax, value);
        } else honestSum += value;
      }
      const sybilMean = sybilSum / sybils;
      const targetScore = scores[target] as number;
      runs.push({
        sybils,
        attackEdges: edges,
        auc: separationAuc(scores, isSybil),
        aucNetNonNegativeHonest: separationAuc(
          kept.map((index) => scores[index] as number),
          Uint8Array.from(kept, (index) => isSybil[index] as number),
        ),
        aucNetworkTrustOnly: separationAuc(computation.network.trust, isSybil),
        aucGoodnessOnly: separationAuc(goodness, isSybil),
        honestMeanScore: honestSum / (scores.length - sybils),
        sybilMeanScore: sybilMean,
        sybilMeanBand: bandOf(Math.round(sybilMean)),
        sybilMaxScore: sybilMax,
        targetScore,
        targetGain: targetScore - referenceTarget,
        seconds: (performance.now() - started) / 1000,
      });
    }
  }
  return runs;
}
