/**
 * Production bearer tokens: RS256 and ES256 JWTs of a configured issuer, verified against its JWKS, served here
 * over HTTP on loopback from keys generated in the test (nothing about verification is mocked). A second
 * gateway runs with CREDENCE_JWKS_URL's configuration; HS256 development tokens keep working beside it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../gateway.js';
import { startGateway, type Gateway } from '../../src/server.js';
import { config, driver, newUser, removeUsers } from './helpers.js';

const AUDIENCE = 'credence-api';
const users: string[] = [];
let jwksServer: Server;
let issuer: string;
let gateway: Gateway;
let jwksRequests = 0;
const keys: Record<'rsa' | 'ec' | 'stranger', CryptoKey> = {} as Record<'rsa' | 'ec' | 'stranger', CryptoKey>;

beforeAll(async () => {
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  keys.rsa = rsa.privateKey;
  keys.ec = ec.privateKey;
  keys.stranger = (await generateKeyPair('RS256')).privateKey;
  const jwks = {
    keys: [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ],
  };
  jwksServer = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => jwksServer.listen(0, '127.0.0.1', done));
  issuer = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  gateway = await startGateway({
    schema: buildSchema(),
    driver,
    config: { ...config, jwks: { url: `${issuer}/.well-known/jwks.json`, issuer, audience: AUDIENCE } },
    port: 0,
  });
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((done) => jwksServer.close(done));
  await removeUsers(users);
});

async function issuerToken(
  sub: string,
  options: {
    alg?: 'RS256' | 'ES256';
    kid?: string;
    key?: CryptoKey;
    iss?: string;
    aud?: string;
    exp?: number;
    role?: string;
  } = {},
) {
  const alg = options.alg ?? 'RS256';
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(options.role ? { role: options.role } : {})
    .setProtectedHeader({ alg, kid: options.kid ?? (alg === 'RS256' ? 'rsa-1' : 'ec-1') })
    .setSubject(sub)
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(options.exp ?? now + 300)
    .sign(options.key ?? (alg === 'RS256' ? keys.rsa : keys.ec));
}

async function me(url: string, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });
  const body = (await response.json()) as {
    data?: { me: { id: string } | null } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, body };
}

describe('bearer tokens of a configured issuer (JWKS)', () => {
  it('accepts RS256 and ES256 tokens of the issuer for the right audience, and HS256 tokens still', async () => {
    const user = await newUser();
    users.push(user.id);
    for (const alg of ['RS256', 'ES256'] as const) {
      const answer = await me(gateway.url, await issuerToken(user.id, { alg }));
      expect(answer.status, alg).toBe(200);
      expect(answer.body, alg).toEqual({ data: { me: { id: user.id } } });
    }
    expect((await me(gateway.url, user.token)).body).toEqual({ data: { me: { id: user.id } } });
    // The key set was fetched once and cached (the JWKS is not asked at every request).
    expect(jwksRequests).toBe(1);
  });

  it('carries the role claim: an issuer token with role admin is an admin', async () => {
    const answer = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await issuerToken('jwks-admin', { role: 'admin' })}`,
      },
      body: JSON.stringify({ query: '{ openDisputes(first: 1) { id } }' }),
    });
    const body = (await answer.json()) as { errors?: unknown; data: { openDisputes: unknown[] } };
    // An admin-only query: a user would get FORBIDDEN (ADMIN_ONLY).
    expect(body.errors).toBeUndefined();
    expect(Array.isArray(body.data.openDisputes)).toBe(true);
  });

  it.each([
    ['a wrong issuer', { iss: 'https://issuer.example' }, /iss/],
    ['a wrong audience', { aud: 'someone-else' }, /aud/],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 120 }, /expired/],
    ['a token signed with another key (same kid)', { key: 'stranger' as const }, /not valid/],
    ['a token naming a key the issuer does not have', { kid: 'rsa-unknown' }, /not valid/],
  ])('refuses %s with UNAUTHENTICATED (HTTP 401)', async (_, options, message) => {
    const { key, ...rest } = options as { key?: 'stranger' } & Record<string, unknown>;
    const token = await issuerToken('jwks-someone', { ...rest, ...(key ? { key: keys[key] } : {}) });
    const answer = await me(gateway.url, token);
    expect(answer.status).toBe(401);
    expect(answer.body.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(answer.body.errors![0]!.message).toMatch(message);
  });

  it('refuses issuer tokens where no JWKS is configured (the shared gateway: HS256 only)', async () => {
    const { inject } = await import('vitest');
    const answer = await me(inject('gatewayUrl'), await issuerToken('jwks-someone'));
    expect(answer.status).toBe(401);
    expect(answer.body.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('when the issuer’s key set cannot be fetched', () => {
  it('answers UNAVAILABLE (HTTP 503), not UNAUTHENTICATED: the token may well be valid', async () => {
    // A closed port on loopback: nothing answers for the JWKS.
    const unreachable = await startGateway({
      schema: buildSchema(),
      driver,
      config: { ...config, jwks: { url: 'http://127.0.0.1:1/jwks.json', issuer, audience: AUDIENCE } },
      port: 0,
    });
    try {
      const answer = await me(unreachable.url, await issuerToken('jwks-someone'));
      expect(answer.status).toBe(503);
      expect(answer.body.errors!.map((e) => e.extensions?.code)).toEqual(['UNAVAILABLE']);
    } finally {
      await unreachable.stop();
    }
  });
});
