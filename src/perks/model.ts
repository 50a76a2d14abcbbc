import type { ImprovementAction } from '../trust/engine/index.js';
import type { UnmetConditionRow } from './conditions.js';
import type { Assurance } from '../identities/model.js';
import type { AskedQuestion } from './disclosure.js';

export type PerkDimension = 'IDENTITY' | 'HISTORY' | 'REPUTATION' | 'NETWORK';
export const PERK_DIMENSIONS: readonly PerkDimension[] = ['IDENTITY', 'HISTORY', 'REPUTATION', 'NETWORK'];

export interface PerkRuleRow {
  minScore: number | null;
  minDimensions: { dimension: PerkDimension; min: number }[];
  minIdentityAssurance: Assurance | null;
  maxOpenDefaults: number | null;
  minAccountAgeDays: number | null;
  noOpenDisputes: boolean;
}

/** codegen mapper for Perk. */
export interface PerkRow {
  id: string;
  partnerId: string;
  name: string;
  description: string | null;
  createdAt: string;
  archivedAt: string | null;
  rule: PerkRuleRow;
}

/** Dimension minimums are stored as one property per dimension (null = no minimum). */
export const DIMENSION_PROPERTY: Record<PerkDimension, string> = {
  IDENTITY: 'minIdentity',
  HISTORY: 'minHistory',
  REPUTATION: 'minReputation',
  NETWORK: 'minNetwork',
};

export const PERK_PROJECTION = `perk {.id, .name, .description, partnerId: partner.id,
  createdAt: toString(perk.createdAt), archivedAt: toString(perk.archivedAt),
  rule: {minScore: perk.minScore, minIdentityAssurance: perk.minIdentityAssurance,
         maxOpenDefaults: perk.maxOpenDefaults, minAccountAgeDays: perk.minAccountAgeDays,
         noOpenDisputes: coalesce(perk.noOpenDisputes, false),
         minDimensions: [d IN [['IDENTITY', perk.minIdentity], ['HISTORY', perk.minHistory],
                               ['REPUTATION', perk.minReputation], ['NETWORK', perk.minNetwork]]
                         WHERE d[1] IS NOT NULL | {dimension: d[0], min: d[1]}]}}`;

/**
 * What a rule is evaluated on for one person: the materialised trust properties and a few counts, never
 * returned to a partner. The same facts (one query, `subjectFacts`) serve a partner's check and the person's
 * own view of their perks (`User.perks`).
 */
export interface PersonFacts {
  userId: string;
  exists: boolean;
  /** The person opted in to scoring (scoring is opt-in). */
  scoringConsent: boolean;
  scored: boolean;
  trustValue: number | null;
  trustBand: string | null;
  dimensions: Record<PerkDimension, number | null>;
  assurances: Assurance[];
  openDefaults: number;
  openDisputes: number;
  accountAgeDays: number | null;
}

/** A person's facts with their consent to one partner (a partner's check). */
export interface SubjectFacts extends PersonFacts {
  consentActive: boolean;
  consentScopes: string[];
  consentExpiresAt: string | null;
}

/**
 * What the partner already asked about the person (from the Inquiry nodes, so shared by every gateway and kept
 * across restarts): checks answered in the last 24 hours and the questions answered within the question period.
 */
export interface PartnerHistory {
  userId: string;
  answeredToday: number;
  /** The oldest check answered in the last 24 hours (when the daily limit frees a check). */
  oldestAnsweredToday: string | null;
  asked: AskedQuestion[];
}

/** The reasons a partner may see (schema enum DecisionReason). */
export type DecisionReason = 'NOT_ELIGIBLE' | 'NO_CONSENT' | 'NO_SCORE' | 'RATE_LIMITED' | 'DISCLOSURE_LIMIT';

export interface Decision {
  userId: string;
  eligible: boolean;
  /** What the partner sees. */
  reasons: DecisionReason[];
  /** The exact unmet conditions (reason codes of `unmetConditions`): the person's to see, never the partner's. */
  unmet: string[];
  band: string | null;
  /** The question this decision answered (null when it answered none: a refusal, NO_CONSENT or NO_SCORE). */
  question: string | null;
}

/** codegen mapper for EligibilityDecision. */
export interface EligibilityDecisionRow extends Decision {
  checkedAt: string;
  validUntil: string;
  /** For RATE_LIMITED and DISCLOSURE_LIMIT: when a check of this person can be answered again. */
  retryAfter: string | null;
  perk: PerkRow;
}

/** An action that would close or narrow a shortfall (codegen mapper for PerkAction). */
export interface PerkActionRow {
  action: PerkActionCode;
  /** Exact score points the action gains (from the stored trust explanation); null when not known. */
  points: number | null;
  summary: string;
  /** Whether the action alone meets the condition; null when the explanation cannot tell. */
  closesGap: boolean | null;
}

export type ShortfallUnit = 'SCORE_POINTS' | 'DIMENSION' | 'DEFAULTS' | 'DAYS' | 'DISPUTES';

/** One unmet condition of a perk for the person, how far they are from it, and what would help. */
export interface PerkShortfallRow {
  reason: string;
  condition: UnmetConditionRow;
  dimension: PerkDimension | null;
  gap: number | null;
  unit: ShortfallUnit | null;
  actions: PerkActionRow[];
}

/** A perk as it stands for the person (codegen mapper for PerkStanding). */
export interface PerkStandingRow {
  perk: PerkRow;
  eligible: boolean;
  reasons: string[];
  unmet: UnmetConditionRow[];
  missing: PerkShortfallRow[];
  /** Improvement actions that alone would close every unmet condition. */
  unlockedBy: PerkActionCode[];
}

/** An improvement action of the trust explanation, or opting in to scoring. */
export type PerkActionCode = ImprovementAction | 'OPT_IN_TO_SCORING';
