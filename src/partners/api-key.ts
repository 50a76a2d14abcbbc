import { createHash, randomBytes } from 'node:crypto';

/**
 * Partner API keys: 256 random bits, shown once. Only the SHA-256 of the key is stored: a key this random
 * cannot be brute-forced from its hash, so no slow password hash (or per-key salt) is needed, and a lookup by
 * hash stays a single indexed query per request.
 */
export function newApiKey(): string {
  return `crd_${randomBytes(32).toString('base64url')}`;
}

export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Keys Credence issues look like this; anything else is refused without a database query. */
export const API_KEY_PATTERN = /^crd_[A-Za-z0-9_-]{43}$/;
