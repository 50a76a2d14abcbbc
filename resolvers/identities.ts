import { pageArgs } from '../src/db/pagination.js';
import type { Resolvers } from '../src/generated/graphql.js';
import { userListPage } from '../src/loaders.js';
import { isExpired } from '../src/identities/model.js';
import { recordVerifiedIdentity, removeIdentity } from '../src/identities/service.js';

export const identitiesResolvers: Resolvers = {
  Mutation: {
    linkIdentity: (_, { input }, { db, config, viewer }) => recordVerifiedIdentity(db, config, viewer, input),
    unlinkIdentity: (_, { id }, { db, viewer }) => removeIdentity(db, viewer, id),
  },
  User: {
    identities: (user, { first, after }, { loaders }) =>
      userListPage(loaders, 'identities', user, pageArgs(first, after)),
  },
  Identity: {
    expired: (identity) => isExpired(identity),
  },
};
