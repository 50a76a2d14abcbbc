/**
 * Verified identity linking against a real local OpenID provider: keys generated here, the JWKS served over
 * HTTP on loopback, ID tokens signed with jose. Nothing about verification is mocked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, codes, cypher, gql, newUser, removeUsers, unique } from './helpers.js';

const users: string[] = [];
const provider = unique('oidc').toLowerCase();
const audience = 'credence-tests';
let issuer: string;
let server: Server;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
const KID = 'test-key-1';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    if (req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const configured = await gql(
    'mutation($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { name } }',
    {
      input: {
        name: provider,
        issuer,
        audience,
        jwksUri: `${issuer}/jwks`,
        assurance: 'SUBSTANTIAL',
        acrAssurance: [{ acr: 'urn:test:loa:high', assurance: 'HIGH' }],
      },
    },
    { token: await adminToken() },
  );
  if (configured.errors) throw new Error(JSON.stringify(configured.errors));
});

afterAll(async () => {
  await cypher('MATCH (n:IdentityLinkNonce) WHERE n.userId IN $users DELETE n', { users });
  await removeUsers(users);
  await cypher('MATCH (p:IdentityProvider {name: $provider}) DELETE p', { provider });
  await cypher(
    "MATCH (a:AuditEntry {action: 'IDENTITY_PROVIDER_CONFIGURED', targetId: $provider}) DELETE a",
    {
      provider,
    },
  );
  await new Promise((done) => server.close(done));
});

async function idToken(
  claims: Record<string, unknown> & { sub: string },
  options: { key?: CryptoKey; aud?: string; iss?: string; exp?: number; iat?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? audience)
    .setIssuedAt(options.iat ?? now - 60)
    .setExpirationTime(options.exp ?? now + 300)
    .sign(options.key ?? signingKey);
}

/** Step 1 of linking: a nonce Credence issues to this person for the provider. */
async function nonceFor(token: string, name = provider): Promise<string> {
  const started = await gql<{ startIdentityLink: { nonce: string } }>(
    'mutation($provider: String!) { startIdentityLink(provider: $provider) { nonce expiresAt } }',
    { provider: name },
    { token },
  );
  if (started.errors) throw new Error(JSON.stringify(started.errors));
  return started.data!.startIdentityLink.nonce;
}

const LINK =
  'mutation($input: LinkVerifiedIdentityInput!) { linkVerifiedIdentity(input: $input) { provider assurance } }';
const reason = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  r.errors?.[0]?.extensions?.reason;

