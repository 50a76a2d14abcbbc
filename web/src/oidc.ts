/**
 * OpenID Connect sign-in: the authorization code flow with PKCE for a public client (no secret in the browser),
 * with oauth4webapi. The provider is the one whose tokens the gateway verifies (CREDENCE_JWT_ISSUER); the app
 * sends the access token when the provider issues JWT access tokens (for the API audience), else the ID token.
 */
import * as oauth from 'oauth4webapi';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

const PENDING = 'credence.oidc';
const redirectUri = () => `${location.origin}/app/callback`;

/** Plain http is accepted only for a provider on this machine (development and the tests). */
const insecureLocal = (url: URL) =>
  url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    ? { [oauth.allowInsecureRequests]: true }
    : {};

async function authorizationServer(config: OidcConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecureLocal(issuer)));
}

export async function startSignIn(config: OidcConfig): Promise<void> {
  const as = await authorizationServer(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, config }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: config.scope,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }).toString();
  location.assign(url);
}

const isJwt = (token: string | undefined) => typeof token === 'string' && token.split('.').length === 3;

/** Completes the flow on /app/callback: the bearer token for the API and the account id (`sub`). */
export async function finishSignIn(current: URL): Promise<{ token: string; userId: string }> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!raw) throw new Error('No sign-in was started in this tab');
  const pending = JSON.parse(raw) as { verifier: string; state: string; nonce: string; config: OidcConfig };
  const as = await authorizationServer(pending.config);
  const client: oauth.Client = { client_id: pending.config.clientId };
  const parameters = oauth.validateAuthResponse(as, client, current, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    parameters,
    redirectUri(),
    pending.verifier,
    insecureLocal(new URL(pending.config.issuer)),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  const claims = oauth.getValidatedIdTokenClaims(result)!;
  const token = isJwt(result.access_token) ? result.access_token : result.id_token!;
  return { token, userId: claims.sub };
}
