/**
 * Unmet conditions as a frontend needs them (contract 2027-01): a code, the dimension where there is one, and a
 * plain-language summary — instead of strings like `DIMENSION_BELOW_THRESHOLD:REPUTATION`. Inquiries and
 * standings keep storing the strings; this reads them.
 */
import type { DecisionReason, PerkDimension } from './model.js';

export type UnmetConditionCode =
  | 'NO_SCORE'
  | 'SCORE_BELOW_THRESHOLD'
  | 'DIMENSION_BELOW_THRESHOLD'
  | 'IDENTITY_ASSURANCE_TOO_LOW'
  | 'TOO_MANY_OPEN_DEFAULTS'
  | 'ACCOUNT_TOO_NEW'
  | 'OPEN_DISPUTE';

export interface UnmetConditionRow {
  code: UnmetConditionCode;
  dimension: PerkDimension | null;
  summary: string;
}

const SUMMARIES: Readonly<Record<UnmetConditionCode, string>> = {
  NO_SCORE: 'You have no score: opt in to scoring (or wait for the first computation)',
  SCORE_BELOW_THRESHOLD: "Your score is below this perk's minimum",
  DIMENSION_BELOW_THRESHOLD: "A dimension of your score is below this perk's minimum for it",
  IDENTITY_ASSURANCE_TOO_LOW: 'You have no verified identity of the assurance this perk asks for',
  TOO_MANY_OPEN_DEFAULTS: 'You have more unresolved defaults than this perk allows',
  ACCOUNT_TOO_NEW: 'Your account is younger than this perk asks',
  OPEN_DISPUTE: 'You have an open dispute (an old rule: disputing no longer counts against you)',
};

const DIMENSION_PREFIX = 'DIMENSION_BELOW_THRESHOLD:';

/** The structured form of a stored unmet-condition string. */
export function unmetCondition(stored: string): UnmetConditionRow {
  if (stored.startsWith(DIMENSION_PREFIX)) {
    const dimension = stored.slice(DIMENSION_PREFIX.length) as PerkDimension;
    return {
      code: 'DIMENSION_BELOW_THRESHOLD',
      dimension,
      summary: `Your ${dimension.toLowerCase()} dimension is below this perk's minimum for it`,
    };
  }
  const code = stored as UnmetConditionCode;
  return { code, dimension: null, summary: SUMMARIES[code] ?? stored };
}

const DECISION_REASONS: readonly string[] = [
  'NOT_ELIGIBLE',
  'NO_CONSENT',
  'NO_SCORE',
  'RATE_LIMITED',
  'DISCLOSURE_LIMIT',
];

/**
 * What the partner was told, as one DecisionReason: the stored reason, or — for inquiries logged before
 * contract 2026-12, which listed every unmet condition — NO_SCORE or NOT_ELIGIBLE. Null for an allowed check.
 */
export function decisionReasonOf(decision: boolean, reasons: readonly string[]): DecisionReason | null {
  if (decision) return null;
  const first = reasons[0];
  if (first !== undefined && DECISION_REASONS.includes(first)) return first as DecisionReason;
  return reasons.includes('NO_SCORE') ? 'NO_SCORE' : 'NOT_ELIGIBLE';
}
