/**
 * The Credence trust engine: pure functions over typed arrays and plain objects (no database,
 * no GraphQL). Model: docs/trust-model.md, version MODEL_VERSION.
 *
 * Graph algorithms (users are indices 0..n-1, edges are parallel arrays src/dst/weight):
 * - fairnessGoodness(n, src, dst, weight[−1..1], { tolerance }) → { fairness, goodness, iterations }
 * - FairnessGoodnessSolver: the same, reusable, with leave-one-edge-out and warm start
 * - eigenTrust(n, src, dst, weight, anchors, { alpha, tolerance }) → { trust (sums to 1), iterations, … }
 * - networkShares(eigenTrustResult, j) → the in-neighbours' and restart shares of t_j
 * - LocalPush: EigenTrust kept up to date by local push after each change of a row or of the anchors
 *
 * Scores:
 * - computeAll(graph) → FxG + EigenTrust + every user's evidence and TrustScore
 * - computeGraph(graph) → FxG + EigenTrust only (typed arrays); evidenceOf(computation, v, profile) → one user's
 *   evidence from it (a large graph is scored a batch at a time)
 * - scoreUser(evidence) → { value 300..900, band, baseline, dimensions, reasons, principalReasons }
 * - contributorsFor(computation, j) / networkContributors(score, shares) → NETWORK points per contributor
 * - improvementsFor(evidence) → actions with their exact point gain
 * - largestRemainder(parts, total) → integers summing exactly to total
 * - trustReference(anchorCount) / networkValue(rawTrust, reference) / networkPoints / raterStanding → the scale
 *   of network trust, measured against the anchors' share (not the number of accounts); for reads of raw trust
 * - reputationEvidence(received, goodness, reference) → one user's REPUTATION evidence (used by
 *   computeAll; for the incremental refresh of a single user)
 * - selectAnchorsByEarlyPositiveRatings(src, dst, rating, time, n, k) → the data-only anchor rule
 * - accountAgeDaysFromTimeline(src, dst, time, n, asOf?) → account ages for an imported network
 */
export { buildCsr, type Csr, type DuplicatePolicy } from './csr.js';
export {
  fairnessGoodness,
  FairnessGoodnessSolver,
  FXG_PAPER_TOLERANCE,
  type FairnessGoodnessOptions,
  type FairnessGoodnessResult,
  type SolveOptions,
} from './fairness-goodness.js';
export {
  eigenTrust,
  networkShares,
  EIGENTRUST_ALPHA,
  EIGENTRUST_TOLERANCE,
  type EigenTrustOptions,
  type EigenTrustResult,
  type NetworkShare,
} from './eigentrust.js';
export * from './model.js';
export * from './network-scale.js';
export { scoreUser, type DimensionScore, type Reason, type TrustScore } from './score.js';
export { largestRemainder, networkContributors, type NetworkContributor } from './explain.js';
export {
  improvementsFor,
  IMPROVEMENT_ACTIONS,
  type Improvement,
  type ImprovementAction,
} from './improvements.js';
export {
  computeAll,
  computeGraph,
  contributorsFor,
  evidenceOf,
  SCORE_FXG_TOLERANCE,
  type ComputeAllOptions,
  type GraphComputation,
  type TrustComputation,
  type TrustGraph,
  type UserProfile,
} from './compute-all.js';
export { reputationEvidence, type ReceivedRating } from './reputation.js';
export { selectAnchorsByEarlyPositiveRatings, ANCHOR_EARLY_WINDOW, DEFAULT_ANCHOR_COUNT } from './anchors.js';
export { accountAgeDaysFromTimeline } from './timeline.js';
export { LocalPush, pushReach, trustErrorPoints, type PushOptions, type Row } from './incremental.js';
