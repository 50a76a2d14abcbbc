import { randomUUID } from 'node:crypto';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/driver.js';
import { badInput, credenceError, forbidden, notFound, unauthenticated } from '../errors.js';
import { id, text } from '../validation.js';
import { QUESTION_PERIOD_DAYS, questionAllowed, type AskedQuestion } from './disclosure.js';
import { PROBING_LIMITS, takeInquiries } from './limits.js';
import type { Decision, EligibilityDecisionRow, PerkRow } from './model.js';
import { audit } from '../partners/repository.js';
import * as repository from './repository.js';
import { evaluate, validateRule, type PerkRuleInput } from './rules.js';
import { countRefusal } from '../observability/metrics.js';

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
  return db.writeTx(async (tx) => {
    const active = await repository.lockActivePerks(tx, viewer.partnerId);
    if (active === null) throw notFound('Partner');
    if (active >= PROBING_LIMITS.activePerksPerPartner)
      throw forbidden(
        'ACTIVE_PERK_LIMIT',
        `A partner may have at most ${PROBING_LIMITS.activePerksPerPartner} active perks: archive one first`,
      );
    return repository.createPerk(tx, { partnerId: viewer.partnerId, name, description, rule });
  });
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
      countRefusal('perk_rule_changes');
      const retryAfter = current.oldestChange
        ? Math.max(1, Math.ceil((Date.parse(current.oldestChange) + DECISION_TTL_MS - Date.now()) / 1000))
        : 86_400;
      throw credenceError(
        'RATE_LIMITED',
        `A perk's rule may change at most ${PROBING_LIMITS.ruleChangesPerPerkPerDay} times a day`,
        { retryAfterSeconds: retryAfter },
      );
    }
    const updated = await repository.updatePerk(tx, {
      id: perkId,
      name: name ?? current.perk.name,
      description: input.description === undefined ? current.perk.description : description,
      rule,
    });
    if (viewer.kind === 'admin')
      await audit(tx, { actorId: viewer.userId, action: 'PERK_UPDATED', targetId: perkId });
    return updated;
  });
}

