import type { Resolvers } from '../src/generated/graphql.js';
import { deleteMe, disputeItem, openDisputes, resolveDispute } from '../src/privacy/service.js';

export const privacyResolvers: Resolvers = {
  Query: {
    openDisputes: (_, { first }, { db }) => openDisputes(db, first),
  },
  Mutation: {
    disputeItem: (_, { input }, { db, viewer }) => disputeItem(db, viewer, input),
    resolveDispute: (_, { input }, { db, viewer }) => resolveDispute(db, viewer, input),
    deleteMe: (_, __, { db, config, viewer }) => deleteMe(db, config, viewer),
  },
  User: {
    disputes: (user, _, { loaders }) => loaders.disputes.load(user.id),
  },
};
