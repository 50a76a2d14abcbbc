/**
 * The access policy: who may read or call what, declared in one place. Every field of every type the schema
 * serves has an entry here; `applyPolicy` wraps each resolver with its rule at start-up and refuses to start
 * when a field has none, so a new field cannot ship without a decision about who sees it.
 */
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { credenceError } from '../errors.js';

/** A rule says whether the viewer may resolve the field on this parent (or why not). */
export type Rule = (viewer: Viewer, parent: unknown) => true | string;

const isPerson = (v: Viewer) => v.kind === 'user' || v.kind === 'admin';

function idOf(parent: unknown, field: string): string | undefined {
  const value = (parent as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value : undefined;
}

/** A partner whose API key carries `scope`. */
export function partnerWithScope(scope: string): (viewer: Viewer) => true | string {
  return (v) => (v.kind === 'partner' && v.scopes.includes(scope)) || `PARTNER_SCOPE_${scope}_REQUIRED`;
}

export const RULES = {
  /** Anyone, including anonymous callers. */
  public: () => true,
  /** Any signed-in person (user or admin). */
  person: (v) => isPerson(v) || 'SIGN_IN_REQUIRED',
  admin: (v) => v.kind === 'admin' || 'ADMIN_ONLY',
  /** On a User: the user themself or an admin. */
  selfOrAdmin: (v, parent) =>
    v.kind === 'admin' || (v.kind === 'user' && v.userId === idOf(parent, 'id')) || 'OWNER_ONLY',
  /** Readable wherever the parent object was readable (the parent's field decided already). */
  inherit: () => true,
  /** An endorser is shown only when they made the endorsement public, to the endorser, or to an admin. */
  endorserVisible: (v, parent) =>
    v.kind === 'admin' ||
    (parent as { public?: boolean }).public === true ||
    (v.kind === 'user' && v.userId === idOf(parent, 'endorserId')) ||
    'ENDORSER_PRIVATE',
  /** A partner (x-api-key) whose key carries the scope. */
  partnerEligibility: partnerWithScope('ELIGIBILITY_CHECK'),
  partnerPerks: partnerWithScope('PERKS_MANAGE'),
  partnerPerksOrAdmin: (v) => v.kind === 'admin' || partnerWithScope('PERKS_MANAGE')(v),
  adminOrPartnerEvents: (v) => v.kind === 'admin' || partnerWithScope('EVENTS_WRITE')(v),
  /** Any partner or an admin (what they get is then narrowed to the partner's own data). */
  adminOrPartner: (v) => v.kind === 'admin' || v.kind === 'partner' || 'ADMIN_OR_PARTNER_ONLY',
  partner: (v) => v.kind === 'partner' || 'PARTNER_ONLY',
  /** On an Inquiry: the person it is about or an admin (never the partner who made it). */
  inquirySubjectOrAdmin: (v, parent) =>
    v.kind === 'admin' || (v.kind === 'user' && v.userId === idOf(parent, 'subjectId')) || 'SUBJECT_ONLY',
  /** On a Partner: the partner itself or an admin. */
  partnerSelfOrAdmin: (v, parent) =>
    v.kind === 'admin' ||
    (v.kind === 'partner' && v.partnerId === idOf(parent, 'id')) ||
    'PARTNER_OWNER_ONLY',
} satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

/** Field → rule, per type. `'*'` sets the rule for every field of the type not listed. */
export const POLICY: Record<string, Partial<Record<string, RuleName>>> = {
  Query: {
    me: 'person',
    user: 'person',
    userByHandle: 'person',
    users: 'admin',
    partner: 'adminOrPartner',
    currentPartner: 'partner',
    inquiries: 'adminOrPartner',
    auditLog: 'admin',
    perks: 'public',
    perk: 'public',
    eligibility: 'partnerEligibility',
    eligibilities: 'partnerEligibility',
    openDisputes: 'admin',
    identityProviders: 'admin',
  },
  Mutation: {
    registerUser: 'person',
    updateProfile: 'person',
    linkIdentity: 'admin',
    unlinkIdentity: 'admin',
    endorse: 'person',
    revokeEndorsement: 'person',
    rate: 'person',
    report: 'person',
    recordEvent: 'adminOrPartnerEvents',
    resolveDefault: 'adminOrPartnerEvents',
    createPartner: 'admin',
    rotatePartnerKey: 'admin',
    rotateCurrentPartnerKey: 'partner',
    revokePartnerKey: 'admin',
    grantConsent: 'person',
    revokeConsent: 'person',
    createPerk: 'partnerPerks',
    updatePerk: 'partnerPerksOrAdmin',
    archivePerk: 'partnerPerksOrAdmin',
    disputeItem: 'person',
    resolveDispute: 'admin',
    deleteMe: 'person',
    configureIdentityProvider: 'admin',
    startIdentityLink: 'person',
    linkVerifiedIdentity: 'person',
    setScoringConsent: 'person',
    recomputeTrust: 'admin',
    setAnchor: 'admin',
  },
  // Other signed-in people see a public profile (id, handle, display name); the rest is the user's own.
  User: { id: 'person', handle: 'person', displayName: 'person', perks: 'selfOrAdmin', '*': 'selfOrAdmin' },
  Identity: { '*': 'inherit' },
  Endorsement: { endorser: 'endorserVisible', '*': 'inherit' },
  Rating: { '*': 'inherit' },
  Report: { '*': 'inherit' },
  Event: { '*': 'inherit' },
  PageInfo: { '*': 'inherit' },
  UserConnection: { '*': 'inherit' },
  UserEdge: { '*': 'inherit' },
  IdentityConnection: { '*': 'inherit' },
  IdentityEdge: { '*': 'inherit' },
  EndorsementConnection: { '*': 'inherit' },
  EndorsementEdge: { '*': 'inherit' },
  RatingConnection: { '*': 'inherit' },
  RatingEdge: { '*': 'inherit' },
  EventConnection: { '*': 'inherit' },
  EventEdge: { '*': 'inherit' },
  // Trust objects are reached only through User.trustScore / trustHistory (self or admin) and admin mutations.
  TrustScore: { '*': 'inherit' },
  TrustDimensionScore: { '*': 'inherit' },
  TrustExplanation: { '*': 'inherit' },
  TrustReason: { '*': 'inherit' },
  TrustContributor: { '*': 'inherit' },
  TrustPath: { '*': 'inherit' },
  TrustPathStep: { '*': 'inherit' },
  TrustImprovement: { '*': 'inherit' },
  TrustBandRange: { '*': 'inherit' },
  TrustSnapshot: { '*': 'inherit' },
  TrustSnapshotConnection: { '*': 'inherit' },
  TrustSnapshotEdge: { '*': 'inherit' },
  // Partners: anyone who can see a partner (a consent, an inquiry, a perk) sees its id and name; its scopes and
  // key dates only the partner itself and admins.
  Partner: {
    id: 'inherit',
    name: 'inherit',
    createdAt: 'inherit',
    scopes: 'partnerSelfOrAdmin',
    keyIssuedAt: 'partnerSelfOrAdmin',
    revokedAt: 'partnerSelfOrAdmin',
    perks: 'partnerSelfOrAdmin',
  },
  CreatePartnerPayload: { '*': 'inherit' },
  RotatePartnerKeyPayload: { '*': 'inherit' },
  Consent: { '*': 'inherit' },
  Inquiry: { '*': 'inherit', unmetConditions: 'inquirySubjectOrAdmin', unmet: 'inquirySubjectOrAdmin' },
  UnmetCondition: { '*': 'inherit' },
  InquiryConnection: { '*': 'inherit' },
  InquiryEdge: { '*': 'inherit' },
  AuditEntry: { '*': 'inherit' },
  AuditEntryConnection: { '*': 'inherit' },
  AuditEntryEdge: { '*': 'inherit' },
  // The perk catalogue is public, rules included (people can see what a perk asks of them).
  Perk: { '*': 'inherit' },
  PerkRule: { '*': 'inherit' },
  DimensionMinimum: { '*': 'inherit' },
  PerkConnection: { '*': 'inherit' },
  PerkEdge: { '*': 'inherit' },
  // Decisions reach only the partner that asked (Query.eligibility); they never carry a score.
  EligibilityDecision: { '*': 'inherit' },
  // A person's own view of the catalogue, reached only through User.perks (self or admin).
  PerkStanding: { '*': 'inherit' },
  PerkShortfall: { '*': 'inherit' },
  PerkAction: { '*': 'inherit' },
  Dispute: { '*': 'inherit' },
  IdentityProvider: { '*': 'inherit' },
  AcrAssurance: { '*': 'inherit' },
  IdentityLinkNonce: { '*': 'inherit' },
};

/**
 * Federation: who may resolve an entity of each type through `_entities` — the same rule as the type's own
 * lookup query (User ↔ `user(id)`), so a router cannot learn more than the caller could ask for directly. The
 * fields of a resolved entity are then governed by POLICY like anywhere else. Every type with a
 * `__resolveReference` needs an entry or the server refuses to start.
 */
export const ENTITY_POLICY: Record<string, RuleName> = {
  User: 'person',
  // The catalogue is public (Query.perk); a partner record only to itself and admins (Query.partner).
  Perk: 'public',
  Partner: 'partnerSelfOrAdmin',
};

/** Types the federation runtime adds; their fields are reached only through entities governed above. */
const FRAMEWORK_TYPES = new Set(['_Service']);

export function ruleFor(typeName: string, fieldName: string): RuleName | undefined {
  const type = POLICY[typeName];
  return type?.[fieldName] ?? type?.['*'];
}

export function check(rule: RuleName, viewer: Viewer, parent: unknown): void {
  const verdict = RULES[rule](viewer, parent);
  if (verdict === true) return;
  // `policyRule` names the rule that refused, so clients (and the policy-matrix test) can tell a policy refusal
  // from a domain one.
  if (viewer.kind === 'anonymous')
    throw credenceError('UNAUTHENTICATED', 'Authentication required', { policyRule: rule });
  throw credenceError('FORBIDDEN', 'Not allowed', { reason: verdict, policyRule: rule });
}

/** The object types and fields the policy must cover: everything the schema serves. */
export function governedFields(schema: GraphQLSchema): { type: string; field: string }[] {
  const fields: { type: string; field: string }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || FRAMEWORK_TYPES.has(type.name)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (type.name === 'Query' && (field === '_entities' || field === '_service')) continue;
      fields.push({ type: type.name, field });
    }
  }
  return fields;
}

