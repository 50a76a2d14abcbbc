/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ConsentScope =
  /** The partner may receive eligibility decisions (yes/no and reason codes) about this person. */
  | 'ELIGIBILITY'
  /**
   * The partner may report behavioural events about this person (recordEvent), dated from the moment this scope
   * was granted (the start of the relationship) until now, at most a few a day (see docs/privacy.md). Revoking the
   * consent stops new reports; events already reported stay and can be disputed.
   */
  | 'EVENTS'
  /** The partner may also receive the person's score band (never the score itself). Needs ELIGIBILITY. */
  | 'SCORE_BAND';

export type CreatePerkInput = {
  /** At most 500 characters. */
  description?: string | null | undefined;
  /** 1–80 characters. */
  name: string;
  rule: PerkRuleInput;
};

/** Why a partner's check was not a yes. A partner never sees which condition of a rule was unmet: the person does. */
export type DecisionReason =
  /**
   * One question per person per partner per 30 days: this person was already checked on another rule within the
   * period (every rule about the score alone is the same question). retryAfter says when the period ends.
   */
  | 'DISCLOSURE_LIMIT'
  /** One or more conditions of the perk's rule are unmet (the person sees which in their own inquiries and perks). */
  | 'NOT_ELIGIBLE'
  /** No active ELIGIBILITY consent to this partner, or no such person: the two answer alike. */
  | 'NO_CONSENT'
  /** The person has not opted in to scoring (or has no score yet). */
  | 'NO_SCORE'
  /** This person was checked too often by this partner today (retryAfter says when a check is answered again). */
  | 'RATE_LIMITED';

export type DimensionMinimumInput = {
  dimension: PerkDimension;
  /** 0.25, 0.5 or 0.75. */
  min: number;
};

/**
 * Refused with CONFLICT and `extensions.reason`: DISPUTE_OPEN (already under review), DISPUTE_ALREADY_DECIDED
 * (decided before, and no evidence that an earlier dispute of the item did not carry), DISPUTE_LIMIT_REACHED (3
 * disputes of the item in all).
 */
export type DisputeItemInput = {
  /** Up to 2000 characters; needed, and new, to dispute an item again after a decision. */
  evidence?: string | null | undefined;
  itemId: string | number;
  /** 1–1000 characters. */
  statement: string;
};

export type DisputeResolution =
  /** A reviewer (admin) decided. */
  | 'REVIEWER'
  /** Nobody decided within 30 days: upheld in the person's favour. */
  | 'REVIEW_DEADLINE';

export type DisputeStatus =
  /** Under review; the item still counts. */
  | 'OPEN'
  /** The item stands. It can be disputed again only with new evidence. */
  | 'REJECTED'
  /** The person was right (or the review deadline passed): the item was removed. */
  | 'UPHELD';

export type DisputedItemKind =
  | 'EVENT'
  | 'RATING'
  | 'REPORT';

export type EventKind =
  | 'COMMITMENT_DEFAULTED'
  | 'COMMITMENT_FULFILLED'
  | 'COMMITMENT_LATE';

export type GrantConsentInput = {
  /** Must be in the future; no expiry when omitted. */
  expiresAt?: string | null | undefined;
  partnerId: string | number;
  /** ELIGIBILITY or EVENTS (or both); SCORE_BAND only together with ELIGIBILITY. */
  scopes: Array<ConsentScope>;
};

export type IdentityAssurance =
  | 'HIGH'
  | 'LOW'
  | 'SUBSTANTIAL';

/** What a person can do to raise their score (contract 2027-01: an enum; a String before). */
export type ImprovementAction =
  /** Opt in to scoring (only in PerkAction: perks that ask for a score need one). */
  | 'OPT_IN_TO_SCORING'
  | 'RENEW_EXPIRED_IDENTITY'
  /** Settle the most recent unresolved default (it then counts as a late commitment). */
  | 'RESOLVE_DEFAULT'
  | 'VERIFY_HIGH_ASSURANCE_IDENTITY'
  | 'VERIFY_LOW_ASSURANCE_IDENTITY'
  | 'VERIFY_SUBSTANTIAL_ASSURANCE_IDENTITY';

