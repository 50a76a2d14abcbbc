import type { Assurance } from '../identities/model.js';

/** codegen mapper for IdentityProvider. */
export interface ProviderRow {
  name: string;
  issuer: string;
  audience: string;
  jwksUri: string;
  assurance: Assurance;
  acrAssurance: { acr: string; assurance: Assurance }[];
}

export const PROVIDER_NAME = /^[a-z0-9._-]{1,64}$/;
