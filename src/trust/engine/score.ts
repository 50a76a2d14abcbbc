import { largestRemainder } from './explain.js';
import {
  BASELINE_SCORE,
  bandOf,
  DIMENSION_WEIGHTS,
  dimensionResults,
  MODEL_VERSION,
  rawComposite,
  REASON_CODES,
  toScore,
  type Band,
  type Dimension,
  type ReasonCode,
  type UserEvidence,
} from './model.js';

export interface Reason {
  code: ReasonCode;
  dimension: Dimension;
  /** Signed integer points; all reasons of a score sum exactly to value − baseline. */
  points: number;
  summary: string;
}

export interface DimensionScore {
  dimension: Dimension;
  /** In [0, 1]. */
  value: number;
  weight: number;
  /** Sum of this dimension's reasons: its integer points relative to a brand-new user. */
  points: number;
  evidence: string;
}

export interface TrustScore {
  modelVersion: string;
  /** Integer in 300..900. */
  value: number;
  band: Band;
  /** Score of a brand-new user with no data. */
  baseline: number;
  dimensions: DimensionScore[];
  /** Non-zero reasons, largest impact first. */
  reasons: Reason[];
  /** Up to four negative reasons, most negative first. */
  principalReasons: Reason[];
}

/**
 * Scores one user. Reasons come from an exact additive decomposition of each dimension's
 * distance from a brand-new user; rounding to integers is by largest remainder with the target
 * value − baseline, so the reasons always sum to it exactly.
 */
export function scoreUser(evidence: UserEvidence): TrustScore {
  const dimensions = dimensionResults(evidence);
  const value = toScore(rawComposite(dimensions));
  // Every dimension's parts are relative to its brand-new value (0, or the prior for HISTORY and REPUTATION).
  const raw = dimensions.flatMap((result) =>
    result.parts.map((part) => ({ ...part, dimension: result.dimension })),
  );
  const points = largestRemainder(
    raw.map((part) => part.points),
    value - BASELINE_SCORE,
  );
  const reasons: Reason[] = raw
    .map((part, index) => ({
      code: part.code,
      dimension: part.dimension,
      points: points[index] as number,
      summary: part.summary,
    }))
    .filter((reason) => reason.points !== 0)
    .sort(
      (a, b) =>
        Math.abs(b.points) - Math.abs(a.points) ||
        // Stryker disable next-line ArithmeticOperator: parts come in REASON_CODES order and the sort is stable; a positive result on a tie keeps that order too
        REASON_CODES.indexOf(a.code) - REASON_CODES.indexOf(b.code),
    );
  // `reasons` is ordered by |points| then code, so its negative ones come most negative first, ties by code.
  // Stryker disable next-line EqualityOperator: reasons of 0 points were dropped above
  const negativeReasons = reasons.filter((reason) => reason.points < 0);
  // Stryker disable next-line MethodExpression: only four reason codes can be negative (late, resolved default, default, negative ratings)
  const principalReasons = negativeReasons.slice(0, 4);
  return {
    modelVersion: MODEL_VERSION,
    value,
    band: bandOf(value),
    baseline: BASELINE_SCORE,
    dimensions: dimensions.map((result) => ({
      dimension: result.dimension,
      value: result.value,
      weight: DIMENSION_WEIGHTS[result.dimension],
      points: reasons
        .filter((reason) => reason.dimension === result.dimension)
        .reduce((sum, reason) => sum + reason.points, 0),
      evidence: result.evidence,
    })),
    reasons,
    principalReasons,
  };
}
