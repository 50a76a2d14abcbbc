import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Everything Credence reads from the environment, in one place (documented in the README). */
export interface Config {
  readonly port: number;
  readonly production: boolean;
  readonly neo4j: {
    /** Set when an external Neo4j is used; otherwise the project starts its own on loopback. */
    readonly externalUri: string | undefined;
    readonly user: string;
    readonly password: string | undefined;
    readonly database: string | undefined;
    readonly boltPort: number;
    readonly home: string;
    readonly heap: string;
    readonly pageCache: string;
  };
  /** HS256 secret of bearer tokens (development tokens, tests, and any issuer sharing the secret). */
  readonly jwtSecret: string;
  /**
   * Production bearer tokens: RS256/ES256 JWTs verified against the issuer's JWKS, with issuer and audience
   * checked. Null when CREDENCE_JWKS_URL is not set (HS256 only).
   */
  readonly jwks: { readonly url: string; readonly issuer: string; readonly audience: string } | null;
  /**
   * Requests per minute per signed-in person, per partner API key and per anonymous client address (counted in
   * this process: an edge limit, not a durable one); 0 turns that limit off.
   */
  readonly rateLimits: {
    readonly userPerMinute: number;
    readonly partnerPerMinute: number;
    readonly anonymousPerMinute: number;
  };
  /**
   * Express's `trust proxy` hop count (CREDENCE_TRUST_PROXY, default 0): how many proxies in front of the gateway
   * may set X-Forwarded-For. With 0 the client address is the socket's peer; behind a load balancer set 1, or
   * every anonymous caller shares the balancer's address and its budget.
   */
  readonly trustProxyHops: number;
  /**
   * Longest a bearer token may live (CREDENCE_JWT_MAX_LIFETIME_SECONDS, default 86400 = 24 h): `exp` is required
   * and may lie at most this far after `iat` and after now.
   */
  readonly jwtMaxLifetimeSeconds: number;
  readonly oidc: {
    /** Oldest ID token (by `iat`) accepted for linking (CREDENCE_ID_TOKEN_MAX_AGE_SECONDS, default 600). */
    readonly maxTokenAgeSeconds: number;
    /**
     * How long a linked identity counts when its provider sets no validity of its own
     * (CREDENCE_IDENTITY_VALIDITY_DAYS, default 90, as Gitcoin Passport's stamps).
     */
    readonly identityValidityDays: number;
  };
  /**
   * Which cross-origin browser pages may call the API (CREDENCE_CORS_ORIGINS, comma-separated origins, or `*`).
   * Unset: none in production; any origin outside it (Apollo Sandbox). Empty list = no CORS headers.
   */
  readonly corsOrigins: readonly string[] | '*';
  /**
   * Federated (ftv1) traces: sent only to a router that sends this secret in `x-credence-trace-secret`
   * (CREDENCE_TRACE_SECRET, at least 32 bytes in production). Unset: no traces in production; outside it any
   * caller asking with `apollo-federation-include-trace: ftv1` gets them.
   */
  readonly traceSecret: string | null;
  readonly identityHashSecret: string;
  /** How often graphs with stale NETWORK trust are recomputed in full (0 turns the schedule off). */
  readonly trustRefreshMs: number;
  /**
   * Whether a caller may ask for `extensions.neo4jQueries` (header `x-credence-debug: queries`): on outside
   * production; CREDENCE_DEBUG_QUERIES=1 turns it on in production too (the benchmark counts queries there).
   */
  readonly debugQueryCount: boolean;
  /**
   * How long a partner API key found valid is trusted without looking it up again, in this process
   * (PARTNER_KEY_CACHE_MS, default 1000; 0 looks every key up). Eligibility decisions re-check the key anyway.
   */
  readonly partnerKeyCacheMs: number;
  /**
   * The web app's development sign-in (`/dev/people`, `/dev/token`: anyone may act as anyone), from
   * CREDENCE_DEV_SIGN_IN (1 or 0): on by default outside production; production refuses to start with it on.
   */
  readonly devSignIn: boolean;
  /**
   * The web app's OpenID Connect sign-in (authorization code flow with PKCE, a public client): the client id the
   * identity provider gave the app (CREDENCE_WEB_OIDC_CLIENT_ID). The provider is CREDENCE_JWT_ISSUER, whose tokens
   * the gateway verifies against CREDENCE_JWKS_URL. Null: the app offers no such sign-in.
   */
  readonly webOidc: { readonly issuer: string; readonly clientId: string; readonly scope: string } | null;
}

const DEV_SECRET = 'credence-development-secret-change-me-0123456789';

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function nonNegativeInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be an integer, 0 or more, got "${raw}"`);
  return value;
}

/** All three JWKS variables, or none. */
function jwks(): Config['jwks'] {
  const url = process.env.CREDENCE_JWKS_URL || undefined;
  const issuer = process.env.CREDENCE_JWT_ISSUER || undefined;
  const audience = process.env.CREDENCE_JWT_AUDIENCE || undefined;
  if (!url) {
    if (issuer || audience)
      throw new Error('CREDENCE_JWT_ISSUER and CREDENCE_JWT_AUDIENCE need CREDENCE_JWKS_URL');
    return null;
  }
  if (!issuer || !audience)
    throw new Error(
      'CREDENCE_JWKS_URL needs CREDENCE_JWT_ISSUER and CREDENCE_JWT_AUDIENCE (both are checked)',
    );
  try {
    new URL(url);
  } catch {
    throw new Error(`CREDENCE_JWKS_URL must be a URL, got "${url}"`);
  }
  return { url, issuer, audience };
}

/** Shortest secret production accepts: 256 bits, the HMAC-SHA256 key size (RFC 7518 §3.2 asks no less). */
export const MIN_SECRET_BYTES = 32;

function strongEnough(name: string, value: string, production: boolean): string {
  if (production && Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES)
    throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes when NODE_ENV=production`);
  return value;
}

