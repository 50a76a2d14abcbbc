import {
  accountAgeDaysFromTimeline,
  ANCHOR_EARLY_WINDOW,
  bandOf,
  computeAll,
  DEFAULT_ANCHOR_COUNT,
  scoreUser,
  selectAnchorsByEarlyPositiveRatings,
  type Dimension,
  type TrustComputation,
  type TrustScore,
} from '../src/trust/engine/index.js';
import { seededRandom, type SignedNetwork } from './data.js';

export const ANCHOR_COUNT = DEFAULT_ANCHOR_COUNT;
export const ANCHOR_WINDOW = ANCHOR_EARLY_WINDOW;
/** Each sybil rates (+10) and endorses (strength 5) the next SYBIL_RING_DEGREE sybils on a ring. */
export const SYBIL_RING_DEGREE = 10;
/** The first seed gives the per-run figures; AUC is also reported as min and mean over all seeds. */
export const ATTACK_SEEDS = [20261101, 1, 2, 3, 4];

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
  /** AUC of the composite score for the first attack seed. */
  auc: number;
  /** Lowest and mean AUC over ATTACK_SEEDS (different honest accounts making the attack edges). */
  aucMinOverSeeds: number;
  aucMeanOverSeeds: number;
  /** AUC with honest = only the accounts with at least as many positive as negative ratings received. */
  aucNetNonNegativeHonest: number;
  /** AUC of the same scores with every account's age set to 0: what the graph dimensions alone separate. */
  aucWithoutAccountAge: number;
  /** AUC of the EigenTrust value t_j alone. */
  aucNetworkTrustOnly: number;
  /** AUC if the score were plain FxG goodness (no rater standing, no network): for comparison. */
  aucGoodnessOnly: number;
  honestMeanScore: number;
  sybilMeanScore: number;
  sybilMeanBand: string;
  sybilMaxScore: number;
  /** Mean REPUTATION and NETWORK points of the sybils (their only non-zero dimensions). */
  sybilMeanReputationPoints: number;
  sybilMeanNetworkPoints: number;
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
 * The links the attack adds, sybils numbered after the honest accounts: the ring (each sybil → the next
 * SYBIL_RING_DEGREE) and the attack edges from a seeded draw of honest accounts that have rated someone and are not
 * anchors, all into the target, the first sybil.
 */
export function sybilLinks(
  data: SignedNetwork,
  anchors: Int32Array,
  sybils: number,
  attackEdges: number,
  seed: number,
): [from: number, to: number][] {
  const honest = data.userCount;
  const links: [number, number][] = [];
  for (let s = 0; s < sybils; s++) {
    for (let step = 1; step <= Math.min(SYBIL_RING_DEGREE, sybils - 1); step++) {
      links.push([honest + s, honest + ((s + step) % sybils)]);
    }
  }
  const isAnchor = new Uint8Array(honest);
  for (const anchor of anchors) isAnchor[anchor] = 1;
  const hasRated = new Uint8Array(honest);
  for (const rater of data.src) hasRated[rater] = 1;
  const candidates = Array.from({ length: honest }, (_, index) => index).filter(
    (user) => hasRated[user] === 1 && isAnchor[user] === 0,
  );
  const random = seededRandom(seed);
  // Partial Fisher–Yates: the first attackEdges of a seeded shuffle.
  for (let k = 0; k < attackEdges; k++) {
    const pick = k + Math.floor(random() * (candidates.length - k));
    const chosen = candidates[pick] as number;
    candidates[pick] = candidates[k] as number;
    candidates[k] = chosen;
    links.push([chosen, honest]);
  }
  return links;
}

/**
 * The attack, built at the end of the data (the attack time T = the last rating's timestamp):
 * `sybils` accounts are created at T after the honest ones and wired as a ring, each rating +10
 * and endorsing (strength 5) the next SYBIL_RING_DEGREE; `attackEdges` distinct honest accounts
 * (a seeded draw among accounts that have rated someone and are not anchors: attackers fool
 * ordinary users, not the pre-trusted) rate +10 and endorse the target, the first sybil, at T.
 * Every account's age comes from the same timeline rule (first appearance to T), so the sybils
 * are 0 days old; nobody has identities or events.
 */
