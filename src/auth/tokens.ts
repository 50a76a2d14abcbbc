import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config.js';
import { credenceError, unauthenticated } from '../errors.js';
import type { Viewer } from './viewer.js';

export type TokenRole = 'user' | 'admin';

const ALGORITHM = 'HS256';
/** What a configured issuer may sign with (verified against its JWKS). */
const ISSUER_ALGORITHMS = ['RS256', 'ES256'];
const encoder = new TextEncoder();

/** Leeway for clocks that disagree a little (seconds) when bounding a token's lifetime. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * A token must expire (`exp`, required by jwtVerify) and may live at most `maxLifetimeSeconds`: from its `iat`
 * when it has one, and from now in any case, so a stolen token is useful for a bounded time whatever its issuer
 * wrote.
 */
function checkLifetime(payload: JWTPayload, maxLifetimeSeconds: number): void {
  const exp = payload.exp!;
  const now = Math.floor(Date.now() / 1000);
  const tooLong =
    exp - now > maxLifetimeSeconds + CLOCK_TOLERANCE_SECONDS ||
    (typeof payload.iat === 'number' && exp - payload.iat > maxLifetimeSeconds);
  if (tooLong)
    throw unauthenticated(`The token lives longer than the ${maxLifetimeSeconds} s this gateway accepts`);
}

/** Says who the caller is from a verified token's claims: `sub` (the user id) and `role` (user or admin). */
function viewerOfClaims(payload: JWTPayload): Viewer {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128) {
    throw unauthenticated('The token has no valid subject');
  }
  const role = payload.role ?? 'user';
  if (role === 'admin') return { kind: 'admin', userId: payload.sub };
  if (role === 'user') return { kind: 'user', userId: payload.sub };
  throw unauthenticated('The token has an unknown role');
}

/** The `alg` of a token's protected header (decodeProtectedHeader throws a plain TypeError on garbage). */
function algorithmOf(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    throw unauthenticated('The token is not valid');
  }
}

export type BearerVerifier = (token: string) => Promise<Viewer>;

/**
 * Verifies `Authorization: Bearer <JWT>`: HS256 with CREDENCE_JWT_SECRET, and, when CREDENCE_JWKS_URL is set,
 * RS256/ES256 tokens of the configured issuer, verified against its JWKS (fetched on first use, cached, and
 * refetched when a token names an unknown key) with `iss` and `aud` checked. One verifier per gateway, so the
 * key set is shared by every request.
 */
export function bearerVerifier(
  config: Pick<Config, 'jwtSecret' | 'jwks' | 'jwtMaxLifetimeSeconds'>,
): BearerVerifier {
  const secret = encoder.encode(config.jwtSecret);
  const verified = (payload: JWTPayload) => {
    checkLifetime(payload, config.jwtMaxLifetimeSeconds);
    return viewerOfClaims(payload);
  };
  const issuer = config.jwks
    ? {
        keys: createRemoteJWKSet(new URL(config.jwks.url), { timeoutDuration: 5_000 }),
        options: {
          algorithms: ISSUER_ALGORITHMS,
          issuer: config.jwks.issuer,
          audience: config.jwks.audience,
          requiredClaims: ['exp'],
        },
      }
    : null;
  return async (token) => {
    let remote = false;
    try {
      const alg = algorithmOf(token);
      if (alg === ALGORITHM)
        return verified(
          (await jwtVerify(token, secret, { algorithms: [ALGORITHM], requiredClaims: ['exp'] })).payload,
        );
      if (!issuer || !alg || !ISSUER_ALGORITHMS.includes(alg))
        throw unauthenticated('The token is signed with an algorithm this gateway does not accept');
      remote = true;
      return verified((await jwtVerify(token, issuer.keys, issuer.options)).payload);
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('The token has expired');
      // The issuer's key set could not be fetched or read: not the caller's fault, so not UNAUTHENTICATED.
      if (
        remote &&
        (error instanceof errors.JWKSTimeout ||
          error instanceof errors.JWKSInvalid ||
          !(error instanceof errors.JOSEError || (error as { extensions?: unknown }).extensions))
      )
        throw credenceError('UNAVAILABLE', "The token issuer's keys could not be fetched; retry shortly", {
          http: { status: 503 },
        });
      if (error instanceof errors.JWTClaimValidationFailed)
        throw unauthenticated(
          error.reason === 'missing'
            ? `The token has no ${error.claim} claim`
            : `The token's ${error.claim} claim is not accepted`,
        );
      if (error instanceof errors.JOSEError) throw unauthenticated('The token is not valid');
      throw error;
    }
  };
}

/** Mints a token (development and tests; production tokens come from the identity provider). */
export async function mintToken(
  secret: string,
  claims: { sub: string; role: TokenRole },
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(encoder.encode(secret));
}