export type PartnerScope =
  /** May check the eligibility of users who consented to it. */
  | 'ELIGIBILITY_CHECK'
  /**
   * May report behavioural events (recordEvent) about people who granted it the EVENTS consent; the event's source
   * is the partner's id.
   */
  | 'EVENTS_WRITE'
  /** May create, update and archive its own perks. */
  | 'PERKS_MANAGE';

/** A dimension of the trust score a perk rule can set a minimum for. */
export type PerkDimension =
  | 'HISTORY'
  | 'IDENTITY'
  | 'NETWORK'
  | 'REPUTATION';

/**
 * What a person must meet. Thresholds are on a coarse public grid (docs/privacy.md: a finer one would let a partner
 * bisect a score); a value off the grid is refused with BAD_USER_INPUT.
 */
export type PerkRuleInput = {
  /** 0, 1 or 2. */
  maxOpenDefaults?: number | null | undefined;
  /** 30, 90, 180, 365 or 730. */
  minAccountAgeDays?: number | null | undefined;
  /** At most one per dimension, each 0.25, 0.5 or 0.75. */
  minDimensions?: Array<DimensionMinimumInput> | null | undefined;
  minIdentityAssurance?: IdentityAssurance | null | undefined;
  /** One of the band floors: 420, 540, 660, 780. */
  minScore?: number | null | undefined;
  /**
   * Only false or null: true is refused (BAD_USER_INPUT) since contract 2026-12.
   * @deprecated Disputing is a right; a disputed item counts in the score while under review.
   */
  noOpenDisputes?: boolean | null | undefined;
};

export type RegisterUserInput = {
  /** At most 80 characters. */
  displayName?: string | null | undefined;
  /** 3–30 characters of [a-z0-9_]. */
  handle: string;
};

/** How far a person is from an unmet condition: the unit of PerkShortfall.gap. */
export type ShortfallUnit =
  /** Days until the account is old enough. */
  | 'DAYS'
  /** Open defaults over maxOpenDefaults. */
  | 'DEFAULTS'
  /** Dimension units (0..1): the minimum − the dimension's value. */
  | 'DIMENSION'
  /** Open disputes (the rule asks for none). */
  | 'DISPUTES'
  /** Score points: minScore − score. */
  | 'SCORE_POINTS';

export type TrustBand =
  | 'EXCELLENT'
  | 'FAIR'
  | 'GOOD'
  | 'POOR'
  | 'VERY_GOOD';

export type TrustContributorKind =
  /** You are a trust anchor: this share comes from the anchor set itself. */
  | 'ANCHOR'
  /** The remaining, smaller contributors together. */
  | 'OTHERS'
  /** Someone who endorsed or positively rated you. */
  | 'VOUCHER';

export type TrustDimension =
  | 'HISTORY'
  | 'IDENTITY'
  | 'NETWORK'
  | 'REPUTATION';

/**
 * Why a score moved from the baseline (contract 2027-01: an enum; a String before). Every code has a plain-language
 * summary on TrustReason.summary.
 */
export type TrustReasonCode =
  /** Commitments not kept and not settled. */
  | 'HISTORY_DEFAULTS'
  /** Commitments kept on time, as partners reported. */
  | 'HISTORY_FULFILLED_COMMITMENTS'
  /** Commitments kept late. */
  | 'HISTORY_LATE_COMMITMENTS'
  /** Defaults that were later settled. */
  | 'HISTORY_RESOLVED_DEFAULTS'
  /** How long the account has existed. */
  | 'IDENTITY_ACCOUNT_AGE'
  /** Verified high-assurance identities (e.g. a government eID). */
  | 'IDENTITY_HIGH_ASSURANCE_VERIFIED'
  /** Verified low-assurance identities (e.g. an e-mail provider). */
  | 'IDENTITY_LOW_ASSURANCE_VERIFIED'
  /** Verified substantial-assurance identities (e.g. a bank ID). */
  | 'IDENTITY_SUBSTANTIAL_ASSURANCE_VERIFIED'
  /** A pre-trusted anchor account. */
  | 'NETWORK_ANCHOR'
  /** Endorsed or rated positively by accounts trusted from the anchors. */
  | 'NETWORK_ENDORSED_BY_TRUSTED'
  /** Negative ratings after interactions, weighted by the raters' reliability. */
  | 'REPUTATION_NEGATIVE_RATINGS'
  /** Positive ratings after interactions, weighted by the raters' reliability. */
  | 'REPUTATION_POSITIVE_RATINGS';

