/**
 * The Credence trust model: four dimensions in [0, 1], a weighted composite mapped to 300..900,
 * and bands. Every constant here is documented in docs/trust-model.md under MODEL_VERSION;
 * changing any of them changes scores, so it must come with a new version.
 */
import { networkValue, relativeTrust, trustReference } from './network-scale.js';

export const MODEL_VERSION = '2026-12.2';

export type Dimension = 'IDENTITY' | 'HISTORY' | 'REPUTATION' | 'NETWORK';
export const DIMENSIONS: readonly Dimension[] = ['IDENTITY', 'HISTORY', 'REPUTATION', 'NETWORK'];

export type Assurance = 'LOW' | 'SUBSTANTIAL' | 'HIGH';
export type EventKind = 'COMMITMENT_FULFILLED' | 'COMMITMENT_LATE' | 'COMMITMENT_DEFAULTED';
export type Band = 'POOR' | 'FAIR' | 'GOOD' | 'VERY_GOOD' | 'EXCELLENT';

export const SCORE_MIN = 300;
export const SCORE_MAX = 900;
const SCORE_RANGE = SCORE_MAX - SCORE_MIN;

/** Weights of the dimensions in the composite; they sum to 1. */
export const DIMENSION_WEIGHTS: Readonly<Record<Dimension, number>> = {
  IDENTITY: 0.25,
  HISTORY: 0.3,
  REPUTATION: 0.2,
  NETWORK: 0.25,
};

/** Lowest score of each band, highest band first. */
export const BAND_FLOORS: readonly { band: Band; floor: number }[] = [
  { band: 'EXCELLENT', floor: 780 },
  { band: 'VERY_GOOD', floor: 660 },
  { band: 'GOOD', floor: 540 },
  { band: 'FAIR', floor: 420 },
  { band: 'POOR', floor: SCORE_MIN },
];

// IDENTITY
/** Credit of the first verified identity of each assurance level; the k-th of a level earns credit·½^(k−1). */
export const ASSURANCE_CREDIT: Readonly<Record<Assurance, number>> = {
  HIGH: 0.6,
  SUBSTANTIAL: 0.35,
  LOW: 0.12,
};
export const REPEAT_IDENTITY_FACTOR = 0.5;
export const IDENTITY_VERIFICATION_SHARE = 0.75;
export const IDENTITY_AGE_SHARE = 0.25;
/** Account age earns half of its credit after this many days, three quarters after twice as many. */
export const ACCOUNT_AGE_HALF_LIFE_DAYS = 365;

// HISTORY
/** An event's weight halves every this many days. */
export const HISTORY_HALF_LIFE_DAYS = 365;
/** Value of each outcome; a resolved default counts as a late commitment. */
export const OUTCOME_VALUE = { FULFILLED: 1, LATE: 0.4, DEFAULTED: 0 } as const;
export const HISTORY_PRIOR = 0.5;
/** Pseudo-events at the prior: with W total event weight, confidence is W / (W + this). */
export const HISTORY_PRIOR_STRENGTH = 3;

// REPUTATION
/** Pseudo-raters at goodness 0: with V total rater standing, confidence is V / (V + this). */
export const REPUTATION_PRIOR_STRENGTH = 3;

// NETWORK: its scale (the reference account, REFERENCE_ACCOUNTS_PER_ANCHOR, NETWORK_FULL_RELATIVE_TRUST,
// RATER_FULL_STANDING_RELATIVE_TRUST) is in network-scale.ts, shared with the incremental update.

export interface IdentityEvidence {
  assurance: Assurance;
  expired: boolean;
}

export interface CommitmentEvent {
  kind: EventKind;
  /** Days since the event (negative values count as 0). */
  ageDays: number;
  /** For a default: it was later settled. It then counts as a late commitment. */
  resolved?: boolean;
}

