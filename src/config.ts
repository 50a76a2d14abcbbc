import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything Credence reads from the environment, typed (the variables: ENVIRONMENT below). */
export interface Config {
  readonly port: number;
  /** The address the HTTP server binds (HOST, default 127.0.0.1; 0.0.0.0 in a container). */
  readonly host: string;
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
  /** pino's level for the JSON log on stdout (CREDENCE_LOG_LEVEL); request lines are `info`. */
  readonly logLevel: LogLevel;
  readonly metrics: {
    /** Whether /metrics is served and requests are measured (CREDENCE_METRICS). */
    readonly enabled: boolean;
    /** Bearer token /metrics asks for (CREDENCE_METRICS_TOKEN); null: open (bind it to a private network). */
    readonly token: string | null;
    /** Distinct operation names that get their own label; later names are counted as "other". */
    readonly maxOperations: number;
  };
  /** OTLP/HTTP endpoint of traces (OTEL_EXPORTER_OTLP_ENDPOINT); null: no tracing, nothing loaded. */
  readonly otlpEndpoint: string | null;
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

/** Shortest secret production accepts: 256 bits, the HMAC-SHA256 key size (RFC 7518 §3.2 asks no less). */
export const MIN_SECRET_BYTES = 32;

/** What docs/configuration.md says of a variable (scripts/config-docs.ts renders it). */
export interface VariableDoc {
  readonly type: string;
  /** The default as an operator would write it; absent: unset. */
  readonly default?: string;
  readonly description: string;
  /** Never printed, and held to MIN_SECRET_BYTES in production. */
  readonly secret?: boolean;
  readonly group: string;
}

const docs = new Map<z.ZodType, VariableDoc>();
function variable<S extends z.ZodType>(schema: S, doc: VariableDoc): S {
  docs.set(schema, doc);
  return schema;
}

/** An environment variable set to '' counts as unset (as a shell's `VAR=` means). */
const text = () =>
  z.preprocess((raw) => (raw === '' ? undefined : raw), z.string().optional()) as z.ZodType<
    string | undefined,
    unknown
  >;

function integer(name: string, fallback: number, min: 0 | 1) {
  return text().transform((raw, ctx) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min) return value;
    ctx.addIssue({
      code: 'custom',
      message:
        min === 1
          ? `${name} must be a positive integer, got "${raw}"`
          : `${name} must be an integer, 0 or more, got "${raw}"`,
    });
    return z.NEVER;
  });
}

function url(name: string) {
  return text().refine((raw) => raw === undefined || URL.canParse(raw), {
    message: `${name} must be a URL`,
  });
}

function flag(name: string) {
  return text().refine((raw) => raw === undefined || raw === '0' || raw === '1', {
    message: `${name} must be 0 or 1`,
  });
}

const SERVER = 'Server';
const NEO4J = 'Neo4j';
const AUTH = 'Authentication and secrets';
const LIMITS = 'Rate limits and quotas';
const TRUST = 'Trust computation';
const OBSERVABILITY = 'Logs, metrics and traces';

/**
 * Every variable Credence reads, with its type, default and description: the single source of the validation
 * below and of docs/configuration.md (`npm run docs:config`; `npm test` fails when that file is stale).
 */
