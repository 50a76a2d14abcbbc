/**
 * Section 5 of the privacy issue, played as an adversary through HTTP: admin writes that leave no trace, bearer
 * tokens that never expire, OpenID Connect tokens replayed or stolen, identities that count forever, traces and
 * CORS that tell a stranger more than they should in production.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSchema } from '../../../gateway.js';
import { RULES, POLICY, type RuleName } from '../../../src/policy/policy.js';
import { startGateway, type Gateway } from '../../../src/server.js';
import { mintToken } from '../../../src/auth/tokens.js';
import { codes, config, cypher, driver, gql, newUser, removeUsers, unique } from '../helpers.js';
import { removePartners } from '../partner-helpers.js';

const users: string[] = [];
const partners: string[] = [];
const admins: string[] = [];
const encoder = new TextEncoder();

afterAll(async () => {
  await cypher('MATCH (n:IdentityLinkNonce) WHERE n.userId IN $users DELETE n', { users });
  await removeUsers(users);
  await removePartners(partners);
  await cypher('MATCH (a:AuditEntry) WHERE a.actorId IN $admins DELETE a', { admins });
});

/** A fresh admin whose id names only this test's entries. */
async function newAdmin(): Promise<{ id: string; token: string }> {
  const id = unique('admin');
  admins.push(id);
  return { id, token: await mintToken(config.jwtSecret, { sub: id, role: 'admin' }) };
}

interface AuditRow {
  actorId: string;
  action: string;
  targetId: string | null;
}

/**
 * The audit log as an admin reads it over HTTP: its total, and the entries (newest first) of one actor among the
 * newest 100. Other test files write entries in parallel, so the total may move by more than this test's own;
 * the actor's entries are this test's alone.
 */
async function auditOf(token: string, actorId: string): Promise<{ total: number; mine: AuditRow[] }> {
  const response = await gql<{
    auditLog: { totalCount: number; edges: { node: AuditRow }[] };
  }>('{ auditLog(first: 100) { totalCount edges { node { actorId action targetId } } } }', {}, { token });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return {
    total: response.data!.auditLog.totalCount,
    mine: response.data!.auditLog.edges.map((e) => e.node).filter((n) => n.actorId === actorId),
  };
}

/** Runs one admin write and asserts it added exactly one entry naming the admin, the action and the target. */
async function expectAudited(
  admin: { id: string; token: string },
  write: () => Promise<{ errors?: unknown[] }>,
  expected: { action: string; targetId: () => string | null },
): Promise<void> {
  const before = await auditOf(admin.token, admin.id);
  const response = await write();
  expect(response.errors).toBeUndefined();
  const after = await auditOf(admin.token, admin.id);
  expect(after.total - before.total).toBeGreaterThanOrEqual(1);
  expect(after.mine.length - before.mine.length).toBe(1);
  expect(after.mine[0]).toEqual({
    actorId: admin.id,
    action: expected.action,
    targetId: expected.targetId(),
  });
}

