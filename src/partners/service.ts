import { LRUCache } from 'lru-cache';
import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Db } from '../db/driver.js';
import { toConnection, type Connection, type PageArgs } from '../db/pagination.js';
import { badInput, forbidden, notFound, unauthenticated } from '../errors.js';
import { dateTime, id, text } from '../validation.js';
import { API_KEY_PATTERN, apiKeyHash, newApiKey } from './api-key.js';
import {
  PARTNER_NAME_MAX,
  type AuditEntryRow,
  type ConsentRow,
  type ConsentScope,
  type InquiryRow,
  type PartnerRow,
  type PartnerScope,
} from './model.js';
import * as repository from './repository.js';

type PartnerViewer = Extract<Viewer, { kind: 'partner' }>;

/**
 * Keys found valid, by hash, for `cacheMs` (PARTNER_KEY_CACHE_MS, default 1 s): a partner's integration sends
 * the same key with every request, and looking it up each time was a third of an eligibility check's cost.
 * Rotating or revoking a key forgets it at once in this process; other gateway processes follow within
 * `cacheMs`, and an eligibility decision always checks the key again in its own transaction (perks/service.ts),
 * so no check is ever decided on a revoked key. Unknown keys are never cached.
 */
const verifiedKeys = new LRUCache<string, PartnerViewer>({ max: 10_000 });

/** The viewer an `x-api-key` header speaks for: one indexed query (or the cache), UNAUTHENTICATED if unknown. */
export async function partnerViewer(db: Db, apiKey: string, cacheMs: number): Promise<Viewer> {
  if (!API_KEY_PATTERN.test(apiKey)) throw unauthenticated('The API key is not valid');
  const keyHash = apiKeyHash(apiKey);
  const cached = verifiedKeys.get(keyHash);
  if (cached) return cached;
  const partner = await repository.partnerByKeyHash(db, keyHash);
  if (!partner) throw unauthenticated('The API key is not valid');
  const viewer: PartnerViewer = { kind: 'partner', partnerId: partner.id, scopes: partner.scopes, keyHash };
  if (cacheMs > 0) verifiedKeys.set(keyHash, viewer, { ttl: cacheMs });
  return viewer;
}

/** Forgets a partner's cached keys (after its key is rotated or revoked). */
function forgetKeysOf(partnerId: string): void {
  for (const [keyHash, viewer] of verifiedKeys.entries())
    if (viewer.partnerId === partnerId) verifiedKeys.delete(keyHash);
}

function adminId(viewer: Viewer): string {
  if (viewer.kind !== 'admin') throw forbidden('ADMIN_ONLY');
  return viewer.userId;
}

function distinct<T>(field: string, values: readonly T[]): T[] {
  const set = [...new Set(values)];
  if (set.length === 0) throw badInput(field, `${field} must not be empty`);
  return set;
}

export async function createPartner(
  db: Db,
  viewer: Viewer,
  input: { name: string; scopes: readonly PartnerScope[] },
): Promise<{ partner: PartnerRow; apiKey: string }> {
  const actorId = adminId(viewer);
  const name = text('name', input.name, PARTNER_NAME_MAX, true)!;
  const scopes = distinct('scopes', input.scopes);
  const apiKey = newApiKey();
  const partner = await db.writeTx(async (tx) => {
    const created = await repository.createPartner(tx, { name, scopes, keyHash: apiKeyHash(apiKey) });
    await repository.audit(tx, { actorId, action: 'PARTNER_CREATED', targetId: created.id });
    return created;
  });
  return { partner, apiKey };
}

export async function rotatePartnerKey(
  db: Db,
  viewer: Viewer,
  partnerId: string,
): Promise<{ partner: PartnerRow; apiKey: string }> {
  const actorId = adminId(viewer);
  const apiKey = newApiKey();
  const partner = await db.writeTx(async (tx) => {
    const updated = await repository.replaceKey(tx, id('partnerId', partnerId), apiKeyHash(apiKey));
    if (!updated) throw notFound('Partner');
    await repository.audit(tx, { actorId, action: 'PARTNER_KEY_ROTATED', targetId: updated.id });
    return updated;
  });
  forgetKeysOf(partner.id);
  return { partner, apiKey };
}

