/**
 * Rate limits at the edge: requests per minute per signed-in person (users and admins, by token subject), per
 * partner (by API key's partner) and per anonymous client address, counted once the caller is known. Over a
 * limit the request is answered with HTTP 429, a `Retry-After` header and a GraphQL error RATE_LIMITED carrying
 * `retryAfterSeconds`. Every other RATE_LIMITED error (domain quotas, thrown by resolvers) gets the same header
 * and status from `retryAfterPlugin`, derived from its `retryAfterSeconds`.
 *
 * The counters live in memory by default (one gateway). Behind several gateway instances, give `startGateway`
 * a `limiterStore` that builds a shared limiter with the same options, e.g. rate-limiter-flexible's
 * `new RateLimiterRedis({ storeClient: redisClient, ...options })` (see docs/partners.md, "Request rate").
 */
import type { ApolloServerPlugin } from '@apollo/server';
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

/**
 * RATE_LIMITED with the HTTP answer too, for errors thrown where no plugin runs after them (the context
 * function): status 429 and `Retry-After`. Resolvers may throw this or just carry `retryAfterSeconds`.
 */
export function rateLimited(message: string, retryAfterSeconds: number) {
  return credenceError('RATE_LIMITED', message, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}

/**
 * The budget key of an anonymous client address: an IPv4 address as it is; an IPv6 address by its /64 prefix,
 * because one subscriber is routinely given a whole /64 (2^64 addresses) and could otherwise take a fresh budget
 * per request. IPv4-mapped IPv6 (::ffff:a.b.c.d) counts as the IPv4 address.
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Takes one request of the caller's budget, or throws RATE_LIMITED. Anonymous callers are counted by client
 * address (`address`: Express's req.ip, which honours CREDENCE_TRUST_PROXY).
 */
export type EdgeLimiter = (viewer: Viewer, address: string | undefined) => Promise<void>;

export function edgeLimiter(limits: Config['rateLimits'], store: LimiterStore = memoryStore): EdgeLimiter {
  const perMinute = (keyPrefix: string, points: number) =>
    points > 0 ? store({ keyPrefix, points, duration: 60 }) : null;
  const people = perMinute('edge-user', limits.userPerMinute);
  const partners = perMinute('edge-partner', limits.partnerPerMinute);
  const anonymous = perMinute('edge-anonymous', limits.anonymousPerMinute);
  return async (viewer, address) => {
    const [limiter, key] =
      viewer.kind === 'partner'
        ? [partners, viewer.partnerId]
        : viewer.kind === 'user' || viewer.kind === 'admin'
          ? [people, viewer.userId]
          : // A socket always has a peer address; 'unknown' only guards a destroyed socket (one shared budget).
            [anonymous, clientKey(address)];
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rateLimited(`Too many requests; retry in ${retryAfterSeconds} s`, retryAfterSeconds);
    }
  };
}

/**
 * Gives every response carrying RATE_LIMITED errors a `Retry-After` header (the longest of their
 * `retryAfterSeconds`), and HTTP 429 when the operation produced no data at all (a partial answer keeps its
 * status, so the data it did produce is not mistaken for a refusal).
 */
export const retryAfterPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { errors, data } = response.body.singleResult;
        let retryAfter = 0;
        for (const error of errors ?? []) {
          const seconds = error.extensions?.retryAfterSeconds;
          if (
            error.extensions?.code === 'RATE_LIMITED' &&
            typeof seconds === 'number' &&
            seconds > retryAfter
          )
            retryAfter = Math.ceil(seconds);
        }
        if (retryAfter === 0) return;
        response.http.headers.set('retry-after', String(retryAfter));
        if (data === null || data === undefined) response.http.status = 429;
      },
    };
  },
};
