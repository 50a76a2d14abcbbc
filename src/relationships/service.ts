import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Db, Tx } from '../db/driver.js';
import { badInput, forbidden, notFound, unauthenticated } from '../errors.js';
import { audit } from '../partners/repository.js';
import { dateTime, id, integerIn, text } from '../validation.js';
import {
  LIMITS,
  type EndorsementRow,
  type EventKind,
  type EventRow,
  type RatingRow,
  type ReportRow,
} from './model.js';
import { QUOTA_WINDOW_MS, WRITE_QUOTAS, quotaExceeded } from './limits.js';
import * as repository from './repository.js';
import { afterWrite } from '../trust/service.js';
import { countRefusal } from '../observability/metrics.js';

function actor(viewer: Viewer): string {
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  return userId;
}

/** The caller must have an account and the target must exist and be someone else. */
async function checkPair(tx: Tx, actorId: string, targetId: string): Promise<void> {
  if (actorId === targetId) throw badInput('targetId', 'You cannot do this to yourself');
  const found = await repository.existingUsers(tx, [actorId, targetId]);
  if (!found.has(actorId)) throw forbidden('NO_ACCOUNT', 'Register before acting');
  if (!found.has(targetId)) throw notFound('Target user');
}

export async function endorse(
  db: Db,
  viewer: Viewer,
  input: { targetId: string; strength: number; context?: string | null; public?: boolean | null },
): Promise<EndorsementRow> {
  const endorserId = actor(viewer);
  const endorseeId = id('targetId', input.targetId);
  const { min, max } = LIMITS.endorsementStrength;
  const strength = integerIn('strength', input.strength, min, max);
  const context = text('context', input.context, LIMITS.contextMax);
  return db.writeTx(async (tx) => {
    await checkPair(tx, endorserId, endorseeId);
    const endorsement = await repository.endorse(tx, {
      endorserId,
      endorseeId,
      strength,
      context,
      public: input.public ?? false,
    });
    // NETWORK follows in this transaction (incremental EigenTrust), as for a revoked endorsement.
    await afterWrite(tx, { kind: 'vouch', endorserId, endorseeId });
    return endorsement;
  });
}

/** The endorser (or an admin) may revoke an endorsement. */
export async function revokeEndorsement(db: Db, viewer: Viewer, endorsementId: string): Promise<boolean> {
  const callerId = actor(viewer);
  return db.writeTx(async (tx) => {
    const endorsement = await repository.endorsementById(tx, id('id', endorsementId));
    if (!endorsement) throw notFound('Endorsement');
    if (endorsement.endorserId !== callerId && viewer.kind !== 'admin') throw forbidden('OWNER_ONLY');
    await repository.deleteEndorsement(tx, endorsement.id);
    await afterWrite(tx, {
      kind: 'vouch',
      endorserId: endorsement.endorserId,
      endorseeId: endorsement.endorseeId,
    });
    // An admin removing someone else's endorsement changes that person's evidence: audited.
    if (endorsement.endorserId !== callerId)
      await audit(tx, { actorId: callerId, action: 'ENDORSEMENT_REVOKED', targetId: endorsement.endorseeId });
    return true;
  });
}

export async function rate(
  db: Db,
  viewer: Viewer,
  input: { targetId: string; rating: number; comment?: string | null },
): Promise<RatingRow> {
  const raterId = actor(viewer);
  const targetId = id('targetId', input.targetId);
  const rating = integerIn('rating', input.rating, LIMITS.rating.min, LIMITS.rating.max);
  if (rating === 0) throw badInput('rating', 'rating must be -10..-1 or 1..10 (0 is not a rating)');
  const comment = text('comment', input.comment, LIMITS.commentMax);
  return db.writeTx(async (tx) => {
    await checkPair(tx, raterId, targetId);
    const now = Date.now();
    const recent = await repository.lockedRecentRatings(tx, {
      raterId,
      targetId,
      windowStart: now - QUOTA_WINDOW_MS,
    });
    if (recent.length >= WRITE_QUOTAS.ratingsPerTargetPerDay) {
      countRefusal('ratings_per_pair');
      throw quotaExceeded(
        `At most ${WRITE_QUOTAS.ratingsPerTargetPerDay} ratings of the same person per day`,
        Math.min(...recent),
        now,
      );
    }
    const created = await repository.rate(tx, { raterId, targetId, rating, comment });
    await afterWrite(tx, { kind: 'rated', targetId, raterId });
    return created;
  });
}

export async function report(
  db: Db,
  viewer: Viewer,
  input: { targetId: string; reason: string },
): Promise<ReportRow> {
  const reporterId = actor(viewer);
  const targetId = id('targetId', input.targetId);
  const reason = text('reason', input.reason, LIMITS.reasonMax, true)!;
  return db.writeTx(async (tx) => {
    await checkPair(tx, reporterId, targetId);
    return repository.report(tx, { reporterId, targetId, reason });
  });
}

/**
 * The one refusal a partner gets for a person it may not report about: the same for an unknown id and for a person
 * without an active EVENTS consent to this partner, so a partner cannot tell who has an account.
 */
