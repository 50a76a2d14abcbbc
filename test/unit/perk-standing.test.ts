/** The person's view of a perk (src/perks/standing.ts): hand-made facts and rules, gaps computed by hand. */
import { describe, expect, it } from 'vitest';
import type { PerkRow, PerkRuleRow, PersonFacts } from '../../src/perks/model.js';
import { standing } from '../../src/perks/standing.js';

const NO_RULE: PerkRuleRow = {
  minScore: null,
  minDimensions: [],
  minIdentityAssurance: null,
  maxOpenDefaults: null,
  minAccountAgeDays: null,
  noOpenDisputes: false,
};

const perk = (rule: Partial<PerkRuleRow>): PerkRow => ({
  id: 'perk-1',
  partnerId: 'partner-1',
  name: 'A perk',
  description: null,
  createdAt: '2026-01-01T00:00:00Z',
  archivedAt: null,
  rule: { ...NO_RULE, ...rule },
});

const FACTS: PersonFacts = {
  userId: 'u1',
  exists: true,
  scoringConsent: true,
  scored: true,
  trustValue: 600,
  trustBand: 'FAIR',
  dimensions: { IDENTITY: 0.2, HISTORY: 0.5, REPUTATION: 0.5, NETWORK: 0.1 },
  assurances: [],
  openDefaults: 3,
  openDisputes: 2,
  accountAgeDays: 5,
};

// As stored by the trust engine: the dimension an action changes and its value afterwards.
const renew = {
  action: 'RENEW_EXPIRED_IDENTITY' as const,
  points: 25,
  summary: 'Renew your expired identity',
  dimension: 'IDENTITY' as const,
  dimensionValue: 0.45,
};
const resolve = {
  action: 'RESOLVE_DEFAULT' as const,
  points: 40,
  summary: 'Settle a default',
  dimension: 'HISTORY' as const,
  dimensionValue: 0.6,
};
/** An action as the person sees it. */
const shown = (i: typeof renew | typeof resolve, closesGap: boolean | null) => ({
  action: i.action,
  points: i.points,
  summary: i.summary,
  closesGap,
});

describe('a perk as it stands for the person', () => {
  it('an action closes a score gap when its points cover the gap exactly', () => {
    const result = standing(perk({ minScore: 640 }), FACTS, [resolve, renew]);
    // 640 − 600 = 40: settling (40) closes it, renewing (25) narrows it.
    expect(result.missing).toEqual([
      {
        reason: 'SCORE_BELOW_THRESHOLD',
        condition: {
          code: 'SCORE_BELOW_THRESHOLD',
          dimension: null,
          summary: "Your score is below this perk's minimum",
        },
        dimension: null,
        gap: 40,
        unit: 'SCORE_POINTS',
        actions: [shown(resolve, true), shown(renew, false)],
      },
    ]);
    // Settling alone closes every unmet condition: it unlocks the perk; renewing does not.
    expect(result.unlockedBy).toEqual(['RESOLVE_DEFAULT']);
  });

  it('lists identity actions under IDENTITY and says whether they reach the minimum; none under NETWORK', () => {
    const result = standing(
      perk({
        minDimensions: [
          { dimension: 'IDENTITY', min: 0.5 },
          { dimension: 'NETWORK', min: 0.3 },
        ],
      }),
      FACTS,
      [resolve, renew],
    );
    expect(result.missing).toEqual([
      {
        reason: 'DIMENSION_BELOW_THRESHOLD:IDENTITY',
        condition: {
          code: 'DIMENSION_BELOW_THRESHOLD',
          dimension: 'IDENTITY',
          summary: "Your identity dimension is below this perk's minimum for it",
        },
        dimension: 'IDENTITY',
        gap: 0.3,
        unit: 'DIMENSION',
        // Renewing takes IDENTITY from 0.2 to 0.45, short of 0.5.
        actions: [shown(renew, false)],
      },
      {
        reason: 'DIMENSION_BELOW_THRESHOLD:NETWORK',
        condition: {
          code: 'DIMENSION_BELOW_THRESHOLD',
          dimension: 'NETWORK',
          summary: "Your network dimension is below this perk's minimum for it",
        },
        dimension: 'NETWORK',
        gap: 0.2,
        unit: 'DIMENSION',
        actions: [],
      },
    ]);
    expect(result.unlockedBy).toEqual([]);
  });

  it('counts defaults, days and disputes; more than one default over means one settlement does not close it', () => {
    const result = standing(
      perk({ maxOpenDefaults: 1, minAccountAgeDays: 30, noOpenDisputes: true }),
      FACTS,
      [resolve],
    );
    expect(result.reasons).toEqual(['TOO_MANY_OPEN_DEFAULTS', 'ACCOUNT_TOO_NEW', 'OPEN_DISPUTE']);
    expect(result.missing.map(({ reason, gap, unit }) => ({ reason, gap, unit }))).toEqual([
      { reason: 'TOO_MANY_OPEN_DEFAULTS', gap: 2, unit: 'DEFAULTS' },
      { reason: 'ACCOUNT_TOO_NEW', gap: 25, unit: 'DAYS' },
      { reason: 'OPEN_DISPUTE', gap: 2, unit: 'DISPUTES' },
    ]);
    expect(result.missing[0]!.actions).toEqual([shown(resolve, false)]);
  });

  it('with consent but no score yet: NO_SCORE and nothing to do but wait; without consent: opt in', () => {
    const pending = standing(perk({}), { ...FACTS, scored: false, trustValue: null }, []);
    expect(pending).toMatchObject({ eligible: false, reasons: ['NO_SCORE'], missing: [{ actions: [] }] });
    const notOptedIn = standing(
      perk({}),
      { ...FACTS, scoringConsent: false, scored: false, trustValue: null },
      [],
    );
    expect(notOptedIn.missing[0]!.actions.map((a) => a.action)).toEqual(['OPT_IN_TO_SCORING']);
  });

  it('a rule with no conditions is met by anyone with a score', () => {
    expect(standing(perk({}), FACTS, [])).toMatchObject({ eligible: true, reasons: [], missing: [] });
  });
});
