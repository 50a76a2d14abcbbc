import { pageArgs } from '../src/db/pagination.js';
import type { Resolvers } from '../src/generated/graphql.js';
import {
  contributorsView,
  bandRanges,
  pathsView,
  perksUnlockedBy,
  recomputeUser,
  setAnchor,
  setScoringConsent,
} from '../src/trust/service.js';

export const trustResolvers: Resolvers = {
  Mutation: {
    setScoringConsent: async (_, { enabled }, { db, viewer, loaders }) =>
      (await loaders.userById.load(await setScoringConsent(db, viewer, enabled)))!,
    recomputeTrust: async (_, { userId }, { db, viewer, loaders }) =>
      (await loaders.trustState.load(await recomputeUser(db, viewer, userId)))?.score ?? null,
    setAnchor: async (_, { userId, anchor }, { db, viewer, loaders }) =>
      (await loaders.userById.load(await setAnchor(db, viewer, userId, anchor)))!,
  },
  User: {
    trustScore: async (user, _, { loaders }) => (await loaders.trustState.load(user.id))?.score ?? null,
    trustScoreStatus: async (user, _, { loaders }) => {
      const state = await loaders.trustState.load(user.id);
      if (!state?.consent) return 'NO_CONSENT';
      return state.score ? 'SCORED' : 'PENDING';
    },
    scoringConsent: async (user, _, { loaders }) =>
      (await loaders.trustState.load(user.id))?.consent ?? false,
    anchor: async (user, _, { loaders }) => (await loaders.trustState.load(user.id))?.anchor ?? false,
    trustHistory: (user, { first, after }, { loaders }) =>
      loaders.trustHistory.load({ parentId: user.id, page: pageArgs(first, after) }),
  },
  TrustScore: {
    baseline: (score) => score.explanation.baseline,
    dimensions: (score) => score.explanation.dimensions,
    explanation: (score) => score,
    bands: () => bandRanges(),
  },
  TrustExplanation: {
    reasons: (score) => score.explanation.reasons,
    principalReasons: (score) => score.explanation.principalReasons,
    contributors: (score, _, { loaders }) => contributorsView(loaders, score.userId, score.explanation),
    paths: (score, _, { loaders }) => pathsView(loaders, score.userId, score.explanation),
    improvements: (score) =>
      score.explanation.improvements.map((improvement) => ({ ...improvement, userId: score.userId })),
    // Scores stored before disputes existed have no count: nothing was under review then.
    itemsUnderReview: (score) => score.explanation.underReview ?? 0,
  },
  TrustImprovement: {
    dimension: (improvement) => improvement.dimension ?? null,
    unlocksPerks: (improvement, _, { loaders }) =>
      perksUnlockedBy(loaders, improvement.userId, improvement.action),
  },
};
