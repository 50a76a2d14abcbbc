import type { Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { audit } from '../partners/repository.js';
import { dateTime, id, text } from '../validation.js';
import type { Assurance, IdentityRow } from './model.js';
import { identityOwner, linkIdentity, unlinkIdentity, type LinkOutcome } from './repository.js';
import { identityKey } from './subject-key.js';
import { afterWrite } from '../trust/service.js';
import { tombstoneKey, tombstoneUntil } from '../privacy/tombstones.js';

/** A provider's verified subject for a user, as both ways of linking receive it. */
export interface SubjectToLink {
  userId: string;
  provider: string;
  subject: string;
  assurance: Assurance;
  /** When the verification stops counting (every linked identity expires). */
  expiresAt: string;
}

/** When an identity verified now stops counting, after `days`. */
export function validUntil(days: number, now = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString();
}

/**
 * Links a verified identity (admin form and OpenID Connect alike): only the keyed hash of the provider's subject
 * is stored, and the owner's score follows in the same transaction. `auditActorId`: the admin who linked it
 * (the entry is written in the same transaction), or null when the person linked it themself.
 */
export async function linkSubject(
  db: Db,
  config: Config,
  input: SubjectToLink,
  auditActorId: string | null = null,
): Promise<LinkOutcome> {
  const key = identityKey(config.identityHashSecret, input.provider, input.subject);
  return db.writeTx(async (tx) => {
    // An erased account's identity earns no identity credit again during the cooling-off (docs/privacy.md § 5).
    const until = await tombstoneUntil(tx, tombstoneKey(config.identityHashSecret, 'IDENTITY', key));
    if (until) {
      throw conflict(
        `This identity belonged to an erased account; it can be linked again from ${until}`,
        'IDENTITY_COOLING_OFF',
      );
    }
    const linked = await linkIdentity(tx, {
      userId: input.userId,
      provider: input.provider,
      key,
      assurance: input.assurance,
      expiresAt: input.expiresAt,
    });
    if (linked.kind === 'linked') {
      await afterWrite(tx, { kind: 'own-evidence', userId: linked.identity.userId });
      if (auditActorId !== null)
        await audit(tx, {
          actorId: auditActorId,
          action: 'IDENTITY_LINKED',
          targetId: linked.identity.userId,
        });
    }
    return linked;
  });
}

function adminId(viewer: Viewer): string {
  if (viewer.kind !== 'admin') throw forbidden('ADMIN_ONLY');
  return viewer.userId;
}

/**
 * Admin form: records an identity verified out of band (audited). Without `expiresAt` it counts for
 * CREDENCE_IDENTITY_VALIDITY_DAYS, like an OpenID Connect link whose provider sets no validity.
 */
export async function recordVerifiedIdentity(
  db: Db,
  config: Config,
  viewer: Viewer,
  input: Omit<SubjectToLink, 'expiresAt'> & { expiresAt?: string | null },
): Promise<IdentityRow> {
  const actorId = adminId(viewer);
  const outcome = await linkSubject(
    db,
    config,
    {
      userId: id('userId', input.userId),
      provider: text('provider', input.provider, 64, true)!,
      subject: text('subject', input.subject, 255, true)!,
      assurance: input.assurance,
      expiresAt: input.expiresAt
        ? dateTime('expiresAt', input.expiresAt)
        : validUntil(config.oidc.identityValidityDays),
    },
    actorId,
  );
  if (outcome.kind === 'user-not-found') throw notFound('User');
  if (outcome.kind === 'linked-to-another-account')
    throw conflict('This identity is linked to another account');
  return outcome.identity;
}

/** Admin: removes a linked identity (audited, naming its former owner). */
export async function removeIdentity(db: Db, viewer: Viewer, identityId: string): Promise<boolean> {
  const actorId = adminId(viewer);
  return db.writeTx(async (tx) => {
    const ownerId = await identityOwner(tx, id('id', identityId));
    if (ownerId === null) throw notFound('Identity');
    await unlinkIdentity(tx, identityId);
    await afterWrite(tx, { kind: 'own-evidence', userId: ownerId });
    await audit(tx, { actorId, action: 'IDENTITY_UNLINKED', targetId: ownerId });
    return true;
  });
}