export const ENVIRONMENT = {
  NODE_ENV: variable(text(), {
    group: SERVER,
    type: 'string',
    description:
      '`production` masks internal errors, turns introspection, the landing page and query counts off, and refuses missing or short secrets. Anything else is development.',
  }),
  HOST: variable(text(), {
    group: SERVER,
    type: 'string',
    default: '127.0.0.1',
    description: 'Address the HTTP server binds; `0.0.0.0` in a container.',
  }),
  PORT: variable(integer('PORT', 4000, 0), {
    group: SERVER,
    type: 'integer',
    default: '4000',
    description:
      'HTTP port of GraphQL (`/graphql`), `/health`, `/ready` and `/metrics`; 0 takes any free port (the `ready` log line names it).',
  }),
  CREDENCE_CORS_ORIGINS: variable(z.string().optional(), {
    group: SERVER,
    type: 'comma-separated origins, or `*`',
    description:
      'Cross-origin browser pages that may call the API. Unset: none in production, any outside it (Apollo Sandbox). Set but empty: none.',
  }),
  CREDENCE_TRUST_PROXY: variable(integer('CREDENCE_TRUST_PROXY', 0, 0), {
    group: SERVER,
    type: 'integer',
    default: '0',
    description:
      "Express's `trust proxy` hop count: how many proxies in front of the gateway may set X-Forwarded-For. Behind one load balancer set 1, or every anonymous caller shares the balancer's address and its rate limit.",
  }),
  CREDENCE_DEBUG_QUERIES: variable(flag('CREDENCE_DEBUG_QUERIES'), {
    group: SERVER,
    type: '0 or 1',
    default: '1 outside production, 0 in it',
    description:
      'Whether a caller may ask for `extensions.neo4jQueries` (header `x-credence-debug: queries`); the benchmark turns it on in production.',
  }),
  NEO4J_URI: variable(url('NEO4J_URI'), {
    group: NEO4J,
    type: 'URL',
    description:
      'An external Neo4j (`neo4j://` routes in a cluster, `bolt://` one server). Unset: `npm start` runs the project’s own Neo4j on loopback. `node dist/main.js` needs it in production.',
  }),
  NEO4J_USER: variable(text(), {
    group: NEO4J,
    type: 'string',
    default: 'neo4j',
    description: 'Neo4j user.',
  }),
  NEO4J_PASSWORD: variable(text(), {
    group: NEO4J,
    type: 'string',
    secret: true,
    description:
      'Neo4j password; required with NEO4J_URI. The project’s own Neo4j keeps a generated one in `NEO4J_HOME_DIR/credentials.json`.',
  }),
  NEO4J_DATABASE: variable(text(), {
    group: NEO4J,
    type: 'string',
    description: 'Database name; unset: the server’s default database.',
  }),
  NEO4J_BOLT_PORT: variable(integer('NEO4J_BOLT_PORT', 7687, 1), {
    group: NEO4J,
    type: 'integer',
    default: '7687',
    description: 'Bolt port of the project’s own Neo4j (its only listening port; HTTP is off).',
  }),
  NEO4J_HOME_DIR: variable(text(), {
    group: NEO4J,
    type: 'path',
    default: '.neo4j',
    description: 'Home (data, logs, credentials) of the project’s own Neo4j.',
  }),
  NEO4J_HEAP: variable(text(), {
    group: NEO4J,
    type: 'size',
    default: '512m',
    description: 'Heap of the project’s own Neo4j.',
  }),
  NEO4J_PAGECACHE: variable(text(), {
    group: NEO4J,
    type: 'size',
    default: '128m',
    description: 'Page cache of the project’s own Neo4j.',
  }),
  CREDENCE_JWT_SECRET: variable(text(), {
    group: AUTH,
    type: 'string',
    secret: true,
    default: 'a development secret, outside production only',
    description:
      'HS256 secret of bearer tokens (development tokens, tests, and any issuer sharing the secret). Production: required, at least 32 bytes.',
  }),
  CREDENCE_IDENTITY_SECRET: variable(text(), {
    group: AUTH,
    type: 'string',
    secret: true,
    default: 'a development secret, outside production only',
    description:
      'Key of the keyed hash under which external identity subjects are stored. Production: required, at least 32 bytes; changing it orphans every linked identity.',
  }),
  CREDENCE_JWKS_URL: variable(url('CREDENCE_JWKS_URL'), {
    group: AUTH,
    type: 'URL',
    description:
      'JWKS of the production token issuer (RS256/ES256). Needs CREDENCE_JWT_ISSUER and CREDENCE_JWT_AUDIENCE; unset: HS256 tokens only.',
  }),
  CREDENCE_JWT_ISSUER: variable(text(), {
    group: AUTH,
    type: 'string',
    description: '`iss` every JWKS-verified token must carry.',
  }),
  CREDENCE_JWT_AUDIENCE: variable(text(), {
    group: AUTH,
    type: 'string',
    description: '`aud` every JWKS-verified token must carry.',
  }),
  CREDENCE_DEV_SIGN_IN: variable(flag('CREDENCE_DEV_SIGN_IN'), {
    group: AUTH,
    type: '0 or 1',
    default: '1 outside production, 0 in it',
    description:
      "The web app's development sign-in: `GET /dev/people` and `POST /dev/token` mint a token for any existing account. Production refuses to start with 1.",
  }),
  CREDENCE_WEB_OIDC_CLIENT_ID: variable(text(), {
    group: AUTH,
    type: 'string',
    description:
      "The web app's client id at the identity provider CREDENCE_JWT_ISSUER: the app then signs people in with the OpenID Connect code flow and PKCE (a public client; register `<origin>/app/callback` as its redirect URI). Needs CREDENCE_JWKS_URL, CREDENCE_JWT_ISSUER and CREDENCE_JWT_AUDIENCE; the app sends the access token when it is a JWT, else the ID token.",
  }),
  CREDENCE_WEB_OIDC_SCOPE: variable(text(), {
    group: AUTH,
    type: 'space-separated scopes',
    default: 'openid',
    description: 'Scopes the web app asks the identity provider for.',
  }),
  CREDENCE_JWT_MAX_LIFETIME_SECONDS: variable(integer('CREDENCE_JWT_MAX_LIFETIME_SECONDS', 86_400, 1), {
    group: AUTH,
    type: 'integer (seconds)',
    default: '86400',
    description:
      'Longest a bearer token may live: `exp` is required and at most this far after `iat` and now.',
  }),
  CREDENCE_ID_TOKEN_MAX_AGE_SECONDS: variable(integer('CREDENCE_ID_TOKEN_MAX_AGE_SECONDS', 600, 1), {
    group: AUTH,
    type: 'integer (seconds)',
    default: '600',
    description: 'Oldest OpenID Connect ID token (by `iat`) accepted for linking an identity.',
  }),
  CREDENCE_IDENTITY_VALIDITY_DAYS: variable(integer('CREDENCE_IDENTITY_VALIDITY_DAYS', 90, 1), {
    group: AUTH,
    type: 'integer (days)',
    default: '90',
    description: 'How long a linked identity counts when its provider sets no validity of its own.',
  }),
  CREDENCE_TRACE_SECRET: variable(text(), {
    group: AUTH,
    type: 'string',
    secret: true,
    description:
      'Federated (ftv1) traces go only to a router sending this in `x-credence-trace-secret` (at least 32 bytes in production). Unset: none in production; any caller asking outside it.',
  }),
  PARTNER_KEY_CACHE_MS: variable(integer('PARTNER_KEY_CACHE_MS', 1000, 0), {
    group: AUTH,
    type: 'integer (ms)',
    default: '1000',
    description:
      'How long a partner API key found valid is trusted without a lookup, per process (a revoked key is refused within this time); 0 looks every key up. Eligibility decisions re-check the key anyway.',
  }),
  RATE_LIMIT_USER_PER_MINUTE: variable(integer('RATE_LIMIT_USER_PER_MINUTE', 600, 0), {
    group: LIMITS,
    type: 'integer',
    default: '600',
    description: 'Requests per minute per signed-in person, per process (N instances allow N×); 0: off.',
  }),
  RATE_LIMIT_PARTNER_PER_MINUTE: variable(integer('RATE_LIMIT_PARTNER_PER_MINUTE', 3000, 0), {
    group: LIMITS,
    type: 'integer',
    default: '3000',
    description: 'Requests per minute per partner API key, per process (N instances allow N×); 0: off.',
  }),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: variable(integer('RATE_LIMIT_ANONYMOUS_PER_MINUTE', 300, 0), {
    group: LIMITS,
    type: 'integer',
    default: '300',
    description:
      'Requests per minute per anonymous client address, per process (N instances allow N×); 0: off.',
  }),
  CREDENCE_CHECKS_PER_PERSON_PER_DAY: variable(integer('CREDENCE_CHECKS_PER_PERSON_PER_DAY', 20, 1), {
    group: LIMITS,
    type: 'integer',
    default: '20',
    description: 'Eligibility checks of one person by one partner per day (counted in Neo4j).',
  }),
  CREDENCE_PERK_RULE_CHANGES_PER_DAY: variable(integer('CREDENCE_PERK_RULE_CHANGES_PER_DAY', 3, 1), {
    group: LIMITS,
    type: 'integer',
    default: '3',
    description: 'Rule changes of one perk per day (stored on the perk).',
  }),
  CREDENCE_ACTIVE_PERKS_PER_PARTNER: variable(integer('CREDENCE_ACTIVE_PERKS_PER_PARTNER', 20, 1), {
    group: LIMITS,
    type: 'integer',
    default: '20',
    description: 'Active perks one partner may have.',
  }),
  CREDENCE_INQUIRIES_PER_PARTNER_PER_DAY: variable(
    integer('CREDENCE_INQUIRIES_PER_PARTNER_PER_DAY', 200_000, 1),
    {
      group: LIMITS,
      type: 'integer',
      default: '200000',
      description:
        'Eligibility inquiries per partner per day, per process (a load bound, N instances allow N×).',
    },
  ),
  CREDENCE_EVENTS_PER_PERSON_PER_DAY: variable(integer('CREDENCE_EVENTS_PER_PERSON_PER_DAY', 3, 1), {
    group: LIMITS,
    type: 'integer',
    default: '3',
    description: 'Events one partner may record about one person in 24 hours (counted in Neo4j).',
  }),
  CREDENCE_RATINGS_PER_PAIR_PER_DAY: variable(integer('CREDENCE_RATINGS_PER_PAIR_PER_DAY', 3, 1), {
    group: LIMITS,
    type: 'integer',
    default: '3',
    description: 'Ratings one person may give the same person in 24 hours (counted in Neo4j).',
  }),
  TRUST_REFRESH_SECONDS: variable(integer('TRUST_REFRESH_SECONDS', 300, 0), {
    group: TRUST,
    type: 'integer (seconds)',
    default: '300',
    description:
      'How often graphs with stale NETWORK trust are recomputed in full (in a child process); 0 turns the schedule off.',
  }),
  CREDENCE_LOG_LEVEL: variable(
    z.preprocess(
      (raw) => (raw === '' ? undefined : raw),
      z
        .enum(LOG_LEVELS, {
          error: (issue) =>
            `CREDENCE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${String(issue.input)}"`,
        })
        .default('info'),
    ),
    {
      group: OBSERVABILITY,
      type: LOG_LEVELS.map((level) => `\`${level}\``).join(', '),
      default: 'info',
      description:
        'Level of the JSON log (pino) on stdout. Every request is one `info` line; `warn` keeps errors and refusals of the process only.',
    },
  ),
  CREDENCE_METRICS: variable(flag('CREDENCE_METRICS'), {
    group: OBSERVABILITY,
    type: '0 or 1',
    default: '1',
    description: 'Prometheus metrics at `/metrics` (prom-client); 0 serves none and measures nothing.',
  }),
  CREDENCE_METRICS_TOKEN: variable(text(), {
    group: OBSERVABILITY,
    type: 'string',
    secret: true,
    description:
      '`/metrics` answers only `Authorization: Bearer <this>` (at least 32 bytes in production). Unset: open, so keep the port on a private network.',
  }),
  CREDENCE_METRICS_MAX_OPERATIONS: variable(integer('CREDENCE_METRICS_MAX_OPERATIONS', 100, 1), {
    group: OBSERVABILITY,
    type: 'integer',
    default: '100',
    description:
      'Distinct GraphQL operation names that get their own metric label, first come first served; later names (and requests that fail before their operation is known) are labelled `other`, so the series stay bounded.',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: variable(url('OTEL_EXPORTER_OTLP_ENDPOINT'), {
    group: OBSERVABILITY,
    type: 'URL',
    description:
      'OpenTelemetry: spans (HTTP, GraphQL, every Neo4j statement) go by OTLP/HTTP to `<this>/v1/traces`, joining the caller’s W3C `traceparent`. Unset: no tracing code is loaded. The other standard `OTEL_*` variables (OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, …) apply.',
  }),
};

export type Environment = { [K in keyof typeof ENVIRONMENT]: z.output<(typeof ENVIRONMENT)[K]> };

/** The documented variables, for docs/configuration.md. */
export function variableDocs(): { name: string; doc: VariableDoc }[] {
  return Object.entries(ENVIRONMENT).map(([name, schema]) => ({ name, doc: docs.get(schema)! }));
}

/** CREDENCE_* variables set but not known here: usually a typo, reported at start. */
export function unknownVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('CREDENCE_') && !(name in ENVIRONMENT))
    .sort();
}

