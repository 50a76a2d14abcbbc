import { pageArgs } from '../src/db/pagination.js';
import type { Resolvers } from '../src/generated/graphql.js';
import { consentActive } from '../src/partners/model.js';
import {
  auditLog,
  createPartner,
  grantConsent,
  inquiries,
  partnerVisibleTo,
  revokeConsent,
  revokePartnerKey,
  rotateCurrentPartnerKey,
  rotatePartnerKey,
} from '../src/partners/service.js';
import { decisionReasonOf, unmetCondition } from '../src/perks/conditions.js';

export const partnersResolvers: Resolvers = {
  Query: {
    partner: async (_, { id }, { viewer, loaders }) =>
      partnerVisibleTo(viewer, id) ? loaders.partnerById.load(id) : null,
    currentPartner: (_, __, { viewer, loaders }) =>
      viewer.kind === 'partner' ? loaders.partnerById.load(viewer.partnerId) : null,
    inquiries: (_, { first, after }, { db, viewer }) => inquiries(db, viewer, pageArgs(first, after)),
    auditLog: (_, { first, after }, { db }) => auditLog(db, pageArgs(first, after)),
  },
  // Federation: other subgraphs refer to a partner by id; resolved through the request's loader.
  Partner: {
    __resolveReference: (reference, { loaders }) => loaders.partnerById.load(reference.id),
  },
  Mutation: {
    createPartner: (_, { input }, { db, viewer }) => createPartner(db, viewer, input),
    rotatePartnerKey: (_, { partnerId }, { db, viewer }) => rotatePartnerKey(db, viewer, partnerId),
    rotateCurrentPartnerKey: (_, __, { db, viewer }) => rotateCurrentPartnerKey(db, viewer),
    revokePartnerKey: (_, { partnerId }, { db, viewer }) => revokePartnerKey(db, viewer, partnerId),
    grantConsent: (_, { input }, { db, viewer }) => grantConsent(db, viewer, input),
    revokeConsent: (_, { partnerId }, { db, viewer }) => revokeConsent(db, viewer, partnerId),
  },
  User: {
    consents: (user, _, { loaders }) => loaders.consents.load(user.id),
    inquiries: (user, { first, after }, { loaders }) =>
      loaders.inquiries.load({ parentId: user.id, page: pageArgs(first, after) }),
  },
  Consent: {
    partner: async (consent, _, { loaders }) => (await loaders.partnerById.load(consent.partnerId))!,
    active: (consent) => consentActive(consent),
  },
  Inquiry: {
    partner: async (inquiry, _, { loaders }) => (await loaders.partnerById.load(inquiry.partnerId))!,
    perk: (inquiry, _, { loaders }) => (inquiry.perkId ? loaders.perkById.load(inquiry.perkId) : null),
    unmetConditions: (inquiry) => inquiry.unmet,
    unmet: (inquiry) => inquiry.unmet?.map(unmetCondition) ?? null,
    decisionReason: (inquiry) => decisionReasonOf(inquiry.decision, inquiry.reasons),
  },
};