/** Ratings received, each weighted by the rater's FxG fairness and network standing (see computeAll). */
export interface ReputationEvidence {
  ratingsReceived: number;
  positiveRatingsReceived: number;
  negativeRatingsReceived: number;
  /** Σ over positive ratings of standing(u)·f(u)·w(u, v), w in (0, 1]. */
  positiveWeight: number;
  /** Σ over negative ratings of standing(u)·f(u)·|w(u, v)|. */
  negativeWeight: number;
  /** Σ over raters of standing(u) in [0, 1]: how much vouched-for evidence there is. */
  raterStanding: number;
  /** Plain FxG goodness g(v), null without ratings; reported, the dimension uses the weights above. */
  goodness: number | null;
}

export interface NetworkEvidence {
  /** t_j from EigenTrust (the trust vector sums to 1). */
  trust: number;
  /**
   * The reference account's trust, trustReference(k) for k anchors: t_j is measured in multiples of it. Not the
   * number of accounts, which anyone can raise by registering (network-scale.ts).
   */
  reference: number;
  isAnchor: boolean;
  /** Fraction of t_j that is the restart to the anchors (0 for non-anchors). */
  restartShare: number;
}

export interface UserEvidence {
  identities: IdentityEvidence[];
  accountAgeDays: number;
  events: CommitmentEvent[];
  reputation: ReputationEvidence;
  network: NetworkEvidence;
}

export type ReasonCode =
  | 'IDENTITY_HIGH_ASSURANCE_VERIFIED'
  | 'IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED'
  | 'IDENTITY_LOW_ASSURANCE_VERIFIED'
  | 'IDENTITY_ACCOUNT_AGE'
  | 'HISTORY_FULFILLED_COMMITMENTS'
  | 'HISTORY_LATE_COMMITMENTS'
  | 'HISTORY_RESOLVED_DEFAULTS'
  | 'HISTORY_DEFAULTS'
  | 'REPUTATION_POSITIVE_RATINGS'
  | 'REPUTATION_NEGATIVE_RATINGS'
  | 'NETWORK_ENDORSED_BY_TRUSTED'
  | 'NETWORK_ANCHOR';

/** Stable order of reason codes, used to break ties. */
export const REASON_CODES: readonly ReasonCode[] = [
  'IDENTITY_HIGH_ASSURANCE_VERIFIED',
  'IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED',
  'IDENTITY_LOW_ASSURANCE_VERIFIED',
  'IDENTITY_ACCOUNT_AGE',
  'HISTORY_FULFILLED_COMMITMENTS',
  'HISTORY_LATE_COMMITMENTS',
  'HISTORY_RESOLVED_DEFAULTS',
  'HISTORY_DEFAULTS',
  'REPUTATION_POSITIVE_RATINGS',
  'REPUTATION_NEGATIVE_RATINGS',
  'NETWORK_ENDORSED_BY_TRUSTED',
  'NETWORK_ANCHOR',
];

/** A part of a dimension's distance from the brand-new user, in unrounded score points. */
export interface RawPart {
  code: ReasonCode;
  points: number;
  summary: string;
}

export interface DimensionResult {
  dimension: Dimension;
  value: number;
  /** Parts summing to (value − value of a brand-new user)·weight·600. */
  parts: RawPart[];
  evidence: string;
}

export function emptyReputation(): ReputationEvidence {
  return {
    ratingsReceived: 0,
    positiveRatingsReceived: 0,
    negativeRatingsReceived: 0,
    positiveWeight: 0,
    negativeWeight: 0,
    raterStanding: 0,
    goodness: null,
  };
}

/** Evidence of a brand-new user: no identities, account age 0, no events, ratings or endorsements. */
export function newUserEvidence(reference = trustReference(1)): UserEvidence {
  return {
    identities: [],
    accountAgeDays: 0,
    events: [],
    reputation: emptyReputation(),
    network: { trust: 0, reference, isAnchor: false, restartShare: 0 },
  };
}

