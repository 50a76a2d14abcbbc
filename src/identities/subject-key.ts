import { createHmac } from 'node:crypto';

/**
 * The keyed hash (HMAC-SHA-256 with a server secret) of a provider's subject identifier. The raw subject is
 * never stored; the same external identity always yields the same key, so linking it to a second account is
 * detected, while a leaked database does not reveal the subjects (nor can they be brute-forced without the key).
 */
export function identityKey(secret: string, provider: string, subject: string): string {
  return createHmac('sha256', secret).update(`${provider}\u0000${subject}`, 'utf8').digest('base64url');
}
