import { createHmac } from 'node:crypto';
import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { audit } from '../partners/repository.js';
import { id, integerIn, text } from '../validation.js';
import { STATEMENT_MAX, type DisputeRow } from './model.js';
import * as repository from './repository.js';
import { afterWrite, beforeErasure, type TrustChange } from '../trust/service.js';

/** What a disputed item's review changes in the subject's score (reports do not enter scores). */
function disputeChange(kind: DisputeRow['itemKind'], userId: string): TrustChange | null {
  if (kind === 'EVENT') return { kind: 'own-evidence', userId };
  if (kind === 'RATING') return { kind: 'rated', targetId: userId };
  return null;
}

function personId(viewer: Viewer): string {
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  return userId;
}

export async function disputeItem(
  db: Db,
  viewer: Viewer,
  input: { itemId: string; statement: string },
): Promise<DisputeRow> {
  const userId = personId(viewer);
  const itemId = id('itemId', input.itemId);
  const statement = text('statement', input.statement, STATEMENT_MAX, true)!;
  return db.writeTx(async (tx) => {
    const item = await repository.itemConcerning(tx, userId, itemId);
    if (!item) throw notFound('An event, rating or report about you with this id');
    if (item.openDispute) throw conflict('This item is already under dispute');
    await repository.markItem(tx, item.kind, itemId, true);
    // While under review the item is left out of the score, at once.
    const change = disputeChange(item.kind, userId);
    if (change) await afterWrite(tx, change);
    return repository.createDispute(tx, { userId, itemId, itemKind: item.kind, statement });
  });
}

/** Admin: UPHELD removes the item, REJECTED restores it; either way the decision is audited. */
export async function resolveDispute(
  db: Db,
  viewer: Viewer,
  input: { disputeId: string; outcome: 'UPHELD' | 'REJECTED' },
): Promise<DisputeRow> {
  if (viewer.kind !== 'admin') throw forbidden('ADMIN_ONLY');
  const adminId = viewer.userId;
  return db.writeTx(async (tx) => {
    const dispute = await repository.lockDispute(tx, id('disputeId', input.disputeId));
    if (!dispute) throw notFound('Dispute');
    if (dispute.status !== 'OPEN') throw conflict(`This dispute was already ${dispute.status.toLowerCase()}`);
    if (input.outcome === 'UPHELD') await repository.removeItem(tx, dispute.itemKind, dispute.itemId);
    else await repository.markItem(tx, dispute.itemKind, dispute.itemId, false);
    await audit(tx, { actorId: adminId, action: `DISPUTE_${input.outcome}`, targetId: dispute.id });
    // Removed or restored, the score follows at once.
    const change = disputeChange(dispute.itemKind, dispute.userId);
    if (change) await afterWrite(tx, change);
    return repository.closeDispute(tx, dispute.id, input.outcome, adminId);
  });
}

export async function openDisputes(db: Db, first: number | null | undefined): Promise<DisputeRow[]> {
  return repository.openDisputes(db, integerIn('first', first ?? 20, 1, 100));
}

/** The pseudonym an erased person's audit trail keeps: keyed, so it cannot be linked back without the key. */
export function erasedPseudonym(config: Config, userId: string): string {
  return `erased:${createHmac('sha256', config.identityHashSecret).update(`erased\u0000${userId}`).digest('base64url').slice(0, 22)}`;
}

export async function deleteMe(db: Db, config: Config, viewer: Viewer): Promise<boolean> {
  const userId = personId(viewer);
  const erased = await db.writeTx(async (tx) => {
    const refreshAffected = await beforeErasure(tx, userId);
    const done = await repository.eraseUser(tx, userId, erasedPseudonym(config, userId));
    if (done) await refreshAffected();
    return done;
  });
  if (!erased) throw notFound('Account');
  return true;
}