describe('every admin write is audited in its own transaction', () => {
  /**
   * Every mutation an admin may call, and what it leaves in the audit log. A new mutation whose rule admits an
   * admin fails the first test until it is classified here.
   */
  const ADMIN_CAPABLE: Record<string, string> = {
    // Audited admin writes (the action each records); tested below unless noted.
    registerUser: 'USER_REGISTERED (an admin opening an account for someone)',
    updateProfile: "USER_PROFILE_UPDATED (an admin changing someone else's profile)",
    linkIdentity: 'IDENTITY_LINKED',
    unlinkIdentity: 'IDENTITY_UNLINKED',
    createPartner: 'PARTNER_CREATED',
    rotatePartnerKey: 'PARTNER_KEY_ROTATED',
    revokePartnerKey: 'PARTNER_KEY_REVOKED',
    configureIdentityProvider: 'IDENTITY_PROVIDER_CONFIGURED',
    recomputeTrust: 'TRUST_RECOMPUTED',
    setAnchor: 'ANCHOR_SET / ANCHOR_REMOVED',
    // Audited by their own domains' work (tested there).
    resolveDispute: 'DISPUTE_<outcome> (src/privacy)',
    recordEvent: 'audited by src/relationships',
    resolveDefault:
      'EVENT_RESOLVED, audited by src/relationships (tested in test/integration/trust-model.test.ts)',
    updatePerk: 'audited by src/perks',
    archivePerk: 'audited by src/perks',
    revokeEndorsement: "ENDORSEMENT_REVOKED (an admin revoking someone else's endorsement)",
    // An admin calling these acts as the person they are, on their own account: not an admin write.
    endorse: 'self',
    rate: 'self',
    report: 'self',
    grantConsent: 'self',
    revokeConsent: 'self',
    disputeItem: 'self',
    deleteMe: 'self',
    startIdentityLink: 'self',
    linkVerifiedIdentity: 'self',
    setScoringConsent: 'self',
  };

  it('classifies every mutation an admin may call', () => {
    const admin = { kind: 'admin', userId: 'a' } as const;
    const capable = Object.entries(POLICY.Mutation!)
      .filter(([, rule]) => RULES[rule as RuleName](admin, {}) === true)
      .map(([name]) => name)
      .sort();
    expect(capable).toEqual(Object.keys(ADMIN_CAPABLE).sort());
  });

  it('registerUser and updateProfile for someone else name the admin; a person editing themself is not an admin write', async () => {
    const admin = await newAdmin();
    const handle = unique('reg').toLowerCase();
    let registered = '';
    await expectAudited(
      admin,
      async () => {
        const r = await gql<{ registerUser: { id: string } }>(
          'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id } }',
          { input: { handle } },
          { token: admin.token },
        );
        registered = r.data?.registerUser.id ?? '';
        users.push(registered);
        return r;
      },
      { action: 'USER_REGISTERED', targetId: () => registered },
    );
    const person = await newUser('Before');
    users.push(person.id);
    await expectAudited(
      admin,
      () =>
        gql(
          'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }',
          { input: { userId: person.id, displayName: 'Changed by an admin' } },
          { token: admin.token },
        ),
      { action: 'USER_PROFILE_UPDATED', targetId: () => person.id },
    );
    // The admin editing their own profile (they have one) is not an admin write.
    const adminAsPerson = await gql(
      'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id } }',
      { input: { handle: unique('adm').toLowerCase() } },
      { token: await mintToken(config.jwtSecret, { sub: admin.id, role: 'user' }) },
    );
    expect(adminAsPerson.errors).toBeUndefined();
    users.push(admin.id);
    const before = await auditOf(admin.token, admin.id);
    expect(
      (
        await gql(
          'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }',
          { input: { displayName: 'Mine' } },
          { token: admin.token },
        )
      ).errors,
    ).toBeUndefined();
    expect((await auditOf(admin.token, admin.id)).mine).toEqual(before.mine);
  });

  it("an admin revoking someone else's endorsement names the admin and the endorsee", async () => {
    const admin = await newAdmin();
    const [endorser, endorsee] = [await newUser(), await newUser()];
    users.push(endorser.id, endorsee.id);
    const made = await gql<{ endorse: { id: string } }>(
      'mutation($t: ID!) { endorse(input: { targetId: $t, strength: 3 }) { id } }',
      { t: endorsee.id },
      { token: endorser.token },
    );
    await expectAudited(
      admin,
      () =>
        gql(
          'mutation($id: ID!) { revokeEndorsement(id: $id) }',
          { id: made.data!.endorse.id },
          { token: admin.token },
        ),
      { action: 'ENDORSEMENT_REVOKED', targetId: () => endorsee.id },
    );
  });

  it('linkIdentity and unlinkIdentity name the admin and the person; a refused link writes nothing', async () => {
    const admin = await newAdmin();
    const person = await newUser();
    users.push(person.id);
    let identityId = '';
    await expectAudited(
      admin,
      async () => {
        const r = await gql<{ linkIdentity: { id: string } }>(
          'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
          { input: { userId: person.id, provider: 'eid-gov', subject: unique('sub'), assurance: 'HIGH' } },
          { token: admin.token },
        );
        identityId = r.data?.linkIdentity.id ?? '';
        return r;
      },
      { action: 'IDENTITY_LINKED', targetId: () => person.id },
    );
    await expectAudited(
      admin,
      () => gql('mutation($id: ID!) { unlinkIdentity(id: $id) }', { id: identityId }, { token: admin.token }),
      { action: 'IDENTITY_UNLINKED', targetId: () => person.id },
    );
    // Nothing half-written: an unknown person is NOT_FOUND and no entry claims a link.
    const before = await auditOf(admin.token, admin.id);
    const refused = await gql(
      'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
      { input: { userId: unique('nobody'), provider: 'eid-gov', subject: unique('sub'), assurance: 'HIGH' } },
      { token: admin.token },
    );
    expect(codes(refused)).toEqual(['NOT_FOUND']);
    expect((await auditOf(admin.token, admin.id)).mine).toEqual(before.mine);
  });

  it('partner keys, anchors and recomputation name the admin', async () => {
    const admin = await newAdmin();
    let partnerId = '';
    await expectAudited(
      admin,
      async () => {
        const r = await gql<{ createPartner: { partner: { id: string } } }>(
          'mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } apiKey } }',
          { input: { name: unique('audited'), scopes: ['ELIGIBILITY_CHECK'] } },
          { token: admin.token },
        );
        partnerId = r.data?.createPartner.partner.id ?? '';
        partners.push(partnerId);
        return r;
      },
      { action: 'PARTNER_CREATED', targetId: () => partnerId },
    );
    await expectAudited(
      admin,
      () =>
        gql(
          'mutation($p: ID!) { rotatePartnerKey(partnerId: $p) { apiKey } }',
          { p: partnerId },
          { token: admin.token },
        ),
      { action: 'PARTNER_KEY_ROTATED', targetId: () => partnerId },
    );
    await expectAudited(
      admin,
      () =>
        gql(
          'mutation($p: ID!) { revokePartnerKey(partnerId: $p) { id } }',
          { p: partnerId },
          { token: admin.token },
        ),
      { action: 'PARTNER_KEY_REVOKED', targetId: () => partnerId },
    );
    const person = await newUser();
    users.push(person.id);
    await gql('mutation { setScoringConsent(enabled: true) { id } }', {}, { token: person.token });
    await expectAudited(
      admin,
      () =>
        gql(
          'mutation($u: ID!) { setAnchor(userId: $u, anchor: true) { id } }',
          { u: person.id },
          { token: admin.token },
        ),
      { action: 'ANCHOR_SET', targetId: () => person.id },
    );
    await expectAudited(
      admin,
      () =>
        gql(
          'mutation($u: ID!) { setAnchor(userId: $u, anchor: false) { id } }',
          { u: person.id },
          { token: admin.token },
        ),
      { action: 'ANCHOR_REMOVED', targetId: () => person.id },
    );
    await expectAudited(
      admin,
      () =>
        gql(
          'mutation($u: ID!) { recomputeTrust(userId: $u) { value } }',
          { u: person.id },
          { token: admin.token },
        ),
      { action: 'TRUST_RECOMPUTED', targetId: () => person.id },
    );
  });
});