function pointsPerUnit(dimension: Dimension): number {
  return SCORE_RANGE * DIMENSION_WEIGHTS[dimension];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const ASSURANCE_CODES: Readonly<Record<Assurance, ReasonCode>> = {
  HIGH: 'IDENTITY_HIGH_ASSURANCE_VERIFIED',
  SUBSTANTIAL: 'IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED',
  LOW: 'IDENTITY_LOW_ASSURANCE_VERIFIED',
};
const ASSURANCES: readonly Assurance[] = ['HIGH', 'SUBSTANTIAL', 'LOW'];

export function accountAgeCredit(ageDays: number): number {
  return 1 - Math.pow(2, -Math.max(0, ageDays) / ACCOUNT_AGE_HALF_LIFE_DAYS);
}

/** IDENTITY = 0.75·min(1, Σ assurance credits) + 0.25·account-age credit. */
export function identityDimension(evidence: UserEvidence): DimensionResult {
  const unit = pointsPerUnit('IDENTITY');
  const verifiedByLevel: Record<Assurance, number> = { HIGH: 0, SUBSTANTIAL: 0, LOW: 0 };
  let expired = 0;
  for (const identity of evidence.identities) {
    if (identity.expired) expired++;
    else verifiedByLevel[identity.assurance]++;
  }
  const creditByLevel = ASSURANCES.map((level) => {
    const count = verifiedByLevel[level];
    // Geometric series: credit·(1 + ½ + ¼ + …) over count identities, so many weak ones stay bounded.
    return (
      (ASSURANCE_CREDIT[level] * (1 - Math.pow(REPEAT_IDENTITY_FACTOR, count))) / (1 - REPEAT_IDENTITY_FACTOR)
    );
  });
  const totalCredit = creditByLevel.reduce((sum, credit) => sum + credit, 0);
  const verification = Math.min(1, totalCredit);
  // When the cap binds, each level keeps its proportion of the capped credit.
  const capScale = totalCredit > 1 ? 1 / totalCredit : 1;
  const age = accountAgeCredit(evidence.accountAgeDays);
  const value = IDENTITY_VERIFICATION_SHARE * verification + IDENTITY_AGE_SHARE * age;

  const parts: RawPart[] = [];
  ASSURANCES.forEach((level, index) => {
    const credit = creditByLevel[index] as number;
    if (credit > 0) {
      parts.push({
        code: ASSURANCE_CODES[level],
        points: unit * IDENTITY_VERIFICATION_SHARE * credit * capScale,
        summary: `${verifiedByLevel[level]} verified ${level.toLowerCase()}-assurance ${verifiedByLevel[level] === 1 ? 'identity' : 'identities'}`,
      });
    }
  });
  if (age > 0) {
    parts.push({
      code: 'IDENTITY_ACCOUNT_AGE',
      points: unit * IDENTITY_AGE_SHARE * age,
      summary: `Account age ${Math.floor(Math.max(0, evidence.accountAgeDays))} days`,
    });
  }
  const verifiedCount = verifiedByLevel.HIGH + verifiedByLevel.SUBSTANTIAL + verifiedByLevel.LOW;
  return {
    dimension: 'IDENTITY',
    value,
    parts,
    evidence:
      `${verifiedCount} verified (${verifiedByLevel.HIGH} high, ${verifiedByLevel.SUBSTANTIAL} substantial, ` +
      `${verifiedByLevel.LOW} low), ${expired} expired; account age ${Math.floor(Math.max(0, evidence.accountAgeDays))} days`,
  };
}

export function eventWeight(ageDays: number): number {
  return Math.pow(2, -Math.max(0, ageDays) / HISTORY_HALF_LIFE_DAYS);
}

type HistoryOutcome = 'FULFILLED' | 'LATE' | 'RESOLVED_DEFAULT' | 'DEFAULTED';

function outcomeOf(event: CommitmentEvent): HistoryOutcome {
  if (event.kind === 'COMMITMENT_FULFILLED') return 'FULFILLED';
  if (event.kind === 'COMMITMENT_LATE') return 'LATE';
  return event.resolved === true ? 'RESOLVED_DEFAULT' : 'DEFAULTED';
}

const OUTCOME_VALUES: Readonly<Record<HistoryOutcome, number>> = {
  FULFILLED: OUTCOME_VALUE.FULFILLED,
  LATE: OUTCOME_VALUE.LATE,
  RESOLVED_DEFAULT: OUTCOME_VALUE.LATE,
  DEFAULTED: OUTCOME_VALUE.DEFAULTED,
};
const OUTCOME_CODES: Readonly<Record<HistoryOutcome, ReasonCode>> = {
  FULFILLED: 'HISTORY_FULFILLED_COMMITMENTS',
  LATE: 'HISTORY_LATE_COMMITMENTS',
  RESOLVED_DEFAULT: 'HISTORY_RESOLVED_DEFAULTS',
  DEFAULTED: 'HISTORY_DEFAULTS',
};
/** One-line summaries by outcome: [singular, plural]. */
const OUTCOME_WORDS: Readonly<Record<HistoryOutcome, readonly [string, string]>> = {
  FULFILLED: ['commitment fulfilled', 'commitments fulfilled'],
  LATE: ['commitment fulfilled late', 'commitments fulfilled late'],
  RESOLVED_DEFAULT: ['default later resolved', 'defaults later resolved'],
  DEFAULTED: ['unresolved default', 'unresolved defaults'],
};
const OUTCOMES: readonly HistoryOutcome[] = ['FULFILLED', 'LATE', 'RESOLVED_DEFAULT', 'DEFAULTED'];

/** HISTORY = (prior·K + Σ weight·outcome) / (K + Σ weight), weight = 2^(−age/half-life). */
export function historyDimension(evidence: UserEvidence): DimensionResult {
  const unit = pointsPerUnit('HISTORY');
  const weightByOutcome: Record<HistoryOutcome, number> = {
    FULFILLED: 0,
    LATE: 0,
    RESOLVED_DEFAULT: 0,
    DEFAULTED: 0,
  };
  const countByOutcome: Record<HistoryOutcome, number> = {
    FULFILLED: 0,
    LATE: 0,
    RESOLVED_DEFAULT: 0,
    DEFAULTED: 0,
  };
  let totalWeight = 0;
  for (const event of evidence.events) {
    const outcome = outcomeOf(event);
    const weight = eventWeight(event.ageDays);
    weightByOutcome[outcome] += weight;
    countByOutcome[outcome]++;
    totalWeight += weight;
  }
  const denominator = HISTORY_PRIOR_STRENGTH + totalWeight;
  let numerator = HISTORY_PRIOR * HISTORY_PRIOR_STRENGTH;
  for (const outcome of OUTCOMES) numerator += weightByOutcome[outcome] * OUTCOME_VALUES[outcome];
  const value = numerator / denominator;

  // value − prior = Σ_outcome weight·(outcome value − prior) / denominator, split by outcome.
  const parts: RawPart[] = [];
  for (const outcome of OUTCOMES) {
    if (countByOutcome[outcome] === 0) continue;
    parts.push({
      code: OUTCOME_CODES[outcome],
      points: (unit * weightByOutcome[outcome] * (OUTCOME_VALUES[outcome] - HISTORY_PRIOR)) / denominator,
      summary: `${countByOutcome[outcome]} ${OUTCOME_WORDS[outcome][countByOutcome[outcome] === 1 ? 0 : 1]}, recency-weighted`,
    });
  }
  const confidence = totalWeight / denominator;
  return {
    dimension: 'HISTORY',
    value,
    parts,
    evidence:
      `${countByOutcome.FULFILLED} fulfilled, ${countByOutcome.LATE} late, ${countByOutcome.RESOLVED_DEFAULT} resolved ` +
      `defaults, ${countByOutcome.DEFAULTED} unresolved defaults; confidence ${confidence.toFixed(2)}`,
  };
}

/** REPUTATION = (1 + r)/2, r = (positive − negative weight) / (K + rater standing). */
export function reputationDimension(evidence: UserEvidence): DimensionResult {
  const unit = pointsPerUnit('REPUTATION');
  const reputation = evidence.reputation;
  const denominator = REPUTATION_PRIOR_STRENGTH + reputation.raterStanding;
  const signal = (reputation.positiveWeight - reputation.negativeWeight) / denominator;
  const value = (1 + signal) / 2;
  const parts: RawPart[] = [];
  if (reputation.positiveRatingsReceived > 0) {
    parts.push({
      code: 'REPUTATION_POSITIVE_RATINGS',
      points: (unit * reputation.positiveWeight) / denominator / 2,
      summary: `${plural(reputation.positiveRatingsReceived, 'positive rating')} received, weighted by rater reliability`,
    });
  }
  if (reputation.negativeRatingsReceived > 0) {
    parts.push({
      code: 'REPUTATION_NEGATIVE_RATINGS',
      points: -(unit * reputation.negativeWeight) / denominator / 2,
      summary: `${plural(reputation.negativeRatingsReceived, 'negative rating')} received, weighted by rater reliability`,
    });
  }
  const goodness = reputation.goodness === null ? 'none' : reputation.goodness.toFixed(3);
  return {
    dimension: 'REPUTATION',
    value,
    parts,
    evidence:
      `${plural(reputation.ratingsReceived, 'rating')} (${reputation.positiveRatingsReceived} positive, ` +
      `${reputation.negativeRatingsReceived} negative); goodness ${goodness}; rater standing ${reputation.raterStanding.toFixed(2)}`,
  };
}

export function networkDimension(evidence: UserEvidence): DimensionResult {
  const unit = pointsPerUnit('NETWORK');
  const network = evidence.network;
  const value = networkValue(network.trust, network.reference);
  const restartShare = Math.min(1, Math.max(0, network.restartShare));
  const parts: RawPart[] = [];
  if (value > 0 && restartShare < 1) {
    parts.push({
      code: 'NETWORK_ENDORSED_BY_TRUSTED',
      points: unit * value * (1 - restartShare),
      summary: 'Endorsed or rated positively by accounts trusted from the anchors',
    });
  }
  if (value > 0 && restartShare > 0) {
    parts.push({
      code: 'NETWORK_ANCHOR',
      points: unit * value * restartShare,
      summary: 'Pre-trusted anchor account',
    });
  }
  return {
    dimension: 'NETWORK',
    value,
    parts,
    evidence: `trust ${relativeTrust(network.trust, network.reference).toFixed(3)}× the reference account${network.isAnchor ? '; anchor' : ''}`,
  };
}

export function dimensionResults(evidence: UserEvidence): DimensionResult[] {
  return [
    identityDimension(evidence),
    historyDimension(evidence),
    reputationDimension(evidence),
    networkDimension(evidence),
  ];
}

/** Unrounded composite: 300 + 600·Σ weight·dimension. */
export function rawComposite(dimensions: readonly DimensionResult[]): number {
  let sum = 0;
  for (const result of dimensions) sum += DIMENSION_WEIGHTS[result.dimension] * result.value;
  return SCORE_MIN + SCORE_RANGE * sum;
}

export function toScore(raw: number): number {
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(raw)));
}

export function bandOf(score: number): Band {
  for (const { band, floor } of BAND_FLOORS) if (score >= floor) return band;
  return 'POOR';
}

/** The score of a brand-new user (450 under this version). */
export const BASELINE_SCORE = toScore(rawComposite(dimensionResults(newUserEvidence())));
