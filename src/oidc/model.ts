import type { Assurance } from '../identities/model.js';

/** codegen mapper for IdentityProvider. */
export interface ProviderRow {
  name: string;
  issuer: string;
  audience: string;
  jwksUri: string;
  assurance: Assurance;
  acrAssurance: { acr: string; assurance: Assurance }[];
  /** Days an identity linked through this provider counts; null: CREDENCE_IDENTITY_VALIDITY_DAYS. */
  identityValidityDays: number | null;
}

/** Longest validity an admin may give a provider's identities (ten years). */
export const IDENTITY_VALIDITY_DAYS_MAX = 3650;

/** Outstanding link nonces kept per person: starting a sixth drops the oldest (storage stays bounded). */
export const LINK_NONCES_PER_PERSON = 5;

export const PROVIDER_NAME = /^[a-z0-9._-]{1,64}$/;