/** Signs an HS256 bearer token with the gateway's secret, with exactly the claims given. */
async function rawToken(claims: { sub: string; role?: string; iat?: number; exp?: number }) {
  const jwt = new SignJWT(claims.role ? { role: claims.role } : {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub);
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(encoder.encode(config.jwtSecret));
}

describe('bearer tokens must expire, and soon', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const whoAmI = (token: string) => gql('{ me { id } }', {}, { token });

  it('refuses a token without exp, even a validly signed admin token', async () => {
    const response = await whoAmI(await rawToken({ sub: unique('admin'), role: 'admin', iat: now() }));
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0]!.message).toBe('The token has no exp claim');
    expect(response.status).toBe(401);
  });

  it('refuses a token that lives longer than the maximum (24 h by default), by exp or by exp − iat', async () => {
    expect(config.jwtMaxLifetimeSeconds).toBe(86_400);
    // A year ahead, no iat: bounded from now.
    const farExp = await whoAmI(await rawToken({ sub: unique('u'), exp: now() + 365 * 86_400 }));
    expect(codes(farExp)).toEqual(['UNAUTHENTICATED']);
    // Issued two days ago, valid one more hour: lived 49 h.
    const longLived = await whoAmI(
      await rawToken({ sub: unique('u'), iat: now() - 2 * 86_400, exp: now() + 3600 }),
    );
    expect(codes(longLived)).toEqual(['UNAUTHENTICATED']);
    // 24 h exactly is accepted.
    const person = await newUser();
    users.push(person.id);
    const day = await whoAmI(await rawToken({ sub: person.id, iat: now(), exp: now() + 86_400 }));
    expect(day.data).toEqual({ me: { id: person.id } });
  });

  it('`npm run token` still mints a token the gateway accepts (12 h)', async () => {
    const person = await newUser();
    users.push(person.id);
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/token.ts', '--user', person.id], {
      env: process.env,
    });
    const response = await whoAmI(stdout.trim());
    expect(response.data).toEqual({ me: { id: person.id } });
    const { stdout: tooLong } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/token.ts', '--user', person.id, '--expires', '30d'],
      { env: process.env },
    );
    expect(codes(await whoAmI(tooLong.trim()))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('OpenID Connect linking: nonce, token age, identity expiry', () => {
  const audience = 'credence-adversary';
  const provider = unique('oidc-adv').toLowerCase();
  const shortProvider = unique('oidc-short').toLowerCase();
  let issuer: string;
  let server: Server;
  let key: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      if (req.url === '/jwks')
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = await newAdmin();
    for (const [name, identityValidityDays] of [
      [provider, null],
      [shortProvider, 30],
    ] as const) {
      const configured = await gql(
        'mutation($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { name identityValidityDays } }',
        {
          input: {
            name,
            issuer,
            audience,
            jwksUri: `${issuer}/jwks`,
            assurance: 'SUBSTANTIAL',
            identityValidityDays,
          },
        },
        { token: admin.token },
      );
      expect(configured.data).toEqual({ configureIdentityProvider: { name, identityValidityDays } });
    }
  });

  afterAll(async () => {
    await cypher('MATCH (p:IdentityProvider) WHERE p.name IN $names DELETE p', {
      names: [provider, shortProvider],
    });
    await new Promise((done) => server.close(done));
  });

  const idToken = (claims: Record<string, unknown> & { sub: string }) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(now - 5)
      .setExpirationTime(now + 300)
      .sign(key);
  };
  const start = async (token: string, name = provider) => {
    const r = await gql<{ startIdentityLink: { nonce: string; expiresAt: string } }>(
      'mutation($p: String!) { startIdentityLink(provider: $p) { nonce expiresAt } }',
      { p: name },
      { token },
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.startIdentityLink;
  };
  const link = (token: string, input: { provider?: string; idToken: string; nonce: string }) =>
    gql<{ linkVerifiedIdentity: { expiresAt: string } }>(
      'mutation($input: LinkVerifiedIdentityInput!) { linkVerifiedIdentity(input: $input) { expiresAt } }',
      { input: { provider, ...input } },
      { token },
    );
  const reasonOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    r.errors?.[0]?.extensions?.reason;

  it("a victim's ID token, stolen with its nonce, cannot be linked to the thief's account; the victim still can", async () => {
    const [victim, thief] = await Promise.all([newUser(), newUser()]);
    users.push(victim.id, thief.id);
    const { nonce } = await start(victim.token);
    const stolen = await idToken({ sub: unique('victim-sub'), nonce });
    const attempt = await link(thief.token, { idToken: stolen, nonce });
    expect(codes(attempt)).toEqual(['BAD_USER_INPUT']);
    expect(reasonOf(attempt)).toBe('NONCE_NOT_ISSUED');
    // The thief's own nonce does not help: the token's nonce claim is the victim's.
    const own = await start(thief.token);
    expect(reasonOf(await link(thief.token, { idToken: stolen, nonce: own.nonce }))).toBe('NONCE_MISMATCH');
    expect((await gql('{ me { identities { totalCount } } }', {}, { token: thief.token })).data).toEqual({
      me: { identities: { totalCount: 0 } },
    });
    expect((await link(victim.token, { idToken: stolen, nonce })).errors).toBeUndefined();
    // …once: a replay by the victim's own session is refused too.
    expect(reasonOf(await link(victim.token, { idToken: stolen, nonce }))).toBe('NONCE_NOT_ISSUED');
  });

  it('a nonce past its expiry is refused, and one issued for another provider does not fit', async () => {
    const person = await newUser();
    users.push(person.id);
    const before = Date.now();
    const issued = await start(person.token);
    const after = Date.now();
    // Its validity is the maximum ID-token age (600 s by default), from the moment it was issued (bracketed by
    // the request, however long that took; 1 s for the stored time's rounding).
    const expiresAt = Date.parse(issued.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000 - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(after + 600_000 + 1_000);
    await cypher(
      'MATCH (n:IdentityLinkNonce {userId: $u}) SET n.expiresAt = datetime() - duration({seconds: 1})',
      { u: person.id },
    );
    const expired = await link(person.token, {
      idToken: await idToken({ sub: unique('s'), nonce: issued.nonce }),
      nonce: issued.nonce,
    });
    expect(reasonOf(expired)).toBe('NONCE_NOT_ISSUED');
    // Expired nonces do not accumulate: anyone's next start sweeps them.
    const other = await newUser();
    users.push(other.id);
    await start(other.token);
    expect(
      await cypher('MATCH (n:IdentityLinkNonce {userId: $u}) RETURN n.provider AS provider', {
        u: person.id,
      }),
    ).toEqual([]);
    const forShort = await start(person.token, shortProvider);
    const crossed = await link(person.token, {
      idToken: await idToken({ sub: unique('s'), nonce: forShort.nonce }),
      nonce: forShort.nonce,
    });
    expect(reasonOf(crossed)).toBe('NONCE_NOT_ISSUED');
  });

  it('outstanding nonces per person stay bounded (5): a sixth drops the oldest', async () => {
    const person = await newUser();
    users.push(person.id);
    const nonces: string[] = [];
    for (let i = 0; i < 7; i++) nonces.push((await start(person.token)).nonce);
    const [{ n }] = (await cypher<{ n: number }>(
      'MATCH (n:IdentityLinkNonce {userId: $u}) RETURN toFloat(count(n)) AS n',
      { u: person.id },
    )) as [{ n: number }];
    expect(n).toBe(5);
    const oldest = nonces[0]!;
    expect(
      reasonOf(
        await link(person.token, {
          idToken: await idToken({ sub: unique('s'), nonce: oldest }),
          nonce: oldest,
        }),
      ),
    ).toBe('NONCE_NOT_ISSUED');
    const newest = nonces[6]!;
    expect(
      (
        await link(person.token, {
          idToken: await idToken({ sub: unique('s'), nonce: newest }),
          nonce: newest,
        })
      ).errors,
    ).toBeUndefined();
  });

  it("a linked identity expires: after the provider's identityValidityDays, else after the 90-day default", async () => {
    const person = await newUser();
    users.push(person.id);
    const day = 86_400_000;
    for (const [name, days] of [
      [provider, 90],
      [shortProvider, 30],
    ] as const) {
      const { nonce } = await start(person.token, name);
      const before = Date.now();
      const linked = await link(person.token, {
        provider: name,
        idToken: await idToken({ sub: unique('s'), nonce }),
        nonce,
      });
      expect(linked.errors).toBeUndefined();
      const expiresAt = Date.parse(linked.data!.linkVerifiedIdentity.expiresAt);
      expect(expiresAt).toBeGreaterThanOrEqual(before + days * day - 1000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + days * day + 1000);
    }
  });
});

