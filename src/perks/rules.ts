/**
 * Perk rules: validation (a rule no person could meet is refused) and evaluation (a decision and reason codes,
 * never the score). Pure functions: the service reads the facts and writes the inquiries.
 */
import { badInput } from '../errors.js';
import type { Assurance } from '../identities/model.js';
import {
  PERK_DIMENSIONS,
  type Decision,
  type PerkDimension,
  type PerkRuleRow,
  type PersonFacts,
  type SubjectFacts,
} from './model.js';

export const SCORE_MIN = 300;
export const SCORE_MAX = 900;
export const MAX_ACCOUNT_AGE_DAYS = 3650;
export const MAX_OPEN_DEFAULTS = 1000;

const ASSURANCE_LEVEL: Record<Assurance, number> = { LOW: 1, SUBSTANTIAL: 2, HIGH: 3 };

export interface PerkRuleInput {
  minScore?: number | null;
  minDimensions?: readonly { dimension: PerkDimension; min: number }[] | null;
  minIdentityAssurance?: Assurance | null;
  maxOpenDefaults?: number | null;
  minAccountAgeDays?: number | null;
  noOpenDisputes?: boolean | null;
}

function intIn(field: string, value: number | null | undefined, min: number, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(
      field,
      `${field} must be an integer from ${min} to ${max} (no person could meet it otherwise)`,
    );
  return value;
}

export function validateRule(input: PerkRuleInput): PerkRuleRow {
  const seen = new Set<PerkDimension>();
  const minDimensions = (input.minDimensions ?? []).map(({ dimension, min }) => {
    if (!PERK_DIMENSIONS.includes(dimension))
      throw badInput('rule.minDimensions', `unknown dimension ${dimension}`);
    if (seen.has(dimension)) throw badInput('rule.minDimensions', `${dimension} is given twice`);
    seen.add(dimension);
    if (!Number.isFinite(min) || min < 0 || min > 1)
      throw badInput(
        'rule.minDimensions',
        `the minimum of ${dimension} must be from 0 to 1 (dimensions range 0..1)`,
      );
    return { dimension, min };
  });
  return {
    minScore: intIn('rule.minScore', input.minScore, SCORE_MIN, SCORE_MAX),
    minDimensions,
    minIdentityAssurance: input.minIdentityAssurance ?? null,
    maxOpenDefaults: intIn('rule.maxOpenDefaults', input.maxOpenDefaults, 0, MAX_OPEN_DEFAULTS),
    minAccountAgeDays: intIn('rule.minAccountAgeDays', input.minAccountAgeDays, 0, MAX_ACCOUNT_AGE_DAYS),
    noOpenDisputes: input.noOpenDisputes ?? false,
  };
}

/**
 * The rule against one person's facts, consent aside: NO_SCORE alone without a computed score (no scoring
 * consent, or not yet computed), otherwise the reason code of every unmet condition (none: eligible). The one
 * place the rule logic lives: partners' checks (`evaluate`) and the person's own view (`User.perks`) both
 * call it.
 */
export function unmetConditions(rule: PerkRuleRow, facts: PersonFacts): string[] {
  if (!facts.scored || facts.trustValue === null) return ['NO_SCORE'];
  const reasons: string[] = [];
  if (rule.minScore !== null && facts.trustValue < rule.minScore) reasons.push('SCORE_BELOW_THRESHOLD');
  for (const { dimension, min } of rule.minDimensions) {
    const value = facts.dimensions[dimension];
    if (value === null || value < min) reasons.push(`DIMENSION_BELOW_THRESHOLD:${dimension}`);
  }
  if (rule.minIdentityAssurance !== null && bestAssurance(facts) < ASSURANCE_LEVEL[rule.minIdentityAssurance])
    reasons.push('IDENTITY_ASSURANCE_TOO_LOW');
  if (rule.maxOpenDefaults !== null && facts.openDefaults > rule.maxOpenDefaults)
    reasons.push('TOO_MANY_OPEN_DEFAULTS');
  if (rule.minAccountAgeDays !== null && (facts.accountAgeDays ?? 0) < rule.minAccountAgeDays)
    reasons.push('ACCOUNT_TOO_NEW');
  if (rule.noOpenDisputes && facts.openDisputes > 0) reasons.push('OPEN_DISPUTE');
  return reasons;
}

/** The level (1..3) of the person's best unexpired verified identity, 0 without one. */
export function bestAssurance(facts: PersonFacts): number {
  return Math.max(0, ...facts.assurances.map((a) => ASSURANCE_LEVEL[a] ?? 0));
}

/** The level (1..3) of an assurance. */
export const assuranceLevel = (assurance: Assurance): number => ASSURANCE_LEVEL[assurance];

/**
 * A partner's decision for one person. Without an active ELIGIBILITY consent: NO_CONSENT and nothing else is
 * looked at (an unknown user looks the same, so a partner cannot probe who has an account); otherwise the
 * unmet conditions of the rule.
 */
export function evaluate(rule: PerkRuleRow, facts: SubjectFacts): Decision {
  const { userId } = facts;
  if (!facts.exists || !facts.consentActive || !facts.consentScopes.includes('ELIGIBILITY'))
    return { userId, eligible: false, reasons: ['NO_CONSENT'], band: null };
  const band = facts.consentScopes.includes('SCORE_BAND') && facts.scored ? facts.trustBand : null;
  const reasons = unmetConditions(rule, facts);
  return { userId, eligible: reasons.length === 0, reasons, band };
}
