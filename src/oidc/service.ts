import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';
import { badInput, conflict, credenceError, forbidden, notFound } from '../errors.js';
import type { Assurance, IdentityRow } from '../identities/model.js';
import { linkSubject, validUntil } from '../identities/service.js';
import { audit } from '../partners/repository.js';
import { userExists } from '../users/repository.js';
import { text } from '../validation.js';
import {
  IDENTITY_VALIDITY_DAYS_MAX,
  LINK_NONCES_PER_PERSON,
  PROVIDER_NAME,
  type ProviderRow,
} from './model.js';
import * as repository from './repository.js';

/** Asymmetric algorithms only: an ID token signed with a shared secret proves nothing about the provider. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** One remote key set per JWKS URL: jose caches the keys and refetches on an unknown kid (rate-limited). */
const keySets = new Map<string, JWTVerifyGetKey>();
function keySet(jwksUri: string): JWTVerifyGetKey {
  let set = keySets.get(jwksUri);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 3_000, cooldownDuration: 10_000 });
    keySets.set(jwksUri, set);
  }
  return set;
}

function url(field: string, value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.toString();
  } catch {
    // fall through
  }
  throw badInput(field, `${field} must be an http(s) URL`);
}

export async function configureProvider(db: Db, viewer: Viewer, input: ProviderRow): Promise<ProviderRow> {
  if (viewer.kind !== 'admin') throw forbidden('ADMIN_ONLY');
  if (!PROVIDER_NAME.test(input.name)) throw badInput('name', 'name must be 1–64 characters of [a-z0-9._-]');
  const days = input.identityValidityDays ?? null;
  if (days !== null && (days < 1 || days > IDENTITY_VALIDITY_DAYS_MAX))
    throw badInput('identityValidityDays', `identityValidityDays must be 1–${IDENTITY_VALIDITY_DAYS_MAX}`);
  const provider: ProviderRow = {
    name: input.name,
    issuer: text('issuer', input.issuer, 512, true)!,
    audience: text('audience', input.audience, 512, true)!,
    jwksUri: url('jwksUri', input.jwksUri),
    assurance: input.assurance,
    acrAssurance: (input.acrAssurance ?? []).map((a) => ({
      acr: text('acr', a.acr, 256, true)!,
      assurance: a.assurance,
    })),
    identityValidityDays: days,
  };
  return db.writeTx(async (tx) => {
    const saved = await repository.saveProvider(tx, provider);
    await audit(tx, { actorId: viewer.userId, action: 'IDENTITY_PROVIDER_CONFIGURED', targetId: saved.name });
    return saved;
  });
}

export const listProviders = (db: Db) => repository.providers(db);

const invalidToken = (reason: string, message: string) =>
  credenceError('BAD_USER_INPUT', `The ID token is not valid: ${message}`, { field: 'idToken', reason });

/** The stored form of a link nonce: only its SHA-256 is kept, so a database read cannot replay one. */
const nonceHash = (nonce: string) => createHash('sha256').update(nonce).digest('hex');

/**
 * Step 1 of linking: a fresh single-use nonce (128 random bits) for this person and provider, valid as long as
 * an ID token may be old. Binding the nonce to the account means an ID token stolen from someone else's sign-in
 * (its nonce issued to them) cannot be linked to another account, and a token cannot be replayed.
 */
export async function startIdentityLink(
  db: Db,
  config: Config,
  viewer: Viewer,
  providerName: string,
): Promise<{ nonce: string; expiresAt: string }> {
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  const nonce = randomBytes(16).toString('base64url');
  const expiresAt = new Date(Date.now() + config.oidc.maxTokenAgeSeconds * 1000).toISOString();
  await db.writeTx(async (tx) => {
    const provider = await repository.providerByName(tx, providerName);
    if (!provider) throw notFound('Identity provider');
    if (!(await userExists(tx, userId))) throw forbidden('NO_ACCOUNT', 'Register before linking identities');
    await repository.saveLinkNonce(tx, {
      hash: nonceHash(nonce),
      userId,
      provider: provider.name,
      expiresAt,
      keep: LINK_NONCES_PER_PERSON,
    });
  });
  return { nonce, expiresAt };
}

