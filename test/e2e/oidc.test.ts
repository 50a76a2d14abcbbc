/**
 * The web app's OpenID Connect sign-in in Chromium: the authorization code flow with PKCE against a small
 * identity provider run by the test (discovery, authorize, token, JWKS), and a gateway configured to accept its
 * tokens (CREDENCE_JWKS_URL / CREDENCE_JWT_ISSUER / CREDENCE_JWT_AUDIENCE, CREDENCE_WEB_OIDC_CLIENT_ID).
 * The provider refuses a token request whose code_verifier does not match the challenge (PKCE S256).
 */
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import cors from 'cors';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type RunningGateway } from '../../gateway.js';
import { loadConfig } from '../../src/config.js';
import { cypher, removeUsers, unique } from '../integration/helpers.js';
import { findChromium } from './browser.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLIENT_ID = 'credence-web';
const AUDIENCE = 'credence-api';
const person = unique('oidc');
let provider: Server;
let issuer = '';
let gateway: RunningGateway;
let browser: Browser;
const tokenRequests: { pkceMatched: boolean }[] = [];

async function startProvider(): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  const app = express();
  app.use(cors());
  app.get('/.well-known/openid-configuration', (_req, res) =>
    res.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    }),
  );
  app.get('/jwks', (_req, res) => res.json({ keys: [jwk] }));
  // Signs the person in at once (a real provider would ask), then sends the browser back with a code.
  app.get('/authorize', (req, res) => {
    const q = req.query as Record<string, string>;
    if (q.client_id !== CLIENT_ID || q.code_challenge_method !== 'S256' || !q.code_challenge) {
      res.status(400).send('bad authorization request');
      return;
    }
    const code = randomBytes(16).toString('hex');
    codes.set(code, { challenge: q.code_challenge, nonce: q.nonce ?? '', redirectUri: q.redirect_uri! });
    res.redirect(`${q.redirect_uri}?${new URLSearchParams({ code, state: q.state ?? '' })}`);
  });
  app.post('/token', express.urlencoded({ extended: false }), async (req, res) => {
    const body = req.body as Record<string, string>;
    const grant = codes.get(body.code ?? '');
    codes.delete(body.code ?? '');
    const challenge = createHash('sha256')
      .update(body.code_verifier ?? '')
      .digest('base64url');
    tokenRequests.push({ pkceMatched: grant?.challenge === challenge });
    if (!grant || grant.challenge !== challenge || grant.redirectUri !== body.redirect_uri) {
      res.status(400).json({ error: 'invalid_grant' });
      return;
    }
    const sign = (claims: Record<string, unknown>, audience: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setSubject(person)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    res.json({
      token_type: 'Bearer',
      expires_in: 600,
      access_token: await sign({ role: 'user' }, AUDIENCE),
      id_token: await sign({ nonce: grant.nonce }, CLIENT_ID),
    });
  });
  provider = createServer(app);
  await new Promise<void>((done) => provider.listen(0, '127.0.0.1', done));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const built = spawnSync('node', ['scripts/ensure-web.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the web app did not build');
  const executablePath = findChromium();
  await startProvider();
  const base = loadConfig();
  gateway = await createGateway(
    {
      ...base,
      jwks: { url: `${issuer}/jwks`, issuer, audience: AUDIENCE },
      webOidc: { issuer, clientId: CLIENT_ID, scope: 'openid' },
    },
    { port: 0 },
  );
  await cypher(
    `CREATE (:User {id: $id, handle: $id, displayName: 'Olga Oidc', status: 'ACTIVE', createdAt: datetime(),
                    scoringConsent: false})`,
    { id: person },
  );
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await new Promise((done) => provider?.close(done));
  await removeUsers([person]);
});

describe('OpenID Connect sign-in in the web app', { timeout: 300_000 }, () => {
  it('signs a person in with the code flow and PKCE, and the gateway accepts the token', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(120_000);
    page.setDefaultNavigationTimeout(120_000);
    const app = `http://127.0.0.1:${gateway.port}/app/`;
    await page.goto(app);
    await page.getByRole('button', { name: 'Sign in with your identity provider' }).click();
    await page.waitForURL(/\/app\/score$/);
    // The token worked: the gateway answered `me` for the provider's subject (who has not opted in to scoring).
    await page.getByText('You have not opted in to scoring.').waitFor();
    expect(tokenRequests).toEqual([{ pkceMatched: true }]);
    const session = JSON.parse((await page.evaluate(() => sessionStorage.getItem('credence.session')))!) as {
      kind: string;
      userId: string;
    };
    expect(session).toMatchObject({ kind: 'person', userId: person });
    await page.close();
  });

  it('tells the app which sign-ins this server offers', async () => {
    const config = (await (await fetch(`http://127.0.0.1:${gateway.port}/app/config.json`)).json()) as {
      oidc: { issuer: string; clientId: string };
    };
    expect(config.oidc).toEqual({ issuer, clientId: CLIENT_ID, scope: 'openid' });
  });
});