function secret(name: string, production: boolean): string {
  const value = process.env[name];
  if (value) return strongEnough(name, value, production);
  // A development default keeps `npm start` a single command; production refuses to run without real secrets.
  if (production) throw new Error(`${name} must be set when NODE_ENV=production`);
  return DEV_SECRET;
}

function corsOrigins(production: boolean): Config['corsOrigins'] {
  const raw = process.env.CREDENCE_CORS_ORIGINS;
  if (raw === undefined) return production ? [] : '*';
  if (raw.trim() === '*') return '*';
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`CREDENCE_CORS_ORIGINS must list origins like https://app.example, got "${origin}"`);
    }
    // An origin is scheme://host[:port]: a path or a trailing slash would never match a browser's Origin header.
    if (parsed.origin !== origin)
      throw new Error(`CREDENCE_CORS_ORIGINS must list origins like https://app.example, got "${origin}"`);
  }
  return origins;
}

function webOidc(): Config['webOidc'] {
  const clientId = process.env.CREDENCE_WEB_OIDC_CLIENT_ID || undefined;
  if (!clientId) return null;
  const issuer = process.env.CREDENCE_JWT_ISSUER;
  if (!process.env.CREDENCE_JWKS_URL || !issuer)
    throw new Error(
      'CREDENCE_WEB_OIDC_CLIENT_ID needs CREDENCE_JWKS_URL, CREDENCE_JWT_ISSUER and CREDENCE_JWT_AUDIENCE (the provider whose tokens the gateway accepts)',
    );
  return { issuer, clientId, scope: process.env.CREDENCE_WEB_OIDC_SCOPE || 'openid' };
}

function devSignIn(production: boolean): boolean {
  const raw = process.env.CREDENCE_DEV_SIGN_IN;
  if (raw !== undefined && raw !== '' && raw !== '0' && raw !== '1')
    throw new Error(`CREDENCE_DEV_SIGN_IN must be 0 or 1, got "${raw}"`);
  if (production && raw === '1')
    throw new Error(
      'CREDENCE_DEV_SIGN_IN=1 is refused when NODE_ENV=production (it lets anyone act as anyone)',
    );
  return raw === undefined || raw === '' ? !production : raw === '1';
}

export function loadConfig(): Config {
  const production = process.env.NODE_ENV === 'production';
  return {
    port: int('PORT', 4000),
    production,
    neo4j: {
      externalUri: process.env.NEO4J_URI || undefined,
      user: process.env.NEO4J_USER || 'neo4j',
      password: process.env.NEO4J_PASSWORD || undefined,
      database: process.env.NEO4J_DATABASE || undefined,
      boltPort: int('NEO4J_BOLT_PORT', 7687),
      home: resolve(process.env.NEO4J_HOME_DIR || '.neo4j'),
      heap: process.env.NEO4J_HEAP || '512m',
      pageCache: process.env.NEO4J_PAGECACHE || '128m',
    },
    jwtSecret: secret('CREDENCE_JWT_SECRET', production),
    identityHashSecret: secret('CREDENCE_IDENTITY_SECRET', production),
    jwks: jwks(),
    // Generous defaults: a person's client or a partner's integration stays far below them; abuse does not.
    rateLimits: {
      userPerMinute: nonNegativeInt('RATE_LIMIT_USER_PER_MINUTE', 600),
      partnerPerMinute: nonNegativeInt('RATE_LIMIT_PARTNER_PER_MINUTE', 3000),
      anonymousPerMinute: nonNegativeInt('RATE_LIMIT_ANONYMOUS_PER_MINUTE', 300),
    },
    trustProxyHops: nonNegativeInt('CREDENCE_TRUST_PROXY', 0),
    jwtMaxLifetimeSeconds: int('CREDENCE_JWT_MAX_LIFETIME_SECONDS', 86_400),
    oidc: {
      maxTokenAgeSeconds: int('CREDENCE_ID_TOKEN_MAX_AGE_SECONDS', 600),
      identityValidityDays: int('CREDENCE_IDENTITY_VALIDITY_DAYS', 90),
    },
    corsOrigins: corsOrigins(production),
    traceSecret: process.env.CREDENCE_TRACE_SECRET
      ? strongEnough('CREDENCE_TRACE_SECRET', process.env.CREDENCE_TRACE_SECRET, production)
      : null,
    trustRefreshMs: process.env.TRUST_REFRESH_SECONDS === '0' ? 0 : int('TRUST_REFRESH_SECONDS', 300) * 1000,
    partnerKeyCacheMs: nonNegativeInt('PARTNER_KEY_CACHE_MS', 1000),
    devSignIn: devSignIn(production),
    webOidc: webOidc(),
    debugQueryCount: process.env.CREDENCE_DEBUG_QUERIES
      ? process.env.CREDENCE_DEBUG_QUERIES === '1'
      : !production,
  };
}

/** The password of the project's own Neo4j, generated on its first start and kept in its home. */
export function embeddedPassword(home: string): string | undefined {
  const file = resolve(home, 'credentials.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { password: string }).password;
}