export type TrustScoreStatus =
  /** The user has not consented to scoring (scoring is opt-in). */
  | 'NO_CONSENT'
  /** Consent is given; the first computation has not run yet. */
  | 'PENDING'
  | 'SCORED';

/**
 * A condition of a perk's rule that a person does not meet (contract 2027-01: replaces strings like
 * DIMENSION_BELOW_THRESHOLD:<DIMENSION>).
 */
export type UnmetConditionCode =
  /** The account is younger than the rule asks. */
  | 'ACCOUNT_TOO_NEW'
  /** A dimension (UnmetCondition.dimension) is below the rule's minimum for it. */
  | 'DIMENSION_BELOW_THRESHOLD'
  /** No verified, unexpired identity of the assurance the rule asks for. */
  | 'IDENTITY_ASSURANCE_TOO_LOW'
  /** No computed score (not opted in to scoring, or not computed yet). */
  | 'NO_SCORE'
  /** An open dispute (only rules from before contract 2026-12 asked for none). */
  | 'OPEN_DISPUTE'
  /** The score is below the rule's minimum. */
  | 'SCORE_BELOW_THRESHOLD'
  /** More unresolved defaults than the rule allows. */
  | 'TOO_MANY_OPEN_DEFAULTS';

export type MyChecksQueryVariables = Exact<{ [key: string]: never; }>;


export type MyChecksQuery = { me: { id: string, inquiries: { totalCount: number, edges: Array<{ node: { id: string, decision: boolean, decisionReason: DecisionReason | null, at: string, partner: { id: string, name: string }, perk: { id: string, name: string } | null, unmet: Array<{ code: UnmetConditionCode, dimension: TrustDimension | null, summary: string }> | null } }> } } | null };

export type MyConsentsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyConsentsQuery = { me: { id: string, consents: Array<{ scopes: Array<ConsentScope>, grantedAt: string, expiresAt: string | null, revokedAt: string | null, active: boolean, partner: { id: string, name: string } }> } | null, perks: { edges: Array<{ node: { id: string, partner: { id: string, name: string } } }> } };

export type GrantConsentMutationVariables = Exact<{
  input: GrantConsentInput;
}>;


export type GrantConsentMutation = { grantConsent: { active: boolean } };

export type RevokeConsentMutationVariables = Exact<{
  partnerId: string | number;
}>;


export type RevokeConsentMutation = { revokeConsent: boolean };

export type MyDisputesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyDisputesQuery = { me: { id: string, disputes: Array<{ id: string, itemId: string, itemKind: DisputedItemKind, statement: string, status: DisputeStatus, resolution: DisputeResolution | null, createdAt: string, reviewDeadline: string, resolvedAt: string | null }>, events: { edges: Array<{ node: { id: string, kind: EventKind, occurredAt: string, reporter: { id: string, name: string } | null } }> } | null, ratingsReceived: { edges: Array<{ node: { id: string, rating: number, createdAt: string } }> } | null } | null };

export type FileDisputeMutationVariables = Exact<{
  input: DisputeItemInput;
}>;


export type FileDisputeMutation = { disputeItem: { id: string, status: DisputeStatus } };

export type MyHistoryQueryVariables = Exact<{ [key: string]: never; }>;


export type MyHistoryQuery = { me: { id: string, trustHistory: { edges: Array<{ node: { value: number, band: TrustBand, computedAt: string } }> } | null, events: { edges: Array<{ node: { id: string, kind: EventKind, occurredAt: string, reporter: { id: string, name: string } | null } }> } | null } | null };

export type MyImprovementsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyImprovementsQuery = { me: { id: string, trustScore: { value: number, explanation: { improvements: Array<{ action: ImprovementAction, points: number, summary: string, dimension: TrustDimension | null, unlocksPerks: Array<{ id: string, name: string, partner: { id: string, name: string } }> }> } } | null } | null };

export type MyPerksQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPerksQuery = { me: { id: string, perks: Array<{ eligible: boolean, unlockedBy: Array<ImprovementAction>, perk: { id: string, name: string, description: string | null, partner: { id: string, name: string } }, unmet: Array<{ code: UnmetConditionCode, dimension: TrustDimension | null, summary: string }>, missing: Array<{ gap: number | null, unit: ShortfallUnit | null, condition: { code: UnmetConditionCode, summary: string }, actions: Array<{ action: ImprovementAction, points: number | null, summary: string, closesGap: boolean | null }> }> }> } | null };