export async function archivePerk(db: Db, viewer: Viewer, perkId: string): Promise<PerkRow> {
  return db.writeTx(async (tx) => {
    const perk = await repository.perkById(tx, id('perkId', perkId));
    if (!perk) throw notFound('Perk');
    assertManages(viewer, perk);
    const archived = await repository.archivePerk(tx, perk.id);
    if (viewer.kind === 'admin')
      await audit(tx, { actorId: viewer.userId, action: 'PERK_ARCHIVED', targetId: perk.id });
    return archived;
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A refusal by a limit: nothing evaluated, nothing revealed, logged as `limited`. */
function refusal(userId: string, reason: 'RATE_LIMITED' | 'DISCLOSURE_LIMIT'): Decision {
  countRefusal(reason === 'RATE_LIMITED' ? 'checks_per_person' : 'disclosure_budget');
  return { userId, eligible: false, reasons: [reason], unmet: [], band: null, question: null };
}

/**
 * Decides for every id (in order, duplicates included) in one write transaction of two statements: the perk with
 * the facts of all subjects and the partner's history with each, then one Inquiry per decision, so no decision
 * exists that was not logged. Refusals (no consent, the daily limit, the question budget) are decisions too, and
 * are logged the same way. The order of the gates: the daily limit (whatever the consent, so an unknown person and
 * one without consent answer alike), consent, a score, then the question budget.
 */
export async function decide(
  db: Db,
  viewer: Viewer,
  perkId: string,
  userIds: readonly string[],
): Promise<EligibilityDecisionRow[]> {
  if (viewer.kind !== 'partner') throw forbidden('PARTNER_ONLY');
  const partnerId = viewer.partnerId;
  id('perkId', perkId);
  if (userIds.length > MAX_BATCH) throw badInput('userIds', `at most ${MAX_BATCH} userIds per request`);
  userIds.forEach((u) => id('userIds', u));
  const quotaRetry = await takeInquiries(partnerId, userIds.length);
  if (quotaRetry !== null) {
    countRefusal('partner_inquiries');
    throw credenceError(
      'RATE_LIMITED',
      `A partner may check at most ${PROBING_LIMITS.inquiriesPerPartnerPerDay} people a day`,
      { retryAfterSeconds: quotaRetry },
    );
  }
  return db.writeTx(async (tx) => {
    const found = await repository.perkAndSubjectFacts(tx, {
      partnerId,
      keyHash: viewer.keyHash,
      perkId,
      userIds: [...new Set(userIds)],
      periodDays: QUESTION_PERIOD_DAYS,
    });
    // The viewer may come from the key cache: a key revoked since then decides nothing and logs nothing.
    if (!found.keyValid) throw unauthenticated('The API key is not valid');
    const perk = found.perk;
    if (!perk) throw notFound('Perk');
    if (perk.partnerId !== partnerId) throw forbidden('NOT_YOUR_PERK');
    if (perk.archivedAt) throw badInput('perkId', 'This perk is archived');
    const facts = new Map(found.facts.map((f) => [f.userId, f] as const));
    // Running counts: a batch may name the same person more than once.
    const history = new Map(
      found.history.map((h) => {
        const running: { answeredToday: number; oldestAnsweredToday: string | null; asked: AskedQuestion[] } =
          {
            answeredToday: h.answeredToday,
            oldestAnsweredToday: h.oldestAnsweredToday,
            asked: [...h.asked],
          };
        return [h.userId, running] as const;
      }),
    );
    const checkedAt = new Date();
    const now = checkedAt.getTime();
    const decisions = userIds.map((userId): EligibilityDecisionRow => {
      const subject = facts.get(userId)!;
      const past = history.get(userId)!;
      let decision: Decision;
      let retryAt: number | null = null;
      if (past.answeredToday >= PROBING_LIMITS.checksPerPersonPerDay) {
        decision = refusal(userId, 'RATE_LIMITED');
        retryAt = past.oldestAnsweredToday ? Date.parse(past.oldestAnsweredToday) + DAY_MS : now + DAY_MS;
      } else {
        past.answeredToday += 1;
        past.oldestAnsweredToday ??= checkedAt.toISOString();
        decision = evaluate(perk.rule, subject);
        if (decision.question !== null) {
          const budget = questionAllowed(decision.question, past.asked, now);
          if (budget.allowed)
            past.asked.push({ question: decision.question, lastAt: checkedAt.toISOString() });
          else {
            decision = refusal(userId, 'DISCLOSURE_LIMIT');
            retryAt = budget.retryAt;
            // Refused by a limit: it does not count as an answered check either.
            past.answeredToday -= 1;
          }
        }
      }
      // An answered decision holds a day or until the consent ends; a refusal says nothing about the consent.
      const consentEnds =
        decision.reasons[0] !== 'NO_CONSENT' && retryAt === null && subject.consentExpiresAt
          ? Date.parse(subject.consentExpiresAt)
          : Infinity;
      return {
        ...decision,
        perk,
        checkedAt: checkedAt.toISOString(),
        validUntil: new Date(Math.min(now + DECISION_TTL_MS, consentEnds)).toISOString(),
        retryAfter: retryAt === null ? null : new Date(retryAt).toISOString(),
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
        unmet: d.unmet,
        question: d.question,
        limited: d.retryAfter === null ? null : true,
      })),
    });
    return decisions;
  });
}

export async function eligibilities(
  db: Db,
  viewer: Viewer,
  perkId: string,
  userIds: readonly string[],
): Promise<EligibilityDecisionRow[]> {
  return decide(db, viewer, perkId, userIds);
}

/** One person: a refusal for lack of consent or by a limit is an error (after it was logged). */
export async function eligibility(
  db: Db,
  viewer: Viewer,
  perkId: string,
  userId: string,
): Promise<EligibilityDecisionRow> {
  const [decision] = await decide(db, viewer, perkId, [userId]);
  const reason = decision!.reasons[0];
  if (reason === 'NO_CONSENT')
    throw forbidden('NO_CONSENT', 'This person has not consented to checks by this partner');
  if (reason === 'RATE_LIMITED' || reason === 'DISCLOSURE_LIMIT')
    throw credenceError(
      'RATE_LIMITED',
      reason === 'RATE_LIMITED'
        ? 'This person was checked too often today'
        : `One question per person per ${QUESTION_PERIOD_DAYS} days: this person was already checked on another rule`,
      {
        reason,
        retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(decision!.retryAfter!) - Date.now()) / 1000)),
      },
    );
  return decision!;
}
