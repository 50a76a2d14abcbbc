import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';
import { conflict, notFound } from '../errors.js';
import { dateTime, id, text } from '../validation.js';
import type { Assurance, IdentityRow } from './model.js';
import { identityOwner, linkIdentity, unlinkIdentity } from './repository.js';
import { identityKey } from './subject-key.js';
import { afterWrite } from '../trust/service.js';

/** Admin form: records an identity verified out of band. Only the keyed hash of the subject is stored. */
export async function recordVerifiedIdentity(
  db: Db,
  config: Config,
  input: {
    userId: string;
    provider: string;
    subject: string;
    assurance: Assurance;
    expiresAt?: string | null;
  },
): Promise<IdentityRow> {
  const provider = text('provider', input.provider, 64, true)!;
  const subject = text('subject', input.subject, 255, true)!;
  const expiresAt = input.expiresAt ? dateTime('expiresAt', input.expiresAt) : null;
  const outcome = await db.writeTx(async (tx) => {
    const linked = await linkIdentity(tx, {
      userId: id('userId', input.userId),
      provider,
      key: identityKey(config.identityHashSecret, provider, subject),
      assurance: input.assurance,
      expiresAt,
    });
    if (linked.kind === 'linked')
      await afterWrite(tx, { kind: 'own-evidence', userId: linked.identity.userId });
    return linked;
  });
  if (outcome.kind === 'user-not-found') throw notFound('User');
  if (outcome.kind === 'linked-to-another-account')
    throw conflict('This identity is linked to another account');
  return outcome.identity;
}

export async function removeIdentity(db: Db, identityId: string): Promise<boolean> {
  return db.writeTx(async (tx) => {
    const ownerId = await identityOwner(tx, id('id', identityId));
    if (ownerId === null) throw notFound('Identity');
    await unlinkIdentity(tx, identityId);
    await afterWrite(tx, { kind: 'own-evidence', userId: ownerId });
    return true;
  });
}
