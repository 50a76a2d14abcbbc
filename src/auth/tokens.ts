import { SignJWT, errors, jwtVerify } from 'jose';
import { unauthenticated } from '../errors.js';
import type { Viewer } from './viewer.js';

export type TokenRole = 'user' | 'admin';

const ALGORITHM = 'HS256';
const encoder = new TextEncoder();

/** Verifies `Authorization: Bearer <JWT>` (HS256, claims sub and role) and says who the caller is. */
export async function viewerFromBearer(token: string, secret: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: [ALGORITHM] });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128) {
      throw unauthenticated('The token has no valid subject');
    }
    const role = payload.role ?? 'user';
    if (role === 'admin') return { kind: 'admin', userId: payload.sub };
    if (role === 'user') return { kind: 'user', userId: payload.sub };
    throw unauthenticated('The token has an unknown role');
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthenticated('The token has expired');
    if (error instanceof errors.JOSEError) throw unauthenticated('The token is not valid');
    throw error;
  }
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
