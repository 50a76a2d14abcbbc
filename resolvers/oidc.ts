import type { Resolvers } from '../src/generated/graphql.js';
import {
  configureProvider,
  linkVerifiedIdentity,
  listProviders,
  startIdentityLink,
} from '../src/oidc/service.js';

export const oidcResolvers: Resolvers = {
  Query: {
    identityProviders: (_, __, { db }) => listProviders(db),
  },
  Mutation: {
    configureIdentityProvider: (_, { input }, { db, viewer }) =>
      configureProvider(db, viewer, {
        ...input,
        acrAssurance: input.acrAssurance ?? [],
        identityValidityDays: input.identityValidityDays ?? null,
      }),
    startIdentityLink: (_, { provider }, { db, config, viewer }) =>
      startIdentityLink(db, config, viewer, provider),
    linkVerifiedIdentity: (_, { input }, { db, config, viewer }) =>
      linkVerifiedIdentity(db, config, viewer, input),
  },
};
