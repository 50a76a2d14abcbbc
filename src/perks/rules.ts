/**
 * Perk rules: validation (a rule no person could meet is refused) and evaluation (a decision and reason codes,
 * never the score). Pure functions: the service reads the facts and writes the inquiries.
 */
import { badInput } from '../errors.js';
import type { Assurance } from '../identities/model.js';
import {
  ACCOUNT_AGE_THRESHOLDS_DAYS,
  BAND_QUESTION,
  DIMENSION_THRESHOLDS,
  OPEN_DEFAULT_LIMITS,
  questionOf,
  SCORE_THRESHOLDS,
} from './disclosure.js';
import {
  PERK_DIMENSIONS,
  type Decision,
  type PerkDimension,
  type PerkRuleRow,
  type PersonFacts,
  type SubjectFacts,
} from './model.js';

const ASSURANCE_LEVEL: Record<Assurance, number> = { LOW: 1, SUBSTANTIAL: 2, HIGH: 3 };

export interface PerkRuleInput {
  minScore?: number | null;
  minDimensions?: readonly { dimension: PerkDimension; min: number }[] | null;
  minIdentityAssurance?: Assurance | null;
  maxOpenDefaults?: number | null;
  minAccountAgeDays?: number | null;
  noOpenDisputes?: boolean | null;
}

/** A threshold must be one of the grid's values (docs/privacy.md: finer thresholds would let partners bisect). */
function onGrid(field: string, value: number | null | undefined, grid: readonly number[]): number | null {
  if (value === null || value === undefined) return null;
  if (!grid.includes(value))
    throw badInput(
      field,
      `${field} must be one of ${grid.join(', ')} (thresholds are on a coarse grid for privacy)`,
    );
  return value;
}

/**
 * Disputing is a right (docs/privacy.md § 4): a disputed item keeps counting while under review, and a rule that
 * refuses people with an open dispute would punish them for using it. Refused since contract 2026-12.
 */
function noDisputeCondition(value: boolean | null | undefined): false {
  if (value)
    throw badInput(
      'rule.noOpenDisputes',
      'noOpenDisputes is no longer accepted: it would refuse people for disputing (a disputed item counts in the score while under review)',
    );
  return false;
}

export function validateRule(input: PerkRuleInput): PerkRuleRow {
  const seen = new Set<PerkDimension>();
  const minDimensions = (input.minDimensions ?? []).map(({ dimension, min }) => {
    if (!PERK_DIMENSIONS.includes(dimension))
      throw badInput('rule.minDimensions', `unknown dimension ${dimension}`);
    if (seen.has(dimension)) throw badInput('rule.minDimensions', `${dimension} is given twice`);
    seen.add(dimension);
    return { dimension, min: onGrid('rule.minDimensions', min, DIMENSION_THRESHOLDS)! };
  });
  return {
    minScore: onGrid('rule.minScore', input.minScore, SCORE_THRESHOLDS),
    minDimensions,
    minIdentityAssurance: input.minIdentityAssurance ?? null,
    maxOpenDefaults: onGrid('rule.maxOpenDefaults', input.maxOpenDefaults, OPEN_DEFAULT_LIMITS),
    minAccountAgeDays: onGrid('rule.minAccountAgeDays', input.minAccountAgeDays, ACCOUNT_AGE_THRESHOLDS_DAYS),
    noOpenDisputes: noDisputeCondition(input.noOpenDisputes),
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
 * A partner's decision for one person, as the partner sees it. Without an active ELIGIBILITY consent: NO_CONSENT
 * and nothing else is looked at (an unknown user looks the same, so a partner cannot probe who has an account).
 * Otherwise NO_SCORE, or one combined NOT_ELIGIBLE for any unmet conditions (which ones is the person's to see:
 * `unmet`), and the band only with SCORE_BAND consent and a rule about the score alone (whose answers the band
 * already determines: docs/privacy.md). The question budget is the service's (it needs the stored inquiries).
 */
export function evaluate(rule: PerkRuleRow, facts: SubjectFacts): Decision {
  const { userId } = facts;
  const question = questionOf(rule);
  if (!facts.exists || !facts.consentActive || !facts.consentScopes.includes('ELIGIBILITY'))
    return { userId, eligible: false, reasons: ['NO_CONSENT'], unmet: [], band: null, question: null };
  const unmet = unmetConditions(rule, facts);
  if (unmet[0] === 'NO_SCORE')
    return { userId, eligible: false, reasons: ['NO_SCORE'], unmet, band: null, question: null };
  const band =
    facts.consentScopes.includes('SCORE_BAND') && question === BAND_QUESTION ? facts.trustBand : null;
  const eligible = unmet.length === 0;
  return { userId, eligible, reasons: eligible ? [] : ['NOT_ELIGIBLE'], unmet, band, question };
}
