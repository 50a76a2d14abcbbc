/**
 * The disclosure model: what a partner may learn about a consenting person (docs/privacy.md, section 1, has the
 * arithmetic). Pure: the service reads the facts and the partner's past questions, this decides what to answer.
 *
 * Three levers, each necessary:
 * - rule thresholds on a coarse, public grid (a score threshold is a band's floor; a dimension minimum a quarter);
 * - one answer per rule, not per condition: a partner sees `NOT_ELIGIBLE`, the person sees which conditions;
 * - one question per person per partner per period (30 days, rolling, counted from the Inquiry nodes in Neo4j,
 *   across all the partner's perks and keys). Every rule about the score alone counts as the same question
 *   ("which band?"), since all such rules together reveal no more than the band.
 */
import { createHash } from 'node:crypto';
import { BAND_FLOORS, SCORE_MIN } from '../trust/engine/model.js';
import type { PerkRuleRow } from './model.js';

/** `minScore` must be one of the band floors above the lowest: 420, 540, 660, 780. */
export const SCORE_THRESHOLDS: readonly number[] = BAND_FLOORS.map((b) => b.floor)
  .filter((floor) => floor > SCORE_MIN)
  .sort((a, b) => a - b);
/** A dimension minimum must be one of these (dimensions range 0..1). */
export const DIMENSION_THRESHOLDS: readonly number[] = [0.25, 0.5, 0.75];
export const ACCOUNT_AGE_THRESHOLDS_DAYS: readonly number[] = [30, 90, 180, 365, 730];
export const OPEN_DEFAULT_LIMITS: readonly number[] = [0, 1, 2];

/** How long one question's answers bind the partner to that question, for one person. */
export const QUESTION_PERIOD_DAYS = 30;
export const QUESTION_PERIOD_MS = QUESTION_PERIOD_DAYS * 24 * 60 * 60 * 1000;

/** What every rule about the score alone asks (and the band answers). */
export const BAND_QUESTION = 'BAND';

/**
 * The question a rule asks of a person: `BAND` for a rule on the score alone (or no condition at all), otherwise
 * a fingerprint of the whole rule, so that two perks with the same rule ask the same question.
 */
export function questionOf(rule: PerkRuleRow): string {
  const scoreOnly =
    rule.minDimensions.length === 0 &&
    rule.minIdentityAssurance === null &&
    rule.maxOpenDefaults === null &&
    rule.minAccountAgeDays === null &&
    !rule.noOpenDisputes;
  if (scoreOnly) return BAND_QUESTION;
  const canonical = JSON.stringify([
    rule.minScore,
    [...rule.minDimensions]
      .sort((a, b) => a.dimension.localeCompare(b.dimension))
      .map((d) => [d.dimension, d.min]),
    rule.minIdentityAssurance,
    rule.maxOpenDefaults,
    rule.minAccountAgeDays,
    rule.noOpenDisputes,
  ]);
  return `RULE:${createHash('sha256').update(canonical).digest('hex').slice(0, 24)}`;
}

/** A question the partner had answered about the person within the period, and when last. */
export interface AskedQuestion {
  question: string;
  lastAt: string;
}

/**
 * Whether the partner may have `question` answered about the person now, given the questions answered within the
 * period: yes when none was, or only this one; otherwise the time the earlier question's period ends.
 */
export function questionAllowed(
  question: string,
  asked: readonly AskedQuestion[],
  now: number,
): { allowed: true } | { allowed: false; retryAt: number } {
  const others = asked.filter((a) => a.question !== question);
  if (others.length === 0) return { allowed: true };
  const retryAt = Math.max(...others.map((a) => Date.parse(a.lastAt) + QUESTION_PERIOD_MS));
  // A question older than the period is no longer counted by the query; this guards a clock skew.
  return retryAt <= now ? { allowed: true } : { allowed: false, retryAt };
}