/** The calling partner replaces its own key (shown once); the old key stops working at once. */
export async function rotateCurrentPartnerKey(
  db: Db,
  viewer: Viewer,
): Promise<{ partner: PartnerRow; apiKey: string }> {
  if (viewer.kind !== 'partner') throw forbidden('Only a partner (x-api-key) rotates its own key');
  const apiKey = newApiKey();
  const partner = await db.writeTx(async (tx) => {
    const updated = await repository.replaceKey(tx, viewer.partnerId, apiKeyHash(apiKey));
    if (!updated) throw notFound('Partner');
    await repository.audit(tx, {
      actorId: `partner:${viewer.partnerId}`,
      action: 'PARTNER_KEY_ROTATED',
      targetId: updated.id,
    });
    return updated;
  });
  forgetKeysOf(partner.id);
  return { partner, apiKey };
}

export async function revokePartnerKey(db: Db, viewer: Viewer, partnerId: string): Promise<PartnerRow> {
  const actorId = adminId(viewer);
  const partner = await db.writeTx(async (tx) => {
    const updated = await repository.revokeKey(tx, id('partnerId', partnerId));
    if (!updated) throw notFound('Partner');
    await repository.audit(tx, { actorId, action: 'PARTNER_KEY_REVOKED', targetId: updated.id });
    return updated;
  });
  forgetKeysOf(partner.id);
  return partner;
}

function personId(viewer: Viewer): string {
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  return userId;
}

export async function grantConsent(
  db: Db,
  viewer: Viewer,
  input: { partnerId: string; scopes: readonly ConsentScope[]; expiresAt?: string | null },
): Promise<ConsentRow> {
  const userId = personId(viewer);
  const scopes = distinct('scopes', input.scopes);
  if (!scopes.includes('ELIGIBILITY') && !scopes.includes('EVENTS'))
    throw badInput('scopes', 'scopes must include ELIGIBILITY or EVENTS');
  if (scopes.includes('SCORE_BAND') && !scopes.includes('ELIGIBILITY'))
    throw badInput('scopes', 'SCORE_BAND needs ELIGIBILITY (it only adds the band to decisions)');
  const expiresAt = input.expiresAt ? dateTime('expiresAt', input.expiresAt) : null;
  if (expiresAt && Date.parse(expiresAt) <= Date.now())
    throw badInput('expiresAt', 'expiresAt must be in the future');
  const outcome = await db.writeTx((tx) =>
    repository.grantConsent(tx, { userId, partnerId: id('partnerId', input.partnerId), scopes, expiresAt }),
  );
  if (outcome === 'no-user') throw forbidden('NO_ACCOUNT', 'Register before granting consent');
  if (outcome === 'no-partner') throw notFound('Partner');
  return outcome;
}

export async function revokeConsent(db: Db, viewer: Viewer, partnerId: string): Promise<boolean> {
  const userId = personId(viewer);
  const revoked = await db.writeTx((tx) => repository.revokeConsent(tx, userId, id('partnerId', partnerId)));
  if (!revoked) throw notFound('Consent');
  return true;
}

const inquiryKey = (q: InquiryRow) => ({ at: q.at, id: q.id });

/** Admins see every inquiry; a partner only its own. */
export async function inquiries(db: Db, viewer: Viewer, page: PageArgs): Promise<Connection<InquiryRow>> {
  let partnerId: string | null;
  if (viewer.kind === 'admin') partnerId = null;
  else if (viewer.kind === 'partner') partnerId = viewer.partnerId;
  else throw forbidden('ADMIN_OR_PARTNER_ONLY');
  const { rows, total } = await repository.inquiriesPage(db, partnerId, page);
  return toConnection(rows, page, total, inquiryKey);
}

export async function auditLog(db: Db, page: PageArgs): Promise<Connection<AuditEntryRow>> {
  const { rows, total } = await repository.auditPage(db, page);
  return toConnection(rows, page, total, (a) => ({ at: a.at, id: a.id }));
}

/** A partner sees itself; an admin any partner. */
export function partnerVisibleTo(viewer: Viewer, partnerId: string): boolean {
  return viewer.kind === 'admin' || (viewer.kind === 'partner' && viewer.partnerId === partnerId);
}
