import { emptyReputation, type ReputationEvidence } from './model.js';
import { raterStanding } from './network-scale.js';

/** One rating a user received, as the Neo4j side reads it for an incremental refresh. */
export interface ReceivedRating {
  /** The rater's current rating of the user: an integer in −10..−1 or 1..10. */
  rating: number;
  /** The rater's EigenTrust value t_i (the trust vector sums to 1). */
  raterTrust: number;
  /** The rater's FxG fairness f_i in [0, 1]. */
  raterFairness: number;
}

const RATING_SCALE = 10;

/**
 * One user's REPUTATION evidence from the ratings they received: one entry per distinct rater
 * (their current rating; nobody rates themselves), each weighted by the rater's standing
 * s_i = min(1, (t_i/reference)/5) and fairness f_i. `goodness` is the user's plain FxG g(v), reported only
 * (null without ratings). computeAll uses this function for every user, so a single-user
 * refresh gives exactly what a full recompute gives for the same inputs.
 */
export function reputationEvidence(
  received: readonly ReceivedRating[],
  goodness: number | null,
  /** The reference account's trust (trustReference(k) for k anchors). */
  reference: number,
): ReputationEvidence {
  const evidence: ReputationEvidence = {
    ...emptyReputation(),
    goodness: received.length > 0 ? goodness : null,
  };
  for (const { rating, raterTrust, raterFairness } of received) {
    if (!Number.isInteger(rating) || rating === 0 || rating < -RATING_SCALE || rating > RATING_SCALE) {
      throw new RangeError(`rating ${rating} is not an integer in -10..-1 or 1..10`);
    }
    if (!(raterFairness >= 0 && raterFairness <= 1)) {
      throw new RangeError(`rater fairness ${raterFairness} is outside [0, 1]`);
    }
    if (!Number.isFinite(raterTrust)) throw new RangeError(`rater trust ${raterTrust} is not finite`);
    const standing = raterStanding(raterTrust, reference);
    const raterWeight = standing * raterFairness;
    const weight = rating / RATING_SCALE;
    evidence.ratingsReceived++;
    evidence.raterStanding += standing;
    if (weight > 0) {
      evidence.positiveRatingsReceived++;
      evidence.positiveWeight += raterWeight * weight;
    } else {
      evidence.negativeRatingsReceived++;
      evidence.negativeWeight -= raterWeight * weight;
    }
  }
  return evidence;
}
