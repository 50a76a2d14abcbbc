/**
 * The access rules themselves, against a truth table written by hand from the policy (the HTTP matrix test
 * checks that every field enforces its rule; this checks that the rules say what the policy means).
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/auth/viewer.js';
import { RULES, type RuleName } from '../../src/policy/policy.js';

const ROLES: Record<string, Viewer> = {
  anonymous: { kind: 'anonymous' },
  self: { kind: 'user', userId: 'u-1' },
  other: { kind: 'user', userId: 'u-2' },
  admin: { kind: 'admin', userId: 'a-1' },
  partnerAll: {
    kind: 'partner',
    partnerId: 'p-1',
    scopes: ['ELIGIBILITY_CHECK', 'EVENTS_WRITE', 'PERKS_MANAGE'],
    keyHash: 'hash-1',
  },
  partnerEvents: { kind: 'partner', partnerId: 'p-2', scopes: ['EVENTS_WRITE'], keyHash: 'hash-2' },
};
const ORDER = Object.keys(ROLES);

// Rows: rule, parent object, then allowed for anonymous, self, other, admin, partnerAll, partnerEvents.
const TABLE: [RuleName, unknown, boolean[]][] = [
  ['public', undefined, [true, true, true, true, true, true]],
  ['person', undefined, [false, true, true, true, false, false]],
  ['admin', undefined, [false, false, false, true, false, false]],
  ['selfOrAdmin', { id: 'u-1' }, [false, true, false, true, false, false]],
  // A private endorsement by u-1: its endorser is visible to u-1 and admins only; a public one to whoever sees it.
  ['endorserVisible', { endorserId: 'u-1', public: false }, [false, true, false, true, false, false]],
  ['endorserVisible', { endorserId: 'u-1', public: true }, [true, true, true, true, true, true]],
  ['partnerEligibility', undefined, [false, false, false, false, true, false]],
  ['partnerPerks', undefined, [false, false, false, false, true, false]],
  ['partnerPerksOrAdmin', undefined, [false, false, false, true, true, false]],
  ['adminOrPartnerEvents', undefined, [false, false, false, true, true, true]],
  ['adminOrPartner', undefined, [false, false, false, true, true, true]],
  ['partner', undefined, [false, false, false, false, true, true]],
  ['partnerSelfOrAdmin', { id: 'p-1' }, [false, false, false, true, true, false]],
];

describe('the access rules', () => {
  it.each(TABLE)('%s on %j', (rule, parent, allowed) => {
    const verdicts = ORDER.map((role) => RULES[rule](ROLES[role]!, parent) === true);
    expect(Object.fromEntries(ORDER.map((role, k) => [role, verdicts[k]]))).toEqual(
      Object.fromEntries(ORDER.map((role, k) => [role, allowed[k]])),
    );
  });

  it('refuses with a reason code, never silently', () => {
    expect(RULES.selfOrAdmin(ROLES.other!, { id: 'u-1' })).toBe('OWNER_ONLY');
    expect(RULES.admin(ROLES.self!)).toBe('ADMIN_ONLY');
  });
});
