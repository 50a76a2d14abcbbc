import { createHmac } from 'node:crypto';
import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Db, Tx } from '../db/driver.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { audit } from '../partners/repository.js';
import { id, integerIn, text } from '../validation.js';
import {
  DISPUTES_PER_ITEM,
  EVIDENCE_MAX,
  HANDLE_QUARANTINE_DAYS,
  IDENTITY_COOLING_OFF_DAYS,
  LOGIN_COOLING_OFF_DAYS,
  REVIEW_DAYS,
  STATEMENT_MAX,
  type DisputeRow,
} from './model.js';
import * as repository from './repository.js';
import { deleteExpiredTombstones, layTombstones, tombstoneKey } from './tombstones.js';
import { afterWrite, beforeErasure, type TrustChange } from '../trust/service.js';
import { raterOf } from '../trust/repository.js';

/** What a disputed item's review changes in the subject's score (reports do not enter scores). */
function disputeChange(
  kind: DisputeRow['itemKind'],
  userId: string,
  raterId?: string | null,
): TrustChange | null {
  if (kind === 'EVENT') return { kind: 'own-evidence', userId };
  if (kind === 'RATING') return { kind: 'rated', targetId: userId, ...(raterId ? { raterId } : {}) };
  return null;
}

/** Removes a disputed item; a removed rating was part of its rater's trust row, so the rater is returned. */
async function removeDisputed(tx: Tx, kind: DisputeRow['itemKind'], itemId: string): Promise<string | null> {
  const raterId = kind === 'RATING' ? await raterOf(tx, itemId) : null;
  await repository.removeItem(tx, kind, itemId);
  return raterId;
}

function personId(viewer: Viewer): string {
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  return userId;
}

/** Evidence compared as a reviewer would read it: case and spacing do not make it new. */
const normalised = (evidence: string) => evidence.toLowerCase().replace(/\s+/g, ' ');

/**
 * Disputes past their review deadline are upheld: the item is removed and the score follows, in this
 * transaction. The deadline is stored (the dispute's `openedAt`), so any process settles it the same way: the
 * scheduled sweep, and every dispute write of the person first.
 */
async function settleLapsed(tx: Tx, userId: string | null, limit: number): Promise<number> {
  const lapsed = await repository.lapsedDisputes(tx, userId, limit);
  for (const dispute of lapsed) {
    const raterId = await removeDisputed(tx, dispute.itemKind, dispute.itemId);
    await repository.closeByDeadline(tx, dispute.id);
    const change = disputeChange(dispute.itemKind, dispute.userId, raterId);
    if (change) await afterWrite(tx, change);
  }
  return lapsed.length;
}

/**
 * Files a dispute. The item keeps counting while under review (no gain from disputing); a reviewer upholds
 * (removes it) or rejects it, and a dispute still open after REVIEW_DAYS is upheld. One decision per item: a
 * decided item can be disputed again only with new evidence (text no earlier dispute of it carried), and at
 * most DISPUTES_PER_ITEM times in all.
 */
export async function disputeItem(
  db: Db,
  viewer: Viewer,
  input: { itemId: string; statement: string; evidence?: string | null },
): Promise<DisputeRow> {
  const userId = personId(viewer);
  const itemId = id('itemId', input.itemId);
  const statement = text('statement', input.statement, STATEMENT_MAX, true)!;
  const evidence = text('evidence', input.evidence, EVIDENCE_MAX);
  return db.writeTx(async (tx) => {
    await repository.lockPerson(tx, userId);
    await settleLapsed(tx, userId, 100);
    const item = await repository.itemConcerning(tx, userId, itemId);
    if (!item) throw notFound('An event, rating or report about you with this id');
    const earlier = item.disputes;
    if (earlier.some((d) => d.status === 'OPEN')) {
      throw conflict('This item is already under dispute', 'DISPUTE_OPEN');
    }
    if (earlier.length >= DISPUTES_PER_ITEM) {
      throw conflict(
        `This item was disputed ${DISPUTES_PER_ITEM} times; it cannot be again`,
        'DISPUTE_LIMIT_REACHED',
      );
    }
    if (earlier.length > 0) {
      const seen = new Set(earlier.flatMap((d) => (d.evidence ? [normalised(d.evidence)] : [])));
      if (!evidence || seen.has(normalised(evidence))) {
        throw conflict(
          'This item was already decided: a new dispute needs evidence no earlier dispute of it carried',
          'DISPUTE_ALREADY_DECIDED',
        );
      }
    }
    await repository.markItem(tx, item.kind, itemId, true);
    // The score does not move; its explanation counts the item as under review.
    const change = disputeChange(item.kind, userId);
    if (change) await afterWrite(tx, change);
    return repository.createDispute(tx, { userId, itemId, itemKind: item.kind, statement, evidence });
  });
}

