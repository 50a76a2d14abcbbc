import type { Resolvers } from '../src/generated/graphql.js';
import { identitiesResolvers } from './identities.js';
import { oidcResolvers } from './oidc.js';
import { partnersResolvers } from './partners.js';
import { perksResolvers } from './perks.js';
import { privacyResolvers } from './privacy.js';
import { relationshipsResolvers } from './relationships.js';
import { DateTime } from './scalars.js';
import { trustResolvers } from './trust.js';
import { usersResolvers } from './users.js';

/** Resolvers by type, one module per domain (schema/<domain>.graphql ↔ resolvers/<domain>.ts ↔ src/<domain>/). */
const domains: Resolvers[] = [
  usersResolvers,
  identitiesResolvers,
  relationshipsResolvers,
  trustResolvers,
  partnersResolvers,
  perksResolvers,
  privacyResolvers,
  oidcResolvers,
];

export function buildResolvers(): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const domain of domains) {
    for (const [type, fields] of Object.entries(domain)) {
      merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
    }
  }
  return { ...(merged as Resolvers), DateTime };
}