export type MyPrivacyQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPrivacyQuery = { me: { id: string, handle: string, scoringConsent: boolean | null, trustScoreStatus: TrustScoreStatus | null } | null };

export type SetScoringConsentMutationVariables = Exact<{
  enabled: boolean;
}>;


export type SetScoringConsentMutation = { setScoringConsent: { id: string, scoringConsent: boolean | null, trustScoreStatus: TrustScoreStatus | null } };

export type DeleteMeMutationVariables = Exact<{ [key: string]: never; }>;


export type DeleteMeMutation = { deleteMe: boolean };

export type RegisterUserMutationVariables = Exact<{
  input: RegisterUserInput;
}>;


export type RegisterUserMutation = { registerUser: { id: string } };

export type MyScoreQueryVariables = Exact<{ [key: string]: never; }>;


export type MyScoreQuery = { me: { id: string, handle: string, displayName: string | null, trustScoreStatus: TrustScoreStatus | null, trustScore: { value: number, band: TrustBand, baseline: number, stale: boolean, computedAt: string, bands: Array<{ band: TrustBand, min: number, max: number }>, explanation: { itemsUnderReview: number, reasons: Array<{ code: TrustReasonCode, dimension: TrustDimension, points: number, summary: string }> } } | null } | null };

export type MyVouchersQueryVariables = Exact<{ [key: string]: never; }>;


export type MyVouchersQuery = { me: { id: string, trustScore: { explanation: { contributors: Array<{ kind: TrustContributorKind, handle: string | null, anonymous: boolean, assurance: IdentityAssurance | null, share: number, points: number }>, paths: Array<{ steps: Array<{ handle: string | null, anonymous: boolean, anchor: boolean }> }> } } | null } | null };

export type CheckManyQueryVariables = Exact<{
  perkId: string | number;
  userIds: Array<string | number> | string | number;
}>;


export type CheckManyQuery = { eligibilities: Array<{ userId: string, eligible: boolean, reasons: Array<DecisionReason>, validUntil: string, retryAfter: string | null, band: TrustBand | null }> };

export type CheckOneQueryVariables = Exact<{
  perkId: string | number;
  userId: string | number;
}>;


export type CheckOneQuery = { eligibility: { userId: string, eligible: boolean, reasons: Array<DecisionReason>, checkedAt: string, validUntil: string, retryAfter: string | null, band: TrustBand | null } };

export type PartnerInquiriesQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerInquiriesQuery = { inquiries: { totalCount: number, edges: Array<{ node: { id: string, subjectId: string, decision: boolean, decisionReason: DecisionReason | null, at: string, perk: { id: string, name: string } | null } }> } };

export type PartnerKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerKeyQuery = { currentPartner: { id: string, name: string, keyIssuedAt: string | null } | null };

export type RotateKeyMutationVariables = Exact<{ [key: string]: never; }>;


export type RotateKeyMutation = { rotateCurrentPartnerKey: { apiKey: string, partner: { id: string, keyIssuedAt: string | null } } };

export type CreatePerkMutationVariables = Exact<{
  input: CreatePerkInput;
}>;


export type CreatePerkMutation = { createPerk: { id: string } };

export type ArchivePerkMutationVariables = Exact<{
  perkId: string | number;
}>;


export type ArchivePerkMutation = { archivePerk: { id: string, archivedAt: string | null } };

export type PartnerPerksQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerPerksQuery = { currentPartner: { id: string, name: string, scopes: Array<PartnerScope>, perks: Array<{ id: string, name: string, description: string | null, createdAt: string, archivedAt: string | null, rule: { minScore: number | null, minIdentityAssurance: IdentityAssurance | null, maxOpenDefaults: number | null, minAccountAgeDays: number | null, minDimensions: Array<{ dimension: PerkDimension, min: number }> } }> } | null };


