/**
 * Rate limits at the edge: requests per minute per signed-in person (users and admins, by token subject) and
 * per partner (by API key's partner), counted once the caller is known. Over a limit the request is answered
 * with HTTP 429, a `Retry-After` header and a GraphQL error RATE_LIMITED carrying `retryAfterSeconds`.
 *
 * The counters live in memory by default (one gateway). Behind several gateway instances, give `startGateway`
 * a `limiterStore` that builds a shared limiter with the same options, e.g. rate-limiter-flexible's
 * `new RateLimiterRedis({ storeClient: redisClient, ...options })` (see the README).
 */
import {
  RateLimiterMemory,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { credenceError } from '../errors.js';
import type { Viewer } from './viewer.js';

/** Builds one limiter from its options (points per `duration` seconds, a key prefix). */
export type LimiterStore = (options: IRateLimiterOptions & { keyPrefix: string }) => RateLimiterAbstract;

export const memoryStore: LimiterStore = (options) => new RateLimiterMemory(options);

/** Takes one request of the viewer's budget, or throws RATE_LIMITED (anonymous callers are not counted here). */
export type EdgeLimiter = (viewer: Viewer) => Promise<void>;

export function edgeLimiter(limits: Config['rateLimits'], store: LimiterStore = memoryStore): EdgeLimiter {
  const perMinute = (keyPrefix: string, points: number) =>
    points > 0 ? store({ keyPrefix, points, duration: 60 }) : null;
  const people = perMinute('edge-user', limits.userPerMinute);
  const partners = perMinute('edge-partner', limits.partnerPerMinute);
  return async (viewer) => {
    const [limiter, key] =
      viewer.kind === 'partner'
        ? [partners, viewer.partnerId]
        : viewer.kind === 'user' || viewer.kind === 'admin'
          ? [people, viewer.userId]
          : [null, ''];
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw credenceError('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      });
    }
  };
}
