/**
 * Configuration refusals: production does not start with secrets an attacker could brute-force, and the
 * transport settings (CORS, traces, token lifetime) have the documented defaults.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const STRONG = 's'.repeat(32);

function env(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

function production(values: Record<string, string | undefined> = {}) {
  env({
    NODE_ENV: 'production',
    CREDENCE_JWT_SECRET: STRONG,
    CREDENCE_IDENTITY_SECRET: STRONG,
    CREDENCE_TRACE_SECRET: undefined,
    CREDENCE_CORS_ORIGINS: undefined,
    ...values,
  });
}

describe('production secrets', () => {
  it('starts with 32-byte secrets', () => {
    production();
    expect(loadConfig().jwtSecret).toBe(STRONG);
  });

  it('refuses a CREDENCE_JWT_SECRET of 31 bytes', () => {
    production({ CREDENCE_JWT_SECRET: 's'.repeat(31) });
    expect(() => loadConfig()).toThrow(
      'CREDENCE_JWT_SECRET must be at least 32 bytes when NODE_ENV=production',
    );
  });

  it('counts bytes, not characters: 16 two-byte characters are 32 bytes, 15 are not', () => {
    production({ CREDENCE_JWT_SECRET: 'é'.repeat(16) });
    expect(loadConfig().jwtSecret).toBe('é'.repeat(16));
    production({ CREDENCE_JWT_SECRET: 'é'.repeat(15) });
    expect(() => loadConfig()).toThrow(/CREDENCE_JWT_SECRET must be at least 32 bytes/);
  });

  it('refuses a short CREDENCE_IDENTITY_SECRET and a short CREDENCE_TRACE_SECRET', () => {
    production({ CREDENCE_IDENTITY_SECRET: 'short' });
    expect(() => loadConfig()).toThrow(/CREDENCE_IDENTITY_SECRET must be at least 32 bytes/);
    production({ CREDENCE_TRACE_SECRET: 'short' });
    expect(() => loadConfig()).toThrow(/CREDENCE_TRACE_SECRET must be at least 32 bytes/);
  });

  it('refuses to start without the secrets', () => {
    production({ CREDENCE_JWT_SECRET: undefined });
    expect(() => loadConfig()).toThrow('CREDENCE_JWT_SECRET must be set when NODE_ENV=production');
  });

  it('outside production a short secret is the developer’s business', () => {
    env({ NODE_ENV: 'test', CREDENCE_JWT_SECRET: 'dev' });
    expect(loadConfig().jwtSecret).toBe('dev');
  });
});

describe('transport defaults', () => {
  it('production: no CORS origin, no traces, tokens at most 24 h, 300 anonymous requests a minute', () => {
    production({ CREDENCE_JWT_MAX_LIFETIME_SECONDS: undefined, RATE_LIMIT_ANONYMOUS_PER_MINUTE: undefined });
    const config = loadConfig();
    expect(config.corsOrigins).toEqual([]);
    expect(config.traceSecret).toBeNull();
    expect(config.jwtMaxLifetimeSeconds).toBe(86_400);
    expect(config.rateLimits.anonymousPerMinute).toBe(300);
    expect(config.trustProxyHops).toBe(0);
    expect(config.oidc).toEqual({ maxTokenAgeSeconds: 600, identityValidityDays: 90 });
  });

  it('outside production any origin may call (Apollo Sandbox)', () => {
    env({ NODE_ENV: 'development', CREDENCE_CORS_ORIGINS: undefined });
    expect(loadConfig().corsOrigins).toBe('*');
  });

  it('reads a list of origins and refuses what is not an origin', () => {
    production({ CREDENCE_CORS_ORIGINS: 'https://app.example, https://partner.example:8443' });
    expect(loadConfig().corsOrigins).toEqual(['https://app.example', 'https://partner.example:8443']);
    production({ CREDENCE_CORS_ORIGINS: 'https://app.example/' });
    expect(() => loadConfig()).toThrow(/CREDENCE_CORS_ORIGINS must list origins/);
    production({ CREDENCE_CORS_ORIGINS: 'app.example' });
    expect(() => loadConfig()).toThrow(/CREDENCE_CORS_ORIGINS must list origins/);
  });

  it('refuses a token lifetime of 0', () => {
    production({ CREDENCE_JWT_MAX_LIFETIME_SECONDS: '0' });
    expect(() => loadConfig()).toThrow(/CREDENCE_JWT_MAX_LIFETIME_SECONDS must be a positive integer/);
  });
});

describe('the schema of the environment', () => {
  it('documents every variable with a type and a description', async () => {
    const { variableDocs } = await import('../../src/config.js');
    for (const { name, doc } of variableDocs()) {
      expect(doc.type, name).not.toBe('');
      expect(doc.description.length, name).toBeGreaterThan(10);
    }
  });

  it('reports CREDENCE_* variables it does not know, and only those', async () => {
    const { unknownVariables } = await import('../../src/config.js');
    expect(
      unknownVariables({
        CREDENCE_JWT_SECRET: 'x',
        CREDENCE_JWT_SECRE: 'typo',
        PATH: '/bin',
        CREDENCE_X: '',
      }),
    ).toEqual(['CREDENCE_JWT_SECRE', 'CREDENCE_X']);
  });

  it('names every wrong variable in one refusal', () => {
    env({ NODE_ENV: 'test', PORT: 'eighty', TRUST_REFRESH_SECONDS: '-1', CREDENCE_LOG_LEVEL: 'loud' });
    expect(() => loadConfig()).toThrow(
      /PORT must be an integer, 0 or more, got "eighty".*TRUST_REFRESH_SECONDS/,
    );
    env({ PORT: undefined, TRUST_REFRESH_SECONDS: undefined });
    expect(() => loadConfig()).toThrow(/loud/);
  });

  it('counts an empty value as unset, and 0 turns the trust schedule off', () => {
    env({ NODE_ENV: 'test', PORT: '', TRUST_REFRESH_SECONDS: '0', CREDENCE_LOG_LEVEL: undefined });
    const config = loadConfig();
    expect(config.port).toBe(4000);
    expect(config.trustRefreshMs).toBe(0);
    expect(config.logLevel).toBe('info');
    expect(config.metrics).toEqual({ enabled: true, token: null, maxOperations: 100 });
  });

  it('refuses a short metrics token in production', () => {
    production({ CREDENCE_METRICS_TOKEN: 'short' });
    expect(() => loadConfig()).toThrow(/CREDENCE_METRICS_TOKEN must be at least 32 bytes/);
  });
});

describe('development sign-in of the web app', () => {
  it('is on by default outside production and off in it', () => {
    env({ NODE_ENV: undefined, CREDENCE_DEV_SIGN_IN: undefined });
    expect(loadConfig().devSignIn).toBe(true);
    production({ CREDENCE_DEV_SIGN_IN: undefined });
    expect(loadConfig().devSignIn).toBe(false);
  });

  it('refuses to start in production with CREDENCE_DEV_SIGN_IN=1', () => {
    production({ CREDENCE_DEV_SIGN_IN: '1' });
    expect(() => loadConfig()).toThrow(/CREDENCE_DEV_SIGN_IN=1 is refused/);
  });

  it('can be turned off outside production', () => {
    env({ NODE_ENV: undefined, CREDENCE_DEV_SIGN_IN: '0' });
    expect(loadConfig().devSignIn).toBe(false);
  });
});

describe("the web app's OpenID Connect sign-in", () => {
  it('is off without a client id, and needs the provider whose tokens the gateway accepts', () => {
    env({ CREDENCE_WEB_OIDC_CLIENT_ID: undefined, CREDENCE_JWKS_URL: undefined });
    expect(loadConfig().webOidc).toBeNull();
    env({ CREDENCE_WEB_OIDC_CLIENT_ID: 'credence-web' });
    expect(() => loadConfig()).toThrow(/CREDENCE_WEB_OIDC_CLIENT_ID needs CREDENCE_JWKS_URL/);
    env({
      CREDENCE_JWKS_URL: 'https://id.example/jwks',
      CREDENCE_JWT_ISSUER: 'https://id.example',
      CREDENCE_JWT_AUDIENCE: 'credence-api',
    });
    expect(loadConfig().webOidc).toEqual({
      issuer: 'https://id.example',
      clientId: 'credence-web',
      scope: 'openid',
    });
  });
});
