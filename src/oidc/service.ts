import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';
import { badInput, conflict, credenceError, forbidden, notFound } from '../errors.js';
import type { Assurance, IdentityRow } from '../identities/model.js';
import { linkSubject } from '../identities/service.js';
import { audit } from '../partners/repository.js';
import { text } from '../validation.js';
import { PROVIDER_NAME, type ProviderRow } from './model.js';
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

/** Verifies the ID token (signature, iss, aud, exp, nonce) and returns its subject and assurance. */
async function verify(provider: ProviderRow, idToken: string, nonce: string | null) {
  try {
    const { payload } = await jwtVerify(idToken, keySet(provider.jwksUri), {
      issuer: provider.issuer,
      audience: provider.audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 30,
    });
    if (nonce !== null && payload.nonce !== nonce)
      throw invalidToken('NONCE_MISMATCH', 'the nonce does not match');
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255)
      throw invalidToken('NO_SUBJECT', 'the token has no valid subject');
    const acr = typeof payload.acr === 'string' ? payload.acr : null;
    const mapped = acr ? provider.acrAssurance.find((a) => a.acr === acr)?.assurance : undefined;
    return { subject: payload.sub, assurance: mapped ?? provider.assurance };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw invalidToken('EXPIRED', 'it has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
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
  input: { provider: string; idToken: string; nonce?: string | null },
): Promise<IdentityRow> {
  const userId = actingUserId(viewer);
  if (!userId) throw forbidden('SIGN_IN_REQUIRED');
  if (input.idToken.length > 16_384) throw badInput('idToken', 'idToken is too long');
  const provider = await db.readTx((tx) => repository.providerByName(tx, input.provider));
  if (!provider) throw notFound('Identity provider');
  const { subject, assurance } = await verify(provider, input.idToken, input.nonce ?? null);
  const outcome = await linkSubject(db, config, {
    userId,
    provider: provider.name,
    subject,
    assurance: assurance as Assurance,
    expiresAt: null,
  });
  if (outcome.kind === 'user-not-found') throw forbidden('NO_ACCOUNT', 'Register before linking identities');
  if (outcome.kind === 'linked-to-another-account')
    throw conflict('This identity is linked to another account');
  return outcome.identity;
}