function attack(
  data: SignedNetwork,
  anchors: Int32Array,
  sybils: number,
  attackEdges: number,
  seed: number,
): AttackGraph {
  const honest = data.userCount;
  const n = honest + sybils;
  let attackTime = -Infinity;
  for (const seconds of data.time) attackTime = Math.max(attackTime, seconds);
  const src: number[] = Array.from(data.src);
  const dst: number[] = Array.from(data.dst);
  const rating: number[] = Array.from(data.rating);
  const time: number[] = Array.from(data.time);
  const endorseSrc: number[] = [];
  const endorseDst: number[] = [];
  const link = (from: number, to: number): void => {
    src.push(from);
    dst.push(to);
    rating.push(10);
    time.push(attackTime);
    endorseSrc.push(from);
    endorseDst.push(to);
  };
  for (const [from, to] of sybilLinks(data, anchors, sybils, attackEdges, seed)) link(from, to);
  const target = honest;
  const srcArray = Int32Array.from(src);
  const dstArray = Int32Array.from(dst);
  const ages = accountAgeDaysFromTimeline(srcArray, dstArray, Float64Array.from(time), n, attackTime);
  const isSybil = new Uint8Array(n);
  isSybil.fill(1, honest);
  const computation = computeAll({
    userCount: n,
    profiles: Array.from(ages, (accountAgeDays) => ({ identities: [], accountAgeDays, events: [] })),
    ratings: { src: srcArray, dst: dstArray, rating: Float64Array.from(rating) },
    endorsements: {
      src: Int32Array.from(endorseSrc),
      dst: Int32Array.from(endorseDst),
      strength: new Float64Array(endorseSrc.length).fill(5),
    },
    anchors,
  });
  return { computation, isSybil, target };
}

function dimensionPoints(score: TrustScore, dimension: Dimension): number {
  return score.dimensions.find((entry) => entry.dimension === dimension)?.points ?? 0;
}

function scoreAuc(computation: TrustComputation, isSybil: Uint8Array): number {
  return separationAuc(
    Float64Array.from(computation.scores, (score) => score.value),
    isSybil,
  );
}

export function sybilRuns(
  data: SignedNetwork,
  anchors: Int32Array,
  sizes: number[],
  attackEdges: number[],
): SybilRun[] {
  const runs: SybilRun[] = [];
  const [firstSeed, ...otherSeeds] = ATTACK_SEEDS as [number, ...number[]];
  for (const sybils of sizes) {
    const reference = attack(data, anchors, sybils, 0, firstSeed);
    const referenceTarget = (reference.computation.scores[reference.target] as TrustScore).value;
    for (const edges of attackEdges) {
      const started = performance.now();
      const { computation, isSybil, target } = attack(data, anchors, sybils, edges, firstSeed);
      const scores = Float64Array.from(computation.scores, (score) => score.value);
      const auc = separationAuc(scores, isSybil);
      const seedAucs = [
        auc,
        ...otherSeeds.map((seed) =>
          scoreAuc(attack(data, anchors, sybils, edges, seed).computation, isSybil),
        ),
      ];
      const withoutAge = Float64Array.from(
        computation.evidence,
        (user) => scoreUser({ ...user, accountAgeDays: 0 }).value,
      );
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
      let sybilReputation = 0;
      let sybilNetwork = 0;
      for (let user = 0; user < scores.length; user++) {
        const value = scores[user] as number;
        if (isSybil[user] === 1) {
          sybilSum += value;
          sybilMax = Math.max(sybilMax, value);
          sybilReputation += dimensionPoints(computation.scores[user] as TrustScore, 'REPUTATION');
          sybilNetwork += dimensionPoints(computation.scores[user] as TrustScore, 'NETWORK');
        } else honestSum += value;
      }
      const sybilMean = sybilSum / sybils;
      const targetScore = scores[target] as number;
      runs.push({
        sybils,
        attackEdges: edges,
        auc,
        aucMinOverSeeds: Math.min(...seedAucs),
        aucMeanOverSeeds: seedAucs.reduce((sum, value) => sum + value, 0) / seedAucs.length,
        aucNetNonNegativeHonest: separationAuc(
          kept.map((index) => scores[index] as number),
          Uint8Array.from(kept, (index) => isSybil[index] as number),
        ),
        aucWithoutAccountAge: separationAuc(withoutAge, isSybil),
        aucNetworkTrustOnly: separationAuc(computation.network.trust, isSybil),
        aucGoodnessOnly: separationAuc(goodness, isSybil),
        honestMeanScore: honestSum / (scores.length - sybils),
        sybilMeanScore: sybilMean,
        sybilMeanBand: bandOf(Math.round(sybilMean)),
        sybilMaxScore: sybilMax,
        sybilMeanReputationPoints: sybilReputation / sybils,
        sybilMeanNetworkPoints: sybilNetwork / sybils,
        targetScore,
        targetGain: targetScore - referenceTarget,
        seconds: (performance.now() - started) / 1000,
      });
    }
  }
  return runs;
}
