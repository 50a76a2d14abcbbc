import { pageArgs } from '../src/db/pagination.js';
import type { Resolvers } from '../src/generated/graphql.js';
import { userAt, userListPage } from '../src/loaders.js';
import {
  endorse,
  rate,
  recordEvent,
  report,
  resolveDefault,
  revokeEndorsement,
} from '../src/relationships/service.js';

export const relationshipsResolvers: Resolvers = {
  Mutation: {
    endorse: (_, { input }, { db, viewer }) => endorse(db, viewer, input),
    revokeEndorsement: (_, { id }, { db, viewer }) => revokeEndorsement(db, viewer, id),
    rate: (_, { input }, { db, viewer }) => rate(db, viewer, input),
    report: (_, { input }, { db, viewer }) => report(db, viewer, input),
    recordEvent: (_, { input }, { db, viewer }) => recordEvent(db, viewer, input),
    resolveDefault: (_, { eventId }, { db, viewer }) => resolveDefault(db, viewer, eventId),
  },
  User: {
    endorsementsGiven: (user, { first, after }, { loaders }) =>
      userListPage(loaders, 'endorsementsGiven', user, pageArgs(first, after)),
    endorsementsReceived: (user, { first, after }, { loaders }) =>
      userListPage(loaders, 'endorsementsReceived', user, pageArgs(first, after)),
    ratingsGiven: (user, { first, after }, { loaders }) =>
      userListPage(loaders, 'ratingsGiven', user, pageArgs(first, after)),
    ratingsReceived: (user, { first, after }, { loaders }) =>
      userListPage(loaders, 'ratingsReceived', user, pageArgs(first, after)),
    events: (user, { first, after }, { loaders }) =>
      userListPage(loaders, 'events', user, pageArgs(first, after)),
  },
  Endorsement: {
    endorser: (e, _, { loaders }) => userAt(loaders, e, e.endorserId),
    endorsee: async (e, _, { loaders }) => (await userAt(loaders, e, e.endorseeId))!,
  },
  Rating: {
    rater: async (r, _, { loaders }) => (await userAt(loaders, r, r.raterId))!,
    target: async (r, _, { loaders }) => (await userAt(loaders, r, r.targetId))!,
  },
  Event: {
    reporter: (event, _, { loaders }) =>
      event.source === 'admin' ? null : loaders.partnerById.load(event.source),
  },
  Report: {
    target: async (r, _, { loaders }) => (await loaders.userById.get(r.targetId))!,
  },
};
