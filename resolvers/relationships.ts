import { pageArgs } from '../src/db/pagination.js';
import type { Resolvers } from '../src/generated/graphql.js';
import { endorse, rate, recordEvent, report, revokeEndorsement } from '../src/relationships/service.js';

export const relationshipsResolvers: Resolvers = {
  Mutation: {
    endorse: (_, { input }, { db, viewer }) => endorse(db, viewer, input),
    revokeEndorsement: (_, { id }, { db, viewer }) => revokeEndorsement(db, viewer, id),
    rate: (_, { input }, { db, viewer }) => rate(db, viewer, input),
    report: (_, { input }, { db, viewer }) => report(db, viewer, input),
    recordEvent: (_, { input }, { db, viewer }) =>
      recordEvent(db, viewer.kind === 'partner' ? viewer.partnerId : 'admin', input),
  },
  User: {
    endorsementsGiven: (user, { first, after }, { loaders }) =>
      loaders.endorsementsGiven.get({ parentId: user.id, page: pageArgs(first, after) }),
    endorsementsReceived: (user, { first, after }, { loaders }) =>
      loaders.endorsementsReceived.get({ parentId: user.id, page: pageArgs(first, after) }),
    ratingsGiven: (user, { first, after }, { loaders }) =>
      loaders.ratingsGiven.get({ parentId: user.id, page: pageArgs(first, after) }),
    ratingsReceived: (user, { first, after }, { loaders }) =>
      loaders.ratingsReceived.get({ parentId: user.id, page: pageArgs(first, after) }),
    events: (user, { first, after }, { loaders }) =>
      loaders.events.get({ parentId: user.id, page: pageArgs(first, after) }),
  },
  Endorsement: {
    endorser: (e, _, { loaders }) => loaders.userById.get(e.endorserId),
    endorsee: async (e, _, { loaders }) => (await loaders.userById.get(e.endorseeId))!,
  },
  Rating: {
    rater: async (r, _, { loaders }) => (await loaders.userById.get(r.raterId))!,
    target: async (r, _, { loaders }) => (await loaders.userById.get(r.targetId))!,
  },
  Report: {
    target: async (r, _, { loaders }) => (await loaders.userById.get(r.targetId))!,
  },
};
