/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MyChecks {\n    me {\n      id\n      inquiries(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            partner {\n              id\n              name\n            }\n            perk {\n              id\n              name\n            }\n            decision\n            decisionReason\n            unmet {\n              code\n              dimension\n              summary\n            }\n            at\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyChecksDocument,
    "\n  query MyConsents {\n    me {\n      id\n      consents {\n        partner {\n          id\n          name\n        }\n        scopes\n        grantedAt\n        expiresAt\n        revokedAt\n        active\n      }\n    }\n    perks(first: 100) {\n      edges {\n        node {\n          id\n          partner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyConsentsDocument,
    "\n  mutation GrantConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) {\n      active\n    }\n  }\n": typeof types.GrantConsentDocument,
    "\n  mutation RevokeConsent($partnerId: ID!) {\n    revokeConsent(partnerId: $partnerId)\n  }\n": typeof types.RevokeConsentDocument,
    "\n  query MyDisputes {\n    me {\n      id\n      disputes {\n        id\n        itemId\n        itemKind\n        statement\n        status\n        resolution\n        createdAt\n        reviewDeadline\n        resolvedAt\n      }\n      events(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            reporter {\n              id\n              name\n            }\n          }\n        }\n      }\n      ratingsReceived(first: 100) {\n        edges {\n          node {\n            id\n            rating\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyDisputesDocument,
    "\n  mutation FileDispute($input: DisputeItemInput!) {\n    disputeItem(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.FileDisputeDocument,
    "\n  query MyHistory {\n    me {\n      id\n      trustHistory(first: 100) {\n        edges {\n          node {\n            value\n            band\n            computedAt\n          }\n        }\n      }\n      events(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            reporter {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyHistoryDocument,
    "\n  query MyImprovements {\n    me {\n      id\n      trustScore {\n        value\n        explanation {\n          improvements {\n            action\n            points\n            summary\n            dimension\n            unlocksPerks {\n              id\n              name\n              partner {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyImprovementsDocument,
    "\n  query MyPerks {\n    me {\n      id\n      perks {\n        perk {\n          id\n          name\n          description\n          partner {\n            id\n            name\n          }\n        }\n        eligible\n        unmet {\n          code\n          dimension\n          summary\n        }\n        missing {\n          condition {\n            code\n            summary\n          }\n          gap\n          unit\n          actions {\n            action\n            points\n            summary\n            closesGap\n          }\n        }\n        unlockedBy\n      }\n    }\n  }\n": typeof types.MyPerksDocument,
    "\n  query MyPrivacy {\n    me {\n      id\n      handle\n      scoringConsent\n      trustScoreStatus\n    }\n  }\n": typeof types.MyPrivacyDocument,
    "\n  mutation SetScoringConsent($enabled: Boolean!) {\n    setScoringConsent(enabled: $enabled) {\n      id\n      scoringConsent\n      trustScoreStatus\n    }\n  }\n": typeof types.SetScoringConsentDocument,
    "\n  mutation DeleteMe {\n    deleteMe\n  }\n": typeof types.DeleteMeDocument,
    "\n  mutation RegisterUser($input: RegisterUserInput!) {\n    registerUser(input: $input) {\n      id\n    }\n  }\n": typeof types.RegisterUserDocument,
    "\n  query MyScore {\n    me {\n      id\n      handle\n      displayName\n      trustScoreStatus\n      trustScore {\n        value\n        band\n        baseline\n        stale\n        computedAt\n        bands {\n          band\n          min\n          max\n        }\n        explanation {\n          reasons {\n            code\n            dimension\n            points\n            summary\n          }\n          itemsUnderReview\n        }\n      }\n    }\n  }\n": typeof types.MyScoreDocument,
    "\n  query MyVouchers {\n    me {\n      id\n      trustScore {\n        explanation {\n          contributors {\n            kind\n            handle\n            anonymous\n            assurance\n            share\n            points\n          }\n          paths {\n            steps {\n              handle\n              anonymous\n              anchor\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyVouchersDocument,
    "\n  query CheckMany($perkId: ID!, $userIds: [ID!]!) {\n    eligibilities(perkId: $perkId, userIds: $userIds) {\n      userId\n      eligible\n      reasons\n      validUntil\n      retryAfter\n      band\n    }\n  }\n": typeof types.CheckManyDocument,
    "\n  query CheckOne($perkId: ID!, $userId: ID!) {\n    eligibility(perkId: $perkId, userId: $userId) {\n      userId\n      eligible\n      reasons\n      checkedAt\n      validUntil\n      retryAfter\n      band\n    }\n  }\n": typeof types.CheckOneDocument,
    "\n  query PartnerInquiries {\n    inquiries(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          subjectId\n          perk {\n            id\n            name\n          }\n          decision\n          decisionReason\n          at\n        }\n      }\n    }\n  }\n": typeof types.PartnerInquiriesDocument,
    "\n  query PartnerKey {\n    currentPartner {\n      id\n      name\n      keyIssuedAt\n    }\n  }\n": typeof types.PartnerKeyDocument,
    "\n  mutation RotateKey {\n    rotateCurrentPartnerKey {\n      apiKey\n      partner {\n        id\n        keyIssuedAt\n      }\n    }\n  }\n": typeof types.RotateKeyDocument,
    "\n  mutation CreatePerk($input: CreatePerkInput!) {\n    createPerk(input: $input) {\n      id\n    }\n  }\n": typeof types.CreatePerkDocument,
    "\n  mutation ArchivePerk($perkId: ID!) {\n    archivePerk(perkId: $perkId) {\n      id\n      archivedAt\n    }\n  }\n": typeof types.ArchivePerkDocument,
    "\n  query PartnerPerks {\n    currentPartner {\n      id\n      name\n      scopes\n      perks {\n        id\n        name\n        description\n        createdAt\n        archivedAt\n        rule {\n          minScore\n          minIdentityAssurance\n          maxOpenDefaults\n          minAccountAgeDays\n          minDimensions {\n            dimension\n            min\n          }\n        }\n      }\n    }\n  }\n": typeof types.PartnerPerksDocument,
};
const documents: Documents = {
    "\n  query MyChecks {\n    me {\n      id\n      inquiries(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            partner {\n              id\n              name\n            }\n            perk {\n              id\n              name\n            }\n            decision\n            decisionReason\n            unmet {\n              code\n              dimension\n              summary\n            }\n            at\n          }\n        }\n      }\n    }\n  }\n": types.MyChecksDocument,
    "\n  query MyConsents {\n    me {\n      id\n      consents {\n        partner {\n          id\n          name\n        }\n        scopes\n        grantedAt\n        expiresAt\n        revokedAt\n        active\n      }\n    }\n    perks(first: 100) {\n      edges {\n        node {\n          id\n          partner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.MyConsentsDocument,
    "\n  mutation GrantConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) {\n      active\n    }\n  }\n": types.GrantConsentDocument,
    "\n  mutation RevokeConsent($partnerId: ID!) {\n    revokeConsent(partnerId: $partnerId)\n  }\n": types.RevokeConsentDocument,
    "\n  query MyDisputes {\n    me {\n      id\n      disputes {\n        id\n        itemId\n        itemKind\n        statement\n        status\n        resolution\n        createdAt\n        reviewDeadline\n        resolvedAt\n      }\n      events(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            reporter {\n              id\n              name\n            }\n          }\n        }\n      }\n      ratingsReceived(first: 100) {\n        edges {\n          node {\n            id\n            rating\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": types.MyDisputesDocument,
    "\n  mutation FileDispute($input: DisputeItemInput!) {\n    disputeItem(input: $input) {\n      id\n      status\n    }\n  }\n": types.FileDisputeDocument,
    "\n  query MyHistory {\n    me {\n      id\n      trustHistory(first: 100) {\n        edges {\n          node {\n            value\n            band\n            computedAt\n          }\n        }\n      }\n      events(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            reporter {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyHistoryDocument,
    "\n  query MyImprovements {\n    me {\n      id\n      trustScore {\n        value\n        explanation {\n          improvements {\n            action\n            points\n            summary\n            dimension\n            unlocksPerks {\n              id\n              name\n              partner {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyImprovementsDocument,
    "\n  query MyPerks {\n    me {\n      id\n      perks {\n        perk {\n          id\n          name\n          description\n          partner {\n            id\n            name\n          }\n        }\n        eligible\n        unmet {\n          code\n          dimension\n          summary\n        }\n        missing {\n          condition {\n            code\n            summary\n          }\n          gap\n          unit\n          actions {\n            action\n            points\n            summary\n            closesGap\n          }\n        }\n        unlockedBy\n      }\n    }\n  }\n": types.MyPerksDocument,
    "\n  query MyPrivacy {\n    me {\n      id\n      handle\n      scoringConsent\n      trustScoreStatus\n    }\n  }\n": types.MyPrivacyDocument,
    "\n  mutation SetScoringConsent($enabled: Boolean!) {\n    setScoringConsent(enabled: $enabled) {\n      id\n      scoringConsent\n      trustScoreStatus\n    }\n  }\n": types.SetScoringConsentDocument,
    "\n  mutation DeleteMe {\n    deleteMe\n  }\n": types.DeleteMeDocument,
    "\n  mutation RegisterUser($input: RegisterUserInput!) {\n    registerUser(input: $input) {\n      id\n    }\n  }\n": types.RegisterUserDocument,
    "\n  query MyScore {\n    me {\n      id\n      handle\n      displayName\n      trustScoreStatus\n      trustScore {\n        value\n        band\n        baseline\n        stale\n        computedAt\n        bands {\n          band\n          min\n          max\n        }\n        explanation {\n          reasons {\n            code\n            dimension\n            points\n            summary\n          }\n          itemsUnderReview\n        }\n      }\n    }\n  }\n": types.MyScoreDocument,
    "\n  query MyVouchers {\n    me {\n      id\n      trustScore {\n        explanation {\n          contributors {\n            kind\n            handle\n            anonymous\n            assurance\n            share\n            points\n          }\n          paths {\n            steps {\n              handle\n              anonymous\n              anchor\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyVouchersDocument,
    "\n  query CheckMany($perkId: ID!, $userIds: [ID!]!) {\n    eligibilities(perkId: $perkId, userIds: $userIds) {\n      userId\n      eligible\n      reasons\n      validUntil\n      retryAfter\n      band\n    }\n  }\n": types.CheckManyDocument,
    "\n  query CheckOne($perkId: ID!, $userId: ID!) {\n    eligibility(perkId: $perkId, userId: $userId) {\n      userId\n      eligible\n      reasons\n      checkedAt\n      validUntil\n      retryAfter\n      band\n    }\n  }\n": types.CheckOneDocument,
    "\n  query PartnerInquiries {\n    inquiries(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          subjectId\n          perk {\n            id\n            name\n          }\n          decision\n          decisionReason\n          at\n        }\n      }\n    }\n  }\n": types.PartnerInquiriesDocument,
    "\n  query PartnerKey {\n    currentPartner {\n      id\n      name\n      keyIssuedAt\n    }\n  }\n": types.PartnerKeyDocument,
    "\n  mutation RotateKey {\n    rotateCurrentPartnerKey {\n      apiKey\n      partner {\n        id\n        keyIssuedAt\n      }\n    }\n  }\n": types.RotateKeyDocument,
    "\n  mutation CreatePerk($input: CreatePerkInput!) {\n    createPerk(input: $input) {\n      id\n    }\n  }\n": types.CreatePerkDocument,
    "\n  mutation ArchivePerk($perkId: ID!) {\n    archivePerk(perkId: $perkId) {\n      id\n      archivedAt\n    }\n  }\n": types.ArchivePerkDocument,
    "\n  query PartnerPerks {\n    currentPartner {\n      id\n      name\n      scopes\n      perks {\n        id\n        name\n        description\n        createdAt\n        archivedAt\n        rule {\n          minScore\n          minIdentityAssurance\n          maxOpenDefaults\n          minAccountAgeDays\n          minDimensions {\n            dimension\n            min\n          }\n        }\n      }\n    }\n  }\n": types.PartnerPerksDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyChecks {\n    me {\n      id\n      inquiries(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            partner {\n              id\n              name\n            }\n            perk {\n              id\n              name\n            }\n            decision\n            decisionReason\n            unmet {\n              code\n              dimension\n              summary\n            }\n            at\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyChecks {\n    me {\n      id\n      inquiries(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            partner {\n              id\n              name\n            }\n            perk {\n              id\n              name\n            }\n            decision\n            decisionReason\n            unmet {\n              code\n              dimension\n              summary\n            }\n            at\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyConsents {\n    me {\n      id\n      consents {\n        partner {\n          id\n          name\n        }\n        scopes\n        grantedAt\n        expiresAt\n        revokedAt\n        active\n      }\n    }\n    perks(first: 100) {\n      edges {\n        node {\n          id\n          partner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyConsents {\n    me {\n      id\n      consents {\n        partner {\n          id\n          name\n        }\n        scopes\n        grantedAt\n        expiresAt\n        revokedAt\n        active\n      }\n    }\n    perks(first: 100) {\n      edges {\n        node {\n          id\n          partner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) {\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation GrantConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) {\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeConsent($partnerId: ID!) {\n    revokeConsent(partnerId: $partnerId)\n  }\n"): (typeof documents)["\n  mutation RevokeConsent($partnerId: ID!) {\n    revokeConsent(partnerId: $partnerId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDisputes {\n    me {\n      id\n      disputes {\n        id\n        itemId\n        itemKind\n        statement\n        status\n        resolution\n        createdAt\n        reviewDeadline\n        resolvedAt\n      }\n      events(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            reporter {\n              id\n              name\n            }\n          }\n        }\n      }\n      ratingsReceived(first: 100) {\n        edges {\n          node {\n            id\n            rating\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyDisputes {\n    me {\n      id\n      disputes {\n        id\n        itemId\n        itemKind\n        statement\n        status\n        resolution\n        createdAt\n        reviewDeadline\n        resolvedAt\n      }\n      events(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            reporter {\n              id\n              name\n            }\n          }\n        }\n      }\n      ratingsReceived(first: 100) {\n        edges {\n          node {\n            id\n            rating\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FileDispute($input: DisputeItemInput!) {\n    disputeItem(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation FileDispute($input: DisputeItemInput!) {\n    disputeItem(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyHistory {\n    me {\n      id\n      trustHistory(first: 100) {\n        edges {\n          node {\n            value\n            band\n            computedAt\n          }\n        }\n      }\n      events(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            reporter {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyHistory {\n    me {\n      id\n      trustHistory(first: 100) {\n        edges {\n          node {\n            value\n            band\n            computedAt\n          }\n        }\n      }\n      events(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            reporter {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyImprovements {\n    me {\n      id\n      trustScore {\n        value\n        explanation {\n          improvements {\n            action\n            points\n            summary\n            dimension\n            unlocksPerks {\n              id\n              name\n              partner {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyImprovements {\n    me {\n      id\n      trustScore {\n        value\n        explanation {\n          improvements {\n            action\n            points\n            summary\n            dimension\n            unlocksPerks {\n              id\n              name\n              partner {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPerks {\n    me {\n      id\n      perks {\n        perk {\n          id\n          name\n          description\n          partner {\n            id\n            name\n          }\n        }\n        eligible\n        unmet {\n          code\n          dimension\n          summary\n        }\n        missing {\n          condition {\n            code\n            summary\n          }\n          gap\n          unit\n          actions {\n            action\n            points\n            summary\n            closesGap\n          }\n        }\n        unlockedBy\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPerks {\n    me {\n      id\n      perks {\n        perk {\n          id\n          name\n          description\n          partner {\n            id\n            name\n          }\n        }\n        eligible\n        unmet {\n          code\n          dimension\n          summary\n        }\n        missing {\n          condition {\n            code\n            summary\n          }\n          gap\n          unit\n          actions {\n            action\n            points\n            summary\n            closesGap\n          }\n        }\n        unlockedBy\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPrivacy {\n    me {\n      id\n      handle\n      scoringConsent\n      trustScoreStatus\n    }\n  }\n"): (typeof documents)["\n  query MyPrivacy {\n    me {\n      id\n      handle\n      scoringConsent\n      trustScoreStatus\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetScoringConsent($enabled: Boolean!) {\n    setScoringConsent(enabled: $enabled) {\n      id\n      scoringConsent\n      trustScoreStatus\n    }\n  }\n"): (typeof documents)["\n  mutation SetScoringConsent($enabled: Boolean!) {\n    setScoringConsent(enabled: $enabled) {\n      id\n      scoringConsent\n      trustScoreStatus\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMe {\n    deleteMe\n  }\n"): (typeof documents)["\n  mutation DeleteMe {\n    deleteMe\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterUser($input: RegisterUserInput!) {\n    registerUser(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterUser($input: RegisterUserInput!) {\n    registerUser(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyScore {\n    me {\n      id\n      handle\n      displayName\n      trustScoreStatus\n      trustScore {\n        value\n        band\n        baseline\n        stale\n        computedAt\n        bands {\n          band\n          min\n          max\n        }\n        explanation {\n          reasons {\n            code\n            dimension\n            points\n            summary\n          }\n          itemsUnderReview\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyScore {\n    me {\n      id\n      handle\n      displayName\n      trustScoreStatus\n      trustScore {\n        value\n        band\n        baseline\n        stale\n        computedAt\n        bands {\n          band\n          min\n          max\n        }\n        explanation {\n          reasons {\n            code\n            dimension\n            points\n            summary\n          }\n          itemsUnderReview\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyVouchers {\n    me {\n      id\n      trustScore {\n        explanation {\n          contributors {\n            kind\n            handle\n            anonymous\n            assurance\n            share\n            points\n          }\n          paths {\n            steps {\n              handle\n              anonymous\n              anchor\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyVouchers {\n    me {\n      id\n      trustScore {\n        explanation {\n          contributors {\n            kind\n            handle\n            anonymous\n            assurance\n            share\n            points\n          }\n          paths {\n            steps {\n              handle\n              anonymous\n              anchor\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckMany($perkId: ID!, $userIds: [ID!]!) {\n    eligibilities(perkId: $perkId, userIds: $userIds) {\n      userId\n      eligible\n      reasons\n      validUntil\n      retryAfter\n      band\n    }\n  }\n"): (typeof documents)["\n  query CheckMany($perkId: ID!, $userIds: [ID!]!) {\n    eligibilities(perkId: $perkId, userIds: $userIds) {\n      userId\n      eligible\n      reasons\n      validUntil\n      retryAfter\n      band\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckOne($perkId: ID!, $userId: ID!) {\n    eligibility(perkId: $perkId, userId: $userId) {\n      userId\n      eligible\n      reasons\n      checkedAt\n      validUntil\n      retryAfter\n      band\n    }\n  }\n"): (typeof documents)["\n  query CheckOne($perkId: ID!, $userId: ID!) {\n    eligibility(perkId: $perkId, userId: $userId) {\n      userId\n      eligible\n      reasons\n      checkedAt\n      validUntil\n      retryAfter\n      band\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerInquiries {\n    inquiries(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          subjectId\n          perk {\n            id\n            name\n          }\n          decision\n          decisionReason\n          at\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PartnerInquiries {\n    inquiries(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          subjectId\n          perk {\n            id\n            name\n          }\n          decision\n          decisionReason\n          at\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerKey {\n    currentPartner {\n      id\n      name\n      keyIssuedAt\n    }\n  }\n"): (typeof documents)["\n  query PartnerKey {\n    currentPartner {\n      id\n      name\n      keyIssuedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateKey {\n    rotateCurrentPartnerKey {\n      apiKey\n      partner {\n        id\n        keyIssuedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateKey {\n    rotateCurrentPartnerKey {\n      apiKey\n      partner {\n        id\n        keyIssuedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePerk($input: CreatePerkInput!) {\n    createPerk(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePerk($input: CreatePerkInput!) {\n    createPerk(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchivePerk($perkId: ID!) {\n    archivePerk(perkId: $perkId) {\n      id\n      archivedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ArchivePerk($perkId: ID!) {\n    archivePerk(perkId: $perkId) {\n      id\n      archivedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerPerks {\n    currentPartner {\n      id\n      name\n      scopes\n      perks {\n        id\n        name\n        description\n        createdAt\n        archivedAt\n        rule {\n          minScore\n          minIdentityAssurance\n          maxOpenDefaults\n          minAccountAgeDays\n          minDimensions {\n            dimension\n            min\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PartnerPerks {\n    currentPartner {\n      id\n      name\n      scopes\n      perks {\n        id\n        name\n        description\n        createdAt\n        archivedAt\n        rule {\n          minScore\n          minIdentityAssurance\n          maxOpenDefaults\n          minAccountAgeDays\n          minDimensions {\n            dimension\n            min\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;