describe('production transport: traces and CORS', () => {
  const TRACE_SECRET = 'r'.repeat(40);
  let gated: Gateway;
  let closed: Gateway;
  const query = '{ _service { sdl } }';

  beforeAll(async () => {
    [gated, closed] = await Promise.all([
      startGateway({
        schema: buildSchema(),
        driver,
        config: {
          ...config,
          production: true,
          traceSecret: TRACE_SECRET,
          corsOrigins: ['https://app.example'],
        },
        port: 0,
      }),
      startGateway({
        schema: buildSchema(),
        driver,
        config: { ...config, production: true, traceSecret: null, corsOrigins: [] },
        port: 0,
      }),
    ]);
  });
  afterAll(async () => {
    await gated?.stop();
    await closed?.stop();
  });

  async function post(url: string, headers: Record<string, string>) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { extensions?: Record<string, unknown>; errors?: unknown };
    return { response, body };
  }

  it('sends ftv1 traces only to a router that sends the configured secret', async () => {
    const asks = { 'apollo-federation-include-trace': 'ftv1' };
    expect((await post(gated.url, asks)).body.extensions?.ftv1).toBeUndefined();
    expect(
      (await post(gated.url, { ...asks, 'x-credence-trace-secret': 'r'.repeat(39) + 's' })).body.extensions
        ?.ftv1,
    ).toBeUndefined();
    const proven = await post(gated.url, { ...asks, 'x-credence-trace-secret': TRACE_SECRET });
    expect(typeof proven.body.extensions?.ftv1).toBe('string');
  });

  it('sends none at all in production without a secret, whatever the caller sends', async () => {
    const asks = { 'apollo-federation-include-trace': 'ftv1', 'x-credence-trace-secret': TRACE_SECRET };
    const answer = await post(closed.url, asks);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.extensions?.ftv1).toBeUndefined();
  });

  it('allows only configured origins; none by default in production', async () => {
    const evil = await post(gated.url, { origin: 'https://evil.example' });
    expect(evil.response.headers.get('access-control-allow-origin')).toBeNull();
    const app = await post(gated.url, { origin: 'https://app.example' });
    expect(app.response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const preflight = await fetch(closed.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // Outside production (the shared test gateway) Apollo Sandbox keeps working from any origin.
    const sandbox = await fetch(inject('gatewayUrl'), {
      method: 'OPTIONS',
      headers: { origin: 'https://studio.apollographql.com', 'access-control-request-method': 'POST' },
    });
    expect(sandbox.headers.get('access-control-allow-origin')).toBe('*');
  });
});
