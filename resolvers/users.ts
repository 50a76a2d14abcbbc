import { actingUserId } from '../src/auth/viewer.js';
import { pageArgs } from '../src/db/pagination.js';
import type { Resolvers } from '../src/generated/graphql.js';
import { listUsers, registerUser, updateProfile } from '../src/users/service.js';
import { selectionOfConnection } from './lookahead.js';

export const usersResolvers: Resolvers = {
  Query: {
    me: (_, __, { viewer, loaders }) => {
      const id = actingUserId(viewer);
      return id ? loaders.userById.load(id) : null;
    },
    user: (_, { id }, { loaders }) => loaders.userById.load(id),
    userByHandle: (_, { handle }, { loaders }) => loaders.userByHandle.load(handle),
    users: (_, { first, after }, { db, loaders }, info) =>
      listUsers(db, loaders, pageArgs(first, after), selectionOfConnection(info)),
  },
  Mutation: {
    registerUser: (_, { input }, { db, config, viewer }) => registerUser(db, config, viewer, input),
    updateProfile: (_, { input }, { db, viewer }) => updateProfile(db, viewer, input),
  },
  User: {
    // Federation: other subgraphs refer to a user by id or by handle; a batch of either or both is one query.
    __resolveReference: (reference, { loaders }) =>
      loaders.userByReference.load(
        'id' in reference && reference.id != null
          ? { id: reference.id }
          : { handle: (reference as { handle: string }).handle },
      ),
  },
};