/**
 * Verifies the ID token (signature, iss, aud, exp, iat no older than `maxAgeSeconds`, nonce) and returns its
 * subject and assurance.
 */
async function verify(provider: ProviderRow, idToken: string, nonce: string, maxAgeSeconds: number) {
  try {
    const { payload } = await jwtVerify(idToken, keySet(provider.jwksUri), {
      issuer: provider.issuer,
      audience: provider.audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
      maxTokenAge: maxAgeSeconds,
      clockTolerance: 30,
    });
    if (payload.nonce !== nonce) throw invalidToken('NONCE_MISMATCH', 'the nonce does not match');
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255)
      throw invalidToken('NO_SUBJECT', 'the token has no valid subject');
    const acr = typeof payload.acr === 'string' ? payload.acr : null;
    const mapped = acr ? provider.acrAssurance.find((a) => a.acr === acr)?.assurance : undefined;
    return { subject: payload.sub, assurance: mapped ?? provider.assurance };
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw error.claim === 'iat'
        ? invalidToken('TOO_OLD', `it was issued more than ${maxAgeSeconds} s ago`)
        : invalidToken('EXPIRED', 'it has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'nonce') throw invalidToken('NONCE_MISMATCH', 'it carries no nonce');
      if (error.claim === 'aud') throw invalidToken('WRONG_AUDIENCE', 'it was issued for another audience');
      if (error.claim === 'iss') throw invalidToken('WRONG_ISSUER', 'it was issued by another issuer');
      throw invalidToken('INVALID_CLAIMS', `claim ${error.claim} is not valid`);
    }
    if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
      throw invalidToken('BAD_SIGNATURE', 'its signature does not verify against the provider keys');
    if (
      error instanceof errors.JWKSTimeout ||
      (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')
    )
      throw credenceError('UNAVAILABLE', 'The identity provider keys could not be fetched; retry shortly');
    if (error instanceof errors.JOSEError) throw invalidToken('MALFORMED', 'it is not a valid signed JWT');
    throw error;
  }
}

export async function linkVerifiedIdentity(
  db: Db,
  config: Config,
  viewer: Viewer,
  input: { provider: string; idToken: string; nonce: string },
): Promise<IdentityRow> {
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  if (input.idToken.length > 16_384) throw badInput('idToken', 'idToken is too long');
  if (input.nonce.length > 256) throw badInput('nonce', 'nonce is too long');
  const provider = await db.readTx((tx) => repository.providerByName(tx, input.provider));
  if (!provider) throw notFound('Identity provider');
  const { subject, assurance } = await verify(
    provider,
    input.idToken,
    input.nonce,
    config.oidc.maxTokenAgeSeconds,
  );
  // Used up whatever follows: a nonce links at most once (its own transaction, so a failed link spends it too).
  const issued = await db.writeTx((tx) =>
    repository.consumeLinkNonce(tx, { hash: nonceHash(input.nonce), userId, provider: provider.name }),
  );
  if (!issued)
    throw invalidToken(
      'NONCE_NOT_ISSUED',
      'its nonce was not issued to this account for this provider by startIdentityLink, or was used or expired',
    );
  const outcome = await linkSubject(db, config, {
    userId,
    provider: provider.name,
    subject,
    assurance: assurance as Assurance,
    expiresAt: validUntil(provider.identityValidityDays ?? config.oidc.identityValidityDays),
  });
  if (outcome.kind === 'user-not-found') throw forbidden('NO_ACCOUNT', 'Register before linking identities');
  if (outcome.kind === 'linked-to-another-account')
    throw conflict('This identity is linked to another account');
  return outcome.identity;
}