export const MyChecksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyChecks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inquiries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"perk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"unmet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyChecksQuery, MyChecksQueryVariables>;
export const MyConsentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyConsents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"consents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"grantedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"perks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyConsentsQuery, MyConsentsQueryVariables>;
export const GrantConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GrantConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<GrantConsentMutation, GrantConsentMutationVariables>;
export const RevokeConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"partnerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"partnerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"partnerId"}}}]}]}}]} as unknown as DocumentNode<RevokeConsentMutation, RevokeConsentMutationVariables>;
export const MyDisputesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyDisputes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disputes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"itemId"}},{"kind":"Field","name":{"kind":"Name","value":"itemKind"}},{"kind":"Field","name":{"kind":"Name","value":"statement"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"reviewDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"reporter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ratingsReceived"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyDisputesQuery, MyDisputesQueryVariables>;
export const FileDisputeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FileDispute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DisputeItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disputeItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<FileDisputeMutation, FileDisputeMutationVariables>;
export const MyHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trustHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"reporter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyHistoryQuery, MyHistoryQueryVariables>;
export const MyImprovementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyImprovements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trustScore"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"improvements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"unlocksPerks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyImprovementsQuery, MyImprovementsQueryVariables>;
export const MyPerksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPerks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"perks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"perk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"unmet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"condition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gap"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"actions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"closesGap"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unlockedBy"}}]}}]}}]}}]} as unknown as DocumentNode<MyPerksQuery, MyPerksQueryVariables>;
export const MyPrivacyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPrivacy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"scoringConsent"}},{"kind":"Field","name":{"kind":"Name","value":"trustScoreStatus"}}]}}]}}]} as unknown as DocumentNode<MyPrivacyQuery, MyPrivacyQueryVariables>;
export const SetScoringConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetScoringConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setScoringConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scoringConsent"}},{"kind":"Field","name":{"kind":"Name","value":"trustScoreStatus"}}]}}]}}]} as unknown as DocumentNode<SetScoringConsentMutation, SetScoringConsentMutationVariables>;
export const DeleteMeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteMe"}}]}}]} as unknown as DocumentNode<DeleteMeMutation, DeleteMeMutationVariables>;
export const RegisterUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RegisterUserMutation, RegisterUserMutationVariables>;
export const MyScoreDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyScore"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"trustScoreStatus"}},{"kind":"Field","name":{"kind":"Name","value":"trustScore"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"bands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}},{"kind":"Field","name":{"kind":"Name","value":"explanation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"itemsUnderReview"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyScoreQuery, MyScoreQueryVariables>;
export const MyVouchersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyVouchers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trustScore"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"explanation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contributors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"anonymous"}},{"kind":"Field","name":{"kind":"Name","value":"assurance"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paths"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"anonymous"}},{"kind":"Field","name":{"kind":"Name","value":"anchor"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyVouchersQuery, MyVouchersQueryVariables>;
export const CheckManyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CheckMany"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"perkId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eligibilities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"perkId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"perkId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"band"}}]}}]}}]} as unknown as DocumentNode<CheckManyQuery, CheckManyQueryVariables>;
export const CheckOneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CheckOne"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"perkId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eligibility"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"perkId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"perkId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"band"}}]}}]}}]} as unknown as DocumentNode<CheckOneQuery, CheckOneQueryVariables>;
export const PartnerInquiriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerInquiries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inquiries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"perk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PartnerInquiriesQuery, PartnerInquiriesQueryVariables>;
export const PartnerKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentPartner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"keyIssuedAt"}}]}}]}}]} as unknown as DocumentNode<PartnerKeyQuery, PartnerKeyQueryVariables>;
export const RotateKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateCurrentPartnerKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"}},{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"keyIssuedAt"}}]}}]}}]}}]} as unknown as DocumentNode<RotateKeyMutation, RotateKeyMutationVariables>;
export const CreatePerkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePerk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePerkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPerk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreatePerkMutation, CreatePerkMutationVariables>;
export const ArchivePerkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ArchivePerk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"perkId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archivePerk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"perkId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"perkId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}}]}}]} as unknown as DocumentNode<ArchivePerkMutation, ArchivePerkMutationVariables>;
export const PartnerPerksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerPerks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentPartner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"perks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minScore"}},{"kind":"Field","name":{"kind":"Name","value":"minIdentityAssurance"}},{"kind":"Field","name":{"kind":"Name","value":"maxOpenDefaults"}},{"kind":"Field","name":{"kind":"Name","value":"minAccountAgeDays"}},{"kind":"Field","name":{"kind":"Name","value":"minDimensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"min"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PartnerPerksQuery, PartnerPerksQueryVariables>;