/** Admin: UPHELD removes the item, REJECTED keeps it (unmarked); either way the decision is audited. */
export async function resolveDispute(
  db: Db,
  viewer: Viewer,
  input: { disputeId: string; outcome: 'UPHELD' | 'REJECTED' },
): Promise<DisputeRow> {
  if (viewer.kind !== 'admin') throw forbidden('ADMIN_ONLY');
  const adminId = viewer.userId;
  const disputeId = id('disputeId', input.disputeId);
  // A dispute past its deadline was upheld by it; settled first so that the refusal below leaves it settled.
  await db.writeTx(async (tx) => {
    const owner = await repository.lockDispute(tx, disputeId);
    if (owner?.status === 'UPHELD' && owner.resolution === 'REVIEW_DEADLINE') {
      await settleLapsed(tx, owner.userId, 100);
    }
  });
  return db.writeTx(async (tx) => {
    const dispute = await repository.lockDispute(tx, disputeId);
    if (!dispute) throw notFound('Dispute');
    if (dispute.status !== 'OPEN') {
      const by = dispute.resolution === 'REVIEW_DEADLINE' ? ` by its ${REVIEW_DAYS}-day review deadline` : '';
      throw conflict(
        `This dispute was already ${dispute.status.toLowerCase()}${by}`,
        'DISPUTE_ALREADY_DECIDED',
      );
    }
    let raterId: string | null = null;
    if (input.outcome === 'UPHELD') raterId = await removeDisputed(tx, dispute.itemKind, dispute.itemId);
    else await repository.markItem(tx, dispute.itemKind, dispute.itemId, false);
    await audit(tx, { actorId: adminId, action: `DISPUTE_${input.outcome}`, targetId: dispute.id });
    // Removed, the score follows at once; rejected, only the explanation's count under review moves (the item
    // counted all along).
    const change = disputeChange(dispute.itemKind, dispute.userId, raterId);
    if (change) await afterWrite(tx, change);
    return repository.closeDispute(tx, dispute.id, input.outcome, adminId);
  });
}

export async function openDisputes(db: Db, first: number | null | undefined): Promise<DisputeRow[]> {
  return repository.openDisputes(db, integerIn('first', first ?? 20, 1, 100));
}

/**
 * The scheduled privacy sweep (trust/scheduler.ts runs it each tick, before the trust refresh): upholds
 * disputes past their deadline, in batches of `batch` per transaction, and deletes tombstones past their
 * retention. Idempotent and driven by stored dates only, so any number of gateway processes may run it.
 */
export async function privacySweep(db: Db, batch = 200): Promise<{ upheld: number; tombstones: number }> {
  let upheld = 0;
  for (;;) {
    const settled = await db.writeTx((tx) => settleLapsed(tx, null, batch));
    upheld += settled;
    if (settled < batch) break;
  }
  const tombstones = await db.writeTx((tx) => deleteExpiredTombstones(tx));
  return { upheld, tombstones };
}

/** The pseudonym an erased person's audit trail keeps: keyed, so it cannot be linked back without the key. */
export function erasedPseudonym(config: Config, userId: string): string {
  return `erased:${createHmac('sha256', config.identityHashSecret).update(`erased\u0000${userId}`).digest('base64url').slice(0, 22)}`;
}

/**
 * Erases the caller's account in one transaction. What stays (docs/privacy.md § 5): the pseudonymised inquiry
 * and audit trail, and tombstones (keyed hashes with an expiry, nothing else) of the verified identities, the
 * login and the handle, so that erasing and registering again does not launder a score or hand the handle on.
 */
export async function deleteMe(db: Db, config: Config, viewer: Viewer): Promise<boolean> {
  const userId = personId(viewer);
  const secret = config.identityHashSecret;
  const erased = await db.writeTx(async (tx) => {
    const keys = await repository.erasableKeys(tx, userId);
    if (!keys) return false;
    const identities = keys.identityKeys.map((key) => tombstoneKey(secret, 'IDENTITY', key));
    await layTombstones(tx, 'IDENTITY', identities, IDENTITY_COOLING_OFF_DAYS);
    await layTombstones(tx, 'LOGIN', [tombstoneKey(secret, 'LOGIN', userId)], LOGIN_COOLING_OFF_DAYS);
    await layTombstones(tx, 'HANDLE', [tombstoneKey(secret, 'HANDLE', keys.handle)], HANDLE_QUARANTINE_DAYS);
    const refreshAffected = await beforeErasure(tx, userId);
    const done = await repository.eraseUser(tx, userId, erasedPseudonym(config, userId));
    if (done) await refreshAffected();
    return done;
  });
  if (!erased) throw notFound('Account');
  return true;
}