describe('linkVerifiedIdentity (OpenID Connect)', () => {
  it('links a valid token, with the assurance from configuration or acr, storing only the keyed hash of sub', async () => {
    const user = await newUser();
    users.push(user.id);
    await gql('mutation { setScoringConsent(enabled: true) { id } }', {}, { token: user.token });
    const sub = unique('oidc-subject');
    const nonce = await nonceFor(user.token);
    const linked = await gql(
      LINK,
      { input: { provider, idToken: await idToken({ sub, nonce }), nonce } },
      {
        token: user.token,
      },
    );
    expect(linked.data).toEqual({ linkVerifiedIdentity: { provider, assurance: 'SUBSTANTIAL' } });
    // The score follows at once: one SUBSTANTIAL identity, IDENTITY = 0.75·0.35 = 0.2625 (age ≈ 0),
    // 450 + 0.25·0.2625·600 = 489.375 → 489.
    const scored = await gql<{ me: { trustScore: { value: number } } }>(
      '{ me { trustScore { value } } }',
      {},
      { token: user.token },
    );
    expect(scored.data!.me.trustScore.value).toBe(489);
    const highNonce = await nonceFor(user.token);
    const high = await gql(
      LINK,
      {
        input: {
          provider,
          idToken: await idToken({ sub: unique('s'), acr: 'urn:test:loa:high', nonce: highNonce }),
          nonce: highNonce,
        },
      },
      {
        token: user.token,
      },
    );
    expect(high.data).toEqual({ linkVerifiedIdentity: { provider, assurance: 'HIGH' } });
    const leaks = await cypher<{ n: number }>(
      `CALL () { MATCH (n) WHERE any(k IN keys(n) WHERE n[k] = $sub) RETURN count(n) AS c
                 UNION ALL MATCH ()-[r]->() WHERE any(k IN keys(r) WHERE r[k] = $sub) RETURN count(r) AS c }
       RETURN sum(c) AS n`,
      { sub },
    );
    expect(leaks).toEqual([{ n: 0 }]);
  });

  it('refuses expired or too old tokens, wrong audience, wrong issuer, wrong signature, a missing, wrong or unissued nonce', async () => {
    const user = await newUser();
    users.push(user.id);
    const sub = unique('s');
    const now = Math.floor(Date.now() / 1000);
    // A refused token does not spend the nonce: every case but the last presents this one.
    const nonce = await nonceFor(user.token);
    const cases: [string, string, string][] = [
      ['EXPIRED', await idToken({ sub, nonce }, { exp: now - 3600, iat: now - 3700 }), nonce],
      // Issued 11 minutes ago, still unexpired: older than the 600 s an ID token may be.
      ['TOO_OLD', await idToken({ sub, nonce }, { iat: now - 660, exp: now + 3600 }), nonce],
      ['WRONG_AUDIENCE', await idToken({ sub, nonce }, { aud: 'someone-else' }), nonce],
      ['WRONG_ISSUER', await idToken({ sub, nonce }, { iss: 'https://evil.example' }), nonce],
      ['BAD_SIGNATURE', await idToken({ sub, nonce }, { key: strangerKey }), nonce],
      ['NONCE_MISMATCH', await idToken({ sub, nonce: 'a' }), nonce],
      ['NONCE_MISMATCH', await idToken({ sub }), nonce],
      ['MALFORMED', 'not.a.jwt', nonce],
      // Well signed, fresh, nonce matching the claim, but Credence never issued it to this person.
      ['NONCE_NOT_ISSUED', await idToken({ sub, nonce: 'chosen-by-the-caller' }), 'chosen-by-the-caller'],
    ];
    for (const [expected, token, nonce] of cases) {
      const response = await gql(LINK, { input: { provider, idToken: token, nonce } }, { token: user.token });
      expect([expected, codes(response)]).toEqual([expected, ['BAD_USER_INPUT']]);
      expect(reason(response)).toBe(expected);
    }
    const mine = await gql('{ me { identities { totalCount } } }', {}, { token: user.token });
    expect(mine.data).toEqual({ me: { identities: { totalCount: 0 } } });
  });

  it('a token is linked once; the same identity on a second account is a CONFLICT; an unknown provider NOT_FOUND; anonymous refused', async () => {
    const [first, second] = await Promise.all([newUser(), newUser()]);
    users.push(first.id, second.id);
    const sub = unique('s');
    const nonce = await nonceFor(first.token);
    const token = await idToken({ sub, nonce });
    expect(
      (await gql(LINK, { input: { provider, idToken: token, nonce } }, { token: first.token })).data,
    ).toBeTruthy();
    // Re-presenting the same token is a replay: its nonce is spent.
    expect(
      reason(await gql(LINK, { input: { provider, idToken: token, nonce } }, { token: first.token })),
    ).toBe('NONCE_NOT_ISSUED');
    // A new sign-in of the same identity for the same account refreshes the link.
    const again = await nonceFor(first.token);
    expect(
      codes(
        await gql(
          LINK,
          { input: { provider, idToken: await idToken({ sub, nonce: again }), nonce: again } },
          { token: first.token },
        ),
      ),
    ).toEqual([]);
    const secondNonce = await nonceFor(second.token);
    expect(
      codes(
        await gql(
          LINK,
          { input: { provider, idToken: await idToken({ sub, nonce: secondNonce }), nonce: secondNonce } },
          { token: second.token },
        ),
      ),
    ).toEqual(['CONFLICT']);
    expect(
      codes(await gql(LINK, { input: { provider: 'nope', idToken: token, nonce } }, { token: second.token })),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await gql(LINK, { input: { provider, idToken: token, nonce } }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});
