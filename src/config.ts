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
  /** Requests per minute per signed-in person and per partner API key; 0 turns that limit off. */
  readonly rateLimits: { readonly userPerMinute: number; readonly partnerPerMinute: number };
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

function secret(name: string, production: boolean): string {
  const value = process.env[name];
  if (value) return value;
  // A development default keeps `npm start` a single command; production refuses to run without real secrets.
  if (production) throw new Error(`${name} must be set when NODE_ENV=production`);
  return DEV_SECRET;
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
    },
    trustRefreshMs: process.env.TRUST_REFRESH_SECONDS === '0' ? 0 : int('TRUST_REFRESH_SECONDS', 300) * 1000,
    partnerKeyCacheMs: nonNegativeInt('PARTNER_KEY_CACHE_MS', 1000),
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