/** Parses and validates the environment; one error listing every variable that is wrong. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = z.object(ENVIRONMENT).safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data as Environment;
}

function strongEnough(name: string, value: string, production: boolean): string {
  if (production && Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES)
    throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes when NODE_ENV=production`);
  return value;
}

function secret(name: string, value: string | undefined, production: boolean): string {
  if (value) return strongEnough(name, value, production);
  // A development default keeps `npm start` a single command; production refuses to run without real secrets.
  if (production) throw new Error(`${name} must be set when NODE_ENV=production`);
  return DEV_SECRET;
}

function webOidc(env: Environment): Config['webOidc'] {
  const clientId = env.CREDENCE_WEB_OIDC_CLIENT_ID;
  if (!clientId) return null;
  const issuer = env.CREDENCE_JWT_ISSUER;
  if (!env.CREDENCE_JWKS_URL || !issuer)
    throw new Error(
      'CREDENCE_WEB_OIDC_CLIENT_ID needs CREDENCE_JWKS_URL, CREDENCE_JWT_ISSUER and CREDENCE_JWT_AUDIENCE (the provider whose tokens the gateway accepts)',
    );
  return { issuer, clientId, scope: env.CREDENCE_WEB_OIDC_SCOPE ?? 'openid' };
}

function devSignIn(raw: string | undefined, production: boolean): boolean {
  if (production && raw === '1')
    throw new Error(
      'CREDENCE_DEV_SIGN_IN=1 is refused when NODE_ENV=production (it lets anyone act as anyone)',
    );
  return raw === undefined ? !production : raw === '1';
}

/** All three JWKS variables, or none. */
function jwks(env: Environment): Config['jwks'] {
  const { CREDENCE_JWKS_URL: url, CREDENCE_JWT_ISSUER: issuer, CREDENCE_JWT_AUDIENCE: audience } = env;
  if (!url) {
    if (issuer || audience)
      throw new Error('CREDENCE_JWT_ISSUER and CREDENCE_JWT_AUDIENCE need CREDENCE_JWKS_URL');
    return null;
  }
  if (!issuer || !audience)
    throw new Error(
      'CREDENCE_JWKS_URL needs CREDENCE_JWT_ISSUER and CREDENCE_JWT_AUDIENCE (both are checked)',
    );
  return { url, issuer, audience };
}

