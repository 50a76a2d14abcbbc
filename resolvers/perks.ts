import { pageArgs } from '../src/db/pagination.js';
import type { Resolvers } from '../src/generated/graphql.js';
import { perksOfPartner, perksPage } from '../src/perks/repository.js';
import { archivePerk, createPerk, eligibilities, eligibility, updatePerk } from '../src/perks/service.js';
import { perksOfPerson } from '../src/perks/standing.js';

export const perksResolvers: Resolvers = {
  Query: {
    perks: (_, { first, after }, { db }) => perksPage(db, pageArgs(first, after)),
    perk: (_, { id }, { loaders }) => loaders.perkById.load(id),
    eligibility: (_, { perkId, userId }, { db, viewer }) => eligibility(db, viewer, perkId, userId),
    eligibilities: (_, { perkId, userIds }, { db, viewer }) => eligibilities(db, viewer, perkId, userIds),
  },
  Mutation: {
    createPerk: (_, { input }, { db, viewer }) => createPerk(db, viewer, input),
    updatePerk: (_, { input }, { db, viewer }) => updatePerk(db, viewer, input),
    archivePerk: (_, { perkId }, { db, viewer }) => archivePerk(db, viewer, perkId),
  },
  User: {
    // The person's own view (self or admin, by the policy): no consent needed, not logged as an inquiry.
    perks: (user, _, { loaders }) => perksOfPerson(loaders, user.id),
  },
  Perk: {
    // Federation: other subgraphs refer to a perk by id; resolved through the request's loader.
    __resolveReference: (reference, { loaders }) => loaders.perkById.load(reference.id),
    partner: async (perk, _, { loaders }) => (await loaders.partnerById.load(perk.partnerId))!,
  },
  Partner: {
    perks: (partner, _, { db }) => perksOfPartner(db, partner.id),
  },
};