/** What @apollo/subgraph keeps on an entity type: its `__resolveReference`. */
interface EntityExtension {
  resolveReference?: (reference: unknown, context: { viewer: Viewer }, info: unknown) => unknown;
}

/** Wraps every resolver with its rule; throws at start-up when a field has no policy entry. */
export function applyPolicy(schema: GraphQLSchema): GraphQLSchema {
  const missing: string[] = [];
  for (const { type, field } of governedFields(schema)) {
    const rule = ruleFor(type, field);
    if (!rule) {
      missing.push(`${type}.${field}`);
      continue;
    }
    if (rule === 'public' || rule === 'inherit') continue;
    const definition = (schema.getType(type) as import('graphql').GraphQLObjectType).getFields()[field]!;
    const resolve: GraphQLFieldResolver<unknown, { viewer: Viewer }> =
      definition.resolve ?? defaultFieldResolver;
    definition.resolve = (parent, args, context, info) => {
      check(rule, context.viewer, parent);
      return resolve(parent, args, context, info);
    };
  }
  for (const type of Object.values(schema.getTypeMap())) {
    const subgraph = (type.extensions as { apollo?: { subgraph?: EntityExtension } }).apollo?.subgraph;
    const resolveReference = subgraph?.resolveReference;
    if (!resolveReference || !isObjectType(type)) continue;
    const rule = ENTITY_POLICY[type.name];
    if (!rule) {
      missing.push(`${type.name} (entity, in ENTITY_POLICY)`);
      continue;
    }
    // Async so that a refusal fails only its own representation (that `_entities` item becomes null).
    subgraph.resolveReference = async (reference, context, info) => {
      check(rule, context.viewer, reference);
      return resolveReference(reference, context, info);
    };
  }
  if (missing.length > 0)
    throw new Error(`No access policy for: ${missing.join(', ')} (add them to src/policy/policy.ts)`);
  return schema;
}
