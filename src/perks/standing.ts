/**
 * The person's own view of the perk catalogue (`User.perks`): for every active perk, eligible or not, the
 * reason codes, and what is missing — how far they are from each unmet condition and which of the improvement
 * actions of their stored trust explanation would close or narrow it. The rule is evaluated by the same
 * `unmetConditions` as a partner's check, on the same facts query; no consent is needed and nothing is logged
 * as an inquiry (it is not a partner check).
 */
import type { Assurance } from '../identities/model.js';
import type { Loaders } from '../loaders.js';
import type { StoredExplanation } from '../trust/model.js';
import type {
  PerkActionRow,
  PerkDimension,
  PerkRow,
  PerkShortfallRow,
  PerkStandingRow,
  PersonFacts,
} from './model.js';
import type { ImprovementAction } from '../trust/engine/index.js';
import { unmetCondition } from './conditions.js';
import { assuranceLevel, unmetConditions } from './rules.js';

type Improvement = StoredExplanation['improvements'][number];

const VERIFY_ACTION: Record<Assurance, ImprovementAction> = {
  LOW: 'VERIFY_LOW_ASSURANCE_IDENTITY',
  SUBSTANTIAL: 'VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY',
  HIGH: 'VERIFY_HIGH_ASSURANCE_IDENTITY',
};
const ASSURANCES: readonly Assurance[] = ['LOW', 'SUBSTANTIAL', 'HIGH'];

export const OPT_IN_ACTION: PerkActionRow = {
  action: 'OPT_IN_TO_SCORING',
  points: null,
  summary: 'Opt in to scoring (setScoringConsent(enabled: true)); perks that ask for a score need one',
  closesGap: null,
};

/** Dimension values are floats in [0, 1]: a gap like 0.6 − 0.45 is reported as 0.15, not 0.1499999…. */
const roundGap = (gap: number) => Math.round(gap * 1e6) / 1e6;

const asAction = (improvement: Improvement, closesGap: boolean | null): PerkActionRow => ({
  action: improvement.action,
  points: improvement.points,
  summary: improvement.summary,
  closesGap,
});

function shortfall(
  reason: string,
  perk: PerkRow,
  facts: PersonFacts,
  improvements: readonly Improvement[],
): PerkShortfallRow {
  return { ...measuredShortfall(reason, perk, facts, improvements), condition: unmetCondition(reason) };
}

function measuredShortfall(
  reason: string,
  perk: PerkRow,
  facts: PersonFacts,
  improvements: readonly Improvement[],
): Omit<PerkShortfallRow, 'condition'> {
  const { rule } = perk;
  const none = { dimension: null, gap: null, unit: null, actions: [] };
  if (reason === 'NO_SCORE') return { reason, ...none, actions: facts.scoringConsent ? [] : [OPT_IN_ACTION] };
  if (reason === 'SCORE_BELOW_THRESHOLD') {
    // Every improvement raises the score by its exact points: it closes the gap when it covers it.
    const gap = rule.minScore! - facts.trustValue!;
    return {
      reason,
      dimension: null,
      gap,
      unit: 'SCORE_POINTS',
      actions: improvements.map((i) => asAction(i, i.points >= gap)),
    };
  }
  if (reason.startsWith('DIMENSION_BELOW_THRESHOLD:')) {
    const dimension = reason.slice('DIMENSION_BELOW_THRESHOLD:'.length) as PerkDimension;
    const min = rule.minDimensions.find((d) => d.dimension === dimension)!.min;
    // Each improvement carries the dimension it changes and that dimension's value after it (scores stored
    // before that was recorded say nothing about closing the gap: null).
    return {
      reason,
      dimension,
      gap: roundGap(min - (facts.dimensions[dimension] ?? 0)),
      unit: 'DIMENSION',
      actions: improvements
        .filter((i) => i.dimension === dimension)
        .map((i) => asAction(i, i.dimensionValue === undefined ? null : i.dimensionValue >= min)),
    };
  }
  if (reason === 'IDENTITY_ASSURANCE_TOO_LOW') {
    // Verifying an identity at the required level or above meets it, whatever it gains in points (the
    // explanation lists only actions that gain points: the others gain 0).
    const required = assuranceLevel(rule.minIdentityAssurance!);
    const actions = ASSURANCES.filter((a) => assuranceLevel(a) >= required).map((assurance) => {
      const listed = improvements.find((i) => i.action === VERIFY_ACTION[assurance]);
      return listed
        ? asAction(listed, true)
        : {
            action: VERIFY_ACTION[assurance],
            points: 0,
            summary: `Verify a ${assurance.toLowerCase()}-assurance identity`,
            closesGap: true,
          };
    });
    return { reason, ...none, actions };
  }
  if (reason === 'TOO_MANY_OPEN_DEFAULTS') {
    // Settling a default takes one off the open defaults.
    const gap = facts.openDefaults - rule.maxOpenDefaults!;
    return {
      reason,
      dimension: null,
      gap,
      unit: 'DEFAULTS',
      actions: improvements.filter((i) => i.action === 'RESOLVE_DEFAULT').map((i) => asAction(i, gap <= 1)),
    };
  }
  if (reason === 'ACCOUNT_TOO_NEW')
    return { reason, ...none, gap: rule.minAccountAgeDays! - (facts.accountAgeDays ?? 0), unit: 'DAYS' };
  if (reason === 'OPEN_DISPUTE') return { reason, ...none, gap: facts.openDisputes, unit: 'DISPUTES' };
  return { reason, ...none };
}

/** One perk for one person: the shared rule evaluation, then what is missing for each unmet condition. */
export function standing(
  perk: PerkRow,
  facts: PersonFacts,
  improvements: readonly Improvement[],
): PerkStandingRow {
  const reasons = unmetConditions(perk.rule, facts);
  const missing = reasons.map((reason) => shortfall(reason, perk, facts, improvements));
  // An action unlocks the perk when it alone closes every unmet condition (closesGap true in each shortfall).
  const candidates = missing[0]?.actions.filter((a) => a.closesGap === true).map((a) => a.action) ?? [];
  const unlockedBy = [...new Set(candidates)].filter((action) =>
    missing.every((m) => m.actions.some((a) => a.action === action && a.closesGap === true)),
  );
  return {
    perk,
    eligible: reasons.length === 0,
    reasons,
    unmet: reasons.map(unmetCondition),
    missing,
    unlockedBy,
  };
}

/**
 * Every active perk for the person, from three loaders (the catalogue, the facts, the trust state): a constant
 * number of queries however many perks there are, batched across users when an admin lists several.
 */
export async function perksOfPerson(
  loaders: Pick<Loaders, 'activePerks' | 'personFacts' | 'trustState'>,
  userId: string,
): Promise<PerkStandingRow[]> {
  const [perks, facts, trust] = await Promise.all([
    loaders.activePerks.load('active'),
    loaders.personFacts.load(userId),
    loaders.trustState.load(userId),
  ]);
  if (!facts?.exists) return [];
  // A score materialised without an explanation (older data) has no improvements to offer.
  const improvements = trust?.score?.explanation?.improvements ?? [];
  return perks.map((perk) => standing(perk, facts, improvements));
}