function corsOrigins(raw: string | undefined, production: boolean): Config['corsOrigins'] {
  if (raw === undefined) return production ? [] : '*';
  if (raw.trim() === '*') return '*';
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    // An origin is scheme://host[:port]: a path or a trailing slash would never match a browser's Origin header.
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      throw new Error(`CREDENCE_CORS_ORIGINS must list origins like https://app.example, got "${origin}"`);
  }
  return origins;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = readEnvironment(source);
  const production = env.NODE_ENV === 'production';
  return {
    port: env.PORT,
    host: env.HOST ?? '127.0.0.1',
    production,
    neo4j: {
      externalUri: env.NEO4J_URI,
      user: env.NEO4J_USER ?? 'neo4j',
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE,
      boltPort: env.NEO4J_BOLT_PORT,
      home: resolve(env.NEO4J_HOME_DIR ?? '.neo4j'),
      heap: env.NEO4J_HEAP ?? '512m',
      pageCache: env.NEO4J_PAGECACHE ?? '128m',
    },
    jwtSecret: secret('CREDENCE_JWT_SECRET', env.CREDENCE_JWT_SECRET, production),
    identityHashSecret: secret('CREDENCE_IDENTITY_SECRET', env.CREDENCE_IDENTITY_SECRET, production),
    jwks: jwks(env),
    // Generous defaults: a person's client or a partner's integration stays far below them; abuse does not.
    rateLimits: {
      userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
      partnerPerMinute: env.RATE_LIMIT_PARTNER_PER_MINUTE,
      anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    },
    trustProxyHops: env.CREDENCE_TRUST_PROXY,
    jwtMaxLifetimeSeconds: env.CREDENCE_JWT_MAX_LIFETIME_SECONDS,
    oidc: {
      maxTokenAgeSeconds: env.CREDENCE_ID_TOKEN_MAX_AGE_SECONDS,
      identityValidityDays: env.CREDENCE_IDENTITY_VALIDITY_DAYS,
    },
    corsOrigins: corsOrigins(env.CREDENCE_CORS_ORIGINS, production),
    traceSecret: env.CREDENCE_TRACE_SECRET
      ? strongEnough('CREDENCE_TRACE_SECRET', env.CREDENCE_TRACE_SECRET, production)
      : null,
    trustRefreshMs: env.TRUST_REFRESH_SECONDS * 1000,
    partnerKeyCacheMs: env.PARTNER_KEY_CACHE_MS,
    debugQueryCount: env.CREDENCE_DEBUG_QUERIES ? env.CREDENCE_DEBUG_QUERIES === '1' : !production,
    logLevel: env.CREDENCE_LOG_LEVEL,
    metrics: {
      enabled: env.CREDENCE_METRICS !== '0',
      token: env.CREDENCE_METRICS_TOKEN
        ? strongEnough('CREDENCE_METRICS_TOKEN', env.CREDENCE_METRICS_TOKEN, production)
        : null,
      maxOperations: env.CREDENCE_METRICS_MAX_OPERATIONS,
    },
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    devSignIn: devSignIn(env.CREDENCE_DEV_SIGN_IN, production),
    webOidc: webOidc(env),
  };
}

/** The password of the project's own Neo4j, generated on its first start and kept in its home. */
export function embeddedPassword(home: string): string | undefined {
  const file = resolve(home, 'credentials.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { password: string }).password;
}
