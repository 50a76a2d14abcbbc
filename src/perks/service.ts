import { randomUUID } from 'node:crypto';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/driver.js';
import { badInput, credenceError, forbidden, notFound, unauthenticated } from '../errors.js';
import { id, text } from '../validation.js';
import { PROBING_LIMITS, takeCheck } from './limits.js';
import type { Decision, EligibilityDecisionRow, PerkRow } from './model.js';
import * as repository from './repository.js';
import { evaluate, validateRule, type PerkRuleInput } from './rules.js';

export const MAX_BATCH = 1000;
export const NAME_MAX = 80;
export const DESCRIPTION_MAX = 500;
/** How long a decision may be relied on (unless the consent ends sooner). */
const DECISION_TTL_MS = 24 * 60 * 60 * 1000;

export async function createPerk(
  db: Db,
  viewer: Viewer,
  input: { name: string; description?: string | null; rule: PerkRuleInput },
): Promise<PerkRow> {
  if (viewer.kind !== 'partner') throw forbidden('PARTNER_ONLY');
  const name = text('name', input.name, NAME_MAX, true)!;
  const description = text('description', input.description, DESCRIPTION_MAX);
  const rule = validateRule(input.rule);
  const perk = await db.writeTx((tx) =>
    repository.createPerk(tx, { partnerId: viewer.partnerId, name, description, rule }),
  );
  if (!perk) throw notFound('Partner');
  return perk;
}

/** The perk's owner (a partner with PERKS_MANAGE, checked by the policy) or an admin. */
function assertManages(viewer: Viewer, perk: PerkRow): void {
  if (viewer.kind === 'admin') return;
  if (viewer.kind !== 'partner' || viewer.partnerId !== perk.partnerId) throw forbidden('NOT_YOUR_PERK');
}

export async function updatePerk(
  db: Db,
  viewer: Viewer,
  input: { perkId: string; name?: string | null; description?: string | null; rule?: PerkRuleInput | null },
): Promise<PerkRow> {
  const perkId = id('perkId', input.perkId);
  const name =
    input.name === undefined || input.name === null ? null : text('name', input.name, NAME_MAX, true);
  const description = text('description', input.description, DESCRIPTION_MAX);
  const rule = input.rule ? validateRule(input.rule) : null;
  return db.writeTx(async (tx) => {
    const current = await repository.lockPerkForUpdate(tx, perkId);
    if (!current) throw notFound('Perk');
    assertManages(viewer, current.perk);
    if (current.perk.archivedAt) throw badInput('perkId', 'An archived perk cannot be changed');
    if (rule && current.changesToday >= PROBING_LIMITS.ruleChangesPerPerkPerDay) {
      const retryAfter = current.oldestChange
        ? Math.max(1, Math.ceil((Date.parse(current.oldestChange) + DECISION_TTL_MS - Date.now()) / 1000))
        : 86_400;
      throw credenceError(
        'RATE_LIMITED',
        `A perk's rule may change at most ${PROBING_LIMITS.ruleChangesPerPerkPerDay} times a day`,
        { retryAfterSeconds: retryAfter },
      );
    }
    return repository.updatePerk(tx, {
      id: perkId,
      name: name ?? current.perk.name,
      description: input.description === undefined ? current.perk.description : description,
      rule,
    });
  });
}

export async function archivePerk(db: Db, viewer: Viewer, perkId: string): Promise<PerkRow> {
  return db.writeTx(async (tx) => {
    const perk = await repository.perkById(tx, id('perkId', perkId));
    if (!perk) throw notFound('Perk');
    assertManages(viewer, perk);
    return repository.archivePerk(tx, perk.id);
  });
}

/**
 * Decides for every id (in order, duplicates included) in one write transaction of two statements: the perk
 * with the facts of all subjects, then one Inquiry per decision, so no decision exists that was not logged. Rate-limited checks and NO_CONSENT refusals are decisions too, and are logged the same way.
 */
export async function decide(
  db: Db,
  viewer: Viewer,
  perkId: string,
  userIds: readonly string[],
): Promise<{ decisions: EligibilityDecisionRow[]; retryAfter: (number | null)[] }> {
  if (viewer.kind !== 'partner') throw forbidden('PARTNER_ONLY');
  const partnerId = viewer.partnerId;
  id('perkId', perkId);
  if (userIds.length > MAX_BATCH) throw badInput('userIds', `at most ${MAX_BATCH} userIds per request`);
  userIds.forEach((u) => id('userIds', u));
  const retryAfter = await Promise.all(userIds.map((userId) => takeCheck(partnerId, userId)));
  const toCheck = [...new Set(userIds.filter((_, i) => retryAfter[i] === null))];
  return db.writeTx(async (tx) => {
    const found = await repository.perkAndSubjectFacts(tx, {
      partnerId,
      keyHash: viewer.keyHash,
      perkId,
      userIds: toCheck,
    });
    // The viewer may come from the key cache: a key revoked since then decides nothing and logs nothing.
    if (!found.keyValid) throw unauthenticated('The API key is not valid');
    const perk = found.perk;
    if (!perk) throw notFound('Perk');
    if (perk.partnerId !== partnerId) throw forbidden('NOT_YOUR_PERK');
    if (perk.archivedAt) throw badInput('perkId', 'This perk is archived');
    const facts = new Map(found.facts.map((f) => [f.userId, f] as const));
    const checkedAt = new Date();
    const decisions = userIds.map((userId, i): EligibilityDecisionRow => {
      const subject = facts.get(userId);
      const decision: Decision =
        retryAfter[i] !== null || !subject
          ? { userId, eligible: false, reasons: ['RATE_LIMITED'], band: null }
          : evaluate(perk.rule, subject);
      const until = checkedAt.getTime() + DECISION_TTL_MS;
      const consentEnds = subject?.consentExpiresAt ? Date.parse(subject.consentExpiresAt) : Infinity;
      return {
        ...decision,
        perk,
        checkedAt: checkedAt.toISOString(),
        validUntil: new Date(Math.min(until, consentEnds)).toISOString(),
      };
    });
    await repository.recordInquiries(tx, {
      partnerId,
      perkId: perk.id,
      at: checkedAt.toISOString(),
      decisions: decisions.map((d) => ({
        id: randomUUID(),
        subjectId: d.userId,
        decision: d.eligible,
        reasons: d.reasons,
      })),
    });
    return { decisions, retryAfter };
  });
}

export async function eligibilities(
  db: Db,
  viewer: Viewer,
  perkId: string,
  userIds: readonly string[],
): Promise<EligibilityDecisionRow[]> {
  return (await decide(db, viewer, perkId, userIds)).decisions;
}

/** One person: a refusal for lack of consent or a rate limit is an error (after it was logged). */
export async function eligibility(
  db: Db,
  viewer: Viewer,
  perkId: string,
  userId: string,
): Promise<EligibilityDecisionRow> {
  const { decisions, retryAfter } = await decide(db, viewer, perkId, [userId]);
  const decision = decisions[0]!;
  if (decision.reasons.includes('NO_CONSENT'))
    throw forbidden('NO_CONSENT', 'This person has not consented to checks by this partner');
  if (retryAfter[0] !== null && retryAfter[0] !== undefined)
    throw credenceError('RATE_LIMITED', 'This person was checked too often today', {
      retryAfterSeconds: retryAfter[0],
    });
  return decision;
}
