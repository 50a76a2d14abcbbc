import { credenceError } from '../errors.js';
import { readEnvironment } from '../config.js';

const environment = readEnvironment();

/**
 * Quotas on writes that move someone's score. Both are counted in Neo4j from what the writes themselves leave
 * (events a partner recorded, ratings a person gave), under a lock, so they hold across restarts and gateway
 * instances and cannot be raced. Each is a rolling 24-hour window. Why these values: docs/privacy.md.
 */
export const WRITE_QUOTAS = {
  /** Events one partner may record about one person in 24 hours. */
  eventsPerPartnerPerPersonPerDay: environment.CREDENCE_EVENTS_PER_PERSON_PER_DAY,
  /** Ratings one person may give the same person in 24 hours (a first rating and its changes). */
  ratingsPerTargetPerDay: environment.CREDENCE_RATINGS_PER_PAIR_PER_DAY,
};

export const QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * RATE_LIMITED until the oldest write in the window leaves it: HTTP 429 with Retry-After, like the edge limits.
 */
export function quotaExceeded(what: string, oldestInWindow: number, now = Date.now()): Error {
  const retryAfterSeconds = Math.max(1, Math.ceil((oldestInWindow + QUOTA_WINDOW_MS - now) / 1000));
  return credenceError('RATE_LIMITED', `${what}; retry in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}