const noReportingConsent = () =>
  forbidden('NO_CONSENT', 'This person has not allowed you to report about them');

/**
 * A behavioural event. A partner reports only about a person who granted it EVENTS, dated between that grant
 * and now, within its daily quota per person; an admin records about anyone, dated after they registered, and
 * is audited in the same transaction.
 */
export async function recordEvent(
  db: Db,
  viewer: Viewer,
  input: { userId: string; kind: EventKind; occurredAt?: string | null },
): Promise<EventRow> {
  const userId = id('userId', input.userId);
  const now = Date.now();
  const occurredAt = input.occurredAt
    ? dateTime('occurredAt', input.occurredAt)
    : new Date(now).toISOString();
  if (Date.parse(occurredAt) > now + 60_000)
    throw badInput('occurredAt', 'occurredAt may not be in the future');
  const occurred = Date.parse(occurredAt);
  return db.writeTx(async (tx) => {
    let source: string;
    if (viewer.kind === 'partner') {
      source = viewer.partnerId;
      if (!(await repository.eventWriterKeyValid(tx, viewer.partnerId, viewer.keyHash)))
        throw unauthenticated('The API key is not valid');
      const right = await repository.lockedReportingRight(tx, {
        userId,
        partnerId: viewer.partnerId,
        windowStart: now - QUOTA_WINDOW_MS,
      });
      if (!right) throw noReportingConsent();
      if (occurred < right.since)
        throw badInput(
          'occurredAt',
          'occurredAt may not be before the person allowed you to report about them',
        );
      if (right.recent.length >= WRITE_QUOTAS.eventsPerPartnerPerPersonPerDay) {
        countRefusal('events_per_person');
        throw quotaExceeded(
          `At most ${WRITE_QUOTAS.eventsPerPartnerPerPersonPerDay} events per person per day`,
          Math.min(...right.recent),
          now,
        );
      }
    } else if (viewer.kind === 'admin') {
      source = 'admin';
      const registered = await repository.userCreatedAt(tx, userId);
      if (registered === null) throw notFound('User');
      if (occurred < registered)
        throw badInput('occurredAt', 'occurredAt may not be before the person registered');
      await audit(tx, { actorId: viewer.userId, action: 'EVENT_RECORDED', targetId: userId });
    } else {
      throw forbidden('ADMIN_OR_PARTNER_ONLY');
    }
    const recorded = await repository.recordEvent(tx, { userId, kind: input.kind, occurredAt, source });
    // An admin's person may have been erased since it was looked up: nothing is written then.
    if (!recorded) throw notFound('User');
    await afterWrite(tx, { kind: 'own-evidence', userId: recorded.userId });
    return recorded;
  });
}

/**
 * Records that a person settled a default (the improvement RESOLVE_DEFAULT). Only who reported it may: the
 * partner, while the person's EVENTS consent to it is active and within the partner's daily quota per person
 * (shared with recordEvent), or an admin, audited in the same transaction. The default then counts as a late
 * commitment, in the same transaction's refresh of the person's score.
 */
export async function resolveDefault(db: Db, viewer: Viewer, eventId: string): Promise<EventRow> {
  const eventKey = id('eventId', eventId);
  const now = Date.now();
  return db.writeTx(async (tx) => {
    if (viewer.kind !== 'partner' && viewer.kind !== 'admin') throw forbidden('ADMIN_OR_PARTNER_ONLY');
    const event = await repository.eventForResolution(tx, eventKey);
    // Another partner's event is as unknown to this one as an id that does not exist.
    if (!event || (viewer.kind === 'partner' && event.source !== viewer.partnerId)) throw notFound('Event');
    if (event.kind !== 'COMMITMENT_DEFAULTED')
      throw badInput('eventId', 'Only a COMMITMENT_DEFAULTED event can be resolved');
    if (viewer.kind === 'partner') {
      if (!(await repository.eventWriterKeyValid(tx, viewer.partnerId, viewer.keyHash)))
        throw unauthenticated('The API key is not valid');
      const right = await repository.lockedReportingRight(tx, {
        userId: event.userId,
        partnerId: viewer.partnerId,
        windowStart: now - QUOTA_WINDOW_MS,
      });
      if (!right) throw noReportingConsent();
      if (event.resolved) return (await repository.eventById(tx, eventKey))!;
      if (right.recent.length >= WRITE_QUOTAS.eventsPerPartnerPerPersonPerDay)
        throw quotaExceeded(
          `At most ${WRITE_QUOTAS.eventsPerPartnerPerPersonPerDay} events per person per day`,
          Math.min(...right.recent),
          now,
        );
    } else if (event.resolved) {
      return (await repository.eventById(tx, eventKey))!;
    }
    const resolved = await repository.resolveDefault(
      tx,
      eventKey,
      viewer.kind === 'partner' ? viewer.partnerId : 'admin',
    );
    if (!resolved) throw notFound('Event');
    if (viewer.kind === 'admin')
      await audit(tx, { actorId: viewer.userId, action: 'EVENT_RESOLVED', targetId: event.userId });
    await afterWrite(tx, { kind: 'own-evidence', userId: event.userId });
    return resolved;
  });
}
