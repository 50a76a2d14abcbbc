import type { Assurance } from '../identities/model.js';

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

/** What a check reads about one person: the materialised trust properties and a few counts, never returned. */
export interface SubjectFacts {
  userId: string;
  exists: boolean;
  consentActive: boolean;
  consentScopes: string[];
  consentExpiresAt: string | null;
  scored: boolean;
  trustValue: number | null;
  trustBand: string | null;
  dimensions: Record<PerkDimension, number | null>;
  assurances: Assurance[];
  openDefaults: number;
  openDisputes: number;
  accountAgeDays: number | null;
}

export interface Decision {
  userId: string;
  eligible: boolean;
  reasons: string[];
  band: string | null;
}

/** codegen mapper for EligibilityDecision. */
export interface EligibilityDecisionRow extends Decision {
  checkedAt: string;
  validUntil: string;
  perk: PerkRow;
}
